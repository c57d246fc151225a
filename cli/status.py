"""`painlog status`: one short line for a shell prompt or a tmux status bar.

    pain 4 today, 6/7 days logged | 1 alert: worsening
    not logged today (last: pain 5, 2 days ago), 4/7 days logged | no alerts
    pain 2 today, 7/7 days logged | 3 alerts: emergency

A status bar runs this every few seconds, so it must cost next to nothing. The line is
worked out through the `Diary`, opened read-only as by every command that only reads
(so a damaged, foreign or newer database gets the same refusal), and kept in a small
private file in the user cache folder: while the diary and the date are unchanged, the
next call prints it from there without importing the store at all.

A missing diary is not an error here: the line says so on stdout, exit status 0, nothing
on stderr, so a prompt set up before the first `painlog` stays quiet.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from painlog.cli import CommandFactory

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

The line reads: today's pain, or when you last logged, and how many of the last 7
days (today included) are logged; then how many alerts are active (acknowledged
ones included) and the most serious one, for example
  pain 4 today, 6/7 days logged | 1 alert: worsening
  not logged today (last: pain 5, 2 days ago), 4/7 days logged | no alerts
  nothing logged yet | no alerts
Kinds, most serious first: emergency, same day, see clinician, red flag,
worsening, duration, keep moving (`painlog alerts` says more). With no diary yet it prints
"painlog: no diary yet" and exits 0; it never creates the database."""


def register(command: CommandFactory) -> None:
    """Add the `status` subcommand."""
    status = command(
        "status",
        "print one short line (today's pain, the most serious alert) for a prompt or tmux",
        EPILOG,
    )
    status.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today
    from painlog.store.location import resolve_location

    today = local_today()
    location = resolve_location(getattr(args, "db", None))
    if location.path is not None and not location.path.exists():
        print(NO_DIARY)
        return 0
    # Taken before the diary is read: a write that lands meanwhile changes the key, so
    # the next status reads again rather than trusting a line older than the diary.
    key = cache_key(location, today)
    cached = read_cache(location, key)
    if cached is not None:
        print(cached)
        return 0
    from painlog.store.errors import NoDiary, StoreError

    try:
        line = _computed(location, today)
    except NoDiary:
        print(NO_DIARY)
        return 0
    except StoreError as error:
        # The status bar shows a word; the reason goes where a person would look for it.
        print(UNREADABLE)
        print(f"painlog: {error}", file=sys.stderr)
        return 2
    write_cache(location, key, line)
    print(line)
    return 0


def _computed(location, today: date) -> str:
    """The line, read through the `Diary` as every other command reads."""
    from painlog.cli import reading

    with reading(location) as diary:
        return status_line(diary.days(end=today), diary.profile(), today)


# -- the cache ----------------------------------------------------------------------------
#
# One small file per diary in the user cache folder: the key it was computed for, then the
# line. For a file the key is its path, the size and modification time of the file and of
# its WAL (every commit changes one of them) and the date; for a server, the URL and the
# date, trusted for `SERVER_CACHE_SECONDS`.

SERVER_CACHE_SECONDS = 60
CACHE_FORMAT = "2"


def cache_key(location, today: date) -> str | None:
    """What the cached line must have been computed for to be shown now (None: never
    cached, as for a database in memory)."""
    import os

    path = location.path
    if path is None:
        return None if location.url.startswith("sqlite") else f"{location.url} {today}"
    parts = [CACHE_FORMAT, str(path), today.isoformat()]
    for name in (str(path), f"{path}-wal"):
        try:
            found = os.stat(name)
        except FileNotFoundError:
            parts.append("-")
        else:
            parts.append(f"{found.st_ino}:{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}")
    return " ".join(parts)


def cache_file(location):
    """The cache file of the diary at `location` (its URL's checksum names it)."""
    from zlib import crc32

    from platformdirs import user_cache_path

    name = f"status-{crc32(location.url.encode('utf-8')):08x}.txt"
    return user_cache_path("painlog", appauthor=False) / name


def read_cache(location, key: str | None) -> str | None:
    """The cached line when it was computed for `key` (and, for a server, recently)."""
    if key is None:
        return None
    path = cache_file(location)
    try:
        with open(path, encoding="utf-8") as cached:
            stored, line = cached.read().split("\n")[:2]
        if location.path is None:
            import os
            import time

            if time.time() - os.stat(path).st_mtime > SERVER_CACHE_SECONDS:
                return None
    except (OSError, ValueError, UnicodeError):
        return None
    return line if stored == key and line else None


def write_cache(location, key: str | None, line: str) -> None:
    """Remember `line` for `key`, privately; a cache that cannot be written is skipped."""
    if key is None:
        return
    import contextlib

    from painlog.store.files import make_private_folders, write_private

    path = cache_file(location)
    with contextlib.suppress(OSError):
        make_private_folders(path.parent)
        write_private(path, f"{key}\n{line}\n", overwrite=True)


def status_line(logs: Sequence, profile, today: date) -> str:
    """The one line: the latest log up to `today`, then the active alerts.

    Args:
        logs: Day logs up to `today`, oldest first.
        profile: The person's profile (the age red flag and the onset count).
        today: The person's local date.
    """
    from painlog.rules.alerts import evaluate

    return f"{_day_part(logs, today)} | {_alert_part(evaluate(logs, profile, today))}"


def _recent_part(logs: Sequence, today: date) -> str:
    from painlog.rules.recent import RECENT_DAYS, logged_recently

    # The newest logs are at the end: the last week's are among the last seven.
    count = logged_recently((log.day for log in logs[-RECENT_DAYS:]), today)
    return f"{count}/{RECENT_DAYS} days logged"


def _day_part(logs: Sequence, today: date) -> str:
    latest = next((log for log in reversed(logs) if log.day <= today), None)
    if latest is None:
        return "nothing logged yet"
    recent = _recent_part(logs, today)
    if latest.day == today:
        return f"pain {latest.pain} today, {recent}"
    days = (today - latest.day).days
    when = "yesterday" if days == 1 else f"{days} days ago"
    return f"not logged today (last: pain {latest.pain}, {when}), {recent}"


def _alert_part(alerts: Sequence) -> str:
    if not alerts:
        return "no alerts"
    count = len(alerts)
    # `evaluate` returns the most serious first.
    return f"{count} alert{'' if count == 1 else 's'}: {alerts[0].kind.replace('_', ' ')}"
