"""Reproducible synthetic diaries for the benchmarks, built from painlog's own demo history.

The logs come from `store.demo.demo_history` (years of mostly quiet days with flare-ups,
then a 16-week episode with places, exercises, a bed-rest patch and a warning sign), so
the benchmarks, the demo and the snapshot tests all read the same kind of diary. This
module only turns those logs into database files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from painlog.rules.records import DayLog
from painlog.store.demo import demo_history

TODAY = date(2026, 11, 21)
SEED = 7

TEN_YEARS_WEEKS = 522
THREE_MONTHS_WEEKS = 13


def history(weeks: int, seed: int = SEED, today: date = TODAY) -> list[DayLog]:
    """`weeks` weeks of daily logs ending `today`, oldest first (the demo generator's)."""
    return demo_history(weeks, seed, today)


def build_database(path: Path, weeks: int, seed: int = SEED) -> None:
    """A diary file holding `history(weeks, seed)`, written with Core bulk inserts."""
    from painlog.store.diary import Diary

    with Diary.open(str(path)) as diary:
        diary.insert_days(history(weeks, seed))
