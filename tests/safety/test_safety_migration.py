"""Schema evolution on a diary kept for years: the schema-1 and schema-2 files in fixtures/
(made by the code of their schema, see fixtures/make_v*_fixture.py) are migrated and keep
every row; a copy is made first with the online backup API; a failing step leaves the file
byte-identical.

`test_the_fixture_migrated_to_the_current_schema_matches_a_new_diary` runs the real steps
(step 2 adds the own_exercise table, step 3 the profile's cancer history and the day of an
acknowledgement, moving logged cancer-history signs into the profile). The other tests add
a test-only next step to `schema.STEPS` (adding a column, as a future step most likely
would), so a migration that runs more than one step, and one that fails after a real step
succeeded, are covered too.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from safety_helpers import SAFETY_TODAY, integrity, table_rows

from painlog.rules.records import Profile
from painlog.store import backup, schema
from painlog.store.diary import Diary
from painlog.store.errors import BackupFailed, MigrationFailed, StoreError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def columns(path: Path) -> dict[str, list[tuple]]:
    """Each table's columns (name, type, not null, default, primary key) and indexes."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        for table in sorted(tables):
            found[table] = [row[1:] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            found[f"{table} indexes"] = sorted(
                (row[1], row[2]) for row in connection.execute(f'PRAGMA index_list("{table}")')
            )
        return found
    finally:
        connection.close()


def add_mood_column(connection) -> None:
    from sqlalchemy import text

    connection.execute(text("ALTER TABLE day_log ADD COLUMN mood INTEGER"))


CURRENT = schema.SCHEMA_VERSION
NEXT = CURRENT + 1


@pytest.fixture
def step_next(monkeypatch):
    """The schema after the current one, for this test only: its step adds `day_log.mood`."""
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(schema.STEPS, NEXT, add_mood_column)
    return add_mood_column


def test_the_fixture_is_a_schema_1_diary(v1_copy):
    assert table_rows(v1_copy)[schema.VERSION_TABLE] == [(1,)]
    assert integrity(v1_copy) == ["ok"]


@pytest.mark.parametrize("fixture", ["v1_copy", "v2_copy", "v3_copy", "v4_copy", "v5_copy"])
def test_the_fixture_migrated_to_the_current_schema_matches_a_new_diary(fixture, request, tmp_path):
    """Guards the models against changing without a migration step (and the steps against
    building something else than the models): both paths must give the same tables."""
    old = request.getfixturevalue(fixture)
    before = table_rows(old)
    Diary.open(str(old)).close()
    fresh = tmp_path / "fresh.db"
    Diary.open(str(fresh)).close()
    assert columns(old) == columns(fresh)
    after = table_rows(old)
    for table, rows in before.items():
        if table == schema.VERSION_TABLE:
            continue
        if fixture == "v2_copy" and table in ("flag_report", "day_log", "profile"):
            continue  # step 3 moves the cancer history: checked below
        assert [row[: len(rows[0])] if rows else row for row in after[table]] == rows
    assert after[schema.VERSION_TABLE] == [(schema.SCHEMA_VERSION,)]


def test_the_schema_2_fixture_moves_its_cancer_history_into_the_profile(v2_copy):
    """The diary as schema 2 left it: cancer-history logged on two days (once beside a
    fever), an emergency acknowledged on its day."""
    before = table_rows(v2_copy)
    assert [row[2] for row in before["flag_report"]].count("cancer-history") == 2
    with Diary.open(str(v2_copy)) as diary:
        profile = diary.profile()
        days = diary.days()
        acknowledged = diary.acknowledged()
        exercises = diary.own_exercises()
    assert profile == Profile(1968, SAFETY_TODAY - timedelta(days=30), True)
    # Every day is kept, with every other sign, its pain, places, exercises and note.
    assert [day.flags for day in days] == [(), ("fever",), ("saddle-numbness",), ()]
    assert [day.pain for day in days] == [row[2] for row in before["day_log"]]
    assert [day.note for day in days] == [row[5] for row in before["day_log"]]
    assert days[0].exercises[1].slug == exercises[0].slug
    # Acknowledgements keep their key; one given before schema 3 reads as given on `since`.
    assert acknowledged == {
        ("red_flag", SAFETY_TODAY - timedelta(days=20)): SAFETY_TODAY - timedelta(days=20),
        ("emergency", SAFETY_TODAY - timedelta(days=3)): SAFETY_TODAY - timedelta(days=3),
    }
    after = table_rows(v2_copy)
    assert [row[2] for row in after["flag_report"]] == ["fever", "saddle-numbness"]
    # The days that lost the sign are marked as changed; the others are as they were.
    changed = {row[1] for row in before["flag_report"] if row[2] == "cancer-history"}
    assert len(changed) == 2
    for old, new in zip(before["day_log"], after["day_log"], strict=True):
        assert new[:7] == old[:7]  # id to created_at
        assert (new[7] != old[7]) is (old[0] in changed)  # updated_at
    copies = sorted(backup.backups_folder(v2_copy).glob(f"painlog-before-v{CURRENT}-from-v2-*.db"))
    assert len(copies) == 1 and table_rows(copies[0]) == before


def test_the_cancer_history_stays_unanswered_without_a_logged_sign(v1_copy):
    with Diary.open(str(v1_copy)) as diary:
        assert diary.profile().cancer_history is None
        assert diary.profile().birth_year == 1968


def test_the_next_migration_keeps_every_row_and_backs_up_first(v1_copy, step_next):
    before = table_rows(v1_copy)
    original = sha(v1_copy)
    with Diary.open(str(v1_copy)) as diary:
        # The diary reads as before, notes and all, through the new schema.
        days = diary.days()
    after = table_rows(v1_copy)
    assert after[schema.VERSION_TABLE] == [(NEXT,)]
    for table, rows in before.items():
        if table == schema.VERSION_TABLE:
            continue
        if table == "day_log":
            # The real steps' columns, then mood, come after the schema-1 ones.
            assert [row[: len(rows[0])] for row in after[table]] == rows
            assert all(row[-1] is None for row in after[table])
        else:
            # Columns the real steps added come after the schema-1 ones.
            assert [row[: len(rows[0])] for row in after[table]] == rows, table
    assert len(days) == len(before["day_log"])
    assert {day.note for day in days} == {row[5] for row in before["day_log"]}
    # The copy made first holds the schema-1 diary exactly.
    copies = sorted(backup.backups_folder(v1_copy).glob(f"painlog-before-v{NEXT}-from-v1-*.db"))
    assert len(copies) == 1
    assert table_rows(copies[0]) == before
    assert integrity(copies[0]) == ["ok"]
    assert copies[0].stat().st_mode & 0o777 == 0o600
    assert sha(v1_copy) != original


def test_a_migration_runs_once_even_when_two_open_the_diary_at_once(v1_copy, monkeypatch):
    calls = []

    def slow_step(connection) -> None:
        calls.append(threading.get_ident())
        time.sleep(0.3)  # long enough for the other opener to wait on the write lock
        add_mood_column(connection)

    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(schema.STEPS, NEXT, slow_step)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Diary.open(str(v1_copy)).close()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(calls) == 1
    assert table_rows(v1_copy)[schema.VERSION_TABLE] == [(NEXT,)]


def test_a_failing_step_leaves_the_file_byte_identical(v1_copy, monkeypatch, state_log, run_main):
    def half_done(connection) -> None:
        add_mood_column(connection)
        note = connection.exec_driver_sql("SELECT note FROM day_log WHERE id = 2").scalar()
        connection.exec_driver_sql("UPDATE day_log SET note = 'overwritten'")
        raise RuntimeError(f"step {NEXT} broke halfway at the note {note!r}")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(schema.STEPS, NEXT, half_done)
    original = sha(v1_copy)
    rows = table_rows(v1_copy)
    with pytest.raises(MigrationFailed) as raised:
        Diary.open(str(v1_copy))
    message = str(raised.value)
    assert str(v1_copy) in message and f"schema 1 to {NEXT}" in message
    assert "left as it was" in message
    assert sha(v1_copy) == original
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == ["backups", "painlog.db"]
    assert table_rows(v1_copy) == rows
    # The command line says so in one line, exit 2; the log has the bug, not the note.
    result = run_main("--db", v1_copy, "show")
    assert result.code == 2 and result.one_line_error, result.err
    log = state_log.read_text(encoding="utf-8")
    assert "RuntimeError" in log and "half_done" in log
    assert "Long drive" not in log
    assert sha(v1_copy) == original


def test_no_migration_without_its_backup(v1_copy, step_next):
    (v1_copy.parent / "backups").write_text("a file where the backups folder should be")
    original = sha(v1_copy)
    with pytest.raises(BackupFailed) as raised:
        Diary.open(str(v1_copy))
    assert "Nothing was changed" in str(raised.value)
    assert sha(v1_copy) == original
    assert table_rows(v1_copy)[schema.VERSION_TABLE] == [(1,)]


def test_a_migration_killed_midway_leaves_schema_1_whole(v1_copy, safety_env):
    """SIGKILL while the last step runs, inside its transaction: the next open finds
    schema 1, every row, and a sound file."""
    rows = table_rows(v1_copy)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from painlog.store import schema\n"
            "from painlog.store.diary import Diary\n"
            "def step(connection):\n"
            "    connection.exec_driver_sql('ALTER TABLE day_log ADD COLUMN mood INTEGER')\n"
            "    connection.exec_driver_sql(\"UPDATE day_log SET note = 'half'\")\n"
            "    print('in step', flush=True)\n"
            "    time.sleep(60)\n"
            f"schema.SCHEMA_VERSION = {NEXT}\n"
            f"schema.STEPS[{NEXT}] = step\n"
            "Diary.open(sys.argv[1])\n",
            str(v1_copy),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **safety_env},
    )
    try:
        assert child.stdout.readline() == b"in step\n", child.stderr.read()
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert integrity(v1_copy) == ["ok"]
    assert table_rows(v1_copy) == rows


