"""The PEG: three 0-10 answers about the past week (average pain, and how much pain
interfered with enjoyment of life and with general activity), scored as their mean.

Source: Krebs EE et al., "Development and initial validation of the PEG, a three-item
scale assessing pain intensity and interference", J Gen Intern Med 2009; named by the
2022 CDC clinical practice guideline for following pain and function over time
(SOURCE_RULES.md section 11). The questions' wording is painlog's own (`PEG_ITEMS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.records import PegAnswer
from painlog.rules.weekly import (
    WeekFigures,
    day_month,
    direction,
    week_bounds,
    week_start,
)
from painlog.rules.windows import format_mean


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


def weekly_scores(answers: Sequence[PegAnswer], first_weekday: int) -> dict[date, Fraction]:
    """The PEG score standing for each answered week, keyed by the week's first day."""
    return {start: peg_score(x) for start, x in answers_by_week(answers, first_weekday).items()}


def span_scores(
    spans: Sequence[WeekFigures], scores: Mapping[date, Fraction]
) -> list[Fraction | None]:
    """The PEG score of each span of whole weeks (a week, or several merged to fit a
    chart): the exact mean of its answered weeks' scores; None where no week was answered.

    A week stands for one set of answers, so a span weighs its weeks alike, as the pain
    of a span weighs its logged days alike.
    """
    found: list[Fraction | None] = []
    for span in spans:
        inside = []
        week = span.start
        while week <= span.end:
            if week in scores:
                inside.append(scores[week])
            week += timedelta(weeks=1)
        found.append(sum(inside, Fraction(0)) / len(inside) if inside else None)
    return found


PEG_HOW = "answer it from Today or run painlog peg PAIN ENJOYMENT ACTIVITY"
"""How to answer the PEG, said where none has been answered yet."""


def peg_sentence(weeks: Sequence[WeekFigures], scores: Mapping[date, Fraction], today: date) -> str:
    """The latest PEG score of `weeks` (oldest first) and its change from the answered
    week before it: `PEG 4.3 in the week of 9 Nov (down 0.7 from 26 Oct), 8 of 12 weeks
    answered`.

    The week before may lie earlier than `weeks`; answers after the last of `weeks` are
    not looked at, so an earlier week reads as it did then. With no answers at all it
    says how to give them.
    """
    if not scores:
        return f"No PEG yet: {PEG_HOW}"
    first, last = weeks[0].start, weeks[-1].start
    answered = sorted(start for start in scores if first <= start <= last)
    if not answered:
        return f"PEG: no week answered in these {len(weeks)} weeks"
    latest = answered[-1]
    text = f"PEG {format_mean(scores[latest])} in the week of {day_month(latest, today)}"
    before = [start for start in scores if start < latest]
    if before:
        previous = max(before)
        moved = direction(scores[latest] - scores[previous])
        moved = "same as" if moved == "no change" else f"{moved} from"
        text += f" ({moved} {day_month(previous, today)})"
    else:
        text += " (the first answered)"
    if len(answered) < len(weeks):
        text += f", {len(answered)} of {len(weeks)} weeks answered"
    return text


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
