"""`painlog log`: record a day from the shell."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory, local_today, open_diary


def register(command: CommandFactory) -> None:
    """Add the `log` subcommand."""
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
    log.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.rules.describe import day_heading, summary_text
    from painlog.rules.entry import check_day, check_pain
    from painlog.rules.parsing import parse_date, parse_exercises, parse_flags, parse_places
    from painlog.rules.records import DayLog
    from painlog.seeds.catalogue import OWN_PREFIX

    today = local_today()
    seeds = None
    if OWN_PREFIX in args.did.lower():
        # Only then is the diary read before the log is checked: its own exercises.
        from painlog.cli.exercises import diary_catalogue

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
    from painlog.cli.alerts import print_new_alerts
    from painlog.rules.windows import with_log
    from painlog.store.alerting import alert_views

    with open_diary(args) as diary:
        profile, acknowledged = diary.profile(), diary.acknowledged()
        history = diary.days(end=today)
        created = diary.save_day(log, today)
    # The alerts before and after this log, from one read: the rules are pure, so the
    # "after" set is the same as re-reading the database would give.
    before = alert_views(history, profile, acknowledged, today)
    after = alert_views(with_log(history, log), profile, acknowledged, today)
    verb = "Logged" if created else "Updated"
    print(f"{verb} {day_heading(log.day)}: {summary_text(log, seeds)}.")
    print_new_alerts(before, after)
    return EXIT_OK
