"""The exports: the clinician's weekly summary, the whole daily log, and the coded export.

`weekly_rows` and `daily_rows` are pure functions over day logs and PEG answers (the
weekly figures come from `rules.weekly.weekly_summaries`, so a week never reads one way on
screen and another on paper); `write_weekly` and `write_daily` write them to a text
stream; `export_diary` pulls what they need from a `Diary` and returns the whole file as
text.

The coded export (`kind="fhir"`) is built by `store.fhir` from the same day logs as the
daily export, over the same default range.

The weekly summary has one row per calendar week that overlaps the range, each week whole
(a range that starts mid-week includes that week's earlier days), with the week's PEG
answers. Its default range is the current episode of pain, or the last 12 weeks when there
is none. The daily export defaults to every logged day, so it can move a whole diary to
another machine (`painlog import`); the PEG answers go on the row of the day they were
given for, a row of their own when that day has no log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from painlog.rules.alert_kinds import alert_kinds
from painlog.rules.entry import InvalidInput
from painlog.rules.episodes import (
    Episode,
    current_episode,
    duration_class,
    episode_week,
    split_episodes,
)
from painlog.rules.intakes import intake_text
from painlog.rules.peg import answers_by_week, peg_score
from painlog.rules.records import DayLog, PegAnswer, Profile
from painlog.rules.weekly import (
    DEFAULT_FIRST_WEEKDAY,
    WeekFigures,
    week_bounds,
    week_start,
    weekly_summaries,
)
from painlog.rules.windows import day_logs
from painlog.store.csv_format import (
    DAILY_COLUMNS,
    NO,
    WEEKLY_COLUMNS,
    YES,
    Cell,
    Number,
    checkins_text,
    escaped,
    escaped_text,
    exercise_text,
    joined,
    number,
    peg_text,
    place_text,
    ratio_number,
    write_table,
)

if TYPE_CHECKING:
    from painlog.store.diary import Diary

KINDS_OF_EXPORT = ("weekly", "daily", "fhir")
DEFAULT_WEEKS = 12
"""Weeks in the weekly summary's default range when no episode of pain is open."""


# -- daily ---------------------------------------------------------------------------------


def daily_cells(log: DayLog, answer: PegAnswer | None = None) -> list[Cell]:
    """One day as the cells of the daily export, in `DAILY_COLUMNS` order, with the PEG
    answers given for it."""
    return [
        log.day.isoformat(),
        number(log.pain),
        number(log.worst),
        joined(place_text(place) for place in log.places),
        joined(exercise_text(done) for done in log.exercises),
        joined(intake_text(intake) for intake in log.took),
        joined(log.treated),
        joined(log.flags),
        YES if log.bed_rest else NO,
        log.note,
        checkins_text(log.checkins),
        peg_text(answer),
    ]


_EMPTY_BETWEEN = [""] * (len(DAILY_COLUMNS) - 2)


def peg_cells(answer: PegAnswer) -> list[Cell]:
    """The row of a day with PEG answers and no log: its date and the answers, every
    other cell empty (not even `no` for bed rest: nothing was said about the day)."""
    return [answer.day.isoformat(), *_EMPTY_BETWEEN, peg_text(answer)]


def daily_rows(logs: Iterable[DayLog], answers: Iterable[PegAnswer] = ()) -> list[list[Cell]]:
    """The daily export's rows, oldest first: each logged day with the PEG answers given
    for it, and a row of its own (`peg_cells`) for answers given for a day not logged."""
    ordered = sorted(logs, key=_day)
    pegs = {answer.day: answer for answer in answers}
    if not pegs:
        return [daily_cells(log) for log in ordered]
    dated = [(log.day, daily_cells(log, pegs.pop(log.day, None))) for log in ordered]
    dated += [(day, peg_cells(answer)) for day, answer in pegs.items()]
    dated.sort(key=itemgetter(0))
    return [cells for _day, cells in dated]


def _day(item: DayLog | PegAnswer) -> date:
    return item.day


def write_daily(
    stream, logs: Iterable[DayLog], bom: bool = True, answers: Iterable[PegAnswer] = ()
) -> int:
    """Write the daily export of `logs` and the PEG `answers` to a text stream; returns the
    rows."""
    return write_table(stream, DAILY_COLUMNS, daily_rows(logs, answers), bom)


