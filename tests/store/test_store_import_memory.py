"""The import reads its file as a stream: memory does not grow with the file.

Measured with tracemalloc around what `painlog import FILE` does with an open diary (the
file checked, then written): the peak for twenty years of days is no more than for ten,
give or take what a batch holds. Reading the whole file (or every day) into memory first
would double it.
"""

from __future__ import annotations

import gc
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.store.importer import check_daily, import_daily

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def daily_files(tmp_path_factory) -> dict[int, Path]:
    """Daily exports of made-up diaries of 1, 10 and 20 years."""
    folder = tmp_path_factory.mktemp("import-memory")
    files = {}
    for weeks in (52, 520, 1040):
        with Diary.open(":memory:") as diary:
            fill_demo(diary, weeks, 1, TODAY)
            files[weeks] = folder / f"{weeks}-weeks.csv"
            files[weeks].write_bytes(export_diary(diary, "daily", TODAY).text.encode("utf-8"))
    return files


def import_peak(path: Path, target: Path) -> tuple[int, int]:
    """The peak of memory allocated while importing `path` into a new diary, and its days."""
    with Diary.open(str(target)) as diary:
        gc.collect()  # what earlier tests left for the collector is not this import's
        tracemalloc.start()
        try:
            with open(path, "rb") as stream:
                check_daily(stream, TODAY)
                import_daily(diary, stream, TODAY)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return peak, diary.count_days()


def test_twenty_years_take_no_more_memory_than_ten(daily_files, tmp_path):
    import_peak(daily_files[52], tmp_path / "warm-up.db")  # caches and lazy imports
    ten, ten_days = import_peak(daily_files[520], tmp_path / "ten.db")
    twenty, twenty_days = import_peak(daily_files[1040], tmp_path / "twenty.db")
    assert twenty_days > 1.9 * ten_days
    assert daily_files[1040].stat().st_size > 1.9 * daily_files[520].stat().st_size
    # Bounded: the same batch, checks and writes whatever the length (a whole-file read
    # would double). The margin is for what one batch of different days holds.
    assert twenty < 1.25 * ten, (ten, twenty)
