"""Export and import: painlog's CSV paths against raw sqlite3 + csv doing the same work.

painlog's side runs the functions `painlog export`, `painlog import` and the Export screen
call (`export_diary` then `write_private`; `import_daily` on a diary opened untouched). The
diary or the baseline's connection is opened before the clock starts, as the Export screen
holds its diary open: what is timed is the work from the data to the file (or back).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks import raw
from benchmarks.harness import Result, interleaved, interleaved_reports, timed
from benchmarks.histories import TODAY

TARGET = 4.0


def export_daily(diary, target: Path) -> None:
    """painlog's daily export of the whole diary, written as `painlog export --daily`."""
    from painlog.store.export import export_diary
    from painlog.store.files import write_private

    write_private(target, export_diary(diary, "daily", TODAY).text, overwrite=True)


def export_weekly(diary, target: Path, first: date) -> None:
    """painlog's weekly summary from `first` to today (`painlog export --from FIRST`)."""
    from painlog.store.export import export_diary
    from painlog.store.files import write_private

    write_private(target, export_diary(diary, "weekly", TODAY, first).text, overwrite=True)


def daily_export(folder: Path, db: Path, repeat: int) -> Result:
    """Every logged day to a CSV file (`painlog export --daily -o FILE`)."""
    from painlog.store.diary import Diary

    mine, theirs = folder / "daily-painlog.csv", folder / "daily-raw.csv"
    with Diary.open(str(db)) as diary:
        connection = raw.connect(db)
        try:
            painlog_s, base_s = interleaved(
                [lambda: export_daily(diary, mine), lambda: raw.export_daily(connection, theirs)],
                repeat,
            )
        finally:
            connection.close()
    return Result("daily export, 10 years, vs raw sqlite3 + csv", painlog_s, base_s, TARGET)


def weekly_export(folder: Path, db: Path, repeat: int) -> Result:
    """The weekly summary of the whole diary, first logged day to today (`--from FIRST`)."""
    from painlog.store.diary import Diary

    mine, theirs = folder / "weekly-painlog.csv", folder / "weekly-raw.csv"
    with Diary.open(str(db)) as diary:
        first = diary.days()[0].day
        connection = raw.connect(db)
        try:
            painlog_s, base_s = interleaved(
                [
                    lambda: export_weekly(diary, mine, first),
                    lambda: raw.export_weekly(connection, theirs, first, TODAY),
                ],
                repeat,
            )
        finally:
            connection.close()
    return Result(
        "weekly summary export, 10 years, vs raw sqlite3 + csv",
        painlog_s,
        base_s,
        TARGET,
        note=f"all {weeks_from(first)} weeks; the baseline leaves episode and alerts empty",
    )


def daily_import(folder: Path, db: Path, repeat: int) -> Result:
    """A 10-year daily export read into a fresh empty diary (`painlog import FILE`)."""
    source = daily_source(folder, db)
    fresh = empty_copies(folder)

    def theirs() -> float:
        connection = raw.connect(fresh())
        try:
            return timed(lambda: raw.import_daily(connection, source))()
        finally:
            connection.close()

    painlog_s, base_s = interleaved_reports([importing(source, fresh), theirs], repeat)
    return Result(
        "import of a 10-year daily export vs raw sqlite3 executemany", painlog_s, base_s, TARGET
    )


def daily_source(folder: Path, db: Path) -> Path:
    """The daily export of `db`, written in `folder` for an import to read."""
    from painlog.store.diary import Diary

    source = folder / f"{db.stem}-daily.csv"
    with Diary.open(str(db)) as diary:
        export_daily(diary, source)
    return source


def empty_copies(folder: Path) -> Callable[[], Path]:
    """A function giving, at each call, a new copy of one empty diary of the current
    schema, each in a folder of its own under `folder`: every import, of either side,
    inserts into identical tables and indexes, beside no other diary."""
    from painlog.store.diary import Diary

    empty = folder / "template" / "empty.db"
    empty.parent.mkdir(parents=True, exist_ok=True)
    Diary.open(str(empty)).close()
    made = 0

    def fresh() -> Path:
        nonlocal made
        made += 1
        run = folder / f"run-{made}"
        run.mkdir()
        shutil.copyfile(empty, run / empty.name)
        return run / empty.name

    return fresh


def importing(source: Path, fresh: Callable[[], Path]) -> Callable[[], float]:
    """A function that imports `source` into a `fresh()` diary and returns the seconds
    the import took (reading the file, parsing and inserting; not opening the diary)."""
    from painlog.store.diary import Diary
    from painlog.store.importer import import_daily

    def read_in(diary) -> None:
        # What `painlog import FILE` does with a diary already there: one reading, written
        # as it is checked (the day's backup copy, made as it commits, is part of it).
        with open(source, "rb") as stream:
            import_daily(diary, stream, TODAY)

    def run() -> float:
        with Diary.open(str(fresh()), untouched=True) as diary:
            return timed(lambda: read_in(diary))()

    return run


def weeks_from(first: date) -> int:
    """How many Monday-based weeks the weekly summary from `first` to `TODAY` holds."""
    monday = first.toordinal() - first.weekday()
    return (TODAY.toordinal() - TODAY.weekday() - monday) // 7 + 1
