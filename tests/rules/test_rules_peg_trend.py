"""The PEG over weeks: one score a week, spans of merged weeks, and the sentence Trends and
`painlog chart` print above their charts."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.peg import PEG_HOW, peg_sentence, span_scores, weekly_scores
from painlog.rules.records import PegAnswer
from painlog.rules.weekly import WeekSummary, downsample

MON = date(2026, 11, 16)  # a Monday
TODAY = date(2026, 11, 21)


def weeks(count: int, last: date = MON) -> list[WeekSummary]:
    """`count` empty weeks ending with the week starting at `last`."""
    return [
        WeekSummary(last - timedelta(weeks=back), last - timedelta(weeks=back) + timedelta(6))
        for back in reversed(range(count))
    ]


def test_a_week_scores_the_exact_mean_of_its_latest_answers():
    answers = [
        PegAnswer(MON + timedelta(days=1), 9, 9, 9),
        PegAnswer(MON + timedelta(days=3), 4, 5, 5),  # later the same week: stands for it
        PegAnswer(MON - timedelta(days=1), 0, 0, 1),  # the Sunday before: the week before
    ]
    assert weekly_scores(answers, 0) == {
        MON: Fraction(14, 3),
        MON - timedelta(weeks=1): Fraction(1, 3),
    }
    # Weeks from Sunday: the Sunday and the rest of that week fall together.
    assert weekly_scores(answers, 6) == {MON - timedelta(days=1): Fraction(14, 3)}


def test_a_span_of_weeks_scores_the_mean_of_its_answered_weeks_and_none_without():
    twelve = weeks(12)
    scores = {twelve[0].start: Fraction(5), twelve[1].start: Fraction(2), twelve[5].start: 1}
    assert span_scores(twelve, scores)[:3] == [5, 2, None]
    spans = downsample(twelve, 4)  # three weeks a span
    assert (spans[0].start, spans[0].end) == (twelve[0].start, twelve[2].end)
    assert span_scores(spans, scores) == [Fraction(7, 2), Fraction(1), None, None]


def test_with_no_answer_at_all_it_says_how_to_answer():
    assert peg_sentence(weeks(12), {}, TODAY) == f"No PEG yet: {PEG_HOW}"
    assert "from Today" in PEG_HOW and "painlog peg PAIN ENJOYMENT ACTIVITY" in PEG_HOW


def test_the_latest_score_and_its_change_from_the_answered_week_before():
    twelve = weeks(12)
    scores = {
        twelve[3].start: Fraction(5),
        twelve[8].start: Fraction(13, 3),  # 4.3
        twelve[10].start: Fraction(3),
    }
    assert peg_sentence(twelve, scores, TODAY) == (
        "PEG 3.0 in the week of 9 Nov (down 1.3 from 26 Oct), 3 of 12 weeks answered"
    )
    scores[twelve[11].start] = Fraction(10, 3)
    assert peg_sentence(twelve, scores, TODAY).startswith(
        "PEG 3.3 in the week of 16 Nov (up 0.3 from 9 Nov)"
    )
    scores[twelve[11].start] = Fraction(3)
    assert peg_sentence(twelve, scores, TODAY).startswith(
        "PEG 3.0 in the week of 16 Nov (same as 9 Nov)"
    )


def test_the_week_before_may_be_older_than_the_weeks_shown_and_later_ones_are_not_read():
    twelve = weeks(12)
    scores = {
        twelve[0].start - timedelta(weeks=20): Fraction(8),
        twelve[6].start: Fraction(6),
        twelve[-1].start + timedelta(weeks=1): Fraction(1),  # after the weeks shown
    }
    assert peg_sentence(twelve, scores, TODAY) == (
        "PEG 6.0 in the week of 12 Oct (down 2.0 from 13 Apr), 1 of 12 weeks answered"
    )


def test_the_first_answered_week_and_every_week_answered():
    four = weeks(4)
    first = {four[2].start: Fraction(2)}
    assert peg_sentence(four, first, TODAY) == (
        "PEG 2.0 in the week of 9 Nov (the first answered), 1 of 4 weeks answered"
    )
    every = {week.start: Fraction(4) for week in four}
    assert peg_sentence(four, every, TODAY) == "PEG 4.0 in the week of 16 Nov (same as 9 Nov)"


def test_weeks_without_answers_among_others_say_so():
    twelve = weeks(12)
    older = {twelve[0].start - timedelta(weeks=1): Fraction(2)}
    assert peg_sentence(twelve, older, TODAY) == "PEG: no week answered in these 12 weeks"


def test_another_year_is_named():
    twelve = weeks(12, date(2026, 1, 5))
    scores = {date(2025, 12, 29): Fraction(2), date(2025, 12, 22): Fraction(3)}
    assert peg_sentence(twelve, scores, TODAY).startswith(
        "PEG 2.0 in the week of 29 Dec 2025 (down 1.0 from 22 Dec 2025)"
    )
