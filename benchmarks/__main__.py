"""Run painlog's benchmarks: `python -m benchmarks [--repeat N] [--json]`.

Every figure is a ratio against a baseline measured in the same run, interleaved run by
run where the two can be, so the report holds on a busy or slow machine. It is a report,
not a test: the exit status is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.alerts import alerts_evaluation
from benchmarks.harness import Result, compile_sources, table
from benchmarks.histories import TEN_YEARS_WEEKS, THREE_MONTHS_WEEKS, build_database
from benchmarks.memory import tui_peak_memory
from benchmarks.startup import cli_log, tui_startup
from benchmarks.transfer import daily_export, daily_import, weekly_export
from benchmarks.trends import trends_redraw

MIN_REPEAT = 5
"""Fewer runs than this and a median says little; `--repeat` below it is raised to it."""


def main(
    argv: list[str] | None = None,
    *,
    min_repeat: int = MIN_REPEAT,
    weeks: tuple[int, int] = (TEN_YEARS_WEEKS, THREE_MONTHS_WEEKS),
    spawn: bool = True,
) -> int:
    """Build the diaries, run every measurement and print the report.

    Args:
        argv: The command line (default: `sys.argv[1:]`).
        min_repeat: Internal, for the smoke test: the floor `--repeat` is raised to.
        weeks: Internal, for the smoke test: the weeks of the "10-year" and "3-month" diaries.
        spawn: Internal, for the smoke test: False leaves out the measurements that run
            whole processes (start-up, `painlog log`, peak memory), the slow ones.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--repeat", type=int, default=MIN_REPEAT, help=f"runs per measurement (min {MIN_REPEAT})"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    repeat = max(min_repeat, args.repeat)

    with tempfile.TemporaryDirectory(prefix="painlog-bench-") as name:
        results = measure(Path(name), repeat, weeks, spawn)

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


def measure(folder: Path, repeat: int, weeks: tuple[int, int], spawn: bool) -> list[Result]:
    """Every measurement, on diaries of `weeks` (big, small) built in `folder`."""
    big, small = folder / "ten-years.db", folder / "three-months.db"
    build_database(big, weeks[0])
    build_database(small, weeks[1])
    # Each measurement writes its files in a folder of its own, beside no other diary.
    work = {name: folder / name for name in ("log", "weekly", "daily", "import", "memory")}
    for path in work.values():
        path.mkdir()
    results = []
    if spawn:
        compile_sources()
        results += tui_startup(big, repeat)
        results.append(cli_log(work["log"], big, repeat))
    results.append(alerts_evaluation(big, repeat))
    results.append(trends_redraw(small, big, repeat))
    results.append(weekly_export(work["weekly"], big, repeat))
    results.append(daily_export(work["daily"], big, repeat))
    results.append(daily_import(work["import"], big, repeat))
    if spawn:
        results += tui_peak_memory(work["memory"], big, repeat)
    return results


if __name__ == "__main__":
    sys.exit(main())
