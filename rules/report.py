"""What the one-page report for a clinician holds, worked out from the logs.

A pure function of the logs, the profile, the catalogue and a range: the renderers
(`drawing.report_text`, `drawing.report_html`) only lay it out. Everything is in plain
words and numbers a clinician reads without painlog's slugs: the episode and its length,
the weekly mean and worst pain, the days with medication, the warning signs with their
dates, the alerts raised and when, where it hurt, what was done, and the days in bed.

Up to `MAX_ROWS` weeks (12 and a part week) are listed one by one; a longer range is
listed in spans of whole weeks, each the exact figures of every day it covers, so the page
never grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.alert_kinds import alert_kinds
from painlog.rules.alerts import KINDS
from painlog.rules.describe import flag_text
from painlog.rules.episodes import Episode, current_episode, duration_class, episode_week
from painlog.rules.intakes import treatment_words
from painlog.rules.records import DayLog, ExerciseDone, Profile
from painlog.rules.text import shown_text
from painlog.rules.weekly import (
    WeekSummary,
    class_text,
    downsample,
    location_name,
    week_start,
    weekly_summaries,
)
from painlog.seeds import Catalogue

MAX_ROWS = 13
"""Rows of the weekly table (and bars of the chart) on one page: 12 whole weeks and the
part of a week a range may start in."""
MAX_ITEMS = 5
MAX_NOTES = 5
"""Day notes marked for the report that it shows: the latest ones."""
NOTE_CHARS = 140
"""A marked note is cut (with …) beyond this, so five of them keep to the page."""
"""Places, exercises, medications and treatments listed, most days first."""

KIND_TITLES = {
    "emergency": "Emergency sign logged (possible cauda equina): emergency care advised",
    "same_day": "Fall or not weight-bearing: same-day assessment advised",
    "see_clinician": "Three-criteria rule met: appointment advised",
    "red_flag": "Warning sign logged: appointment within days advised",
    "worsening": "Pain clearly worse than the week before",
    "duration": "Pain lasting 6 weeks or more",
    "keep_moving": "Few days with exercise: keep-moving reminder",
}
"""Each alert kind as a clinician would want it named, in `KINDS` order."""


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row of the weekly table: a week, or a span of whole weeks.

    Attributes:
        start, end: The first and last day it covers.
        days_logged: Days with a log.
        mean: Mean pain of those days, exactly (None when none).
        worst: The highest pain or worst pain given (None when none).
        medication_days: Days with any medication.
        exercise_sessions: Exercises done, each counted once a day.
    """

    start: date
    end: date
    days_logged: int
    mean: Fraction | None
    worst: int | None
    medication_days: int
    exercise_sessions: int


@dataclass(frozen=True, slots=True)
class Counted:
    """A thing and on how many days it was logged, with its details in words."""

    name: str
    days: int
    details: str = ""


