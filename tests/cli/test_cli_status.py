"""`painlog status`: one line in every state, fast, read-only, quiet on a missing diary."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
WALK = (ExerciseDone("walking"),)


def day(days_ago: int, pain: int, **fields) -> DayLog:
    fields.setdefault("exercises", WALK)
    return DayLog(TODAY - timedelta(days=days_ago), pain, **fields)


def make(path: Path, logs=(), profile: Profile | None = None) -> Path:
    with Diary.open(str(path)) as diary:
        diary.insert_days(list(logs))
        if profile is not None:
            diary.save_profile(profile, TODAY)
    return path


def fingerprint(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


# -- no diary ------------------------------------------------------------------------------


def test_missing_database_prints_one_line_and_creates_nothing(run_cli, tmp_path):
    target = tmp_path / "not-yet" / "painlog.db"
    result = run_cli("--db", target, "status")
    assert (result.returncode, result.stdout, result.stderr) == (0, "painlog: no diary yet\n", "")
    assert not target.parent.exists()


def test_missing_default_database_is_quiet_too(run_cli, tmp_path):
    result = run_cli("status")  # PAINLOG_DB unset, the data folder points into tmp_path
    assert (result.returncode, result.stdout, result.stderr) == (0, "painlog: no diary yet\n", "")
    assert not (tmp_path / "xdg-data").exists()


def test_missing_database_named_by_the_environment(run_cli, tmp_path):
    target = tmp_path / "env.db"
    result = run_cli("status", env={"PAINLOG_DB": str(target)})
    assert (result.returncode, result.stdout, result.stderr) == (0, "painlog: no diary yet\n", "")
    assert not target.exists()


# -- every state of the line -----------------------------------------------------------------

WORSE = [day(n, 3 if n >= 7 else 6) for n in range(1, 14)]

STATES = {
    "empty diary": ([], None, "nothing logged yet | no alerts"),
    "logged today": ([day(0, 4)], None, "pain 4 today | no alerts"),
    "logged yesterday": (
        [day(1, 5)],
        None,
        "not logged today (last: pain 5, yesterday) | no alerts",
    ),
    "last log 2 days ago": (
        [day(2, 5)],
        None,
        "not logged today (last: pain 5, 2 days ago) | no alerts",
    ),
    "worsening": ([*WORSE, day(0, 6)], None, "pain 6 today | 1 alert: worsening"),
    "worsening, not logged today": (
        WORSE,
        None,
        "not logged today (last: pain 6, yesterday) | 1 alert: worsening",
    ),
    "keep moving": (
        [day(n, 4, exercises=()) for n in range(1, 14)] + [day(0, 4, exercises=())],
        None,
        "pain 4 today | 1 alert: keep moving",
    ),
    "red flag": ([day(0, 2, flags=("fever",))], None, "pain 2 today | 1 alert: red flag"),
    "emergency with a low score": (
        [*WORSE, day(0, 1, flags=("saddle-numbness", "fever"))],
        None,
        "pain 1 today | 3 alerts: emergency",
    ),
    "duration": (
        [day(n, 3) for n in range(0, 50, 7)],
        Profile(onset=TODAY - timedelta(weeks=7)),
        "pain 3 today | 1 alert: duration",
    ),
    "see a clinician": (
        [day(n, 8, flags=("fever",) if n == 40 else ()) for n in range(0, 50)],
        Profile(onset=TODAY - timedelta(days=49)),
        "pain 8 today | 2 alerts: see clinician",
    ),
}


@pytest.mark.parametrize("state", list(STATES))
def test_each_state(cli_main, tmp_path, state):
    logs, profile, expected = STATES[state]
    db = make(tmp_path / "d.db", logs, profile)
    result = cli_main("--db", db, "status")
    assert (result.returncode, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_as_a_real_command(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [*WORSE, day(0, 6)])
    result = run_cli("--db", db, "status")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "pain 6 today | 1 alert: worsening\n",
        "",
    )


def test_acknowledged_alerts_still_count(cli_main, tmp_path):
    db = make(tmp_path / "d.db", [*WORSE, day(0, 6)])
    with Diary.open(str(db)) as diary:
        from painlog.store.alerting import current_alerts

        (view,) = current_alerts(diary, TODAY)
        diary.acknowledge(*view.alert.key)
    assert cli_main("--db", db, "status").stdout == "pain 6 today | 1 alert: worsening\n"


def test_days_after_today_are_left_out(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(3, 2), day(0, 7)])
    result = run_cli("--db", db, "status", env={"PAINLOG_TODAY": "2026-11-19"})
    assert result.stdout == "not logged today (last: pain 2, yesterday) | no alerts\n"


def test_status_never_writes_to_the_diary(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(1, 5)])
    before = fingerprint(db)
    assert run_cli("--db", db, "status").returncode == 0
    assert fingerprint(db) == before
    assert not (tmp_path / "backups").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("d.db")) == []


def test_a_file_that_is_not_a_diary_is_reported_and_left_alone(run_cli, tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("shopping list\n")
    before = fingerprint(db)
    result = run_cli("--db", db, "status")
    assert result.returncode == 2
    assert result.stdout == "painlog: diary unreadable\n"
    assert len(result.stderr.splitlines()) == 1 and str(db) in result.stderr
    assert fingerprint(db) == before


def test_a_diary_created_but_never_written_reads_as_empty(cli_main, tmp_path):
    db = tmp_path / "d.db"
    db.touch()
    assert cli_main("--db", db, "status").stdout == "nothing logged yet | no alerts\n"
    assert db.stat().st_size == 0


def test_a_database_url_goes_through_the_store(cli_main):
    assert cli_main("--db", "sqlite://", "status").stdout == "nothing logged yet | no alerts\n"


# -- what it costs ---------------------------------------------------------------------------

PROBE = """
import json, sys, time
from painlog.cli import main
main(["--db", sys.argv[1], "status"])
heavy = {"textual", "rich", "sqlalchemy", "sqlmodel"}
loaded = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(json.dumps(loaded))
"""


def test_status_imports_neither_textual_nor_sqlalchemy(cli_env, tmp_path):
    db = make(tmp_path / "d.db", [*WORSE, day(0, 6)])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line, loaded = result.stdout.splitlines()
    assert line == "pain 6 today | 1 alert: worsening"
    assert json.loads(loaded) == []


def test_the_fast_reader_knows_the_current_schema():
    from painlog.store.quick_read import KNOWN_SCHEMA
    from painlog.store.schema import SCHEMA_VERSION

    assert KNOWN_SCHEMA == SCHEMA_VERSION


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_fast_reader_gives_the_line_the_store_gives(tmp_path, seed):
    from benchmarks.histories import history
    from painlog.cli.status import status_line
    from painlog.store.quick_read import read_alert_inputs as read_file

    logs = history(30, seed=seed)
    profile = Profile(1950 + seed * 10, TODAY - timedelta(weeks=seed * 5))
    db = make(tmp_path / "d.db", logs, profile)
    with Diary.open(str(db)) as diary:
        expected = status_line(diary.days(end=TODAY), diary.profile(), TODAY)
    fast_logs, fast_profile = read_file(db, TODAY)
    assert fast_profile == profile
    assert status_line(fast_logs, fast_profile, TODAY) == expected
    assert [(x.day, x.pain, x.flags, x.bed_rest, bool(x.exercises)) for x in fast_logs] == [
        (x.day, x.pain, x.flags, x.bed_rest, bool(x.exercises)) for x in logs
    ]


def test_the_day_part_uses_places_nowhere(tmp_path):
    # Places only choose suggestions; the fast reader skips them and still agrees.
    from painlog.store.quick_read import read_alert_inputs as read_file

    db = make(tmp_path / "d.db", [day(0, 3, places=(Place("knee", "left"),))])
    (log,), _profile = read_file(db, TODAY)
    assert log.places == ()
