"""`painlog log`: record a day from the shell."""

from __future__ import annotations

import argparse
import contextlib

from painlog.cli import EXIT_OK, CommandFactory, local_today, open_diary, open_untouched
from painlog.cli.completers import (
    complete_did,
    complete_flag,
    complete_took,
    complete_treated,
    complete_where,
)


def register(command: CommandFactory) -> None:
    """Add the `log` subcommand."""
    log = command(
        "log",
        "record a day, or add to a day already logged",
        "examples:\n"
        "  painlog log 4\n"
        '  painlog log 5 --where "lower back left, outer hip" --did "walk 30min"\n'
        "  painlog log 5 --where lower-back:left:ache,hip-side:right --did walking:30min\n"
        "  painlog log 3 --date 2026-11-02 --did glute-bridge:3x10 --flag fever\n"
        "  painlog log 5 --took ibuprofen:400mg@08:00,ibuprofen@14:00 --treated heat\n"
        "\nOn a day already logged, the command changes only what it names: the pain, and\n"
        "--worst, --note and --bed-rest/--no-bed-rest when given (--worst none and\n"
        "--note '' clear them); --where, --did, --took, --treated and --flag add to the\n"
        "day's (an exercise given again with a dose takes the new dose; each --took item\n"
        "is one more intake). --replace replaces the whole day with exactly what the\n"
        "command gives.\n"
        "\nWith --at HH:MM the command adds a check-in to the day instead: the pain at that\n"
        "time, with --where and --note (a second check-in at the same time replaces it).\n"
        "A day logged only by check-ins takes their mean, rounded half up, as its pain and\n"
        "the highest as its worst, until you log the day's pain yourself. Examples:\n"
        "  painlog log 3 --at 8:00\n"
        '  painlog log 7 --at 14:30 --where "outer hip right" --note "after the stairs"\n'
        "\nPAIN is 0 (none) to 10 (worst imaginable): 1-3 mild, 4-6 moderate, 7-10 severe.\n"
        "\n" + vocabulary_help(),
    )
    log.add_argument("pain", metavar="PAIN", help="usual pain today (or at --at), 0-10")
    log.add_argument(
        "--at",
        default=None,
        metavar="HH:MM",
        help="add a check-in at this time of the day instead of setting the day",
    )
    log.add_argument("--date", default="today", help="today, yesterday, 'N days ago', ISO date")
    where = log.add_argument(
        "--where",
        default="",
        metavar="LOC[:SIDE][:CHARACTER],...",
        help="where it hurt: slugs, or words as in the app (lower back left sharp)",
    )
    did = log.add_argument(
        "--did",
        default="",
        metavar="SLUG[:DOSE],...",
        help="exercises done: slugs, or words as in the app (walk 30min)",
    )
    took = log.add_argument(
        "--took",
        default="",
        metavar="MED[:DOSE][@HH:MM],...",
        help="medication taken, one item per intake (painlog meds lists yours)",
    )
    treated = log.add_argument(
        "--treated",
        default="",
        metavar="TREATMENT,...",
        help="treatments done: heat, cold, massage, ... (painlog treatments lists them)",
    )
    flag = log.add_argument("--flag", default="", metavar="SLUG,...", help="warning signs noticed")
    # Read by argcomplete only when the shell asks for completions (`painlog completion`).
    where.completer = complete_where  # type: ignore[attr-defined]
    did.completer = complete_did  # type: ignore[attr-defined]
    flag.completer = complete_flag  # type: ignore[attr-defined]
    took.completer = complete_took  # type: ignore[attr-defined]
    treated.completer = complete_treated  # type: ignore[attr-defined]
    log.add_argument(
        "--worst", default=None, metavar="N", help="worst pain of the day, 0-10 (none clears it)"
    )
    log.add_argument(
        "--bed-rest",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the day was (or, with --no-bed-rest, was not) mostly spent in bed",
    )
    log.add_argument("--note", default=None, help="free text ('' clears it)")
    log.add_argument(
        "--for-report",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="put the day's note in the clinician's report (painlog report), or, with "
        "--no-for-report, take it out",
    )
    log.add_argument(
        "--replace",
        action="store_true",
        help="replace the whole day with what this command gives, instead of adding to it",
    )
    log.set_defaults(handler=run)


