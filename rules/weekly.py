"""Weeks of the diary: where a week starts, and what a week of logs adds up to.

The Trends screen, `painlog chart` and the clinician's weekly CSV all read their numbers
from `weekly_summaries`, so a week never says one thing on screen and another on paper.
Unlogged days are left out of every figure (a gap is never read as zero pain): series for
charts hold None for them, and `segments` splits a series at its gaps so a line is never
drawn through a day or week that was not logged.

The plain-words summaries (`week_sentence`, `trend_sentence`, `episode_sentence`) say what
the numbers are and never judge them: "mean 4.1 (down 1.2 from last week)", not "better".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from operator import attrgetter, itemgetter
from typing import NamedTuple

from painlog.rules.episodes import Episode, duration_class, episode_week
from painlog.rules.records import DayLog
from painlog.rules.text import counted, shown_text
from painlog.rules.windows import format_mean
from painlog.seeds import catalogue
from painlog.seeds.thresholds import thresholds

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_FIRST_WEEKDAY = 0  # Monday, as in ISO 8601
WEEK_START_SETTING = "week_start"
"""The diary setting holding the first day of the week: a name from `WEEKDAYS`."""
OVERVIEW_WEEKS = 12
"""How many weeks the trend overview shows (the Trends screen and `painlog chart`)."""


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
class WeekFigures:
    """What one week of logs adds up to: the figures, without the logs themselves.

    The clinician's weekly summary needs no more than this; `WeekSummary` adds the
    week's logs for charts.

    Attributes:
        start: First day of the week.
        end: Last day of the week (inclusive).
        days_logged: How many of its 7 days have a log.
        pain_total: Sum of the logged pain scores (exact, for exact means).
        min_pain: Lowest logged pain, or None when nothing was logged.
        max_pain: Highest logged pain, or None.
        max_worst: Highest worst-pain given, or None.
        exercise_sessions: Exercises logged, counted once per exercise per day.
        exercise_counts: Per exercise slug, the number of days it was done, most first.
        place_days: Per location slug, the number of days it was logged, most first.
        bed_rest_days: Days spent mostly in bed.
        flags: Warning-sign slugs reported that week, in first-reported order.
        medication_days: Days with any medication taken.
        medication_counts: Per medication slug, the number of days it was taken, most first.
        treatment_counts: Per treatment slug, the number of days it was done, most first.
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
    medication_days: int = 0
    medication_counts: dict[str, int] = field(default_factory=dict)
    treatment_counts: dict[str, int] = field(default_factory=dict)

    @property
    def mean(self) -> Fraction | None:
        """Mean logged pain, exactly; None when no day was logged."""
        return Fraction(self.pain_total, self.days_logged) if self.days_logged else None


@dataclass(frozen=True, slots=True)
class WeekSummary(WeekFigures):
    """A week's figures (see `WeekFigures`) and the logs they add up.

    Attributes:
        daily: The week's logs, oldest first.
    """

    daily: tuple[DayLog, ...] = ()


def summarise_week(start: date, logs: Iterable[DayLog]) -> WeekSummary:
    """Add up the logs of the week starting at `start` (logs outside it are ignored)."""
    end = start + timedelta(days=6)
    return _summarise(start, end, [log for log in logs if start <= log.day <= end])


def _summarise(start: date, end: date, week: list[DayLog]) -> WeekSummary:
    """`summarise_week` of logs already known to fall in the week (in any order)."""
    if not week:
        return WeekSummary(start, end)
    daily = tuple(sorted(week, key=_BY_DAY)) if len(week) > 1 else tuple(week)
    totals = add_up_days(daily)
    exercises = _days_per([log.exercises for log in daily], _SLUG)
    places = _days_per([log.places for log in daily], _LOCATION)
    took = [log.took for log in daily if log.took]
    return WeekSummary(
        start,
        end,
        len(daily),
        totals.pain_total,
        totals.min_pain,
        totals.max_pain,
        totals.max_worst,
        sum(exercises.values()),
        _most_first(exercises),
        _most_first(places),
        totals.bed_rest_days,
        totals.flags,
        len(took),
        _most_first(_days_per(took, _SLUG)) if took else {},
        _most_first(_days_per([log.treated for log in daily], _as_is)),
        daily,
    )


class DayTotals(NamedTuple):
    """What some logged days add up to, beside their places and exercises (`add_up_days`)."""

    pain_total: int
    min_pain: int
    max_pain: int
    max_worst: int | None
    flags: tuple[str, ...]
    bed_rest_days: int


