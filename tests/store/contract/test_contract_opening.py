"""Opening a diary: read-only opens create and change nothing, older schemas are brought up
to date, and several programs writing the same new day at once all succeed."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, text

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
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


# -- read-only and untouched -------------------------------------------------------------


def test_an_untouched_diary_writes_as_any_other(where):
    with Diary.open(where) as diary:
        diary.save_day(DAY, TODAY)
    with Diary.open(where, untouched=True) as diary:
        assert diary.days() == [DAY]
        diary.save_day(DayLog(TODAY - timedelta(days=1), 2), TODAY)
    with Diary.open(where, read_only=True) as reader:
        assert [log.day for log in reader.days()] == [TODAY - timedelta(days=1), TODAY]


@pytest.mark.parametrize(
    "how", [{"read_only": True}, {"untouched": True}], ids=["read", "untouched"]
)
def test_reading_where_there_is_no_diary_creates_nothing(where, engine_name, tmp_path, how):
    with pytest.raises(NoDiary, match="no diary"):
        Diary.open(where, **how)
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


@contextmanager
def raw(where: str) -> Iterator:
    """A transaction on the database behind `where`, without painlog (so no upgrade)."""
    from sqlalchemy import create_engine

    from painlog.store.location import resolve_location

    engine = create_engine(resolve_location(where).url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def downgrade(where: str, version: int) -> None:
    """Make the diary at `where` look as schema `version` (1 to 5) left it.

    Schema 6 added the checkin, checkin_place and peg_answer tables, and the day log's
    pain_from_checkins and worst_from_checkins as its last columns.
    Schema 5 added the report_mark table.
    Schema 4 added the medication, own_treatment, intake and treatment_done tables.
    Schema 3 added the profile's cancer history and the day of an acknowledgement, as the
    last columns of their tables, so dropping them leaves the tables as schema 2 made them;
    schema 2 added the own_exercise table.
    """
    with raw(where) as connection:
        for table in ("checkin_place", "checkin", "peg_answer"):
            connection.execute(text(f"DROP TABLE {table}"))
        for column in ("pain_from_checkins", "worst_from_checkins"):
            connection.execute(text(f"ALTER TABLE day_log DROP COLUMN {column}"))
        if version < 5:
            connection.execute(text("DROP TABLE report_mark"))
        if version < 4:
            for table in ("intake", "treatment_done", "medication", "own_treatment"):
                connection.execute(text(f"DROP TABLE {table}"))
        if version < 3:
            connection.execute(text("ALTER TABLE profile DROP COLUMN cancer_history"))
            connection.execute(text("ALTER TABLE alert_ack DROP COLUMN acknowledged_on"))
        if version < 2:
            connection.execute(text("DROP TABLE own_exercise"))
        connection.execute(text(f"UPDATE {schema.VERSION_TABLE} SET version = {version}"))


def columns_of(where: str, table: str) -> list[str]:
    with raw(where) as connection:
        return [column["name"] for column in inspect(connection).get_columns(table)]


def test_an_older_schema_is_not_upgraded_by_a_reader_but_by_a_writer(where):
    with Diary.open(where) as diary:
        diary.save_day(DAY, TODAY)
    downgrade(where, 1)
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, untouched=True)
    assert "own_exercise" not in tables(where)
    with Diary.open(where) as diary:
        assert diary.days() == [DAY]
        added = diary.add_exercise("Band walk", "Strength")
    with Diary.open(where, read_only=True) as reader:
        assert [x.slug for x in reader.own_exercises()] == [added.slug]


# -- schema 2 to 3: a history of cancer moves from the days into the profile --------------

CANCER = "cancer-history"  # the sign schema 2 logged; no day takes it any more


@pytest.mark.parametrize("profile", [None, Profile(1950, TODAY - timedelta(days=60))])
def test_a_schema_2_diary_moves_a_logged_cancer_history_into_the_profile(where, profile):
    first, second, third = (TODAY - timedelta(days=n) for n in (30, 20, 10))
    with Diary.open(where) as diary:
        # As schema 2 wrote them: the store's bulk insert takes the days as given.
        diary.insert_days(
            [
                DayLog(first, 4, places=(Place("lower-back"),), flags=(CANCER,), note="x"),
                DayLog(second, 5, flags=("fever", CANCER)),
                DayLog(third, 2, flags=("trauma",)),
            ]
        )
        if profile is not None:
            diary.save_profile(profile, TODAY)
        diary.acknowledge("red_flag", second)
    downgrade(where, 2)
    assert "cancer_history" not in columns_of(where, "profile")
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    with Diary.open(where) as diary:
        days = diary.days()
        assert diary.profile().cancer_history is True
        if profile is not None:
            assert diary.profile() == Profile(profile.birth_year, profile.onset, True)
        assert diary.acknowledged() == {("red_flag", second): second}
    assert [day.flags for day in days] == [(), ("fever",), ("trauma",)]
    assert [day.pain for day in days] == [4, 5, 2]
    assert days[0].places == (Place("lower-back"),) and days[0].note == "x"
    with Diary.open(where, read_only=True) as reader:
        assert reader.profile().cancer_history is True


def test_a_schema_2_diary_without_the_sign_leaves_the_answer_open(where):
    with Diary.open(where) as diary:
        diary.save_day(DAY, TODAY)
        diary.save_profile(Profile(1970), TODAY)
    downgrade(where, 2)
    with Diary.open(where) as diary:
        assert diary.profile() == Profile(1970, None, None)
        assert diary.days() == [DAY]
    assert columns_of(where, "profile")[-1] == "cancer_history"
    assert columns_of(where, "alert_ack")[-1] == "acknowledged_on"


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


# -- schema 3 to 4: medications and treatments arrive empty, every row kept ----------------


def test_a_schema_3_diary_keeps_its_days_and_gains_empty_medication_lists(where):
    logs = [
        DayLog(TODAY - timedelta(days=4), 5, places=(Place("lower-back", "left", "ache"),)),
        DayLog(TODAY - timedelta(days=2), 3, exercises=(ExerciseDone("walking", minutes=30),)),
    ]
    with Diary.open(where) as diary:
        diary.insert_days(logs)
        diary.save_profile(Profile(1960, None, False), TODAY)
    downgrade(where, 3)
    assert "medication" not in tables(where)
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    with Diary.open(where) as diary:
        assert diary.days() == logs
        assert diary.profile() == Profile(1960, None, False)
        assert diary.medications() == () and diary.own_treatments() == ()
        diary.add_medication("Paracetamol")
    assert {"medication", "own_treatment", "intake", "treatment_done"} <= tables(where)
