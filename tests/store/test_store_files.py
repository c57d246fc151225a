"""Opening a database: private file modes, pragmas, the schema version, and refusals that
leave a file that is not painlog's exactly as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from painlog.rules.records import DayLog, Place
from painlog.store.diary import Diary
from painlog.store.engine import BUSY_TIMEOUT_MS
from painlog.store.errors import DatabaseTooNew, NotAPainlogDatabase, StoreError
from painlog.store.schema import SCHEMA_VERSION, VERSION_TABLE

TODAY = date(2026, 11, 21)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in `folder` with the sha256 of its bytes."""
    return {
        item.name: hashlib.sha256(item.read_bytes()).hexdigest()
        for item in sorted(folder.iterdir())
        if item.is_file()
    }


# -- file modes ----------------------------------------------------------------------------


@posix_only
def test_a_new_folder_and_file_are_private(tmp_path):
    path = tmp_path / "made-by-painlog" / "painlog.db"
    with Diary.open(str(path)) as diary:
        diary.save_day(DayLog(TODAY, 3), TODAY)
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        for extra in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + extra)
            assert sidecar.exists(), extra
            assert mode(sidecar) == 0o600, extra
    assert mode(path) == 0o600


@posix_only
def test_an_existing_folder_keeps_its_mode(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    with Diary.open(str(folder / "painlog.db")):
        pass
    assert mode(folder) == 0o755
    assert mode(folder / "painlog.db") == 0o600


@posix_only
def test_an_existing_readable_diary_is_tightened_to_0600(db_path):
    Diary.open(str(db_path)).close()
    db_path.chmod(0o644)
    with Diary.open(str(db_path)) as diary:
        diary.save_day(DayLog(TODAY, 3), TODAY)
    assert mode(db_path) == 0o600


def test_a_folder_as_the_database_is_refused(tmp_path):
    with pytest.raises(StoreError, match="not a file"):
        Diary.open(str(tmp_path))


# -- pragmas -------------------------------------------------------------------------------


def pragmas(diary: Diary) -> dict[str, object]:
    with diary.engine.connect() as connection:
        return {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }


def test_file_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout(db_path):
    with Diary.open(str(db_path)) as diary:
        assert pragmas(diary) == {
            "journal_mode": "wal",
            "synchronous": 2,
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS,
        }
        assert BUSY_TIMEOUT_MS > 0


def test_every_pooled_connection_gets_the_pragmas(db_path):
    with Diary.open(str(db_path)) as diary:
        first = diary.engine.connect()
        second = diary.engine.connect()  # a second connection while the first is checked out
        try:
            for connection in (first, second):
                assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
        finally:
            first.close()
            second.close()


def test_memory_connections_enforce_foreign_keys(diary):
    found = pragmas(diary)
    assert found["foreign_keys"] == 1
    assert found["synchronous"] == 2
    assert found["journal_mode"] == "memory"


# -- schema version ------------------------------------------------------------------------


def test_the_version_table_holds_the_schema_version(db_path):
    Diary.open(str(db_path)).close()
    with Diary.open(str(db_path)) as diary, diary.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT version FROM {VERSION_TABLE}")).all()
    assert rows == [(SCHEMA_VERSION,)]


def test_opening_twice_keeps_data_and_one_version_row(db_path):
    with Diary.open(str(db_path)) as diary:
        diary.save_day(DayLog(TODAY, 5, places=(Place("knee"),)), TODAY)
    for _ in range(2):
        with Diary.open(str(db_path)) as diary:
            assert diary.load_day(TODAY) == DayLog(TODAY, 5, places=(Place("knee"),))
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute(f"SELECT * FROM {VERSION_TABLE}").fetchall() == [
            (SCHEMA_VERSION,)
        ]
    finally:
        connection.close()


def test_an_empty_existing_file_becomes_a_diary(db_path):
    db_path.touch()
    with Diary.open(str(db_path)) as diary:
        assert diary.count_days() == 0


@pytest.fixture
def too_new(db_path) -> Path:
    with Diary.open(str(db_path)) as diary:
        diary.save_day(DayLog(TODAY, 4), TODAY)
    connection = sqlite3.connect(db_path)
    connection.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()
    return db_path


def test_a_database_from_a_newer_painlog_is_refused_untouched(too_new):
    before = snapshot(too_new.parent)
    with pytest.raises(StoreError, match="newer painlog") as raised:
        Diary.open(str(too_new))
    chain = [raised.value, raised.value.__cause__]
    assert any(isinstance(error, DatabaseTooNew) for error in chain)
    assert str(too_new) in str(raised.value)
    assert snapshot(too_new.parent) == before


@pytest.fixture
def text_file(db_path) -> Path:
    db_path.write_text("Dear diary,\n" + "not a database at all. " * 500, encoding="utf-8")
    db_path.chmod(0o644)
    return db_path


def test_a_text_file_is_refused_untouched(text_file):
    before = snapshot(text_file.parent)
    with pytest.raises(StoreError) as raised:
        Diary.open(str(text_file))
    assert isinstance(raised.value, NotAPainlogDatabase)
    assert "not a painlog database" in str(raised.value)
    assert snapshot(text_file.parent) == before


@posix_only
def test_a_refused_file_keeps_its_mode(text_file):
    with pytest.raises(StoreError):
        Diary.open(str(text_file))
    assert mode(text_file) == 0o644


def make_foreign_sqlite(path: Path, journal_mode: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    connection.execute("INSERT INTO recipes VALUES ('soup', 40)")
    connection.commit()
    connection.close()


def test_an_sqlite_file_of_someone_elses_tables_is_refused(db_path):
    make_foreign_sqlite(db_path, "wal")
    with pytest.raises(StoreError, match="recipes") as raised:
        Diary.open(str(db_path))
    chain = [raised.value, raised.value.__cause__]
    assert any(isinstance(error, NotAPainlogDatabase) for error in chain)
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("SELECT * FROM recipes").fetchall() == [("soup", 40)]
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        assert tables == [("recipes",)]
    finally:
        connection.close()


@pytest.mark.parametrize(
    "journal_mode",
    [
        "delete",
        "wal",
    ],
)
def test_an_sqlite_file_of_someone_elses_tables_is_left_byte_identical(db_path, journal_mode):
    make_foreign_sqlite(db_path, journal_mode)
    before = snapshot(db_path.parent)
    with pytest.raises(StoreError):
        Diary.open(str(db_path))
    assert snapshot(db_path.parent) == before


def test_a_refused_file_is_not_replaced_by_a_new_diary(text_file):
    for _ in range(2):
        with pytest.raises(StoreError):
            Diary.open(str(text_file))
    assert text_file.read_text(encoding="utf-8").startswith("Dear diary,")
    assert sorted(os.listdir(text_file.parent)) == [text_file.name]