# -- weekly --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One row of the weekly summary.

    The changes of the mean are exact fractions, worked out when asked for from the pain
    totals and day counts kept here; the cells format them straight from those integers
    (`csv_format.ratio_number`).

    Attributes:
        summary: The week's figures (from `rules.weekly`).
        episode_week: Week of the episode of pain that the week's last day falls in
            (1 = the episode's first 7 days), or None when no episode covers the week.
        duration_class: "acute", "subacute" or "chronic" as of the week's last day, or None.
        alerts: Alert kinds active on the week's last day (today for the current week).
        previous_totals: Pain total and days logged of the week before (days 0 when none
            were).
        first_totals: Pain total and days logged of the range's first week with logs, or
            (0, 0).
        peg: The PEG answers standing for the week (`rules.peg.answers_by_week`), or None.
    """

    summary: WeekFigures
    episode_week: int | None
    duration_class: str | None
    alerts: tuple[str, ...]
    previous_totals: tuple[int, int]
    first_totals: tuple[int, int]
    peg: PegAnswer | None = None

    @property
    def change_vs_previous(self) -> Fraction | None:
        """This week's mean minus the previous week's, when both have logs."""
        parts = self._change(self.previous_totals)
        return None if parts is None else Fraction(*parts)

    @property
    def change_since_first(self) -> Fraction | None:
        """This week's mean minus that of the range's first week with logs."""
        parts = self._change(self.first_totals)
        return None if parts is None else Fraction(*parts)

    @property
    def change_since_first_percent(self) -> Fraction | None:
        """`change_since_first` as a percentage of that first mean (None when it is 0)."""
        parts = self._percent()
        return None if parts is None else Fraction(*parts)

    def _change(self, other: tuple[int, int]) -> tuple[int, int] | None:
        """(numerator, denominator) of this week's mean minus the mean `other` adds up to."""
        week = self.summary
        days, (other_total, other_days) = week.days_logged, other
        if not days or not other_days:
            return None
        return week.pain_total * other_days - other_total * days, days * other_days

    def _percent(self) -> tuple[int, int] | None:
        """(numerator, denominator) of `change_since_first_percent`."""
        change = self._change(self.first_totals)
        base_total, base_days = self.first_totals
        if change is None or not base_total:
            return None
        # (mean - base) * 100 / base, with base = base_total / base_days.
        return change[0] * 100 * base_days, change[1] * base_total

    def cells(self) -> list[Cell]:
        """The row's cells, in `WEEKLY_COLUMNS` order."""
        week = self.summary
        days = week.days_logged
        return [
            week.start.isoformat(),
            week.end.isoformat(),
            number(self.episode_week),
            self.duration_class or "",
            number(days),
            ratio_number(week.pain_total, days) if days else number(None),
            number(week.min_pain),
            number(week.max_pain),
            number(week.max_worst),
            _ratio_of(self._change(self.previous_totals)),
            _counted(week.place_days),
            number(week.exercise_sessions),
            _counted(week.exercise_counts),
            number(week.medication_days),
            _counted(week.medication_counts),
            _counted(week.treatment_counts),
            number(week.bed_rest_days),
            joined(week.flags),
            joined(self.alerts),
            _ratio_of(self._change(self.first_totals)),
            _ratio_of(self._percent()),
            *_peg_cells(self.peg),
        ]


_NO_PEG = (number(None),) * 4


def _peg_cells(answer: PegAnswer | None) -> tuple[Number, ...]:
    """The three PEG answers and their score (a mean, as `mean_pain`), or four empty cells."""
    if answer is None:
        return _NO_PEG
    return (
        number(answer.pain),
        number(answer.enjoyment),
        number(answer.activity),
        number(peg_score(answer)),
    )


def _ratio_of(parts: tuple[int, int] | None) -> Number:
    """The number cell of a (numerator, denominator) pair, empty for None."""
    return number(None) if parts is None else ratio_number(*parts)


def _counted(counts: dict[str, int]) -> str:
    """`lower-back (5) | hip-side (3)`: each item with its number of days, most days first.

    Ties are in slug order, so the same week always reads the same.
    """
    # By slug, then (stable) by days, most first: (-days, slug) order without a key
    # function called per item, for every week of years of weeks.
    ordered = sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)
    return joined([f"{slug} ({days})" for slug, days in ordered])


def default_weekly_range(
    logs: Sequence[DayLog],
    profile: Profile,
    as_of: date,
    first_weekday: int = DEFAULT_FIRST_WEEKDAY,
) -> tuple[date, date]:
    """The current episode as of `as_of` (start to `as_of`), or the last 12 weeks."""
    episode = current_episode(logs, profile, as_of)
    if episode is not None:
        return episode.start, as_of
    return week_start(as_of, first_weekday) - timedelta(weeks=DEFAULT_WEEKS - 1), as_of