CHECKIN_OPTIONS = ("date", "where", "note")
"""What a check-in takes besides its pain and time."""


def run(args: argparse.Namespace) -> int:
    if args.at is not None:
        return run_checkin(args)
    today = local_today()
    with contextlib.ExitStack() as closing:
        return _log(args, today, closing)


def _log(args: argparse.Namespace, today, closing: contextlib.ExitStack) -> int:
    """`run`, with the diary it opens closed by `closing`."""
    from painlog.rules.day_change import KEEP, DayChange, apply_change, report_change
    from painlog.rules.describe import day_heading, summary_text
    from painlog.rules.entry import InvalidInput, check_day, check_pain
    from painlog.rules.intakes import parse_took, parse_treated
    from painlog.rules.parsing import parse_date, parse_exercises, parse_flags, parse_places
    from painlog.seeds.catalogue import OWN_PREFIX

    seeds = diary = None
    if args.did.strip() or args.took.strip() or args.treated.strip():
        # The diary's own lists, read before the log is checked: an own exercise may be
        # named without `own-`, and medications are only the person's. Opened untouched
        # and kept for the write, so a log refused on the way changes nothing.
        diary = open_untouched(args)
        if diary is not None:
            seeds = closing.enter_context(diary).catalogue()
        else:
            from painlog.cli.list_actions import diary_catalogue

            seeds = diary_catalogue(args)  # no diary yet, or one to upgrade: read-only
    change = DayChange(
        day=parse_date(args.date, today),
        pain=check_pain("pain", args.pain),
        worst=_worst(args.worst, check_pain),
        places=parse_places(args.where),
        exercises=parse_exercises(args.did, seeds),
        flags=parse_flags(args.flag),
        bed_rest=KEEP if args.bed_rest is None else args.bed_rest,
        note=KEEP if args.note is None else args.note,
        took=parse_took(args.took, seeds) if args.took.strip() else (),
        treated=parse_treated(args.treated, seeds) if args.treated.strip() else (),
    )
    # Refused before anything is written, so bad input never creates or touches a file.
    check_day(change.as_new_day(), today, seeds)
    if args.for_report and args.note is not None and not args.note.strip():
        raise InvalidInput("for-report", change.day.isoformat(), "a day with a note")
    from painlog.cli.alerts import print_new_alerts
    from painlog.rules.windows import with_log
    from painlog.store.alerting import alert_views

    def changed(held):
        log = _changed(held)
        # Checked inside the write, so a refusal leaves the day as it was.
        if args.for_report and not log.note.strip():
            raise InvalidInput(
                "for-report", log.day.isoformat(), "a day with a note (give --note TEXT)"
            )
        return log

    def _changed(held):
        if args.replace or held is None:
            return change.as_new_day()
        if held.worst is not None and change.worst is KEEP and held.worst < change.pain:
            raise InvalidInput(
                "worst",
                f"{held.worst} (kept from the day's log)",
                f"at least the new pain ({change.pain}): give --worst N, or --worst none",
            )
        return apply_change(held, change)

    if diary is None:
        diary = closing.enter_context(open_diary(args))
    profile, acknowledged = diary.profile(), diary.acknowledged()
    history = diary.days(end=today)
    before, after = diary.change_day(change.day, changed, today)
    if args.for_report is not None:
        diary.mark_for_report(change.day, args.for_report)
    if seeds is None and (
        after.log.took
        or any(d.slug.startswith(OWN_PREFIX) for d in after.log.exercises)
        or any(slug.startswith(OWN_PREFIX) for slug in after.log.treated)
    ):
        seeds = diary.catalogue()
    log = after.log
    # The alerts before and after this log, from one read: the rules are pure, so the
    # "after" set is the same as re-reading the database would give.
    before_alerts = alert_views(history, profile, acknowledged, today)
    after_alerts = alert_views(with_log(history, log), profile, acknowledged, today)
    if before is None:
        print(f"Logged {day_heading(log.day)}: {summary_text(log, seeds)}.")
    else:
        verb = "Replaced" if args.replace else "Updated"
        print(f"{verb} {day_heading(log.day)}: {summary_text(log, seeds)}.")
        report = report_change(before.log, log, seeds)
        print("Changed: " + ("; ".join(report.changed) if report.changed else "nothing") + ".")
        if report.kept and not args.replace:
            print("Kept: " + "; ".join(report.kept) + ".")
    if args.for_report is not None:
        print(
            "Its note goes in the clinician's report (painlog report)."
            if args.for_report
            else "Its note is left out of the clinician's report."
        )
    print_new_alerts(before_alerts, after_alerts)
    return EXIT_OK


