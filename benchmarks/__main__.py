"""Run painlog's benchmarks: `python -m benchmarks [--repeat N] [--json]`.

Every figure is a ratio against a baseline measured in the same run, interleaved run by
run, so the report holds on a busy or slow machine. It is a report, not a test: the exit
status is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.harness import (
    Result,
    interleaved,
    interleaved_reports,
    median_seconds,
    process,
    reported,
    table,
)
from benchmarks.histories import TODAY, build_database

TEN_YEARS_WEEKS = 522
THREE_MONTHS_WEEKS = 13


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (min 5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    repeat = max(5, args.repeat)

    with tempfile.TemporaryDirectory(prefix="painlog-bench-") as folder:
        big = Path(folder) / "ten-years.db"
        small = Path(folder) / "three-months.db"
        build_database(big, TEN_YEARS_WEEKS)
        build_database(small, THREE_MONTHS_WEEKS)
        results = [
            *startup(big, repeat),
            cli_log(Path(folder), big, repeat),
            alerts_evaluation(big, repeat),
        ]

    if args.json:
        print(json.dumps([r.as_json() for r in results], indent=2))
    else:
        print(
            f"painlog benchmarks, {date.today()}, {platform.platform()}, "
            f"Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"median of {repeat}"
        )
        print(table(results))
    return 0


def startup(db: Path, repeat: int) -> list[Result]:
    bare = reported(["-m", "benchmarks.probes", "bare"])
    first = reported(["-m", "benchmarks.probes", "painlog", str(db), TODAY.isoformat()])
    data = reported(["-m", "benchmarks.probes", "painlog-data", str(db), TODAY.isoformat()])
    first_s, bare_s = interleaved_reports(first, bare, repeat)
    data_s, bare2_s = interleaved_reports(data, bare, repeat)
    return [
        Result("TUI first frame, 10 years, vs bare Textual app", first_s, bare_s, 1.3),
        Result("TUI log + alerts shown, 10 years, vs bare Textual app", data_s, bare2_s, 2.5),
    ]


def cli_log(folder: Path, db: Path, repeat: int) -> Result:
    copy = folder / "log-copy.db"
    copy.write_bytes(db.read_bytes())
    env = {**os.environ, "PAINLOG_TODAY": TODAY.isoformat()}
    log = process(["-m", "painlog.tui.cli", "--db", str(copy), "log", "4", "--did", "walking"], env)
    baseline = process(["-c", "import sqlmodel"])
    log_s, base_s = interleaved(log, baseline, repeat)
    return Result("`painlog log` process, 10 years, vs `import sqlmodel`", log_s, base_s, 1.3)


def alerts_evaluation(db: Path, repeat: int) -> Result:
    from painlog.rules.alerts import evaluate
    from painlog.store.diary import Diary

    with Diary.open(str(db)) as diary:
        logs = diary.days()
        profile = diary.profile()
    painlog_s = median_seconds(lambda: evaluate(logs, profile, TODAY), repeat)

    def weekly_sql() -> None:
        with sqlite3.connect(db) as connection:
            connection.execute(
                "SELECT strftime('%Y-%W', day), avg(pain), max(pain), count(*) "
                "FROM day_log GROUP BY 1"
            ).fetchall()

    base_s = median_seconds(weekly_sql, repeat)
    return Result(
        "alerts evaluation, 10 years, vs raw SQL weekly aggregate",
        painlog_s,
        base_s,
        3.0,
        note=f"absolute {painlog_s * 1000:.1f} ms (target < 100 ms)",
    )


if __name__ == "__main__":
    sys.exit(main())
