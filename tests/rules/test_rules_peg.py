"""The weekly PEG's rules: which answers stand for a week, and when Today offers it.

Weeks start on the first weekday in Settings; these tests walk the edges of a week
starting on Monday 30 Nov 2026 (first weekday Monday) and on Sunday 29 Nov 2026 (Sunday).
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from painlog.rules.peg import answers_by_week, peg_due, peg_score, week_answer
from painlog.rules.records import PegAnswer

MONDAY, SUNDAY = 0, 6
STARTS = {MONDAY: date(2026, 11, 30), SUNDAY: date(2026, 11, 29)}
ONE_DAY = timedelta(days=1)


def answered(day: date, pain: int = 5) -> PegAnswer:
    return PegAnswer(day, pain, 6, 4)


@pytest.mark.parametrize("first", [MONDAY, SUNDAY], ids=["monday", "sunday"])
class TestWeekEdges:
    def test_an_answer_on_the_first_day_stands_for_the_week(self, first):
        start = STARTS[first]
        answer = answered(start)
        for day in (start, start + 3 * ONE_DAY, start + 6 * ONE_DAY):
            assert week_answer([answer], day, first) == answer

    def test_an_answer_the_day_before_the_start_belongs_to_the_week_before(self, first):
        start = STARTS[first]
        answer = answered(start - ONE_DAY)
        assert week_answer([answer], start, first) is None
        assert week_answer([answer], start - ONE_DAY, first) == answer

    def test_an_answer_on_the_last_day_stands_for_the_week_not_the_next(self, first):
        start = STARTS[first]
        answer = answered(start + 6 * ONE_DAY)
        assert week_answer([answer], start, first) == answer
        assert week_answer([answer], start + 7 * ONE_DAY, first) is None

    def test_the_offer_comes_at_the_start_of_each_week(self, first):
        start = STARTS[first]
        answers = [answered(start - ONE_DAY)]
        assert peg_due(answers, None, start - ONE_DAY, first) is False
        assert peg_due(answers, None, start, first) is True
        assert peg_due(answers, None, start + ONE_DAY, first) is True

    def test_an_answer_this_week_ends_the_offer_until_the_next(self, first):
        start = STARTS[first]
        answers = [answered(start + ONE_DAY)]
        assert peg_due(answers, None, start, first) is False  # answered later that week
        assert peg_due(answers, None, start + 6 * ONE_DAY, first) is False
        assert peg_due(answers, None, start + 7 * ONE_DAY, first) is True

    def test_a_skip_counts_for_its_week_only(self, first):
        start = STARTS[first]
        skipped = start.isoformat()
        assert peg_due([], skipped, start, first) is False
        assert peg_due([], skipped, start + 6 * ONE_DAY, first) is False
        assert peg_due([], skipped, start - ONE_DAY, first) is True
        assert peg_due([], skipped, start + 7 * ONE_DAY, first) is True

    def test_a_skip_of_last_week_does_not_count_this_week(self, first):
        start = STARTS[first]
        last_week = (start - 7 * ONE_DAY).isoformat()
        assert peg_due([], last_week, start, first) is True
        assert peg_due([], last_week, start + 3 * ONE_DAY, first) is True


def test_the_same_days_make_different_weeks_by_the_first_weekday():
    # Sunday 29 Nov ends Monday's week of the 23rd and starts Sunday's week of the 29th.
    answer = answered(date(2026, 11, 29))
    thursday = date(2026, 12, 3)
    assert week_answer([answer], thursday, MONDAY) is None
    assert week_answer([answer], thursday, SUNDAY) == answer


def test_two_answers_in_a_week_the_latest_stands():
    # A change of the first weekday can leave two sets of answers in one week.
    earlier, later = answered(date(2026, 11, 30), 3), answered(date(2026, 12, 2), 7)
    assert week_answer([later, earlier], date(2026, 12, 3), MONDAY) == later
    assert answers_by_week([later, earlier], MONDAY) == {date(2026, 11, 30): later}


def test_the_score_is_the_exact_mean_of_the_three():
    assert peg_score(PegAnswer(date(2026, 11, 30), 5, 6, 4)) == 5
    assert peg_score(PegAnswer(date(2026, 11, 30), 5, 5, 6)) == Fraction(16, 3)
