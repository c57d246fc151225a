"""Every command on a PostgreSQL diary, as a person runs them: `--db postgresql://...`.

Each test gets an empty schema of its own on the test server (tests/postgres_server.py).
The same commands on an SQLite file give the same output and the same export bytes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from painlog.store.diary import Diary

DAYS = [
    ("2026-11-16", ["4", "--where", "lower-back:left:ache", "--did", "walking:30min"]),
    ("2026-11-18", ["6", "--worst", "8", "--where", "hip-side:right", "--bed-rest"]),
    ("2026-11-20", ["5", "--did", "glute-bridge:3x10", "--note", 'stiff, "very" stiff']),
    ("2026-11-21", ["3", "--flag", "fever"]),
]


def log_days(run_cli, where) -> None:
    for day, args in DAYS:
        done = run_cli("--db", where, "log", *args, "--date", day)
        assert done.returncode == 0, done.stderr


@pytest.fixture
def sqlite_file(tmp_path) -> Path:
    return tmp_path / "same.db"


def test_log_show_alerts_and_status_on_a_server(run_cli, server_database):
    log_days(run_cli, server_database)
    show = run_cli("--db", server_database, "show", "--date", "2026-11-18")
    assert show.returncode == 0, show.stderr
    assert "6/10" in show.stdout and "bed rest" in show.stdout.lower()
    alerts = run_cli("--db", server_database, "alerts", "--json")
    assert alerts.returncode == 0, alerts.stderr
    assert [a["kind"] for a in json.loads(alerts.stdout)] == ["red_flag"]
    status = run_cli("--db", server_database, "status")
    assert (status.returncode, status.stdout) == (
        0,
        "pain 3 today, 4/7 days logged | 1 alert: red flag\n",
    )


def test_every_reading_command_says_the_same_on_both_engines(run_cli, server_database, sqlite_file):
    for where in (server_database, sqlite_file):
        log_days(run_cli, where)
        assert run_cli("--db", where, "profile", "--birth-year", "1958").returncode == 0
        assert run_cli("--db", where, "exercises", "add", "Band walk", "--category", "strength")
    commands = [
        ["show", "--date", "2026-11-20"],
        ["alerts"],
        ["alerts", "--json"],
        ["chart", "--weeks", "4"],
        ["exercises"],
        ["status"],
    ]
    for command in commands:
        server = run_cli("--db", server_database, *command)
        local = run_cli("--db", sqlite_file, *command)
        assert server.returncode == local.returncode == 0, (command, server.stderr)
        assert server.stdout == local.stdout, command


@pytest.mark.parametrize("kind", [["--daily"], []], ids=["daily", "weekly"])
def test_exports_are_the_same_bytes_as_from_a_file(
    run_cli, server_database, sqlite_file, tmp_path, kind
):
    outputs = []
    for where, name in ((server_database, "server.csv"), (sqlite_file, "file.csv")):
        log_days(run_cli, where)
        target = tmp_path / name
        done = run_cli("--db", where, "export", *kind, "-o", target)
        assert done.returncode == 0, done.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\r\n") > 1


def test_import_to_a_server_is_all_or_nothing_and_round_trips(
    run_cli, server_databases, sqlite_file, tmp_path
):
    log_days(run_cli, sqlite_file)
    exported = tmp_path / "daily.csv"
    assert run_cli("--db", sqlite_file, "export", "--daily", "-o", exported).returncode == 0

    damaged = tmp_path / "damaged.csv"
    lines = exported.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b",6,", b",sixish,", 1)
    damaged.write_bytes(b"\r\n".join(lines))
    target = server_databases()
    refused = run_cli("--db", target, "import", damaged)
    assert refused.returncode == 2
    assert "nothing was imported" in refused.stderr
    with Diary.open(target) as diary:
        assert diary.count_days() == 0

    done = run_cli("--db", target, "import", exported)
    assert done.returncode == 0, done.stderr
    again = tmp_path / "again.csv"
    assert run_cli("--db", target, "export", "--daily", "-o", again).returncode == 0
    assert again.read_bytes() == exported.read_bytes()


def test_demo_fills_a_server_diary(run_cli, server_database):
    done = run_cli("--db", server_database, "demo", "--weeks", "8")
    assert done.returncode == 0, done.stderr
    assert "Open it with:  painlog --db 'postgresql+psycopg://" in done.stdout
    with Diary.open(server_database, read_only=True) as diary:
        assert diary.count_days() > 40


def test_backup_of_a_server_points_to_pg_dump(run_cli, server_database):
    log_days(run_cli, server_database)
    done = run_cli("--db", server_database, "backup")
    assert done.returncode == 2
    assert "pg_dump" in done.stderr and len(done.stderr.splitlines()) == 1


def test_reading_an_empty_server_database_creates_nothing(run_cli, server_database):
    from sqlalchemy import create_engine, inspect

    from painlog.store.location import resolve_location

    done = run_cli("--db", server_database, "show")
    assert done.returncode == 2
    assert done.stderr.startswith("painlog: there is no diary at postgresql+psycopg://")
    status = run_cli("--db", server_database, "status")
    assert (status.returncode, status.stdout) == (0, "painlog: no diary yet\n")
    engine = create_engine(resolve_location(server_database).url)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
    engine.dispose()


def test_a_server_that_does_not_answer_is_named_a_server(run_cli, postgres_server):
    from sqlalchemy.engine import make_url

    url = make_url(postgres_server).set(port=1)  # nothing listens on port 1
    where = url.render_as_string(hide_password=False)
    for command in (["show"], ["log", "3"], ["status"]):
        done = run_cli("--db", where, *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert "server" in done.stderr and "file" not in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_several_logs_of_the_same_new_day_at_once_all_succeed(cli_env, server_database):
    Diary.open(server_database).close()  # the schema exists; the day does not
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "painlog.cli",
                "--db",
                server_database,
                "log",
                str(pain),
                "--note",
                f"writer {pain}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli_env,
            text=True,
        )
        for pain in range(1, 7)
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with Diary.open(server_database, read_only=True) as diary:
        (day,) = diary.days()
    assert day.note == f"writer {day.pain}"
