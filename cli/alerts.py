"""`painlog alerts`: what the source rules say about the logs, in words or as JSON."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence

from painlog.cli import CommandFactory

LABELS = {
    "emergency": "EMERGENCY",
    "urgent": "SEE A CLINICIAN",
    "warning": "WARNING",
    "info": "NOTE",
}


def register(command: CommandFactory) -> None:
    """Add the `alerts` subcommand."""
    alerts = command(
        "alerts",
        "list the alerts the source rules raise on your logs",
        "examples:\n"
        "  painlog alerts\n"
        "  painlog alerts --as-of 2026-10-31\n"
        "  painlog alerts --json | jq '.[].kind'\n"
        "\nKinds, most serious first: emergency, same_day, see_clinician, red_flag,\n"
        "worsening, duration, keep_moving. Acknowledged alerts are listed too, marked as\n"
        "such. Without --json, anything the rules could not judge (too few days logged)\n"
        "is said after the alerts.",
    )
    alerts.add_argument(
        "--as-of", metavar="DATE", default=None, help="evaluate as if DATE were today"
    )
    alerts.add_argument("--json", action="store_true", help="print a JSON list")
    alerts.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from painlog.cli import local_today, read_diary, say
    from painlog.rules.describe import day_heading
    from painlog.rules.entry import InvalidInput
    from painlog.rules.parsing import parse_date
    from painlog.store.alerting import current_review

    today = local_today()
    as_of = today if args.as_of is None else parse_date(args.as_of, today, "as-of")
    if as_of > today:
        raise InvalidInput("as-of", args.as_of, f"today ({today.isoformat()}) or earlier")
    with read_diary(args) as diary:
        found = current_review(diary, as_of)
    views = found.views
    # The date used is said every time: `--as-of monday` shows which Monday was meant.
    when = day_heading(as_of)
    if args.json:
        if args.as_of is not None:
            say(f"alerts as of {when}")  # standard error: the output stays pure JSON
        print(json.dumps([view.as_json() for view in views], ensure_ascii=False, indent=2))
        return 0
    if views:
        parts = [f"Alerts as of {when}:", *(alert_text(view) for view in views)]
    else:
        parts = [f"No alerts as of {when}."]
    parts += ["\n".join(_wrapped(note, 78, first="Note: ")) for note in found.notes]
    print("\n\n".join(parts))
    return 0


def alert_text(view, width: int = 78) -> str:
    """An alert as a few wrapped lines for the terminal."""
    alert = view.alert
    heading = f"{LABELS[alert.severity]} ({alert.kind}, since {alert.since.isoformat()})"
    if view.acknowledged:
        heading += " - you said you have been assessed" if view.asks_assessed else " - acknowledged"
    lines = [heading]
    lines += _wrapped(alert.message, width)
    lines += _wrapped(f"Why: {alert.reason}", width)
    if alert.suggestions:
        from painlog.seeds import catalogue

        names = [catalogue().exercise(slug) for slug in alert.suggestions]
        lines += _wrapped(
            "Try: " + ", ".join(f"{x.name} ({x.dose})" for x in names if x is not None), width
        )
    if alert.advice:
        lines += _wrapped(alert.advice, width)
    lines += _wrapped(f"Source: {alert.source}", width)
    return "\n".join(lines)


def print_new_alerts(before: Sequence, after: Sequence) -> None:
    """After `painlog log`: print the alerts the new log raised (not active before it)."""
    known = {view.alert.key for view in before}
    fresh = [view for view in after if view.alert.key not in known]
    if fresh:
        print()
        print("\n\n".join(alert_text(view) for view in fresh))


def _wrapped(text: str, width: int, first: str = "  ") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent="  ") or [""]