def add_up_days(days: Sequence[DayLog]) -> DayTotals:
    """The pain, worst, warning-sign and bed-rest figures of one or more logged days.

    Reads only `pain`, `worst`, `flags` and `bed_rest` of each day, so the weekly export
    adds up lighter records with those names the same way. Warning signs come in the
    order first reported, as the days are given.
    """
    total = bed_rest_days = 0
    low = high = days[0].pain
    worst = None
    flags: dict[str, None] = {}
    for day in days:
        pain = day.pain
        total += pain
        if pain < low:
            low = pain
        elif pain > high:
            high = pain
        if day.worst is not None and (worst is None or day.worst > worst):
            worst = day.worst
        if day.flags:
            flags.update(dict.fromkeys(day.flags))
        if day.bed_rest:
            bed_rest_days += 1
    return DayTotals(total, low, high, worst, tuple(flags), bed_rest_days)


_BY_DAY = attrgetter("day")
_SLUG = attrgetter("slug")
_LOCATION = attrgetter("location")


def _as_is(name: str) -> str:
    return name


def _days_per(items_by_day: Iterable[tuple], name_of: attrgetter) -> dict[str, int]:
    """How many days each name (an exercise's slug, a place's location) was logged on.

    Plain dicts rather than Counter.update: ten years of weeks make this loop hot. Each
    name counts once a day; most days log one exercise and one place, or none.
    """
    counts: dict[str, int] = {}
    for items in items_by_day:
        if len(items) == 1:
            name = name_of(items[0])
            counts[name] = counts.get(name, 0) + 1
        elif items:
            for name in {name_of(item) for item in items}:
                counts[name] = counts.get(name, 0) + 1
    return counts


def _most_first(counts: dict[str, int]) -> dict[str, int]:
    """`dict(Counter(counts).most_common())`: highest count first, ties as first counted."""
    return dict(sorted(counts.items(), key=itemgetter(1), reverse=True)) if counts else {}


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
    by_week = group_by_week(logs, first_weekday)
    if start is None or end is None:
        if not by_week:
            return []
        start = start or date.fromordinal(min(by_week))
        end = end or date.fromordinal(max(by_week))
    first = week_start(start, first_weekday)
    last = week_start(end, first_weekday)
    summaries = []
    week = first
    while week <= last:
        summaries.append(
            _summarise(week, week + timedelta(days=6), by_week.get(week.toordinal(), []))
        )
        week += timedelta(days=7)
    return summaries


def group_by_week(days: Iterable[DayLog], first_weekday: int) -> dict[int, list[DayLog]]:
    """The days grouped by the ordinal (`date.toordinal()`) of their week's first day.

    Each group keeps the order the days came in. Reads only each day's `day`, so the
    weekly export groups lighter records with that name the same way.
    """
    # `week_start` in integers, which spares a timedelta per day: date.weekday() is
    # (ordinal + 6) % 7.
    by_week: dict[int, list[DayLog]] = {}
    for day in days:
        ordinal = day.day.toordinal()
        key = ordinal - ((ordinal + 6) % 7 - first_weekday) % 7
        group = by_week.get(key)
        if group is None:
            by_week[key] = [day]
        else:
            group.append(day)
    return by_week


def mean_change(current: WeekSummary, previous: WeekSummary) -> Fraction | None:
    """This week's mean minus the previous week's, or None when either has no log."""
    return mean_difference(current.mean, previous.mean)


def mean_difference(current: Fraction | None, previous: Fraction | None) -> Fraction | None:
    """`mean_change` of two means already worked out (None when either week has no log)."""
    return None if current is None or previous is None else current - previous


# -- the first day of the week ---------------------------------------------------------------


def first_weekday_of(value: str | None) -> int:
    """Read the week-start setting: a weekday name (any case) or 0-6; Monday otherwise."""
    text = (value or "").strip().lower()
    if text in WEEKDAYS:
        return WEEKDAYS.index(text)
    if text.isascii() and text.isdigit() and int(text) < 7:
        return int(text)
    return DEFAULT_FIRST_WEEKDAY


def week_days(start: date) -> tuple[date, ...]:
    """The seven dates of the week starting at `start`."""
    return tuple(start + timedelta(days=offset) for offset in range(7))


def weekday_labels(first_weekday: int = DEFAULT_FIRST_WEEKDAY) -> tuple[str, ...]:
    """Three-letter day names in week order: `("Mon", ..., "Sun")` for a Monday start."""
    return tuple(WEEKDAYS[(first_weekday + offset) % 7][:3].capitalize() for offset in range(7))


