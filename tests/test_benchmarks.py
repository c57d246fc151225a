"""Smoke tests of the benchmark harness: every measurement runs once on tiny diaries.

Nothing here looks at a timing: these only prove that `python -m benchmarks` works and
that its JSON names every measurement with the same keys. The measurements that run whole
processes (start-up, `painlog log`, peak memory) take seconds each, so the one test that
runs them is skipped unless PAINLOG_BENCH_PROCESSES=1 is set.
"""

from __future__ import annotations

import json
import os

import pytest

from benchmarks.__main__ import main
from benchmarks.harness import MEBIBYTES, SECONDS, Result, table
from benchmarks.memory import peak_mib

KEYS = {
    "measurement",
    "unit",
    "painlog_median",
    "baseline_median",
    "ratio",
    "target",
    "pass",
    "note",
}
IN_PROCESS = [
    "alerts evaluation, 10 years, vs raw SQL weekly aggregate",
    "Trends week redraw, 10 years vs 3 months",
    "weekly summary export, 10 years, vs raw sqlite3 + csv",
    "daily export, 10 years, vs raw sqlite3 + csv",
    "import of a 10-year daily export vs raw sqlite3 executemany",
]
SPAWNING = [
    "TUI first frame, 10 years, vs bare Textual app",
    "TUI whole form (rows under the pain score) vs bare Textual app",
    "TUI log + alerts shown, 10 years, vs bare Textual app",
    "`painlog log` process, 10 years, vs `import sqlmodel`",
    "peak memory of the TUI, 10 years, vs bare Textual app",
    "peak memory of the TUI after saving a day, vs bare app",
]


def run_json(capsys, spawn: bool) -> list[dict]:
    assert main(["--json", "--repeat", "1"], min_repeat=1, weeks=(4, 4), spawn=spawn) == 0
    return json.loads(capsys.readouterr().out)


def test_in_process_measurements_run_and_report_every_key(capsys):
    rows = run_json(capsys, spawn=False)
    assert [row["measurement"] for row in rows] == IN_PROCESS
    for row in rows:
        assert set(row) == KEYS
        assert row["unit"] == SECONDS
        assert row["painlog_median"] > 0 and row["baseline_median"] > 0


@pytest.mark.skipif(
    os.environ.get("PAINLOG_BENCH_PROCESSES") != "1",
    reason="slow: spawns a dozen Python processes; set PAINLOG_BENCH_PROCESSES=1 to run",
)
def test_every_measurement_runs_and_reports_every_key(capsys):
    rows = run_json(capsys, spawn=True)
    assert sorted(row["measurement"] for row in rows) == sorted(IN_PROCESS + SPAWNING)
    assert all(set(row) == KEYS for row in rows)
    memory = [row["measurement"] for row in rows if row["unit"] == MEBIBYTES]
    assert memory == SPAWNING[-2:]
    assert [row["target"] for row in rows if row["measurement"] in SPAWNING[1:3]] == [None, 2.5]


def test_a_probe_reports_its_own_peak_memory_not_its_parents():
    ballast = b"x" * (300 * 2**20)  # a parent far larger than the probe, pages touched
    assert 5 < peak_mib(["bare"]) < 200
    del ballast


def test_the_table_prints_memory_in_mib_and_time_in_ms():
    rows = table(
        [
            Result("a", 0.0125, 0.01, 2.0, note="absolute 12.5 ms"),
            Result("b", 60.0, 30.0, 1.5, unit=MEBIBYTES),
        ]
    ).splitlines()
    assert rows[2].split("  ")[-1].strip() == "absolute 12.5 ms"
    assert rows[2].split()[:9] == ["a", "12.5", "ms", "10.0", "ms", "1.25x", "<=", "2.0x", "pass"]
    assert rows[3].split() == ["b", "60.0", "MiB", "30.0", "MiB", "2.00x", "<=", "1.5x", "MISS"]


def test_the_repeat_floor_is_five_for_people(capsys):
    from benchmarks.__main__ import MIN_REPEAT

    with pytest.raises(SystemExit):
        main(["--help"])
    assert MIN_REPEAT == 5 and "(min 5)" in capsys.readouterr().out
