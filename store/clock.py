"""The person's local date, the one place painlog reads the calendar.

`PAINLOG_TODAY=YYYY-MM-DD` pins it (for demos and tests), so everything that depends on
the date (the day logged, the alerts, the daily backup's name) agrees on one "today".
"""

from __future__ import annotations

import os
from datetime import date

TODAY_ENV = "PAINLOG_TODAY"


def local_today() -> date:
    """Today's local date, or the date `PAINLOG_TODAY` pins."""
    pinned = os.environ.get(TODAY_ENV)
    return date.fromisoformat(pinned) if pinned else date.today()
