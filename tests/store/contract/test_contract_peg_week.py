"""`Diary.peg_week`: the week's PEG as Today reads it, on both engines."""

from __future__ import annotations

from datetime import date

from painlog.rules.peg import PEG_SKIPPED_SETTING
from painlog.rules.records import PegAnswer
from painlog.rules.weekly import WEEK_START_SETTING

THURSDAY = date(2026, 12, 3)
MONDAY = date(2026, 11, 30)
SUNDAY = date(2026, 11, 29)


def test_an_empty_diary_offers_the_week(diary):
    week = diary.peg_week(THURSDAY)
    assert (week.start, week.answer, week.due) == (MONDAY, None, True)


def test_answers_given_in_the_week_stand_for_it(diary):
    answer = PegAnswer(MONDAY, 5, 6, 4)
    diary.answer_peg(answer, THURSDAY)
    week = diary.peg_week(THURSDAY)
    assert (week.answer, week.due) == (answer, False)


def test_last_weeks_answers_do_not_stand_for_this_week(diary):
    diary.answer_peg(PegAnswer(SUNDAY, 5, 6, 4), THURSDAY)
    week = diary.peg_week(THURSDAY)
    assert (week.answer, week.due) == (None, True)


def test_the_first_weekday_in_settings_moves_the_week(diary):
    diary.answer_peg(PegAnswer(SUNDAY, 5, 6, 4), THURSDAY)
    diary.set_setting(WEEK_START_SETTING, "sunday")
    week = diary.peg_week(THURSDAY)
    assert (week.start, week.answer.day, week.due) == (SUNDAY, SUNDAY, False)


def test_a_skipped_week_is_not_offered_and_the_next_one_is(diary):
    diary.set_setting(PEG_SKIPPED_SETTING, MONDAY.isoformat())
    assert diary.peg_week(THURSDAY).due is False
    assert diary.peg_week(date(2026, 12, 7)).due is True
