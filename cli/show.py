"""`painlog show`: print a day's log."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory, local_today, read_diary


def register(command: CommandFactory) -> None:
    """Add the `show` subcommand."""
    show = command(
        "show",
        "print a day's log",
        "examples:\n  painlog show\n  painlog show yesterday\n  painlog show last monday\n"
        "  painlog show --date 2026-11-03",
    )
    # The day may be given either way: `painlog show yesterday` (or `painlog show last
    # monday`, unquoted) is what people type first.
    show.add_argument("day", nargs="*", metavar="DATE", help="which day (default today)")
    show.add_argument("--date", default=None, help="which day, as DATE")
    show.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.rules.describe import day_heading, day_lines
    from painlog.rules.parsing import parse_date

    today = local_today()
    words = " ".join(args.day)
    if words and args.date is not None:
        from painlog.rules.entry import InvalidInput

        raise InvalidInput("date", f"{words} and {args.date}", "one date, given once")
    typed = args.date if args.date is not None else words if args.day else "today"
    day = parse_date(typed, today)
    with read_diary(args) as diary:
        log = diary.load_day(day)
        seeds = diary.catalogue()
    if log is None:
        print(f"{day_heading(day)}: nothing logged.")
    else:
        print("\n".join(day_lines(log, seeds)))
    return EXIT_OK