def test_a_diary_too_new_is_refused_before_any_backup_or_change(v1_copy):
    connection = sqlite3.connect(v1_copy)
    connection.execute(f"UPDATE {schema.VERSION_TABLE} SET version = 99")
    connection.commit()
    connection.close()
    original = sha(v1_copy)
    with pytest.raises(StoreError, match="newer painlog"):
        Diary.open(str(v1_copy))
    assert sha(v1_copy) == original
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == ["painlog.db"]


def kept(after: list[tuple], before: list[tuple]) -> bool:
    """Whether rows read after an upgrade are `before`, each with the columns later steps
    added after its own (schema 6 adds two to the day log, both false in every old day)."""
    if not before:
        return after == []
    width = len(before[0])
    return [row[:width] for row in after] == before and all(
        all(value in (0, False) for value in row[width:]) for row in after
    )


def test_the_schema_3_fixture_keeps_every_row_and_gains_empty_medication_lists(v3_copy):
    """Schema 4 only adds tables: every row of the schema-3 diary is as it was, and the
    diary reads the same days, profile, exercises and acknowledgements, with no medication
    or treatment on any day."""
    before = table_rows(v3_copy)
    assert before[schema.VERSION_TABLE] == [(3,)]
    with Diary.open(str(v3_copy)) as diary:
        days = diary.days()
        profile = diary.profile()
        own = diary.own_exercises()
        medications, treatments = diary.medications(), diary.own_treatments()
    after = table_rows(v3_copy)
    for table, rows in before.items():
        if table != schema.VERSION_TABLE:
            assert kept(after[table], rows), table
    for table in ("medication", "own_treatment", "intake", "treatment_done"):
        assert after[table] == []
    assert [day.pain for day in days] == [5, 6, 4, 3]
    assert days[0].places[0].character == "ache" and days[2].bed_rest
    assert all(day.took == () and day.treated == () for day in days)
    assert profile == Profile(1968, SAFETY_TODAY - timedelta(days=30), True)
    assert [x.retired for x in own] == [False, True]
    assert medications == () and treatments == ()
    copies = sorted(
        backup.backups_folder(v3_copy).glob(f"painlog-before-v{schema.SCHEMA_VERSION}-from-v3-*.db")
    )
    assert len(copies) == 1 and table_rows(copies[0]) == before


