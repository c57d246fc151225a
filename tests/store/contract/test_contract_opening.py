"""Opening a diary: read-only opens create and change nothing, older schemas are brought up
to date, and several programs writing the same new day at once all succeed."""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest
from sqlalchemy import inspect, text

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.store import schema
from painlog.store.diary import Diary
from painlog.store.errors import NeedsUpgrade, NoDiary, StoreError

TODAY = date(2026, 11, 21)
DAY = DayLog(TODAY, 4, places=(Place("hip-side", "left"),), note="stairs")


def tables(where: str) -> set[str]:
    """The tables behind `where`, looked at without painlog."""
    from sqlalchemy import create_engine

    from painlog.store.location import resolve_location

    engine = create_engine(resolve_location(where).url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


# -- read-only ---------------------------------------------------------------------------


def test_reading_where_there_is_no_diary_creates_nothing(where, engine_name, tmp_path):
    with pytest.raises(NoDiary, match="no diary"):
        Diary.open(where, read_only=True)
    if engine_name == "sqlite":
        assert list(tmp_path.iterdir()) == []
    else:
        assert tables(where) == set()


def test_a_read_only_diary_reads_and_refuses_every_write(where):
    with Diary.open(where) as diary:
        diary.save_day(DAY, TODAY)
    with Diary.open(where, read_only=True) as reader:
        assert reader.days() == [DAY]
        with pytest.raises(StoreError, match="read-only"):
            reader.save_day(DayLog(TODAY, 9), TODAY)
        with pytest.raises(StoreError, match="read-only"):
            reader.set_setting("theme", "dark")
    with Diary.open(where, read_only=True) as reader:
        assert reader.days() == [DAY]
        assert reader.setting("theme") is None


def downgrade_to_version_1(where: str) -> None:
    """Make the diary at `where` look as the first painlog left it (no own exercises)."""
    with Diary.open(where) as diary, diary.engine.begin() as connection:
        connection.execute(text("DROP TABLE own_exercise"))
        connection.execute(text(f"UPDATE {schema.VERSION_TABLE} SET version = 1"))


def test_an_older_schema_is_not_upgraded_by_a_reader_but_by_a_writer(where):
    with Diary.open(where) as diary:
        diary.save_day(DAY, TODAY)
    downgrade_to_version_1(where)
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    assert "own_exercise" not in tables(where)
    with Diary.open(where) as diary:
        assert diary.days() == [DAY]
        added = diary.add_exercise("Band walk", "Strength")
    with Diary.open(where, read_only=True) as reader:
        assert [x.slug for x in reader.own_exercises()] == [added.slug]


def test_a_newer_schema_is_refused_untouched(where):
    with Diary.open(where) as diary, diary.engine.begin() as connection:
        diary.save_day(DAY, TODAY)
        connection.execute(text(f"UPDATE {schema.VERSION_TABLE} SET version = 99"))
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer painlog"):
            Diary.open(where, read_only=read_only)


def test_tables_that_are_not_painlogs_are_refused(where):
    from sqlalchemy import create_engine

    from painlog.store.location import resolve_location

    engine = create_engine(resolve_location(where).url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not painlog's: invoices"):
            Diary.open(where, read_only=read_only)
    assert tables(where) == {"invoices"}


# -- several writers ---------------------------------------------------------------------

WRITERS = 6


def _write_the_same_day(where: str, pain: int, barrier, results) -> None:
    """One program: open the diary, wait for the others, then log the same new day."""
    try:
        with Diary.open(where) as diary:
            barrier.wait(timeout=60)
            day = DayLog(
                TODAY,
                pain,
                exercises=(ExerciseDone("walking", minutes=10 * pain),),
                note=f"writer {pain}",
            )
            results.put((pain, diary.save_day(day, TODAY)))
    except Exception as error:  # reported to the test, which fails on it
        results.put((pain, f"{type(error).__name__}: {error}"))


def test_several_programs_logging_the_same_new_day_all_succeed(where):
    with Diary.open(where):
        pass  # the schema exists; the day does not
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WRITERS), context.Queue()
    writers = [
        context.Process(target=_write_the_same_day, args=(where, pain, barrier, results))
        for pain in range(1, WRITERS + 1)
    ]
    for writer in writers:
        writer.start()
    outcomes = dict(results.get(timeout=120) for _ in writers)
    for writer in writers:
        writer.join(timeout=60)
    assert sorted(outcomes) == list(range(1, WRITERS + 1))
    assert all(isinstance(created, bool) for created in outcomes.values()), outcomes
    assert sum(outcomes.values()) == 1  # exactly one found the day new
    with Diary.open(where, read_only=True) as diary:
        (day,) = diary.days()
        assert diary.count_days() == 1
    # The last writer won whole: its pain, its exercise and its note, nothing mixed.
    assert day.note == f"writer {day.pain}"
    assert day.exercises == (ExerciseDone("walking", minutes=10 * day.pain),)


def test_several_programs_creating_a_new_diary_at_once_all_succeed(where):
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WRITERS), context.Queue()
    writers = [
        context.Process(target=_open_then_log, args=(where, pain, barrier, results))
        for pain in range(1, WRITERS + 1)
    ]
    for writer in writers:
        writer.start()
    outcomes = dict(results.get(timeout=120) for _ in writers)
    for writer in writers:
        writer.join(timeout=60)
    assert all(outcome is True or outcome is False for outcome in outcomes.values()), outcomes
    with Diary.open(where, read_only=True) as diary:
        assert diary.count_days() == 1


def _open_then_log(where: str, pain: int, barrier, results) -> None:
    """One program: wait for the others, then open a diary none has created yet and log."""
    try:
        barrier.wait(timeout=60)
        with Diary.open(where) as diary:
            results.put((pain, diary.save_day(DayLog(TODAY, pain), TODAY)))
    except Exception as error:
        results.put((pain, f"{type(error).__name__}: {error}"))
