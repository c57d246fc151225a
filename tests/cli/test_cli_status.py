"""`painlog status`: one line in every state, fast, read-only, quiet on a missing diary."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.rules.records import DayLog, ExerciseDone, Profile
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
    "logged today": ([day(0, 4)], None, "pain 4 today, 1/7 days logged | no alerts"),
    "logged yesterday": (
        [day(1, 5)],
        None,
        "not logged today (last: pain 5, yesterday), 1/7 days logged | no alerts",
    ),
    "last log 2 days ago": (
        [day(2, 5)],
        None,
        "not logged today (last: pain 5, 2 days ago), 1/7 days logged | no alerts",
    ),
    "worsening": ([*WORSE, day(0, 6)], None, "pain 6 today, 7/7 days logged | 1 alert: worsening"),
    "worsening, not logged today": (
        WORSE,
        None,
        "not logged today (last: pain 6, yesterday), 6/7 days logged | 1 alert: worsening",
    ),
    "keep moving": (
        [day(n, 4, exercises=()) for n in range(1, 14)] + [day(0, 4, exercises=())],
        None,
        "pain 4 today, 7/7 days logged | 1 alert: keep moving",
    ),
    "red flag": (
        [day(0, 2, flags=("fever",))],
        None,
        "pain 2 today, 1/7 days logged | 1 alert: red flag",
    ),
    "emergency with a low score": (
        [*WORSE, day(0, 1, flags=("saddle-numbness", "fever"))],
        None,
        "pain 1 today, 7/7 days logged | 3 alerts: emergency",
    ),
    "duration": (
        [day(n, 3) for n in range(0, 50, 7)],
        Profile(onset=TODAY - timedelta(weeks=7)),
        "pain 3 today, 1/7 days logged | 1 alert: duration",
    ),
    "see a clinician": (
        [day(n, 8, flags=("fever",) if n == 40 else ()) for n in range(0, 50)],
        Profile(onset=TODAY - timedelta(days=49)),
        "pain 8 today, 7/7 days logged | 2 alerts: see clinician",
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
        "pain 6 today, 7/7 days logged | 1 alert: worsening\n",
        "",
    )


def test_acknowledged_alerts_still_count(cli_main, tmp_path):
    db = make(tmp_path / "d.db", [*WORSE, day(0, 6)])
    with Diary.open(str(db)) as diary:
        from painlog.store.alerting import current_alerts

        (view,) = current_alerts(diary, TODAY)
        diary.acknowledge(*view.alert.key)
    assert (
        cli_main("--db", db, "status").stdout
        == "pain 6 today, 7/7 days logged | 1 alert: worsening\n"
    )


def test_days_after_today_are_left_out(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(3, 2), day(0, 7)])
    result = run_cli("--db", db, "status", env={"PAINLOG_TODAY": "2026-11-19"})
    assert (
        result.stdout == "not logged today (last: pain 2, yesterday), 1/7 days logged | no alerts\n"
    )


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


def test_a_zero_length_file_is_no_diary_and_stays_empty(cli_main, tmp_path):
    db = tmp_path / "d.db"
    db.touch()
    result = cli_main("--db", db, "status")
    assert (result.returncode, result.stdout) == (0, "painlog: no diary yet\n")
    assert db.stat().st_size == 0


def test_a_diary_opened_but_never_logged_reads_as_empty(cli_main, tmp_path):
    db = make(tmp_path / "d.db")
    assert cli_main("--db", db, "status").stdout == "nothing logged yet | no alerts\n"


def test_a_damaged_diary_gets_the_refusal_every_command_gives(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(n, 4) for n in range(200)])
    assert (
        run_cli("--db", db, "status").stdout
        == "pain 4 today, 7/7 days logged | 1 alert: duration\n"
    )
    damage(db)
    before = fingerprint(db)
    status = run_cli("--db", db, "status")
    show = run_cli("--db", db, "show")
    assert (status.returncode, status.stdout) == (2, "painlog: diary unreadable\n")
    assert show.returncode == 2
    assert status.stderr == show.stderr
    assert len(status.stderr.splitlines()) == 1 and "damaged" in status.stderr
    assert fingerprint(db) == before


def damage(db: Path) -> None:
    """Overwrite one page in the middle of the file: the header stays, the tree breaks."""
    data = bytearray(db.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xff" * page
    db.write_bytes(bytes(data))


# -- the cache -------------------------------------------------------------------------------

PROBE = """
import json, sys
from painlog.cli import main
main(["--db", sys.argv[1], "status"])
heavy = {"textual", "rich", "sqlalchemy", "sqlmodel"}
loaded = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(json.dumps(loaded))
"""


def probe(cli_env, db: Path) -> tuple[str, list[str]]:
    """Run status in a fresh interpreter: its line and the heavy packages it imported."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line, loaded = result.stdout.splitlines()
    return line, json.loads(loaded)


