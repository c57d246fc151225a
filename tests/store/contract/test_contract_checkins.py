"""Check-ins within a day and the weekly PEG answers, on every engine: stored and read back
whole, replaced and deleted with their day, added by several programs at once without
one lost, and the upgrade from schema 5."""

from __future__ import annotations

import multiprocessing
from datetime import date, time, timedelta

import pytest
from sqlalchemy import text
from test_contract_opening import downgrade, raw, tables

from painlog.rules.checkins import edited_checkin, with_checkin, without_checkin
from painlog.rules.entry import InvalidInput
from painlog.rules.records import CheckIn, DayLog, PegAnswer, Place
from painlog.store.diary import Diary
from painlog.store.errors import NeedsUpgrade

TODAY = date(2026, 11, 21)  # a Saturday
DAY = TODAY - timedelta(days=1)
MORNING = CheckIn(time(8, 5), 3, (Place("lower-back", "left", "ache"),), "stiff, slow start")
AFTERNOON = CheckIn(
    time(15, 30), 8, (Place("hip-side", "right"), Place("lower-back", "left")), "stairs ✓ «é»"
)


def count(where: str, table: str) -> int:
    with raw(where) as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def add(diary: Diary, checkin: CheckIn, day: date = DAY):
    return diary.change_day(day, lambda held: with_checkin(held, day, checkin), TODAY)


def test_check_ins_are_read_back_whole_in_time_order(diary):
    add(diary, AFTERNOON)
    before, after = add(diary, MORNING)
    assert before.log.checkins == (AFTERNOON,)
    log = diary.load_day(DAY)
    assert log == after.log
    assert log.checkins == (MORNING, AFTERNOON)
    assert (log.pain, log.worst, log.pain_from_checkins, log.worst_from_checkins) == (
        6,
        8,
        True,
        True,
    )
    # The day's places: each check-in's, in the order they came, once.
    assert log.places == (
        Place("hip-side", "right"),
        Place("lower-back", "left"),
    )
    assert diary.days(DAY, DAY) == [log]
    assert diary.saved_day(DAY).log == log


def test_replacing_a_day_replaces_its_check_ins_and_their_places(diary, where):
    add(diary, MORNING)
    add(diary, AFTERNOON)
    assert (count(where, "checkin"), count(where, "checkin_place")) == (2, 3)
    log = diary.load_day(DAY)
    diary.save_day(without_checkin(log, AFTERNOON.at), TODAY)
    assert diary.load_day(DAY).checkins == (MORNING,)
    assert (count(where, "checkin"), count(where, "checkin_place")) == (1, 1)
    diary.save_day(DayLog(DAY, 4), TODAY)
    assert (count(where, "checkin"), count(where, "checkin_place")) == (0, 0)


def test_a_check_in_whose_places_alone_change_is_rewritten_with_them(diary, where):
    """A change that keeps every check-in's time, pain and note but moves its places is a
    change of the check-ins: their rows and their places' rows are rewritten."""
    add(diary, MORNING)
    add(diary, AFTERNOON)
    moved = CheckIn(MORNING.at, MORNING.pain, (Place("buttock", "left"),), MORNING.note)
    diary.change_day(DAY, lambda held: edited_checkin(held, DAY, MORNING.at, moved), TODAY)
    log = diary.load_day(DAY)
    assert log.checkins == (moved, AFTERNOON)
    assert Place("buttock", "left") in log.places
    assert (count(where, "checkin"), count(where, "checkin_place")) == (2, 3)


def test_check_ins_go_with_their_day(diary, where):
    add(diary, MORNING)
    add(diary, AFTERNOON, DAY - timedelta(days=1))
    assert diary.delete_day(DAY)
    assert (count(where, "checkin"), count(where, "checkin_place")) == (1, 2)
    assert diary.load_day(DAY - timedelta(days=1)).checkins == (AFTERNOON,)


def test_a_refused_check_in_leaves_the_day_as_it_was(diary):
    add(diary, MORNING)
    saved = diary.saved_day(DAY)
    with pytest.raises(InvalidInput) as refused:
        add(diary, CheckIn(time(9), 11))
    assert refused.value.field == "pain"
    assert diary.saved_day(DAY) == saved


def test_the_database_refuses_a_check_in_pain_out_of_range(where):
    with Diary.open(where) as diary:
        add(diary, MORNING)
    with pytest.raises(Exception, match=r"checkin_pain_0_10|CHECK constraint"), raw(where) as db:
        db.execute(text("UPDATE checkin SET pain = 11"))
    assert count(where, "checkin") == 1


# -- several programs ---------------------------------------------------------------------