def days_so_far(week: WeekSummary, today: date) -> int:
    """How many of the week's days have happened by `today` (7 for a past week)."""
    return max(0, min(7, (today - week.start).days + 1))


# -- series for charts -------------------------------------------------------------------


def daily_logs(week: WeekSummary) -> tuple[DayLog | None, ...]:
    """The week's seven days in order, each its log or None when it was not logged."""
    by_day = {log.day: log for log in week.daily}
    return tuple(by_day.get(day) for day in week_days(week.start))


def daily_pain(week: WeekSummary) -> tuple[int | None, ...]:
    """Pain per day of the week; None for an unlogged day (a gap, never zero)."""
    return tuple(None if log is None else log.pain for log in daily_logs(week))


def daily_worst(week: WeekSummary) -> tuple[int | None, ...]:
    """Worst pain per day; None where the day or its worst pain was not logged."""
    return tuple(None if log is None else log.worst for log in daily_logs(week))


def daily_exercises(week: WeekSummary) -> tuple[int | None, ...]:
    """Exercise sessions per day (each exercise once a day); None for an unlogged day."""
    return tuple(
        None if log is None else len({done.slug for done in log.exercises})
        for log in daily_logs(week)
    )


def segments(values: Sequence[float | Fraction | None]) -> list[list[tuple[int, float]]]:
    """Split a series at its gaps: runs of `(index, value)` with no None inside.

    A chart draws each run as its own line, so nothing is ever drawn across a gap.
    """
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, float(value)))
    if current:
        runs.append(current)
    return runs


def combine_weeks(weeks: Sequence[WeekSummary]) -> WeekSummary:
    """Several consecutive weeks added up as one span (from the first start to the last end).

    Used to draw years of weeks on a chart narrower than their number: each point is then
    the exact mean of every logged day it covers, not a mean of means.
    """
    if not weeks:
        raise ValueError("combine_weeks needs at least one week")
    logged = [week for week in weeks if week.days_logged]
    if not logged:
        return WeekSummary(weeks[0].start, weeks[-1].end)
    exercises: Counter[str] = Counter()
    places: Counter[str] = Counter()
    medications: Counter[str] = Counter()
    treatments: Counter[str] = Counter()
    flags: dict[str, None] = {}
    for week in logged:
        exercises.update(week.exercise_counts)
        places.update(week.place_days)
        medications.update(week.medication_counts)
        treatments.update(week.treatment_counts)
        flags.update(dict.fromkeys(week.flags))
    worsts = [week.max_worst for week in logged if week.max_worst is not None]
    return WeekSummary(
        start=weeks[0].start,
        end=weeks[-1].end,
        days_logged=sum(week.days_logged for week in logged),
        pain_total=sum(week.pain_total for week in logged),
        min_pain=min(week.min_pain for week in logged if week.min_pain is not None),
        max_pain=max(week.max_pain for week in logged if week.max_pain is not None),
        max_worst=max(worsts) if worsts else None,
        exercise_sessions=sum(week.exercise_sessions for week in logged),
        exercise_counts=dict(exercises.most_common()),
        place_days=dict(places.most_common()),
        bed_rest_days=sum(week.bed_rest_days for week in logged),
        flags=tuple(flags),
        medication_days=sum(week.medication_days for week in logged),
        medication_counts=dict(medications.most_common()),
        treatment_counts=dict(treatments.most_common()),
        daily=tuple(log for week in logged for log in week.daily),
    )


def downsample(weeks: Sequence[WeekSummary], max_points: int) -> list[WeekSummary]:
    """At most `max_points` spans covering `weeks`, each of the same number of whole weeks.

    Spans are counted back from the newest week, so the latest point is always the
    latest weeks; the oldest span may hold fewer weeks. With no more weeks than points,
    the weeks come back as they are.
    """
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    if len(weeks) <= max_points:
        return list(weeks)
    size = -(-len(weeks) // max_points)  # ceiling division
    spans = []
    end = len(weeks)
    while end > 0:
        spans.append(combine_weeks(weeks[max(0, end - size) : end]))
        end -= size
    spans.reverse()
    return spans


# -- plain words ------------------------------------------------------------------------------


def day_month(day: date, today: date | None = None) -> str:
    """`3 Nov`, with the year when it is not the year of `today` (or always, without it)."""
    if today is not None and day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b %Y}"


def direction(change: Fraction) -> str:
    """`down 1.2`, `up 0.4`, or `no change` when it rounds to 0.0."""
    shown = format_mean(abs(change))
    if shown == "0.0":
        return "no change"
    return f"{'down' if change < 0 else 'up'} {shown}"


