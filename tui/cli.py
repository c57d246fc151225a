"""The `painlog` command: the TUI with no arguments, or one subcommand per shell task.

Only argparse is imported at module level; each command imports what it needs, so
`painlog log` never pays for Textual and `painlog --help` pays for nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from painlog.store.clock import local_today

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 70

EPILOG = """\
examples:
  painlog                                   open today's log in the terminal app (F1: help)
  painlog log 4 --where lower-back:left --did walking,glute-bridge
  painlog log 6 --date yesterday --worst 8 --bed-rest --note "bad night"
  painlog show --date "3 days ago"
  painlog profile --birth-year 1968 --onset 2026-10-01
  painlog alerts                            what the source rules say about your logs
  painlog export -o for-my-gp.csv           the weekly summary for a clinician
  painlog status                            one line for a shell prompt or tmux

`painlog COMMAND --help` shows a command's options, with examples.
The database is in your user data folder unless --db PATH or PAINLOG_DB says otherwise;
PAINLOG_TODAY=YYYY-MM-DD pins the date painlog takes as today. NO_COLOR is honoured.
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with every subcommand and its help."""
    parser = _Parser(
        prog="painlog",
        description="A private pain diary for low back and hip pain.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="database file or SQLAlchemy URL")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    command = _command_factory(commands)
    log = command(
        "log",
        "record or update a day's log",
        "examples:\n"
        "  painlog log 4\n"
        "  painlog log 5 --where lower-back:left:ache,hip-side:right --did walking:30min\n"
        "  painlog log 3 --date 2026-11-02 --did glute-bridge:3x10 --flag fever\n"
        "\nPAIN is 0 (none) to 10 (worst imaginable): 1-3 mild, 4-6 moderate, 7-10 severe.\n"
        "Run `painlog exercises` for exercise slugs; locations, sides, characters and\n"
        "warning signs are listed when a value is refused.",
    )
    log.add_argument("pain", metavar="PAIN", help="usual pain today, 0-10")
    log.add_argument("--date", default="today", help="today, yesterday, 'N days ago', ISO date")
    log.add_argument(
        "--where", default="", metavar="LOC[:SIDE][:CHARACTER],...", help="where it hurt"
    )
    log.add_argument("--did", default="", metavar="SLUG[:DOSE],...", help="exercises done")
    log.add_argument("--flag", default="", metavar="SLUG,...", help="warning signs noticed")
    log.add_argument("--worst", default=None, metavar="N", help="worst pain of the day, 0-10")
    log.add_argument("--bed-rest", action="store_true", help="the day was mostly spent in bed")
    log.add_argument("--note", default="", help="free text")
    log.set_defaults(handler=_cmd_log)

    show = command(
        "show",
        "print a day's log",
        "examples:\n  painlog show\n  painlog show --date yesterday",
    )
    show.add_argument("--date", default="today", help="which day (default today)")
    show.set_defaults(handler=_cmd_show)

    profile = command(
        "profile",
        "show or set your birth year and the date the pain started",
        "examples:\n  painlog profile\n  painlog profile --birth-year 1968 --onset '6 weeks ago'"
        "\n  painlog profile --onset none",
    )
    profile.add_argument("--birth-year", metavar="YEAR", help="used for the age warning sign")
    profile.add_argument("--onset", metavar="DATE", help="when this episode of pain started")
    profile.set_defaults(handler=_cmd_profile)

    # Each further group of commands lives in its own module and registers itself here.
    from painlog.tui import (
        cli_alerts,
        cli_exercises,
        cli_review,
        cli_safety,
        cli_status,
        cli_transfer,
    )

    for module in (cli_exercises, cli_alerts, cli_safety, cli_transfer, cli_status, cli_review):
        module.register(command)
    return parser


CommandFactory = Callable[[str, str, str], argparse.ArgumentParser]


def _command_factory(commands) -> CommandFactory:
    """A function that adds one subcommand with help, examples and its own `--db`."""

    def command(name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        # SUPPRESS keeps a --db given before the command from being reset to None.
        sub.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file or URL"
        )
        return sub

    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Bad input and a database that cannot be used (newer, damaged, read-only, full disk)
    are reported in one line with status 2. Anything else is a bug: it goes to the error
    log (never note text) and is reported in one line with status 70. No traceback.
    """
    command = None
    try:
        args = build_parser().parse_args(argv)
        command = getattr(args, "command", None)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            return _run_app(args)
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return _report_failure(error, sys.argv[1:] if argv is None else argv, command)


