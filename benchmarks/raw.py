"""The baselines of the export and import measurements: the same work in raw sqlite3 + csv.

Each function does what a careful script without painlog would do to produce the same
file (or the same rows): one SQL query that joins or aggregates in the database, `csv`
for the text, a private file synced to disk like `store.csv_format.write_private`, and
for the import `csv` parsing plus `executemany` into a database of painlog's schema.
What they do not do is what only painlog knows: checking slugs against the catalogue,
episodes and alerts. Those columns of the weekly summary are left empty here.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from painlog.store.csv_format import DAILY_COLUMNS, WEEKLY_COLUMNS

BOM = "\ufeff"
SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
SIDES = frozenset(("left", "right", "both"))
_SETS_REPS = re.compile(r"^(\d+)x(\d+)$")
_REPS = re.compile(r"^(\d+)r$")
_SETS = re.compile(r"^(\d+)sets$")
_MINUTES = re.compile(r"^(\d+)min$")

# Each child table folded into one cell per day, items in the order they were logged.
DAILY_QUERY = """
SELECT d.day, d.pain, d.worst, p.cell, e.cell, m.cell, t.cell, f.cell, d.bed_rest, d.note
FROM day_log AS d
LEFT JOIN (
    SELECT log_id, group_concat(item, ' | ') AS cell FROM (
        SELECT log_id,
               location || coalesce(':' || side, '') || coalesce(':' || character, '') AS item
        FROM pain_place ORDER BY log_id, position
    ) GROUP BY log_id
) AS p ON p.log_id = d.id
LEFT JOIN (
    SELECT log_id, group_concat(item, ' | ') AS cell FROM (
        SELECT log_id,
               slug
               || CASE
                    WHEN sets IS NOT NULL AND reps IS NOT NULL THEN ':' || sets || 'x' || reps
                    WHEN reps IS NOT NULL THEN ':' || reps || 'r'
                    WHEN sets IS NOT NULL THEN ':' || sets || 'sets'
                    ELSE ''
                  END
               || coalesce(':' || minutes || 'min', '') AS item
        FROM exercise_done ORDER BY log_id, position
    ) GROUP BY log_id
) AS e ON e.log_id = d.id
LEFT JOIN (
    SELECT log_id, group_concat(item, ' | ') AS cell FROM (
        SELECT log_id,
               slug || coalesce(':' || dose, '') || coalesce('@' || substr(taken_at, 1, 5), '')
               AS item
        FROM intake ORDER BY log_id, position
    ) GROUP BY log_id
) AS m ON m.log_id = d.id
LEFT JOIN (
    SELECT log_id, group_concat(slug, ' | ') AS cell FROM (
        SELECT log_id, slug FROM treatment_done ORDER BY log_id, position
    ) GROUP BY log_id
) AS t ON t.log_id = d.id
LEFT JOIN (
    SELECT log_id, group_concat(slug, ' | ') AS cell FROM (
        SELECT log_id, slug FROM flag_report ORDER BY log_id, id
    ) GROUP BY log_id
) AS f ON f.log_id = d.id
ORDER BY d.day
"""

# Monday-based weeks from the week of :start to the week of :end, empty weeks included,
# with the figures of `rules.weekly.WeekSummary` and the changes of `store.export.WeekRow`.
# The week before the range is aggregated too, for the first row's change.
WEEKLY_QUERY = """
WITH RECURSIVE
bounds AS (
    SELECT date(:start, '-' || ((CAST(strftime('%w', :start) AS INTEGER) + 6) % 7) || ' days')
           AS first
),
logs AS (
    SELECT id, day, pain, worst, bed_rest,
           date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days') AS week
    FROM day_log WHERE day >= (SELECT date(first, '-7 days') FROM bounds) AND day <= :end
),
weeks(week) AS (
    SELECT date(first, '-7 days') FROM bounds
    UNION ALL
    SELECT date(week, '+7 days') FROM weeks WHERE date(week, '+7 days') <= :end
),
figures AS (
    SELECT week, count(*) AS logged, avg(pain) AS mean, min(pain) AS low, max(pain) AS high,
           max(worst) AS worst, sum(bed_rest) AS bed
    FROM logs GROUP BY week
),
place_days AS (
    SELECT week, location, count(DISTINCT l.id) AS days
    FROM logs AS l JOIN pain_place AS p ON p.log_id = l.id GROUP BY week, location
),
places AS (
    SELECT week, group_concat(location || ' (' || days || ')', ' | ') AS cell FROM (
        SELECT * FROM place_days ORDER BY week, days DESC, location
    ) GROUP BY week
),
exercise_days AS (
    SELECT week, slug, count(DISTINCT l.id) AS days
    FROM logs AS l JOIN exercise_done AS e ON e.log_id = l.id GROUP BY week, slug
),
exercises AS (
    SELECT week, sum(days) AS sessions, group_concat(slug || ' (' || days || ')', ' | ') AS cell
    FROM (SELECT * FROM exercise_days ORDER BY week, days DESC, slug) GROUP BY week
),
flags AS (
    SELECT week, group_concat(slug, ' | ') AS cell FROM (
        SELECT week, slug, min(f.id) AS first FROM logs AS l
        JOIN flag_report AS f ON f.log_id = l.id GROUP BY week, slug ORDER BY week, first
    ) GROUP BY week
),
rows AS (
    SELECT w.week, fi.logged, fi.mean, fi.low, fi.high, fi.worst, fi.bed,
           fi.mean - lag(fi.mean) OVER (ORDER BY w.week) AS change,
           pl.cell AS places, ex.sessions, ex.cell AS exercises, fl.cell AS flags
    FROM weeks AS w
    LEFT JOIN figures AS fi ON fi.week = w.week
    LEFT JOIN places AS pl ON pl.week = w.week
    LEFT JOIN exercises AS ex ON ex.week = w.week
    LEFT JOIN flags AS fl ON fl.week = w.week
),
first_mean AS (
    SELECT mean FROM rows WHERE mean IS NOT NULL AND week >= (SELECT first FROM bounds)
    ORDER BY week LIMIT 1
)
SELECT r.week, date(r.week, '+6 days'), coalesce(r.logged, 0), r.mean, r.low, r.high,
       r.worst, r.change, r.places, coalesce(r.sessions, 0), r.exercises,
       coalesce(r.bed, 0), r.flags, r.mean - f.mean, (r.mean - f.mean) * 100 / f.mean
