"""`painlog status`: one short line for a shell prompt or a tmux status bar.

    pain 4 today | 1 alert: worsening
    not logged today (last: pain 5, 2 days ago) | no alerts
    pain 2 today | 3 alerts: emergency

A status bar runs this every few seconds, so it must cost next to nothing: it never
imports Textual, and for a diary file it does not import SQLAlchemy either (that import
alone takes longer than everything else put together). It reads the file through the
standard library's `sqlite3`, read-only, on one connection, and never writes: no file is
created, no backup copy is made, no schema is migrated. Anything the fast reader does not
recognise (a server URL, another schema version) goes through `Diary` as every other
command does, which explains the problem in its own words.

A missing diary is not an error here: the line says so on stdout, exit status 0, nothing
on stderr, so a prompt set up before the first `painlog` stays quiet.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date

NO_DIARY = "painlog: no diary yet"
UNREADABLE = "painlog: diary unreadable"

EPILOG = """\
examples:
  painlog status
  painlog --db ~/pain.db status

  In ~/.tmux.conf, to see it in the status bar (refreshed every 60 seconds):
    set -g status-right '#(painlog status) | %H:%M'
    set -g status-interval 60

  In a bash prompt:
    PS1='[$(painlog status)] \\w \\$ '

The line reads: today's pain, or when you last logged; then how many alerts are
active (acknowledged ones included) and the most serious one, for example
  pain 4 today | 1 alert: worsening
  not logged today (last: pain 5, 2 days ago) | no alerts
  nothing logged yet | no alerts
Kinds, most serious first: emergency, see clinician, red flag, worsening,
duration, keep moving (`painlog alerts` says more). With no diary yet it prints
"painlog: no diary yet" and exits 0; it never creates the database."""


def register(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """Add the `status` subcommand."""
    status = command(
        "status",
        "print one short line (today's pain, the most serious alert) for a prompt or tmux",
        EPILOG,
    )
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from painlog.cli import local_today
    from painlog.store.location import resolve_location
    from painlog.store.quick_read import NotForQuickRead, read_alert_inputs

    today = local_today()
    location = resolve_location(getattr(args, "db", None))
    path = location.path
    if path is not None and not location.url.startswith("sqlite"):
        path = None  # a server database: only the store knows how to read it
    if path is not None:
        if not path.exists():
            print(NO_DIARY)
            return 0
        try:
            logs, profile = read_alert_inputs(path, today)
        except NotForQuickRead:
            pass  # the store opens it below and says what is wrong
        else:
            print(status_line(logs, profile, today))
            return 0
    return _through_the_store(location, today)


def _through_the_store(location, today: date) -> int:
    """The slow path: open the diary as every other command does."""
    from painlog.store.diary import Diary
    from painlog.store.errors import StoreError

    try:
        with Diary.open(location) as diary:
            logs = diary.days(end=today)
            profile = diary.profile()
    except StoreError as error:
        # The status bar shows a word; the reason goes where a person would look for it.
        print(UNREADABLE)
        print(f"painlog: {error}", file=sys.stderr)
        return 2
    print(status_line(logs, profile, today))
    return 0


def status_line(logs: Sequence, profile, today: date) -> str:
    """The one line: the latest log up to `today`, then the active alerts.

    Args:
        logs: Day logs up to `today`, oldest first.
        profile: The person's profile (the age red flag and the onset count).
        today: The person's local date.
    """
    from painlog.rules.alerts import evaluate

    return f"{_day_part(logs, today)} | {_alert_part(evaluate(logs, profile, today))}"


def _day_part(logs: Sequence, today: date) -> str:
    latest = next((log for log in reversed(logs) if log.day <= today), None)
    if latest is None:
        return "nothing logged yet"
    if latest.day == today:
        return f"pain {latest.pain} today"
    days = (today - latest.day).days
    when = "yesterday" if days == 1 else f"{days} days ago"
    return f"not logged today (last: pain {latest.pain}, {when})"


def _alert_part(alerts: Sequence) -> str:
    if not alerts:
        return "no alerts"
    count = len(alerts)
    # `evaluate` returns the most serious first.
    return f"{count} alert{'' if count == 1 else 's'}: {alerts[0].kind.replace('_', ' ')}"