def _report_failure(error: Exception, argv: Sequence[str], command: str | None) -> int:
    """Print one line for `error`; log it first when it is a bug. Returns the status."""
    from painlog.rules.entry import InvalidInput
    from painlog.store.errors import StoreError, explain

    if isinstance(error, InvalidInput | StoreError):
        print(f"painlog: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(error, UnicodeError):
        print(
            "painlog: text: characters that are not valid UTF-8 are not accepted (check the "
            "terminal's character encoding); nothing was saved",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    explained = explain(error)
    if explained is not None:
        print(f"painlog: {explained}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from painlog.store.errorlog import log_unexpected

    # Whatever was typed (a note, places) must not reach the log, even inside a message.
    typed = [
        text.partition("=")[2] if text.startswith("-") else text
        for text in map(str, argv)
        if text != command
    ]
    logged = log_unexpected(error, context=f"painlog {command or '(app)'}", redact=typed)
    where = f"details in {logged}" if logged is not None else "the error log could not be written"
    print(f"painlog: unexpected error ({where})", file=sys.stderr)
    return EXIT_UNEXPECTED


def _run_app(args: argparse.Namespace) -> int:
    from painlog.tui.app import PainlogApp

    app = PainlogApp(db=args.db, today=local_today(), welcome=True)
    app.run()
    return app.return_code or EXIT_OK


def _cmd_log(args: argparse.Namespace) -> int:
    from painlog.rules.describe import day_heading, summary_text
    from painlog.rules.entry import check_day, check_pain
    from painlog.rules.parsing import parse_date, parse_exercises, parse_flags, parse_places
    from painlog.rules.records import DayLog
    from painlog.seeds.catalogue import OWN_PREFIX

    today = local_today()
    seeds = None
    if OWN_PREFIX in args.did.lower():
        # Only then is the diary read before the log is checked: its own exercises.
        from painlog.tui.cli_exercises import diary_catalogue

        seeds = diary_catalogue(args)
    log = DayLog(
        day=parse_date(args.date, today),
        pain=check_pain("pain", args.pain),
        worst=None if args.worst is None else check_pain("worst", args.worst),
        places=parse_places(args.where),
        exercises=parse_exercises(args.did, seeds),
        flags=parse_flags(args.flag),
        bed_rest=args.bed_rest,
        note=args.note,
    )
    # Refuse before opening the database so bad input never creates or touches a file.
    check_day(log, today, seeds)
    from painlog.store.alert_read import before_and_after
    from painlog.store.alerting import alert_views
    from painlog.tui.cli_alerts import print_new_alerts

    with open_diary(args) as diary:
        profile, acknowledged = diary.profile(), diary.acknowledged()
        history, replaced = before_and_after(diary, profile, today, log)
        created = diary.save_day(log, today)
    # The alerts before and after this log, from one read: the rules are pure, so the
    # "after" set is the same as re-reading the database would give.
    before = alert_views(history, profile, acknowledged, today)
    after = alert_views(replaced, profile, acknowledged, today)
    verb = "Logged" if created else "Updated"
    print(f"{verb} {day_heading(log.day)}: {summary_text(log, seeds)}.")
    print_new_alerts(before, after)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from painlog.rules.describe import day_heading, day_lines
    from painlog.rules.parsing import parse_date

    today = local_today()
    day = parse_date(args.date, today)
    with open_diary(args) as diary:
        log = diary.load_day(day)
        seeds = diary.catalogue()
    if log is None:
        print(f"{day_heading(day)}: nothing logged.")
    else:
        print("\n".join(day_lines(log, seeds)))
    return EXIT_OK


def _cmd_profile(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from painlog.rules.entry import InvalidInput, check_profile
    from painlog.rules.parsing import parse_date
    from painlog.rules.records import Profile

    today = local_today()
    changes: dict[str, object] = {}
    if args.birth_year is not None:
        text = args.birth_year.strip().lower()
        if text == "none":
            changes["birth_year"] = None
        elif text.isascii() and text.isdigit():
            changes["birth_year"] = int(text)
        else:
            raise InvalidInput("birth-year", args.birth_year, "a four-digit year, or none")
    if args.onset is not None:
        text = args.onset.strip().lower()
        changes["onset"] = None if text == "none" else parse_date(args.onset, today, "onset")
    if changes:
        # Check what can be checked alone before the database is opened (or created).
        check_profile(Profile(changes.get("birth_year"), changes.get("onset")), today)
    with open_diary(args) as diary:
        profile = diary.profile()
        if changes:
            profile = replace(profile, **changes)
            diary.save_profile(profile, today)
    from painlog.rules.episodes import age_flag

    print(f"Birth year:   {profile.birth_year or 'not given'}")
    if (age_reason := age_flag(profile, today)) is not None:
        # Said here once rather than in every daily alert (the three-criteria rule).
        print(
            f"              {age_reason}: counts as one warning sign when painlog checks "
            "whether your pain should be looked at"
        )
    print(f"Pain started: {profile.onset.isoformat() if profile.onset else 'not given'}")
    print(f"Database:     {diary.location.display}")
    return EXIT_OK


def open_diary(args: argparse.Namespace):
    """The diary named by `--db` (or PAINLOG_DB, or the default), opened for one command."""
    from painlog.store.diary import Diary

    return Diary.open(args.db)


if __name__ == "__main__":
    sys.exit(main())
