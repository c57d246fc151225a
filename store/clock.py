"""The person's local date, the one place painlog reads the calendar.

`PAINLOG_TODAY=YYYY-MM-DD` pins it (for demos and tests), so everything that depends on
the date (the day logged, the alerts, the daily backup's name) agrees on one "today".
"""

from __future__ import annotations

import os
from datetime import date

TODAY_ENV = "PAINLOG_TODAY"
EARLIEST_TODAY = date(1900, 1, 1)
LATEST_TODAY = date(9998, 12, 31)
"""A pinned today leaves a year of calendar after it: weeks and ranges that end after
today (the current week's last day) stay within the dates Python can hold."""


def local_today() -> date:
    """Today's local date, or the date `PAINLOG_TODAY` pins.

    Raises:
        InvalidInput: when `PAINLOG_TODAY` is set to anything but a date from 1900-01-01 to
            9998-12-31 written YYYY-MM-DD.
    """
    pinned = os.environ.get(TODAY_ENV)
    if not pinned:
        return date.today()
    try:
        found = date.fromisoformat(pinned) if len(pinned) == 10 else None
    except ValueError:
        found = None
    if found is None or not EARLIEST_TODAY <= found <= LATEST_TODAY:
        from painlog.rules.entry import InvalidInput

        raise InvalidInput(
            TODAY_ENV,
            pinned,
            f"a date written YYYY-MM-DD from {EARLIEST_TODAY} to {LATEST_TODAY}, or nothing "
            "(the calendar's today)",
        )
    return found