WRITERS = 6


def _add_a_check_in(where: str, minute: int, barrier, results) -> None:
    """One program: open the diary, wait for the others, then add a check-in to the same
    new day at its own minute."""
    try:
        with Diary.open(where) as diary:
            barrier.wait(timeout=60)
            add(diary, CheckIn(time(9, minute), minute))
            results.put((minute, "ok"))
    except Exception as error:  # reported to the test, which fails on it
        results.put((minute, f"{type(error).__name__}: {error}"))


def test_several_programs_adding_check_ins_to_a_new_day_lose_none(where):
    with Diary.open(where):
        pass
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WRITERS), context.Queue()
    writers = [
        context.Process(target=_add_a_check_in, args=(where, minute, barrier, results))
        for minute in range(1, WRITERS + 1)
    ]
    for writer in writers:
        writer.start()
    outcomes = dict(results.get(timeout=120) for _ in writers)
    for writer in writers:
        writer.join(timeout=60)
    assert outcomes == {minute: "ok" for minute in range(1, WRITERS + 1)}
    with Diary.open(where, read_only=True) as diary:
        (day,) = diary.days()
    assert [x.pain for x in day.checkins] == list(range(1, WRITERS + 1))
    assert (day.pain, day.worst) == (4, 6)  # 3.5 up; the highest


# -- the PEG --------------------------------------------------------------------------------


def test_a_week_holds_one_set_of_answers(diary):
    assert diary.answer_peg(PegAnswer(TODAY - timedelta(days=5), 4, 6, 5), TODAY) is False
    # Monday 16 to Sunday 22 November: Saturday's answers replace Monday's.
    assert diary.answer_peg(PegAnswer(TODAY, 3, 3, 3), TODAY) is True
    assert diary.answer_peg(PegAnswer(TODAY - timedelta(days=6), 7, 7, 7), TODAY) is False
    assert diary.peg_answers() == [
        PegAnswer(TODAY - timedelta(days=6), 7, 7, 7),
        PegAnswer(TODAY, 3, 3, 3),
    ]
    assert diary.peg_answers(TODAY - timedelta(days=1), TODAY) == [PegAnswer(TODAY, 3, 3, 3)]
    assert diary.peg_answers(end=TODAY - timedelta(days=1)) == [
        PegAnswer(TODAY - timedelta(days=6), 7, 7, 7)
    ]


def test_the_week_follows_the_first_weekday_in_settings(diary):
    diary.set_setting("week_start", "sunday")
    diary.answer_peg(PegAnswer(TODAY - timedelta(days=6), 7, 7, 7), TODAY)  # Sunday 15th
    assert diary.answer_peg(PegAnswer(TODAY, 3, 3, 3), TODAY) is True
    assert diary.peg_answers() == [PegAnswer(TODAY, 3, 3, 3)]


def test_refused_answers_change_nothing(diary):
    diary.answer_peg(PegAnswer(TODAY, 3, 3, 3), TODAY)
    for answer, field in [
        (PegAnswer(TODAY, 11, 3, 3), "pain"),
        (PegAnswer(TODAY, 3, 3, -1), "activity"),
        (PegAnswer(TODAY + timedelta(days=1), 3, 3, 3), "date"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            diary.answer_peg(answer, TODAY)
        assert refused.value.field == field
    assert diary.peg_answers() == [PegAnswer(TODAY, 3, 3, 3)]


def test_answers_can_be_forgotten(diary):
    diary.answer_peg(PegAnswer(TODAY, 3, 3, 3), TODAY)
    assert diary.forget_peg(TODAY) is True
    assert diary.forget_peg(TODAY) is False
    assert diary.peg_answers() == []


# -- the upgrade from schema 5 ------------------------------------------------------------


def test_a_schema_5_diary_keeps_its_days_as_the_person_s_own(where):
    with Diary.open(where) as diary:
        diary.save_day(DayLog(DAY, 5, 7, note="Stairs"), TODAY)
    downgrade(where, 5)
    assert {"checkin", "checkin_place", "peg_answer"}.isdisjoint(tables(where))
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    with Diary.open(where) as diary:
        assert diary.days() == [DayLog(DAY, 5, 7, note="Stairs")]
        add(diary, CheckIn(time(9), 9))
        diary.answer_peg(PegAnswer(TODAY, 1, 2, 3), TODAY)
        log = diary.load_day(DAY)
    # The day's own pain and worst stay; the check-in is added beside them.
    assert (log.pain, log.worst, log.pain_from_checkins) == (5, 7, False)
    assert (count(where, "checkin"), count(where, "peg_answer")) == (1, 1)