class WeeksRead(NamedTuple):
    """What a summary over weeks reads from a diary: every log up to today (episodes and
    alerts look back before the range), the profile, the first day of the week, the range
    with its defaults filled in, and the PEG answers of the range's whole weeks."""

    logs: list[DayLog]
    profile: Profile
    first_weekday: int
    start: date
    end: date
    answers: list[PegAnswer]


def read_weeks(diary: Diary, today: date, start: date | None, end: date | None) -> WeeksRead:
    """The weekly CSV's and the report's reading: by default the current episode, or the
    last 12 weeks, to today."""
    profile = diary.profile()
    first_weekday = diary.first_weekday()
    logs = diary.days(end=today)
    if start is None:
        start, default_end = default_weekly_range(logs, profile, end or today, first_weekday)
        end = end or default_end
    end = end or today
    answers = diary.peg_answers(
        week_start(start, first_weekday), min(week_bounds(end, first_weekday)[1], today)
    )
    return WeeksRead(logs, profile, first_weekday, start, end, answers)


def weekly_rows(
    logs: Sequence[DayLog],
    profile: Profile,
    today: date,
    start: date,
    end: date,
    first_weekday: int = DEFAULT_FIRST_WEEKDAY,
    answers: Sequence[PegAnswer] = (),
) -> list[WeekRow]:
    """One row per week from the week holding `start` to the week holding `end`.

    Args:
        logs: Every logged day (the whole history: episodes and alerts look back).
        profile: Onset and birth year, for episodes and alerts.
        today: The person's local date; logs after it are ignored.
        start: Any day of the first week wanted.
        end: Any day of the last week wanted (not after `today`).
        first_weekday: 0 for Monday through 6 for Sunday.
        answers: PEG answers (any others than the range's weeks' are left aside).
    """
    ordered = day_logs(logs, until=today)
    # The week before the range too, so the first row has a change vs the previous week.
    weeks = weekly_summaries(ordered, first_weekday, start - timedelta(days=7), end)
    pegs = answers_by_week(answers, first_weekday)
    return _rows_of_weeks(weeks, ordered, profile, today, pegs)


def _rows_of_weeks(
    weeks: Sequence[WeekFigures],
    ordered: Sequence[DayLog],
    profile: Profile,
    today: date,
    pegs: dict[date, PegAnswer],
) -> list[WeekRow]:
    """The rows of `weeks[1:]`, given the figures of those weeks and of the week before.

    Args:
        weeks: Consecutive weeks' figures, the first being the week before the range.
        ordered: Every logged day up to `today`, oldest first, one per day.
        profile: Onset and birth year, for episodes and alerts.
        today: The person's local date.
        pegs: The PEG answers standing for each week, by the week's first day.
    """
    previous, weeks = weeks[0], weeks[1:]
    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    episodes = split_episodes(ordered, onset)
    # Each week's alerts as of its last day, worked out in one pass over the history.
    lasts = [min(week.end, today) for week in weeks]
    kinds_by_week = alert_kinds(ordered, profile, lasts)
    base = next((week for week in weeks if week.days_logged), None)
    first = (base.pain_total, base.days_logged) if base else (0, 0)
    before = (previous.pain_total, previous.days_logged)
    later = _LaterEpisodes(episodes)
    rows = []
    for week, last, kinds in zip(weeks, lasts, kinds_by_week, strict=True):
        episode = later.of(week.start, last)
        number_day = class_day = None
        if episode is not None:
            # Numbered by the week's last day even when that is still to come, so rows
            # count 1, 2, 3...; the duration class is as of the last day that has been.
            number_day = min(week.end, episode.end or week.end)
            class_day = min(last, episode.end or last)
        rows.append(
            WeekRow(
                summary=week,
                episode_week=None if episode is None else episode_week(episode, number_day),
                duration_class=None if episode is None else duration_class(episode, class_day),
                alerts=kinds,
                previous_totals=before,
                first_totals=first,
                peg=pegs.get(week.start),
            )
        )
        before = (week.pain_total, week.days_logged)
    return rows


class _LaterEpisodes:
    """The episode each week belongs to, for weeks asked about in calendar order.

    Episodes come in order and never overlap, so the ones that ended before a week also
    ended before every later week: a pointer past them moves only forward, and finding
    each week's episode costs one pass over the weeks and the episodes together.
    """

    __slots__ = ("episodes", "next_index")

    def __init__(self, episodes: Sequence[Episode]) -> None:
        self.episodes = episodes
        # Episodes before this index ended before the latest week asked about.
        self.next_index = 0

    def of(self, first: date, last: date) -> Episode | None:
        """The latest episode with a day between `first` and `last`, or None."""
        episodes, index = self.episodes, self.next_index
        while index < len(episodes) and (end := episodes[index].end) is not None and end < first:
            index += 1
        self.next_index = index
        found = None
        while index < len(episodes) and episodes[index].start <= last:
            found = episodes[index]
            index += 1
        return found


