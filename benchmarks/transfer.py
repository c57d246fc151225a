"""Export and import: painlog's CSV paths against raw sqlite3 + csv doing the same work.

painlog's side runs the functions `painlog export`, `painlog import` and the Export screen
call (`export_diary` then `write_private`; `check_daily` then `import_daily`). The diary or
the baseline's connection is opened before the clock starts, as the Export screen holds
its diary open: what is timed is the work from the data to the file (or back).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import raw
from benchmarks.harness import Result, interleaved, interleaved_reports
from benchmarks.histories import TODAY


def daily_export(folder: Path, db: Path, repeat: int) -> Result:
    """Every logged day to a CSV file (`painlog export --daily -o FILE`)."""
    from painlog.store.diary import Diary
    from painlog.store.export import export_diary
    from painlog.store.files import write_private

    mine, theirs = folder / "daily-painlog.csv", folder / "daily-raw.csv"
    with Diary.open(str(db)) as diary:
        connection = raw.connect(db)
        try:
            painlog_s, base_s = interleaved(
                lambda: write_private(
                    mine, export_diary(diary, "daily", TODAY).text, overwrite=True
                ),
                lambda: raw.export_daily(connection, theirs),
                repeat,
            )
        finally:
            connection.close()
    return Result("daily export, 10 years, vs raw sqlite3 + csv", painlog_s, base_s, 2.0)


def weekly_export(folder: Path, db: Path, repeat: int) -> Result:
    """The weekly summary of the whole diary, first logged day to today (`--from FIRST`)."""
    from painlog.store.diary import Diary
    from painlog.store.export import export_diary
    from painlog.store.files import write_private

    mine, theirs = folder / "weekly-painlog.csv", folder / "weekly-raw.csv"
    with Diary.open(str(db)) as diary:
        first = diary.days()[0].day
        connection = raw.connect(db)
        try:
            painlog_s, base_s = interleaved(
                lambda: write_private(
                    mine, export_diary(diary, "weekly", TODAY, first).text, overwrite=True
                ),
                lambda: raw.export_weekly(connection, theirs, first, TODAY),
                repeat,
            )
        finally:
            connection.close()
    return Result(
        "weekly summary export, 10 years, vs raw sqlite3 + csv",
        painlog_s,
        base_s,
        2.0,
        note=f"all {_weeks(first)} weeks; the baseline leaves episode and alerts empty",
    )


def daily_import(folder: Path, db: Path, repeat: int) -> Result:
    """A 10-year daily export read into a fresh empty diary (`painlog import FILE`)."""
    from painlog.store.diary import Diary
    from painlog.store.export import export_diary
    from painlog.store.files import write_private

    source = folder / "import-source.csv"
    with Diary.open(str(db)) as diary:
        write_private(source, export_diary(diary, "daily", TODAY).text, overwrite=True)
    # An empty diary of the current schema, copied for every run of either side, so both
    # insert into identical tables and indexes.
    empty = folder / "import-template" / "empty.db"
    empty.parent.mkdir()
    Diary.open(str(empty)).close()
    runs = iter(range(2 * repeat))

    def fresh() -> Path:
        run = folder / f"import-{next(runs)}"
        run.mkdir()
        shutil.copyfile(empty, run / empty.name)
        return run / empty.name

    def mine() -> float:
        with Diary.open(str(fresh())) as diary:
            return _timed(lambda: _import(diary, source))

    def theirs() -> float:
        connection = raw.connect(fresh())
        try:
            return _timed(lambda: raw.import_daily(connection, source))
        finally:
            connection.close()

    painlog_s, base_s = interleaved_reports(mine, theirs, repeat)
    return Result(
        "import of a 10-year daily export vs raw sqlite3 executemany", painlog_s, base_s, 3.0
    )


def _import(diary, source: Path) -> None:
    """What `painlog import FILE` does with an open diary: the file checked, then written."""
    from painlog.store.importer import check_daily, import_daily

    with open(source, "rb") as stream:
        check_daily(stream, TODAY)
        import_daily(diary, stream, TODAY)


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _weeks(first) -> int:
    monday = first.toordinal() - first.weekday()
    return (TODAY.toordinal() - TODAY.weekday() - monday) // 7 + 1