FROM rows AS r LEFT JOIN first_mean AS f
WHERE r.week >= (SELECT first FROM bounds)
ORDER BY r.week
"""


def connect(path: Path) -> sqlite3.Connection:
    """A connection set up as painlog's engine sets up its own (same durability)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def export_daily(connection: sqlite3.Connection, target: Path) -> int:
    """Write every logged day as the daily export's columns; returns the rows written."""
    rows = connection.execute(DAILY_QUERY).fetchall()
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(DAILY_COLUMNS)
    writer.writerows(
        (
            day,
            pain,
            "" if worst is None else worst,
            _text(places),
            _text(exercises),
            _text(took),
            _text(treated),
            _text(flags),
            "yes" if bed_rest else "no",
            _text(note),
            "",
            "",
        )
        for day, pain, worst, places, exercises, took, treated, flags, bed_rest, note in rows
    )
    write_synced(target, buffer.getvalue())
    return len(rows)


def export_weekly(connection: sqlite3.Connection, target: Path, start: date, end: date) -> int:
    """Write the weekly figures of the weeks from `start` to `end`; returns the rows written.

    The episode, duration class and alert columns stay empty: they are not aggregates.
    """
    rows = connection.execute(
        WEEKLY_QUERY, {"start": start.isoformat(), "end": end.isoformat()}
    ).fetchall()
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(WEEKLY_COLUMNS)
    for row in rows:
        (week, last, logged, mean, low, high, worst, change, places, sessions) = row[:10]
        exercises, bed, flags, since, percent = row[10:]
        writer.writerow(
            (
                week,
                last,
                "",
                "",
                logged,
                _mean(mean),
                _whole(low),
                _whole(high),
                _whole(worst),
                _mean(change),
                _text(places),
                sessions,
                _text(exercises),
                bed,
                _text(flags),
                "",
                _mean(since),
                _mean(percent),
            )
        )
    write_synced(target, buffer.getvalue())
    return len(rows)