@dataclass(frozen=True, slots=True)
class AlertSpan:
    """An alert kind raised in the range: its title, the first and last day it was active,
    and on how many days."""

    kind: str
    title: str
    first: date
    last: date
    days: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the page says. See the module docstring."""

    start: date
    end: date
    today: date
    days_in_range: int
    days_logged: int
    mean: Fraction | None
    episode: Episode | None
    episode_text: str
    rows: tuple[ReportRow, ...]
    weeks_per_row: int
    signs: tuple[tuple[str, tuple[date, ...]], ...]
    alerts: tuple[AlertSpan, ...]
    places: tuple[Counted, ...]
    exercises: tuple[Counted, ...]
    medications: tuple[Counted, ...]
    treatments: tuple[Counted, ...]
    bed_rest_days: int
    medication_days: int
    notes: tuple[tuple[date, str], ...]
    notes_left_out: int


def build_report(
    logs: Sequence[DayLog],
    profile: Profile,
    seeds: Catalogue,
    start: date,
    end: date,
    today: date,
    first_weekday: int = 0,
    notes: Sequence[tuple[date, str]] = (),
) -> Report:
    """The report on the days from `start` to `end`.

    Args:
        logs: Every log up to `end` at least (the episode and the alerts look back before
            `start`); any order.
        profile: The person's profile (onset, age and cancer history count in the rules).
        seeds: The catalogue with the person's own lists, for names.
        start, end: The range reported on, inclusive.
        today: The person's local date.
        first_weekday: The first day of the week (0 = Monday), as in Settings.
        notes: The notes of the days the person marked for the report, oldest first;
            those in the range are shown, the latest `MAX_NOTES` of them.
    """
    ordered = sorted(logs, key=lambda log: log.day)
    shown = [log for log in ordered if start <= log.day <= end]
    weeks = weekly_summaries(shown, first_weekday, week_start(start, first_weekday), end)
    spans = downsample(weeks, MAX_ROWS)
    episode = current_episode(ordered, profile, end)
    total = sum(log.pain for log in shown)
    kept = [(day, _cut(shown_text(note))) for day, note in notes if start <= day <= end]
    return Report(
        start=start,
        end=end,
        today=today,
        days_in_range=(end - start).days + 1,
        days_logged=len(shown),
        mean=Fraction(total, len(shown)) if shown else None,
        episode=episode,
        episode_text=_episode_text(episode, end),
        rows=tuple(_row(span, start, end) for span in spans),
        weeks_per_row=-(-len(weeks) // len(spans)) if spans else 1,
        signs=_signs(shown),
        alerts=_alerts(ordered, profile, start, end),
        places=_places(shown),
        exercises=_exercises(shown, seeds),
        medications=_medications(shown, seeds),
        treatments=_treatments(shown, seeds),
        bed_rest_days=sum(log.bed_rest for log in shown),
        medication_days=sum(bool(log.took) for log in shown),
        notes=tuple(kept[-MAX_NOTES:]),
        notes_left_out=max(0, len(kept) - MAX_NOTES),
    )


def _cut(note: str) -> str:
    flat = " ".join(note.split())
    return flat if len(flat) <= NOTE_CHARS else flat[: NOTE_CHARS - 1].rstrip() + "…"


def _episode_text(episode: Episode | None, end: date) -> str:
    if episode is None:
        return f"No episode of pain open on {day_words(end)}."
    weeks = episode_week(episode, end)
    kind = class_text(duration_class(episode, end))
    return (
        f"Current episode began {day_words(episode.start)}; on {day_words(end)} it was in its week "
        f"{weeks}: {kind}."
    )


def _row(span: WeekSummary, start: date, end: date) -> ReportRow:
    found = [x for x in (span.max_pain, span.max_worst) if x is not None]
    return ReportRow(
        max(span.start, start),
        min(span.end, end),
        span.days_logged,
        span.mean,
        max(found) if found else None,
        span.medication_days,
        span.exercise_sessions,
    )


def _signs(logs: Sequence[DayLog]) -> tuple[tuple[str, tuple[date, ...]], ...]:
    dates: dict[str, list[date]] = defaultdict(list)
    for log in logs:
        for slug in log.flags:
            dates[slug].append(log.day)
    return tuple((flag_text(slug), tuple(days)) for slug, days in dates.items())


def _alerts(logs: Sequence[DayLog], profile: Profile, start: date, end: date) -> tuple:
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    active: dict[str, list[date]] = defaultdict(list)
    for day, kinds in zip(days, alert_kinds(logs, profile, days), strict=True):
        for kind in kinds:
            active[kind].append(day)
    return tuple(
        AlertSpan(kind, KIND_TITLES[kind], active[kind][0], active[kind][-1], len(active[kind]))
        for kind in KINDS
        if kind in active
    )


def _places(logs: Sequence[DayLog]) -> tuple[Counted, ...]:
    days: Counter[tuple[str, str | None]] = Counter()
    characters: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for log in logs:
        for place in log.places:
            key = (place.location, place.side)
            days[key] += 1
            if place.character:
                characters[key][place.character] += 1
    counted = []
    for (location, side), count in days.most_common(MAX_ITEMS):
        name = location_name(location)
        name = name[:1].upper() + name[1:] + (f", {side}" if side else "")
        kinds = ", ".join(word for word, _ in characters[(location, side)].most_common(3))
        counted.append(Counted(name, count, kinds))
    return tuple(counted)


def _dose(done: ExerciseDone) -> str:
    if done.sets is not None and done.reps is not None:
        return f"{done.sets}x{done.reps}"
    if done.reps is not None:
        return f"{done.reps} reps"
    if done.minutes is not None:
        return f"{done.minutes} min"
    return ""


def _exercises(logs: Sequence[DayLog], seeds: Catalogue) -> tuple[Counted, ...]:
    days: Counter[str] = Counter()
    doses: dict[str, Counter[str]] = defaultdict(Counter)
    for log in logs:
        for done in log.exercises:
            days[done.slug] += 1
            if dose := _dose(done):
                doses[done.slug][dose] += 1
    counted = []
    for slug, count in days.most_common(MAX_ITEMS):
        found = seeds.exercise(slug)
        usual = ", ".join(dose for dose, _ in doses[slug].most_common(2))
        counted.append(Counted(shown_text(found.name if found else slug), count, usual))
    return tuple(counted)


def _medications(logs: Sequence[DayLog], seeds: Catalogue) -> tuple[Counted, ...]:
    days: Counter[str] = Counter()
    intakes: Counter[str] = Counter()
    doses: dict[str, Counter[str]] = defaultdict(Counter)
    for log in logs:
        for slug in dict.fromkeys(intake.slug for intake in log.took):
            days[slug] += 1
        for intake in log.took:
            intakes[intake.slug] += 1
            if intake.dose:
                doses[intake.slug][intake.dose] += 1
    counted = []
    for slug, count in days.most_common(MAX_ITEMS):
        found = seeds.medication(slug)
        details = [f"{intakes[slug]} intake{'s' if intakes[slug] != 1 else ''}"]
        details += [dose for dose, _ in doses[slug].most_common(2)]
        counted.append(
            Counted(shown_text(found.name if found else slug), count, ", ".join(details))
        )
    return tuple(counted)


def _treatments(logs: Sequence[DayLog], seeds: Catalogue) -> tuple[Counted, ...]:
    days = Counter(slug for log in logs for slug in log.treated)
    return tuple(
        Counted(treatment_words(slug, seeds), count) for slug, count in days.most_common(MAX_ITEMS)
    )


def day_words(day: date) -> str:
    """`3 Oct 2026`: a date as the report writes it."""
    return f"{day.day} {day:%b %Y}"


DATES_LISTED = 5
"""A warning sign logged on more days than this is given as a count and a span."""


def dates_words(days: Sequence[date]) -> str:
    """`3 Oct 2026, 5 Oct 2026`, or `14 days, 3 Oct to 20 Nov 2026` for many."""
    if len(days) <= DATES_LISTED:
        return ", ".join(day_words(day) for day in days)
    return f"{len(days)} days, {when_words(days[0], days[-1])}"


def when_words(first: date, last: date) -> str:
    """`3 Oct 2026`, `3 Oct to 20 Nov 2026`, or `3 Dec 2025 to 20 Jan 2026`."""
    if first == last:
        return day_words(first)
    start = f"{first.day} {first:%b}" if first.year == last.year else day_words(first)
    return f"{start} to {day_words(last)}"


def mean_words(mean: Fraction | None) -> str:
    """A mean to one decimal, or a dash."""
    return "-" if mean is None else f"{float(mean):.1f}"


def summary_sentences(report: Report) -> list[str]:
    """The opening sentences: the episode, the mean, medication and bed rest."""
    sentences = [report.episode_text]
    if report.days_logged:
        sentences.append(
            f"Mean pain over the {report.days_logged} logged days: "
            f"{mean_words(report.mean)}. Medication taken on {report.medication_days} of "
            f"them; mostly in bed on {report.bed_rest_days}."
        )
    else:
        sentences.append("No day was logged in this range.")
    return sentences


def list_sections(report: Report) -> list[tuple[str, tuple[Counted, ...]]]:
    """The lists, in the order both renderers show them."""
    return [
        ("Where it hurt", report.places),
        ("Exercises", report.exercises),
        ("Medication", report.medications),
        ("Other treatments", report.treatments),
    ]