def test_a_warm_cache_answers_without_loading_the_store(cli_env, tmp_path):
    db = make(tmp_path / "d.db", [*WORSE, day(0, 6)])
    assert probe(cli_env, db) == (
        "pain 6 today, 7/7 days logged | 1 alert: worsening",
        ["sqlalchemy", "sqlmodel"],
    )
    assert probe(cli_env, db) == ("pain 6 today, 7/7 days logged | 1 alert: worsening", [])


def test_a_write_makes_the_next_status_read_again(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(1, 5)])
    first = run_cli("--db", db, "status").stdout
    assert first == "not logged today (last: pain 5, yesterday), 1/7 days logged | no alerts\n"
    assert run_cli("--db", db, "log", "3").returncode == 0
    assert run_cli("--db", db, "status").stdout == "pain 3 today, 2/7 days logged | no alerts\n"


def test_a_write_by_another_open_connection_is_seen(cli_main, tmp_path):
    # The writer keeps its connection open, so its commit sits in the WAL, not the file.
    db = make(tmp_path / "d.db", [day(1, 5)])
    with Diary.open(str(db)) as writer:
        assert cli_main("--db", db, "status").stdout.startswith("not logged today")
        writer.save_day(day(0, 2), TODAY)
        assert (
            cli_main("--db", db, "status").stdout == "pain 2 today, 2/7 days logged | no alerts\n"
        )


def test_a_new_date_makes_status_read_again(run_cli, tmp_path):
    db = make(tmp_path / "d.db", [day(0, 4)])
    assert run_cli("--db", db, "status").stdout == "pain 4 today, 1/7 days logged | no alerts\n"
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    later = run_cli("--db", db, "status", env={"PAINLOG_TODAY": tomorrow})
    assert (
        later.stdout == "not logged today (last: pain 4, yesterday), 1/7 days logged | no alerts\n"
    )


def test_the_cache_is_private(cli_main, tmp_path):
    import stat

    from painlog.cli.status import cache_file
    from painlog.store.location import resolve_location

    db = make(tmp_path / "d.db", [day(0, 4)])
    cli_main("--db", db, "status")
    cached = cache_file(resolve_location(str(db)))
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert stat.S_IMODE(cached.parent.stat().st_mode) == 0o700


def test_two_diaries_keep_their_own_lines(cli_main, tmp_path):
    one = make(tmp_path / "one.db", [day(0, 4)])
    two = make(tmp_path / "two.db", [day(0, 7)])
    for _ in range(2):
        assert (
            cli_main("--db", one, "status").stdout == "pain 4 today, 1/7 days logged | no alerts\n"
        )
        assert (
            cli_main("--db", two, "status").stdout == "pain 7 today, 1/7 days logged | no alerts\n"
        )


def test_a_server_line_is_trusted_for_sixty_seconds(tmp_path):
    import os
    import time

    from painlog.cli.status import (
        SERVER_CACHE_SECONDS,
        cache_file,
        cache_key,
        read_cache,
        write_cache,
    )
    from painlog.store.location import resolve_location

    server = resolve_location("postgresql://painlog@127.0.0.1:1/diary")
    key = cache_key(server, TODAY)
    write_cache(server, key, "pain 4 today | no alerts")
    assert read_cache(server, key) == "pain 4 today | no alerts"
    assert read_cache(server, cache_key(server, TODAY + timedelta(days=1))) is None
    written = cache_file(server)
    now = time.time()
    os.utime(written, (now - SERVER_CACHE_SECONDS + 1, now - SERVER_CACHE_SECONDS + 1))
    assert read_cache(server, key) == "pain 4 today | no alerts"
    os.utime(written, (now - SERVER_CACHE_SECONDS - 1, now - SERVER_CACHE_SECONDS - 1))
    assert read_cache(server, key) is None


def test_a_diary_in_memory_is_never_cached(cli_main):
    from painlog.cli.status import cache_key
    from painlog.store.location import resolve_location

    assert cache_key(resolve_location("sqlite://"), TODAY) is None
