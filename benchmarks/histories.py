"""Reproducible synthetic diaries for the benchmarks, built from painlog's own demo history.

The diaries are what `painlog demo` writes (`store.demo.fill_demo`): years of mostly
quiet days with flare-ups, then a 16-week episode with places, exercises, a bed-rest
patch and a warning sign, and the profile's onset set to that episode. So the benchmarks,
the demo and the snapshot tests all read the same kind of diary, on SQLite or a server.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from painlog.store.demo import MAX_WEEKS

TODAY = date(2026, 11, 21)
SEED = 7

TEN_YEARS_WEEKS = 522
TWENTY_YEARS_WEEKS = MAX_WEEKS
"""The longest demo diary there is: 1040 weeks, a few days short of 20 years."""


def fill(where: str, weeks: int, seed: int = SEED) -> None:
    """Fill the empty diary at `where` (a path or URL) with `weeks` weeks of the demo."""
    from painlog.store.demo import fill_demo
    from painlog.store.diary import Diary

    with Diary.open(where) as diary:
        fill_demo(diary, weeks, seed, TODAY)


def build_database(path: Path, weeks: int, seed: int = SEED) -> None:
    """A diary file holding `weeks` weeks of the demo ending on `TODAY`."""
    fill(str(path), weeks, seed)
