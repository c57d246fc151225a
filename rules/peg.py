"""The PEG: three 0-10 answers about the past week (average pain, and how much pain
interfered with enjoyment of life and with general activity), scored as their mean.

Source: Krebs EE et al., "Development and initial validation of the PEG, a three-item
scale assessing pain intensity and interference", J Gen Intern Med 2009; named by the
2022 CDC clinical practice guideline for following pain and function over time
(SOURCE_RULES.md section 11). The questions' wording is painlog's own (`PEG_ITEMS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from painlog.rules.records import PegAnswer
from painlog.rules.weekly import week_bounds, week_start


@dataclass(frozen=True, slots=True)
class PegItem:
    """One PEG question: the name its answer goes by and how painlog asks it."""

    name: str
    question: str
    low: str
    high: str


PEG_ITEMS = (
    PegItem(
        "pain",
        "Over the past week, what was your pain on average?",
        "no pain",
        "as bad as you can imagine",
    ),
    PegItem(
        "enjoyment",
        "Over the past week, how much did pain get in the way of enjoying life?",
        "not at all",
        "completely",
    ),
    PegItem(
        "activity",
        "Over the past week, how much did pain get in the way of your everyday activities?",
        "not at all",
        "completely",
    ),
)

PEG_SKIPPED_SETTING = "peg_skipped_week"
"""The setting holding the first day of the week whose PEG the person chose to skip."""


def peg_score(answer: PegAnswer) -> Fraction:
    """The PEG score: the exact mean of the three answers."""
    return Fraction(answer.pain + answer.enjoyment + answer.activity, 3)


def week_answer(answers: Iterable[PegAnswer], day: date, first_weekday: int) -> PegAnswer | None:
    """The answers standing for the week holding `day`: the latest given in it (a change
    of the first weekday can put two in one week)."""
    start, end = week_bounds(day, first_weekday)
    inside = [x for x in answers if start <= x.day <= end]
    return max(inside, key=_day) if inside else None


def answers_by_week(answers: Sequence[PegAnswer], first_weekday: int) -> dict[date, PegAnswer]:
    """The answers standing for each week, keyed by the week's first day."""
    weeks: dict[date, PegAnswer] = {}
    for answer in sorted(answers, key=_day):
        weeks[week_start(answer.day, first_weekday)] = answer
    return weeks


def peg_due(
    answers: Iterable[PegAnswer], skipped_week: str | None, today: date, first_weekday: int
) -> bool:
    """Whether Today should offer the PEG: the week has no answers and was not skipped."""
    start = week_start(today, first_weekday)
    if skipped_week == start.isoformat():
        return False
    return week_answer(answers, today, first_weekday) is None


def _day(answer: PegAnswer) -> date:
    return answer.day
