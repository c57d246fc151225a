"""The weekly summary's inputs, read lean from SQLite: facts per day, figures per week.

The clinician's weekly summary of ten years is 500-odd rows of figures, and building
every day's full log first (places with sides, doses, notes) to add them up costs more
than the rest of the export. On SQLite it reads only what the summary needs:

* `day_facts` is what the episode and alert columns read of each day (day, pain, worst,
  warning signs, bed rest, whether any exercise was done), one small row per day.
* `week_figures` is `rules.weekly.weekly_summaries` without the logs: equal
  `WeekFigures`, with the days per place and per exercise counted by SQLite and the rest
  added up from the facts by `rules.weekly.add_up_days`. A property test pins the two to
  the same figures on generated diaries, every first day of the week included. (Places
  or exercises done on as many days list in slug order here, in first-counted order
  there; the CSV sorts them by slug either way.)

`day_facts` returns None on a database other than SQLite (the counts use its date
functions); the export then builds the day logs and uses the rules directly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from sqlalchemy import Connection, TextClause, text

from painlog.rules.weekly import WeekFigures, add_up_days, group_by_week, week_start


class DayFacts(NamedTuple):
    """The parts of a day's log that the weekly summary reads, by `DayLog`'s names.

    `rules.episodes.split_episodes` and `rules.alert_kinds.alert_kinds` read `day`,
    `pain`, `flags`, `bed_rest` and whether `exercises` is empty, and nothing else; the
    week's figures read `worst` too.
    """

    day: date
    pain: int
    worst: int | None
    flags: tuple[str, ...]
    bed_rest: bool
    exercises: bool


# The first day of a day's week as a day ordinal (`date.toordinal()`), for the first
# weekday :first_weekday (0 = Monday): the ordinal of 0001-01-01 is 1 and its Julian day
# 1721425.5, and `(ordinal + 6) % 7` is `date.weekday()`. SQLite's % keeps the sign of
# its left operand, hence the + 7.
_ORDINAL = "CAST(julianday(l.day) - 1721424.5 AS INTEGER)"
_WEEK = f"{_ORDINAL} - (({_ORDINAL} + 6) % 7 - :first_weekday + 7) % 7"


def _days_per_item(table: str, column: str) -> TextClause:
    """Days per `column` of a child table in each week: each counted once a day, most days
    first. Ties come in slug order (the rules list them as first counted; the CSV sorts
    them by slug either way)."""
    return text(f"""
SELECT week, {column}, count(*) AS days FROM (
    SELECT DISTINCT {_WEEK} AS week, l.id, c.{column}
    FROM day_log AS l JOIN {table} AS c ON c.log_id = l.id
    WHERE l.day >= :first AND l.day <= :last
) GROUP BY week, {column} ORDER BY week, days DESC, {column}
""")


_PLACE_DAYS = _days_per_item("pain_place", "location")
_EXERCISE_DAYS = _days_per_item("exercise_done", "slug")

_FACTS = text("""
SELECT id, day, pain, worst, bed_rest FROM day_log WHERE day <= :until ORDER BY day
""")

_EXERCISED = text("SELECT DISTINCT log_id FROM exercise_done")

# A log's warning signs in id order, as `Diary.days` reads them.
_FLAGS = text("""
SELECT f.log_id, f.slug FROM flag_report AS f JOIN day_log AS d ON d.id = f.log_id
WHERE d.day <= :until ORDER BY f.log_id, f.id
""")


def day_facts(connection: Connection, until: date) -> list[DayFacts] | None:
    """The facts of every logged day up to `until`, oldest first; None when not SQLite."""
    if connection.dialect.name != "sqlite":
        return None
    bound = {"until": until.isoformat()}
    flags: dict[int, list[str]] = {}
    for log_id, slug in connection.execute(_FLAGS, bound).all():
        flags.setdefault(log_id, []).append(slug)
    # Every log id with an exercise, in one read: a subquery per day costs more.
    exercised = {log_id for (log_id,) in connection.execute(_EXERCISED).all()}
    no_flags: tuple[str, ...] = ()
    return [
        DayFacts(
            date.fromisoformat(day),
            pain,
            worst,
            tuple(flags[log_id]) if log_id in flags else no_flags,
            bool(bed_rest),
            log_id in exercised,
        )
        for log_id, day, pain, worst, bed_rest in connection.execute(_FACTS, bound).all()
    ]


def week_figures(
    connection: Connection,
    facts: Sequence[DayFacts],
    first_weekday: int,
    start: date,
    end: date,
    today: date,
) -> list[WeekFigures]:
    """`weekly_summaries(logs up to today, first_weekday, start, end)`'s figures.

    One `WeekFigures` per week from the week holding `start` to the week holding `end`,
    weeks with no log included. The day counts of places and exercises are added up by
    SQLite; the rest comes from the facts.

    Args:
        connection: A connection to the diary, on SQLite.
        facts: `day_facts(connection, today)`.
        first_weekday: 0 for Monday through 6 for Sunday.
        start: Any day of the first week wanted.
        end: Any day of the last week wanted.
        today: The person's local date; logs after it are left out.
    """
    first = week_start(start, first_weekday)
    last_week = week_start(end, first_weekday)
    last = min(last_week + timedelta(days=6), today)
    bounds = {
        "first_weekday": first_weekday,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    places = _counts(connection.execute(_PLACE_DAYS, bounds).all())
    exercises = _counts(connection.execute(_EXERCISE_DAYS, bounds).all())
    by_week = _by_week(facts, first, last, first_weekday)
    weeks = []
    for ordinal in range(first.toordinal(), last_week.toordinal() + 1, 7):
        week = date.fromordinal(ordinal)
        days = by_week.get(ordinal)
        if days is None:
            weeks.append(WeekFigures(week, week + timedelta(days=6)))
            continue
        totals = add_up_days(days)
        done = exercises.get(ordinal) or {}
        weeks.append(
            WeekFigures(
                week,
                week + timedelta(days=6),
                len(days),
                totals.pain_total,
                totals.min_pain,
                totals.max_pain,
                totals.max_worst,
                sum(done.values()),
                done,
                places.get(ordinal) or {},
                totals.bed_rest_days,
                totals.flags,
            )
        )
    return weeks


def _by_week(
    facts: Sequence[DayFacts], first: date, last: date, first_weekday: int
) -> dict[int, list[DayFacts]]:
    """The facts from `first` to `last`, grouped by the ordinal of their week's first day."""
    lo = bisect_left(facts, first, key=_DAY)
    hi = bisect_right(facts, last, key=_DAY)
    return group_by_week(facts[lo:hi], first_weekday)


_DAY = attrgetter("day")


def _counts(rows) -> dict[int, dict[str, int]]:
    """Rows of (week, slug, days) as each week's days per slug, in the rows' order."""
    found: dict[int, dict[str, int]] = {}
    for week, slug, days in rows:
        counts = found.get(week)
        if counts is None:
            found[week] = {slug: days}
        else:
            counts[slug] = days
    return found