def run_checkin(args: argparse.Namespace) -> int:
    """`painlog log PAIN --at HH:MM`: add a check-in to the day (or replace the one at that
    minute), and say what the day's pain is now."""
    from painlog.rules.checkins import checkin_at, with_checkin
    from painlog.rules.describe import checkin_text, day_heading, pain_text
    from painlog.rules.entry import InvalidInput, check_day, check_pain
    from painlog.rules.parsing import parse_date, parse_places, read_time
    from painlog.rules.records import CheckIn

    named = [
        f"--{option.replace('_', '-')}"
        for option in ("did", "took", "treated", "flag")
        if getattr(args, option).strip()
    ] + [
        f"--{option.replace('_', '-')}"
        for option in ("worst", "bed_rest", "for_report")
        if getattr(args, option) is not None
    ]
    if args.replace:
        named.append("--replace")
    if named:
        raise InvalidInput(
            "at",
            f"--at {args.at} with {', '.join(named)}",
            "a check-in with only PAIN, --date, --where and --note "
            "(log the rest of the day without --at)",
        )
    today = local_today()
    day = parse_date(args.date, today)
    checkin = CheckIn(
        read_time("at", args.at),
        check_pain("pain", args.pain),
        parse_places(args.where),
        args.note or "",
    )
    # Refused before the database is opened, as a day of this one check-in.
    check_day(with_checkin(None, day, checkin), today)
    from painlog.cli.alerts import print_new_alerts
    from painlog.rules.windows import with_log
    from painlog.store.alerting import alert_views

    with open_diary(args) as diary:
        profile, acknowledged = diary.profile(), diary.acknowledged()
        history = diary.days(end=today)
        before, after = diary.change_day(day, lambda held: with_checkin(held, day, checkin), today)
    log = before.log if before else None
    replaced = checkin_at(log, checkin.at) is not None
    print(
        f"Replaced the {checkin.at:%H:%M} check-in of {day_heading(day)}: "
        if replaced
        else f"Added a check-in to {day_heading(day)}: ",
        end="",
    )
    print(f"{checkin_text(checkin)}.")
    print(f"The day's pain: {pain_text(after.log, sources=True)}.")
    print_new_alerts(
        alert_views(history, profile, acknowledged, today),
        alert_views(with_log(history, after.log), profile, acknowledged, today),
    )
    return EXIT_OK


def vocabulary_help() -> str:
    """What --where and --flag accept, from the catalogue, wrapped for a terminal."""
    from textwrap import fill

    from painlog.seeds import catalogue

    seeds = catalogue()

    def listed(title: str, slugs) -> str:
        return fill(
            f"{title}: " + ", ".join(slugs) + ".",
            width=78,
            initial_indent="  ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )

    return "\n".join(
        [
            "--where takes a location, then optionally a side and a kind of pain, as slugs",
            "joined by colons (lower-back:left:sharp) or as words (lower back left sharp);",
            "a word that names more than one place is refused with the candidates.",
            listed("locations", (x.slug for x in seeds.locations)),
            listed("sides", seeds.sides),
            listed("kinds of pain", (x.slug for x in seeds.characters)),
            "--flag takes warning-sign slugs:",
            listed("signs", (x.slug for x in seeds.red_flags)),
            "--did takes exercise slugs or names, yours included; `painlog exercises` lists",
            "them. A dose follows: walking:30min, glute-bridge:3x10, or walk 30min.",
            "--took takes your medications (`painlog meds` lists and adds them), each with an",
            "optional dose and time: ibuprofen:400mg@08:00, or ibuprofen 400mg 8:00.",
            "--treated takes treatments by slug or name (`painlog treatments` lists them):",
            listed("treatments", (x.slug for x in seeds.treatments)),
        ]
    )


def _worst(text: str | None, check_pain):
    """The --worst value: KEEP when not given, None for `none`, else a checked score."""
    from painlog.rules.day_change import KEEP

    if text is None:
        return KEEP
    if text.strip().lower() == "none":
        return None
    return check_pain("worst", text)