def import_daily(connection: sqlite3.Connection, source: Path) -> int:
    """Read a daily export and insert its days and their children; returns the days.

    The database must hold painlog's schema and no logs.
    """
    text = source.read_bytes().decode("utf-8").removeprefix(BOM)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    if tuple(next(reader)) != DAILY_COLUMNS:
        raise ValueError("not a daily export")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    days, places, exercises, flags = [], [], [], []
    # The demo logs no medication, treatment, check-in or PEG answer: their cells are read
    # past, as a plain reader of this layout would.
    for (
        day,
        pain,
        worst,
        place_cell,
        exercise_cell,
        _took,
        _treated,
        flag_cell,
        bed_rest,
        note,
        _checkins,
        _peg,
    ) in reader:
        day = date.fromisoformat(day).isoformat()
        worst = int(worst) if worst else None
        days.append((day, int(pain), worst, bed_rest == "yes", _restore(note), now, now))
        places.append([_place(item) for item in _items(place_cell)])
        exercises.append([_exercise(item) for item in _items(exercise_cell)])
        flags.append(_items(flag_cell))
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO day_log (day, pain, worst, bed_rest, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        days,
    )
    ids = dict(connection.execute("SELECT day, id FROM day_log").fetchall())
    connection.executemany(
        "INSERT INTO pain_place (log_id, position, location, side, character) "
        "VALUES (?, ?, ?, ?, ?)",
        (
            (ids[row[0]], position, *place)
            for row, items in zip(days, places, strict=True)
            for position, place in enumerate(items)
        ),
    )
    connection.executemany(
        "INSERT INTO exercise_done (log_id, position, slug, sets, reps, minutes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (ids[row[0]], position, *done)
            for row, items in zip(days, exercises, strict=True)
            for position, done in enumerate(items)
        ),
    )
    connection.executemany(
        "INSERT INTO flag_report (log_id, slug) VALUES (?, ?)",
        ((ids[row[0]], slug) for row, items in zip(days, flags, strict=True) for slug in items),
    )
    connection.execute("COMMIT")
    return len(days)


def write_synced(target: Path, text: str) -> None:
    """Write `text` to a private file and sync it, as painlog writes its exports."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(text.encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())


def _text(value: str | None) -> str:
    """A text cell, with painlog's guard against spreadsheet formulas."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _whole(value: int | None) -> str:
    return "" if value is None else str(value)


def _mean(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _items(cell: str) -> list[str]:
    return [item.strip() for item in _restore(cell).split("|") if item.strip()]


def _place(item: str) -> tuple[str, str | None, str | None]:
    location, *rest = item.split(":")
    side = rest[0] if rest and rest[0] in SIDES else None
    character = rest[-1] if rest and rest[-1] not in SIDES else None
    return location, side, character


def _exercise(item: str) -> tuple[str, int | None, int | None, int | None]:
    slug, *doses = item.split(":")
    sets = reps = minutes = None
    for dose in doses:
        if match := _SETS_REPS.match(dose):
            sets, reps = int(match[1]), int(match[2])
        elif match := _REPS.match(dose):
            reps = int(match[1])
        elif match := _SETS.match(dose):
            sets = int(match[1])
        elif match := _MINUTES.match(dose):
            minutes = int(match[1])
    return slug, sets, reps, minutes