def test_the_schema_4_fixture_keeps_every_row_and_gains_no_report_marks(v4_copy):
    """Schema 5 only adds the report_mark table: every row of the schema-4 diary is as it
    was, its intakes and treatments included, and no note is marked for the report."""
    before = table_rows(v4_copy)
    assert before[schema.VERSION_TABLE] == [(4,)]
    with Diary.open(str(v4_copy)) as diary:
        days = diary.days()
        medications = diary.medications()
        notes = diary.report_notes()
    after = table_rows(v4_copy)
    for table, rows in before.items():
        if table != schema.VERSION_TABLE:
            assert kept(after[table], rows), table
    assert after["report_mark"] == []
    assert notes == []
    assert [day.pain for day in days] == [5, 6, 4, 3]
    assert [intake.slug for intake in days[0].took] == ["ibuprofen", "ibuprofen"]
    assert days[0].treated == ("heat", "own-hydrotherapy")
    assert [x.retired for x in medications] == [False, True]
    copies = sorted(
        backup.backups_folder(v4_copy).glob(f"painlog-before-v{schema.SCHEMA_VERSION}-from-v4-*.db")
    )
    assert len(copies) == 1 and table_rows(copies[0]) == before


def test_the_schema_5_fixture_keeps_every_row_and_every_day_keeps_its_own_pain(v5_copy):
    """Schema 6 adds the check-in and PEG tables and two columns to the day log: every row
    of the schema-5 diary is as it was, its report mark included, no day gains a check-in,
    and every day's pain and worst stay the person's own (not from check-ins)."""
    before = table_rows(v5_copy)
    assert before[schema.VERSION_TABLE] == [(5,)]
    with Diary.open(str(v5_copy)) as diary:
        days = diary.days()
        notes = diary.report_notes()
        answers = diary.peg_answers()
    after = table_rows(v5_copy)
    for table, rows in before.items():
        if table != schema.VERSION_TABLE:
            assert kept(after[table], rows), table
    for table in ("checkin", "checkin_place", "peg_answer"):
        assert after[table] == []
    assert [row[-2:] for row in after["day_log"]] == [(0, 0)] * 4
    assert [day.pain for day in days] == [5, 6, 4, 3]
    assert [day.worst for day in days] == [7, None, None, None]
    assert all(not (d.checkins or d.pain_from_checkins or d.worst_from_checkins) for d in days)
    assert [day for day, _note in notes] == [days[0].day]
    assert answers == []
    copies = sorted(
        backup.backups_folder(v5_copy).glob(f"painlog-before-v{schema.SCHEMA_VERSION}-from-v5-*.db")
    )
    assert len(copies) == 1 and table_rows(copies[0]) == before
