"""Weeks of the diary: where a week starts, and what a week of logs adds up to.

The Trends screen, `painlog chart` and the clinician's weekly CSV all read their numbers
from `weekly_summaries`, so a week never says one thing on screen and another on paper.
Unlogged days are left out of every figure (a gap is never read as zero pain).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.records import DayLog

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_FIRST_WEEKDAY = 0  # Monday, as in ISO 8601


def week_start(day: date, first_weekday: int = DEFAULT_FIRST_WEEKDAY) -> date:
    """The first day of the week holding `day`.

    Args:
        day: Any calendar date.
        first_weekday: 0 for Monday through 6 for Sunday.
    """
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_bounds(day: date, first_weekday: int = DEFAULT_FIRST_WEEKDAY) -> tuple[date, date]:
    """First and last day (inclusive) of the week holding `day`."""
    start = week_start(day, first_weekday)
    return start, start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """What one week of logs adds up to.

    Attributes:
        start: First day of the week.
        end: Last day of the week (inclusive).
        days_logged: How many of its 7 days have a log.
        pain_total: Sum of the logged pain scores (exact, for exact means).
        min_pain: Lowest logged pain, or None when nothing was logged.
        max_pain: Highest logged pain, or None.
        max_worst: Highest worst-pain given, or None.
        exercise_sessions: Exercises logged, counted once per exercise per day.
        exercise_counts: Per exercise slug, the number of days it was done.
        place_days: Per location slug, the number of days it was logged.
        bed_rest_days: Days spent mostly in bed.
        flags: Warning-sign slugs reported that week, in first-reported order.
        daily: The week's logs, oldest first.
    """

    start: date
    end: date
    days_logged: int = 0
    pain_total: int = 0
    min_pain: int | None = None
    max_pain: int | None = None
    max_worst: int | None = None
    exercise_sessions: int = 0
    exercise_counts: dict[str, int] = field(default_factory=dict)
    place_days: dict[str, int] = field(default_factory=dict)
    bed_rest_days: int = 0
    flags: tuple[str, ...] = ()
    daily: tuple[DayLog, ...] = ()

    @property
    def mean(self) -> Fraction | None:
        """Mean logged pain, exactly; None when no day was logged."""
        return Fraction(self.pain_total, self.days_logged) if self.days_logged else None


def summarise_week(start: date, logs: Iterable[DayLog]) -> WeekSummary:
    """Add up the logs of the week starting at `start` (logs outside it are ignored)."""
    end = start + timedelta(days=6)
    daily = tuple(sorted((log for log in logs if start <= log.day <= end), key=_day))
    if not daily:
        return WeekSummary(start, end)
    pains = [log.pain for log in daily]
    worsts = [log.worst for log in daily if log.worst is not None]
    exercises: Counter[str] = Counter()
    places: Counter[str] = Counter()
    flags: dict[str, None] = {}
    for log in daily:
        exercises.update({done.slug for done in log.exercises})
        places.update({place.location for place in log.places})
        flags.update(dict.fromkeys(log.flags))
    return WeekSummary(
        start=start,
        end=end,
        days_logged=len(daily),
        pain_total=sum(pains),
        min_pain=min(pains),
        max_pain=max(pains),
        max_worst=max(worsts) if worsts else None,
        exercise_sessions=sum(exercises.values()),
        exercise_counts=dict(exercises.most_common()),
        place_days=dict(places.most_common()),
        bed_rest_days=sum(log.bed_rest for log in daily),
        flags=tuple(flags),
        daily=daily,
    )


def weekly_summaries(
    logs: Iterable[DayLog],
    first_weekday: int = DEFAULT_FIRST_WEEKDAY,
    start: date | None = None,
    end: date | None = None,
) -> list[WeekSummary]:
    """One summary per week from the week holding `start` to the week holding `end`.

    Weeks with no log are included (with `days_logged == 0`) so a gap stays visible.
    Without `start`/`end`, the range runs from the first to the last log.

    Args:
        logs: Day logs in any order.
        first_weekday: 0 for Monday through 6 for Sunday.
        start: Any day of the first week wanted.
        end: Any day of the last week wanted.
    """
    by_week: dict[date, list[DayLog]] = {}
    for log in logs:
        by_week.setdefault(week_start(log.day, first_weekday), []).append(log)
    if start is None or end is None:
        if not by_week:
            return []
        start = start or min(by_week)
        end = end or max(by_week)
    first = week_start(start, first_weekday)
    last = week_start(end, first_weekday)
    summaries = []
    week = first
    while week <= last:
        summaries.append(summarise_week(week, by_week.get(week, ())))
        week += timedelta(days=7)
    return summaries


def mean_change(current: WeekSummary, previous: WeekSummary) -> Fraction | None:
    """This week's mean minus the previous week's, or None when either has no log."""
    if current.mean is None or previous.mean is None:
        return None
    return current.mean - previous.mean


def _day(log: DayLog) -> date:
    return log.day
