"""A day's pain and worst from its check-ins, at the rounding edges; adding, replacing and
removing check-ins; what `check_day` refuses of them; and the PEG's score and its week."""

from __future__ import annotations

from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painlog.rules.checkins import (
    as_read,
    checkin_pain,
    checkin_worst,
    edited_checkin,
    from_checkins_kept,
    settled,
    with_checkin,
    without_checkin,
)
from painlog.rules.entry import InvalidInput, check_day, check_peg
from painlog.rules.peg import answers_by_week, peg_due, peg_score, week_answer
from painlog.rules.records import CheckIn, DayLog, PegAnswer, Place

DAY = date(2026, 11, 20)  # a Friday
TODAY = date(2026, 11, 21)


def at(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


def checkins(*pains: int) -> tuple[CheckIn, ...]:
    return tuple(CheckIn(at(8 + n // 60, n % 60), pain) for n, pain in enumerate(pains))


# -- the day's pain: the mean, rounded half up --------------------------------------------


@pytest.mark.parametrize(
    ("pains", "expected"),
    [
        ((5,), 5),
        ((3, 4), 4),  # 3.5: exactly half, goes up
        ((3, 3, 4), 3),  # 3.33
        ((3, 4, 4), 4),  # 3.67
        ((1, 1, 2, 2), 2),  # 1.5
        ((1, 2, 2, 2), 2),  # 1.75
        ((1, 1, 1, 2), 1),  # 1.25
        ((0, 1), 1),  # 0.5
        ((0, 0, 1), 0),  # 0.33
        ((9, 10), 10),  # 9.5: the top of the scale
        ((0, 0), 0),
        ((10, 10, 10), 10),
    ],
)
def test_the_day_s_pain_is_the_mean_rounded_half_up(pains, expected):
    assert checkin_pain(checkins(*pains)) == expected


@given(st.lists(st.integers(0, 10), min_size=1, max_size=30))
def test_the_day_s_pain_matches_decimal_rounding_and_stays_in_range(pains):
    mean = Decimal(sum(pains)) / Decimal(len(pains))
    expected = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    # Decimal division rounds at 28 digits; the exact mean decides a half.
    exact = Fraction(sum(pains), len(pains))
    assert expected == int(exact + Fraction(1, 2))
    assert checkin_pain(checkins(*pains)) == expected
    assert min(pains) <= expected <= max(pains)


def test_no_check_in_gives_no_pain():
    with pytest.raises(ValueError, match="at least one check-in"):
        checkin_pain(())


@pytest.mark.parametrize(
    ("pains", "pain", "expected"),
    [
        ((2, 6), 4, 6),
        ((4,), 4, 4),  # the highest equal to the day's pain: a worst
        ((2, 3), 4, None),  # below the day's pain: no worst
        ((2, 5), 7, None),
    ],
)
def test_the_worst_is_the_highest_check_in_when_at_least_the_day_s_pain(pains, pain, expected):
    assert checkin_worst(checkins(*pains), pain) == expected


# -- adding, replacing, removing ----------------------------------------------------------


def test_a_first_check_in_makes_a_day_that_follows_its_check_ins():
    day = with_checkin(None, DAY, CheckIn(at(8), 3, (Place("lower-back", "left"),)))
    assert (day.pain, day.worst, day.pain_from_checkins, day.worst_from_checkins) == (
        3,
        3,
        True,
        True,
    )
    assert day.places == (Place("lower-back", "left"),)
    check_day(day, TODAY)
    afternoon = with_checkin(day, DAY, CheckIn(at(15), 8, (Place("hip-side", "right"),)))
    assert (afternoon.pain, afternoon.worst) == (6, 8)  # 5.5 up
    assert [x.at for x in afternoon.checkins] == [at(8), at(15)]
    assert afternoon.places == (Place("lower-back", "left"), Place("hip-side", "right"))
    check_day(afternoon, TODAY)


def test_check_ins_keep_time_order_and_one_a_minute():
    day = with_checkin(None, DAY, CheckIn(at(15), 6))
    day = with_checkin(day, DAY, CheckIn(at(8), 2))
    day = with_checkin(day, DAY, CheckIn(at(8), 4, note="again"))
    assert day.checkins == (CheckIn(at(8), 4, note="again"), CheckIn(at(15), 6))
    assert day.pain == 5


def test_a_place_the_day_has_is_not_added_twice_and_keeps_the_day_s_character():
    held = DayLog(DAY, 4, places=(Place("hip-side", "right", "ache"),))
    day = with_checkin(held, DAY, CheckIn(at(9), 5, (Place("hip-side", "right", "sharp"),)))
    assert day.places == (Place("hip-side", "right", "ache"),)
    check_day(day, TODAY)


def test_the_pain_the_person_set_stays_and_a_day_without_a_worst_takes_the_highest():
    held = DayLog(DAY, 4, note="fair")
    day = with_checkin(held, DAY, CheckIn(at(9), 9))
    assert (day.pain, day.worst, day.pain_from_checkins, day.worst_from_checkins) == (
        4,
        9,
        False,
        True,
    )
    check_day(day, TODAY)
    # A check-in below the day's pain is no worst: none yet, but it follows what comes.
    calm = with_checkin(held, DAY, CheckIn(at(9), 2))
    assert (calm.worst, calm.worst_from_checkins) == (None, True)
    assert with_checkin(calm, DAY, CheckIn(at(10), 6)).worst == 6


def test_a_worst_the_person_set_stays_whatever_the_check_ins():
    day = with_checkin(DayLog(DAY, 4, 5), DAY, CheckIn(at(9), 9))
    assert (day.worst, day.worst_from_checkins) == (5, False)


def test_an_edited_check_in_moves_and_the_day_keeps_following():
    day = with_checkin(None, DAY, CheckIn(at(8), 3))
    moved = edited_checkin(day, DAY, at(8), CheckIn(at(9, 30), 5, note="later"))
    assert moved.checkins == (CheckIn(at(9, 30), 5, note="later"),)
    assert (moved.pain, moved.worst, moved.pain_from_checkins) == (5, 5, True)
    with pytest.raises(KeyError):
        edited_checkin(day, DAY, at(7), CheckIn(at(7), 1))


def test_removing_check_ins_works_the_scores_out_again_and_the_last_leaves_its_values():
    day = with_checkin(None, DAY, CheckIn(at(8), 2))
    day = with_checkin(day, DAY, CheckIn(at(20), 7))
    assert (day.pain, day.worst) == (5, 7)  # 4.5 up
    one = without_checkin(day, at(20))
    assert (one.pain, one.worst, one.pain_from_checkins) == (2, 2, True)
    none = without_checkin(one, at(8))
    assert (none.pain, none.worst, none.checkins) == (2, 2, ())
    assert not (none.pain_from_checkins or none.worst_from_checkins)
    check_day(none, TODAY)
    with pytest.raises(KeyError):
        without_checkin(one, at(9))


def test_a_whole_day_edit_keeps_following_while_the_values_are_unchanged():
    day = with_checkin(with_checkin(None, DAY, CheckIn(at(8), 2)), DAY, CheckIn(at(9), 6))
    assert from_checkins_kept(day, 4, 6) == (True, True)
    assert from_checkins_kept(day, 5, 6) == (False, True)
    assert from_checkins_kept(day, 4, None) == (True, False)
    assert from_checkins_kept(None, 4, 6) == (False, False)
    assert from_checkins_kept(DayLog(DAY, 4), 4, None) == (False, False)


def test_a_day_read_from_a_file_follows_its_check_ins_where_its_values_match():
    logged = (CheckIn(at(8), 2), CheckIn(at(9), 6))
    assert as_read(DayLog(DAY, 4, 6, checkins=logged)).pain_from_checkins
    assert as_read(DayLog(DAY, 4, 6, checkins=logged)).worst_from_checkins
    mine = as_read(DayLog(DAY, 5, None, checkins=logged))
    assert not (mine.pain_from_checkins or mine.worst_from_checkins)
    assert as_read(DayLog(DAY, 5)) == DayLog(DAY, 5)


def test_settled_leaves_a_day_without_check_ins_alone():
    day = DayLog(DAY, 4)
    assert settled(day) is day


# -- what check_day refuses of check-ins --------------------------------------------------


def refusal(log: DayLog) -> tuple[str, str]:
    with pytest.raises(InvalidInput) as caught:
        check_day(log, TODAY)
    return caught.value.field, caught.value.value


@pytest.mark.parametrize(
    ("log", "field"),
    [
        (DayLog(DAY, 3, checkins=(CheckIn(at(8), 11),)), "pain"),
        (DayLog(DAY, 3, checkins=(CheckIn(time(8, 0, 30), 3),)), "at"),
        (DayLog(DAY, 3, checkins=(CheckIn(at(9), 3), CheckIn(at(8), 3))), "at"),
        (DayLog(DAY, 3, checkins=(CheckIn(at(8), 3), CheckIn(at(8), 4))), "at"),
        (DayLog(DAY, 3, checkins=(CheckIn(at(8), 3, note="a\x1b[2Jb"),)), "note"),
        (DayLog(DAY, 3, checkins=(CheckIn(at(8), 3, (Place("elbow"),)),)), "where"),
        # A check-in's place missing from the day's places.
        (DayLog(DAY, 3, checkins=(CheckIn(at(8), 3, (Place("hip-side", "left"),)),)), "where"),
        # Said to come from the check-ins, but not what they give, or with none.
        (DayLog(DAY, 4, checkins=checkins(2, 3), pain_from_checkins=True), "pain"),
        (DayLog(DAY, 4, pain_from_checkins=True), "pain"),
        (DayLog(DAY, 2, 2, checkins=checkins(2, 3), worst_from_checkins=True), "worst"),
    ],
)
def test_check_day_refuses_what_cannot_be_meant_of_check_ins(log, field):
    assert refusal(log)[0] == field


def test_a_check_in_for_a_day_after_today_is_refused():
    day = with_checkin(None, date(2026, 11, 22), CheckIn(at(8), 3))
    assert refusal(day) == ("date", "2026-11-22")


# -- the PEG --------------------------------------------------------------------------------


def test_the_peg_score_is_the_exact_mean():
    assert peg_score(PegAnswer(DAY, 4, 6, 6)) == Fraction(16, 3)
    assert peg_score(PegAnswer(DAY, 0, 0, 0)) == 0
    assert peg_score(PegAnswer(DAY, 10, 10, 10)) == 10


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        (PegAnswer(DAY, 11, 0, 0), "pain"),
        (PegAnswer(DAY, 0, -1, 0), "enjoyment"),
        (PegAnswer(DAY, 0, 0, True), "activity"),
        (PegAnswer(date(2026, 11, 22), 1, 1, 1), "date"),
    ],
)
def test_check_peg_refuses_answers_outside_0_to_10_and_later_days(answer, field):
    with pytest.raises(InvalidInput) as caught:
        check_peg(answer, TODAY)
    assert caught.value.field == field


def test_check_peg_accepts_the_ends_of_the_scale_and_today():
    check_peg(PegAnswer(TODAY, 0, 10, 0), TODAY)


MONDAY, SUNDAY = 0, 6


@pytest.mark.parametrize(
    ("answered", "asked", "first", "found"),
    [
        (date(2026, 11, 16), date(2026, 11, 22), MONDAY, True),  # Mon .. Sun
        (date(2026, 11, 15), date(2026, 11, 16), MONDAY, False),  # the Sunday before
        (date(2026, 11, 23), date(2026, 11, 22), MONDAY, False),  # the Monday after
        (date(2026, 11, 15), date(2026, 11, 21), SUNDAY, True),  # Sun .. Sat
        (date(2026, 11, 14), date(2026, 11, 15), SUNDAY, False),  # the Saturday before
        (date(2026, 11, 22), date(2026, 11, 21), SUNDAY, False),  # the Sunday after
    ],
)
def test_an_answer_stands_for_the_week_that_holds_its_day(answered, asked, first, found):
    answer = PegAnswer(answered, 1, 2, 3)
    assert (week_answer([answer], asked, first) == answer) is found
    assert peg_due([answer], None, asked, first) is not found


def test_the_latest_answer_of_a_week_stands_for_it():
    early, late = PegAnswer(date(2026, 11, 16), 1, 1, 1), PegAnswer(date(2026, 11, 19), 2, 2, 2)
    assert week_answer([late, early], TODAY, MONDAY) == late
    assert answers_by_week([late, early], MONDAY) == {date(2026, 11, 16): late}


def test_a_skipped_week_is_not_offered_and_last_week_s_skip_does_not_count():
    this_week = date(2026, 11, 16).isoformat()
    assert not peg_due([], this_week, TODAY, MONDAY)
    assert peg_due([], date(2026, 11, 9).isoformat(), TODAY, MONDAY)
    assert peg_due([], None, TODAY, MONDAY)
