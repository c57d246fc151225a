"""The database itself refuses impossible rows, and hands timestamps back as aware UTC."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.store.diary import Diary
from painlog.store.models import AlertAckRow, DayLogRow, ProfileRow, SettingRow

TODAY = date(2026, 11, 21)
STAMP = "2026-11-21 10:00:00.000000"
INSERT_DAY = (
    "INSERT INTO day_log (day, pain, worst, bed_rest, note, created_at, updated_at) "
    "VALUES (:day, :pain, :worst, 0, '', :stamp, :stamp)"
)


@pytest.fixture
def file_diary(db_path):
    with Diary.open(str(db_path)) as opened:
        opened.save_day(
            DayLog(
                TODAY,
                4,
                places=(Place("knee", "left"),),
                exercises=(ExerciseDone("walking"),),
                flags=("fever",),
            ),
            TODAY,
        )
    return db_path


def raw(db_path) -> sqlite3.Connection:
    """A plain sqlite3 connection, with none of painlog's code in the way."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@pytest.mark.parametrize(
    ("pain", "worst"),
    [(11, None), (-1, None), (4, 11), (4, -1), (100, None)],
    ids=["pain-11", "pain--1", "worst-11", "worst--1", "pain-100"],
)
def test_check_constraints_refuse_pain_out_of_range(file_diary, pain, worst):
    connection = raw(file_diary)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute(
                INSERT_DAY, {"day": "2026-11-01", "pain": pain, "worst": worst, "stamp": STAMP}
            )
        assert connection.execute("SELECT count(*) FROM day_log").fetchone()[0] == 1
    finally:
        connection.close()


def test_check_constraint_refuses_an_update_past_ten(file_diary):
    connection = raw(file_diary)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("UPDATE day_log SET pain = 11")
        assert connection.execute("SELECT pain FROM day_log").fetchone()[0] == 4
    finally:
        connection.close()


def test_unique_day_refuses_a_second_row_for_a_date(file_diary):
    connection = raw(file_diary)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                INSERT_DAY, {"day": TODAY.isoformat(), "pain": 3, "worst": None, "stamp": STAMP}
            )
    finally:
        connection.close()


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO pain_place (log_id, position, location, side) "
        "SELECT id, 1, 'knee', 'left' FROM day_log",
        "INSERT INTO exercise_done (log_id, position, slug) SELECT id, 1, 'walking' FROM day_log",
        "INSERT INTO flag_report (log_id, slug) SELECT id, 'fever' FROM day_log",
    ],
    ids=["place", "exercise", "flag"],
)
def test_unique_children_per_day(file_diary, sql):
    connection = raw(file_diary)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(sql)
    finally:
        connection.close()


def test_a_single_profile_row(file_diary):
    connection = raw(file_diary)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("INSERT INTO profile (id, updated_at) VALUES (2, ?)", (STAMP,))
    finally:
        connection.close()


def test_foreign_keys_are_enforced_on_painlogs_connections(diary):
    with diary.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    for sql in (
        "INSERT INTO pain_place (log_id, position, location) VALUES (999, 0, 'knee')",
        "INSERT INTO exercise_done (log_id, position, slug) VALUES (999, 0, 'walking')",
        "INSERT INTO flag_report (log_id, slug) VALUES (999, 'fever')",
    ):
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), diary.engine.begin() as c:
            c.execute(text(sql))
    assert diary.days() == []


def test_raw_delete_of_a_day_cascades(file_diary):
    connection = raw(file_diary)
    try:
        connection.execute("DELETE FROM day_log")
        for table in ("pain_place", "exercise_done", "flag_report"):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        connection.close()


def test_timestamps_read_back_as_aware_utc(diary):
    diary.save_day(DayLog(TODAY - timedelta(days=1), 3), TODAY)
    diary.save_day(DayLog(TODAY - timedelta(days=1), 4), TODAY)
    diary.save_profile(Profile(1960), TODAY)
    diary.acknowledge("duration", date(2026, 10, 1))
    diary.set_setting("theme", "dark")
    with Session(diary.engine) as session:
        row = session.exec(select(DayLogRow)).one()
        stamps = [
            row.created_at,
            row.updated_at,
            session.exec(select(ProfileRow)).one().updated_at,
            session.exec(select(AlertAckRow)).one().acknowledged_at,
            session.exec(select(SettingRow)).one().updated_at,
        ]
    for stamp in stamps:
        assert stamp.tzinfo is not None
        assert stamp.utcoffset() == timedelta(0)
    assert row.updated_at >= row.created_at


def test_timestamps_survive_a_file_round_trip_as_utc(file_diary):
    with Diary.open(str(file_diary)) as diary, Session(diary.engine) as session:
        row = session.exec(select(DayLogRow)).one()
    assert row.created_at.tzinfo is not None
    assert row.created_at.astimezone(UTC) == row.created_at
