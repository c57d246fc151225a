"""How many of the last seven days are logged, as Today's status line and `painlog status`
say it.

Kept apart from `rules.weekly` so Today can use it without loading the weekly summaries
before its first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

RECENT_DAYS = 7
"""The days "how many are logged" looks back over, today included."""


def recent_window(today: date) -> tuple[date, date]:
    """The first and last of the `RECENT_DAYS` days ending `today`."""
    return today - timedelta(days=RECENT_DAYS - 1), today


def logged_recently(days: Iterable[date], today: date) -> int:
    """How many of the `RECENT_DAYS` days ending `today` have a log (`days`: logged days)."""
    first, last = recent_window(today)
    return len({day for day in days if first <= day <= last})