def change_text(change: Fraction | None) -> str:
    """`down 1.2 from last week`, `up 0.4 from last week`, `same as last week`."""
    if change is None:
        return "last week not logged"
    moved = direction(change)
    return "same as last week" if moved == "no change" else f"{moved} from last week"


def location_name(slug: str) -> str:
    """A location's name as it reads inside a sentence: `lower back`, `outer hip`."""
    location = catalogue().location(slug)
    # An unknown slug comes from a diary edited by hand: shown, but escaped.
    name = location.name if location else shown_text(slug)
    return name[:1].lower() + name[1:]


def week_sentence(week: WeekSummary, previous: WeekSummary | None, today: date) -> str:
    """The week in one line of numbers.

    `Week of 3 Nov: mean 4.1 (down 1.2 from last week), 6 of 7 days logged, 9 exercise
    sessions, lower back on 6 days`. The current week counts only the days so far; days
    with medication, bed-rest days and warning signs are added when there were any.
    """
    heading = f"Week of {day_month(week.start, today)}"
    possible = days_so_far(week, today)
    so_far = " so far" if possible < 7 else ""
    if week.mean is None:
        return f"{heading}: nothing logged (0 of {possible} days{so_far})"
    parts = [f"mean {format_mean(week.mean)}"]
    if previous is not None:
        parts[0] += f" ({change_text(mean_change(week, previous))})"
    parts.append(f"{week.days_logged} of {possible} days logged{so_far}")
    parts.append(counted(week.exercise_sessions, "exercise session"))
    if week.place_days:
        slug, days = next(iter(week.place_days.items()))
        parts.append(f"{location_name(slug)} on {counted(days, 'day')}")
    else:
        parts.append("no places logged")
    if week.medication_days:
        parts.append(f"medication on {counted(week.medication_days, 'day')}")
    if week.bed_rest_days:
        parts.append(f"{counted(week.bed_rest_days, 'day')} mostly in bed")
    if week.flags:
        names = []
        for flag in week.flags:
            found = catalogue().red_flag(flag)
            names.append(found.name.lower() if found else shown_text(flag))
        parts.append("warning sign: " + ", ".join(names))
    return f"{heading}: " + ", ".join(parts)


def trend_sentence(weeks: Sequence[WeekSummary]) -> str:
    """The direction over several weeks: `12-week trend: weekly mean 5.8 -> 3.1 (down 2.7)`.

    Compares the oldest and the newest week that have a log; unlogged weeks are counted,
    and so are the logged days with medication, when there were any.
    """
    label = f"{len(weeks)}-week trend"
    logged = [week for week in weeks if week.mean is not None]
    if not logged:
        return f"{label}: nothing logged"
    first, last = logged[0].mean, logged[-1].mean
    if len(logged) == 1:
        return f"{label}: weekly mean {format_mean(last)} (only 1 week logged)"
    text = (
        f"{label}: weekly mean {format_mean(first)} -> {format_mean(last)} "
        f"({direction(last - first)})"
    )
    if len(logged) < len(weeks):
        text += f", {len(logged)} of {len(weeks)} weeks logged"
    return text + _medication_days(logged)


def _medication_days(logged: Sequence[WeekSummary]) -> str:
    """`, medication on 9 of 40 logged days`, or nothing when none was taken."""
    taken = sum(week.medication_days for week in logged)
    if not taken:
        return ""
    days = sum(week.days_logged for week in logged)
    return f", medication on {taken} of {counted(days, 'logged day')}"


def class_text(name: str) -> str:
    """A duration class with its bounds: `chronic (12 weeks or more)`."""
    t = thresholds()
    bounds = {
        "acute": f"under {t.subacute_weeks} weeks",
        "subacute": f"{t.subacute_weeks} to {t.chronic_weeks} weeks",
        "chronic": f"{t.chronic_weeks} weeks or more",
    }
    return f"{name} ({bounds[name]})"


def episode_sentence(episode: Episode | None, as_of: date, today: date) -> str:
    """`Episode week 16, chronic (12 weeks or more), since 2 Aug` (as of `as_of`)."""
    when = "" if as_of == today else f" as of {day_month(as_of, today)}"
    if episode is None:
        return f"No open episode of pain{when}"
    week = episode_week(episode, as_of)
    kind = class_text(duration_class(episode, as_of))
    return f"Episode week {week}{when}, {kind}, since {day_month(episode.start, today)}"
