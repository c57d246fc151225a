"""`painlog show`: print a day's log."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory, local_today, read_diary


def register(command: CommandFactory) -> None:
    """Add the `show` subcommand."""
    show = command(
        "show",
        "print a day's log",
        "examples:\n  painlog show\n  painlog show --date yesterday",
    )
    show.add_argument("--date", default="today", help="which day (default today)")
    show.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.rules.describe import day_heading, day_lines
    from painlog.rules.parsing import parse_date

    today = local_today()
    day = parse_date(args.date, today)
    with read_diary(args) as diary:
        log = diary.load_day(day)
        seeds = diary.catalogue()
    if log is None:
        print(f"{day_heading(day)}: nothing logged.")
    else:
        print("\n".join(day_lines(log, seeds)))
    return EXIT_OK
