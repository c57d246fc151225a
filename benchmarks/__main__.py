"""Run painlog's benchmarks: `python -m benchmarks [--repeat N] [--json] [--postgres URL]`.

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

from benchmarks.commands import bench_env, cli_commands
from benchmarks.growth import growth
from benchmarks.harness import Result, compile_sources, table
from benchmarks.histories import TEN_YEARS_WEEKS, TWENTY_YEARS_WEEKS, build_database
from benchmarks.server import URL_ENV, NoServer, server_vs_sqlite
from benchmarks.startup import tui_startup
from benchmarks.transfer import daily_export, daily_import, weekly_export

MIN_REPEAT = 5
"""Fewer runs than this and a median says little; `--repeat` below it is raised to it."""


def main(
    argv: list[str] | None = None,
    *,
    min_repeat: int = MIN_REPEAT,
    weeks: tuple[int, int] = (TEN_YEARS_WEEKS, TWENTY_YEARS_WEEKS),
    spawn: bool = True,
) -> int:
    """Build the diaries, run every measurement and print the report.

    Args:
        argv: The command line (default: `sys.argv[1:]`).
        min_repeat: Internal, for the smoke test: the floor `--repeat` is raised to.
        weeks: Internal, for the smoke test: the weeks of the "10-year" and "20-year" diaries.
        spawn: Internal, for the smoke test: False leaves out the measurements that run
            whole processes (start-up, `painlog log`, `painlog status`), the slow ones.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--repeat", type=int, default=MIN_REPEAT, help=f"runs per measurement (min {MIN_REPEAT})"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get(URL_ENV, "").strip(),
        help=f"a PostgreSQL server to compare with SQLite (default: ${URL_ENV}); the run "
        "makes a schema of its own there and drops it afterwards",
    )
    args = parser.parse_args(argv)
    repeat = max(min_repeat, args.repeat)

    left_out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="painlog-bench-") as name:
        results = measure(Path(name), repeat, weeks, spawn, args.postgres, left_out)

    if args.json:
        print(json.dumps([r.as_json() for r in results], indent=2))
        # stdout stays JSON; why rows are missing goes where a person running it looks.
        for line in left_out:
            print(line, file=sys.stderr)
    else:
        print(
            f"painlog benchmarks, {date.today()}, {platform.platform()}, "
            f"Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"median of {repeat}"
        )
        print(table(results))
        for line in left_out:
            print(line)
    return 0


def measure(
    folder: Path,
    repeat: int,
    weeks: tuple[int, int],
    spawn: bool,
    postgres: str,
    left_out: list[str],
) -> list[Result]:
    """Every measurement, on diaries of `weeks` ("10 years", "20 years") built in
    `folder`; the reason for any rows left out is appended to `left_out`."""
    ten, twenty = folder / "ten-years.db", folder / "twenty-years.db"
    build_database(ten, weeks[0])
    build_database(twenty, weeks[1])
    # Each measurement writes its files in a folder of its own, beside no other diary.
    work = {
        name: folder / name
        for name in ("commands", "weekly", "daily", "import", "growth", "server")
    }
    for path in work.values():
        path.mkdir()
    results = []
    if spawn:
        compile_sources()
        env = bench_env(work["commands"])
        results += tui_startup(ten, repeat, env)
        results += cli_commands(work["commands"], ten, repeat, env, left_out)
    results.append(daily_export(work["daily"], ten, repeat))
    results.append(weekly_export(work["weekly"], ten, repeat))
    results.append(daily_import(work["import"], ten, repeat))
    results += growth(work["growth"], ten, twenty, repeat)
    if not postgres:
        left_out.append(
            f"PostgreSQL rows left out: no server named (set {URL_ENV} or pass --postgres URL)"
        )
    else:
        try:
            results += server_vs_sqlite(work["server"], ten, weeks[0], postgres, repeat)
        except NoServer as error:
            left_out.append(f"PostgreSQL rows left out: {error}")
    return results


if __name__ == "__main__":
    sys.exit(main())