def write_weekly(stream, rows: Iterable[WeekRow], bom: bool = True) -> int:
    """Write the weekly summary to a text stream; returns the rows written."""
    return write_table(stream, WEEKLY_COLUMNS, (row.cells() for row in rows), bom)


# -- from a diary -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Export:
    """A finished export, ready to be written.

    Attributes:
        kind: "weekly", "daily" or "fhir".
        start: First day of the range (None for a daily or coded export of an empty diary).
        end: Last day of the range (None likewise).
        header: The column names (none for the coded export).
        rows: The rows exactly as the file holds them (formula cells already escaped); none
            for the coded export.
        text: The whole file: byte order mark, header, rows, CRLF line ends; or the coded
            export's JSON.
        count: The weeks or days the file holds.
    """

    kind: str
    start: date | None
    end: date | None
    header: tuple[str, ...]
    rows: list[list[str]]
    text: str
    count: int

    @property
    def description(self) -> str:
        """`12 weeks (2026-09-01 to 2026-11-21)` and the like."""
        unit = "week" if self.kind == "weekly" else "day"
        count = f"{self.count} {unit}{'' if self.count == 1 else 's'}"
        if self.start is None or self.end is None:
            return count
        return f"{count} ({self.start.isoformat()} to {self.end.isoformat()})"


def check_range(start: date | None, end: date | None, today: date) -> None:
    """Refuse a range that ends after today or starts after it ends.

    Raises:
        InvalidInput: naming `to` or `from`.
    """
    if end is not None and end > today:
        raise InvalidInput("to", end.isoformat(), f"today ({today.isoformat()}) or earlier")
    if start is not None and start > (end or today):
        limit = end or today
        raise InvalidInput("from", start.isoformat(), f"{limit.isoformat()} or earlier (the end)")


def export_diary(
    diary: Diary,
    kind: str,
    today: date,
    start: date | None = None,
    end: date | None = None,
    bom: bool = True,
) -> Export:
    """Build an export from a diary.

    Args:
        diary: An open `Diary`.
        kind: "weekly" (the clinician's summary), "daily" (every field of every day) or
            "fhir" (the days as a FHIR Bundle, `store.fhir`).
        today: The person's local date.
        start: First day wanted; weekly default: the current episode's start, or 12 weeks
            back; daily and fhir default: the first logged day.
        end: Last day wanted; default today (weekly) or the last logged day (daily, fhir).
        bom: Start a CSV with a UTF-8 byte order mark (JSON never has one).

    Raises:
        InvalidInput: when the range ends after today or starts after its end.
    """
    check_range(start, end, today)
    if kind == "fhir":
        from painlog.store.fhir import fhir_bundle

        logs = diary.days(start, end)
        answers = diary.peg_answers(start, end)
        start, end = _range_held(logs, answers, start, end)
        first_weekday = diary.first_weekday()
        text = fhir_bundle(logs, diary.catalogue(), answers, first_weekday)
        return Export(kind, start, end, (), [], text, len(logs))
    if kind == "daily":
        logs = diary.days(start, end)
        answers = diary.peg_answers(start, end)
        header = DAILY_COLUMNS
        rows = [escaped(cells) for cells in daily_rows(logs, answers)]
        start, end = _range_held(logs, answers, start, end)
    elif kind == "weekly":
        read = read_weeks(diary, today, start, end)
        start, end = read.start, read.end
        header = WEEKLY_COLUMNS
        rows = [
            escaped(row.cells())
            for row in weekly_rows(
                read.logs, read.profile, today, start, end, read.first_weekday, read.answers
            )
        ]
    else:
        raise InvalidInput("kind", kind, " or ".join(KINDS_OF_EXPORT))
    text = escaped_text(header, rows, bom)
    return Export(kind, start, end, tuple(header), rows, text, len(rows))


def _range_held(
    logs: Sequence[DayLog], answers: Sequence[PegAnswer], start: date | None, end: date | None
) -> tuple[date | None, date | None]:
    """The range asked for, its open ends at the first and last day the export holds (a
    log or PEG answers; both come oldest first)."""
    days = [x.day for x in (*logs[:1], *answers[:1], *logs[-1:], *answers[-1:])]
    if not days:
        return start, end
    return start or min(days), end or max(days)
