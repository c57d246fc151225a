"""Smoke tests of the benchmark harness: every measurement runs once on tiny diaries.

Nothing here looks at a timing: these only prove that `python -m benchmarks` works and
that its JSON names every measurement with the same keys. The measurements that run whole
processes (start-up, `painlog log`, `painlog status`) take seconds each, so the one test
that runs them is skipped unless PAINLOG_BENCH_PROCESSES=1 is set. The PostgreSQL rows run
on the tests' server (tests/postgres_server.py) when there is one.
"""

from __future__ import annotations

import json
import os

import pytest

from benchmarks.__main__ import main
from benchmarks.harness import SECONDS, Result, interleaved_reports, table
from benchmarks.server import SCHEMA_PREFIX, URL_ENV, libpq

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
    "daily export, 10 years, vs raw sqlite3 + csv",
    "weekly summary export, 10 years, vs raw sqlite3 + csv",
    "import of a 10-year daily export vs raw sqlite3 executemany",
    "daily export, 20 years vs 10 years",
    "weekly summary export (whole diary), 20 years vs 10 years",
    "import of a daily export, 20 years vs 10 years",
    "alerts (current_alerts), 20 years vs 10 years",
]
SPAWNING = [
    "TUI first frame, 10 years, vs bare Textual app",
    "TUI day + alerts shown, 10 years, vs bare frame + `import sqlmodel`",
    "TUI whole form shown (the rows under the score, a frame later), same baseline",
    "`painlog log` process, 10 years, vs `import sqlmodel`",
    "the store's share of `painlog log` alone (`benchmarks.log_floor`) vs `import sqlmodel`",
    "`painlog status`, warm cache, vs `python -c pass`",
    "`painlog status`, cold cache, 10 years, vs `painlog log`",
]
SERVER = [
    "Today read (read_day_view), 10 years, PostgreSQL vs SQLite",
    "save a day, PostgreSQL vs SQLite",
    "daily export, 10 years, PostgreSQL vs SQLite",
]
TARGETS = {
    **dict.fromkeys(IN_PROCESS[:3], 4.0),
    **dict.fromkeys(IN_PROCESS[3:], 2.3),
    **dict(zip(SPAWNING, (1.3, 1.25, None, 1.3, None, 2.0, 1.1), strict=True)),
    **dict.fromkeys(SERVER, 3.0),
}


def run_json(capsys, spawn: bool, *extra: str) -> tuple[list[dict], str]:
    """The rows `main` prints as JSON, run once on a 4-week "10-year" diary and an 8-week
    "20-year" one, and what it printed on stderr."""
    argv = ["--json", "--repeat", "1", *extra]
    assert main(argv, min_repeat=1, weeks=(4, 8), spawn=spawn) == 0
    out, err = capsys.readouterr()
    return json.loads(out), err


def check_rows(rows: list[dict], names: list[str]) -> None:
    """`rows` are the measurements `names`, in that order, each with every key, its
    target and a timing on both sides."""
    assert [row["measurement"] for row in rows] == names
    for row in rows:
        assert set(row) == KEYS
        assert row["unit"] == SECONDS
        assert row["target"] == TARGETS[row["measurement"]]
        assert row["painlog_median"] > 0 and row["baseline_median"] > 0


def test_in_process_measurements_run_and_report_every_key(capsys, monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    rows, err = run_json(capsys, spawn=False)
    check_rows(rows, IN_PROCESS)
    assert err.splitlines() == [
        f"PostgreSQL rows left out: no server named (set {URL_ENV} or pass --postgres URL)"
    ]


def test_the_server_rows_run_and_drop_their_schema(capsys, monkeypatch, postgres_server):
    import psycopg

    def schemas() -> set[str]:
        with psycopg.connect(libpq(postgres_server)) as connection:
            rows = connection.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (f"{SCHEMA_PREFIX}%",)
            )
            return {name for (name,) in rows}

    before = schemas()
    monkeypatch.delenv(URL_ENV, raising=False)
    rows, err = run_json(capsys, False, "--postgres", postgres_server)
    check_rows(rows, IN_PROCESS + SERVER)
    assert err == ""
    assert schemas() == before


def test_an_unreachable_server_leaves_its_rows_out_saying_why(capsys, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.setenv(URL_ENV, "postgresql://nobody@/nowhere?host=/nonexistent-socket-folder")
    rows, err = run_json(capsys, spawn=False)
    check_rows(rows, IN_PROCESS)
    assert err.startswith("PostgreSQL rows left out: cannot use the PostgreSQL server")
    assert len(err.splitlines()) == 1


@pytest.mark.skipif(
    os.environ.get("PAINLOG_BENCH_PROCESSES") != "1",
    reason="slow: spawns a dozen Python processes; set PAINLOG_BENCH_PROCESSES=1 to run",
)
def test_every_measurement_runs_and_reports_every_key(capsys, monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    rows, _err = run_json(capsys, spawn=True)
    check_rows(rows, SPAWNING + IN_PROCESS)


def test_runs_take_turns_each_round_starting_one_further_along():
    order: list[str] = []

    def run(name: str):
        def measured() -> float:
            order.append(name)
            return {"a": 1.0, "b": 2.0, "c": 3.0}[name]

        return measured

    assert interleaved_reports([run("a"), run("b"), run("c")], 3) == [1.0, 2.0, 3.0]
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]


def test_the_table_prints_time_in_ms_and_the_note_last():
    rows = table(
        [
            Result("a", 0.0125, 0.01, 2.0, note="all 523 weeks"),
            Result("b", 0.06, 0.03, 1.5),
            Result("c", 0.02, 0.01, None),
        ]
    ).splitlines()
    assert rows[2].split("  ")[-1].strip() == "all 523 weeks"
    assert rows[2].split()[:9] == ["a", "12.5", "ms", "10.0", "ms", "1.25x", "<=", "2.0x", "pass"]
    assert rows[3].split() == ["b", "60.0", "ms", "30.0", "ms", "2.00x", "<=", "1.5x", "MISS"]
    assert rows[4].split() == ["c", "20.0", "ms", "10.0", "ms", "2.00x", "-", "info"]


def test_the_repeat_floor_is_five_for_people(capsys):
    from benchmarks.__main__ import MIN_REPEAT

    with pytest.raises(SystemExit):
        main(["--help"])
    assert MIN_REPEAT == 5 and "(min 5)" in capsys.readouterr().out
