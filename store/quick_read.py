"""A read-only look at a diary file through the standard library's `sqlite3`.

`painlog status` runs every few seconds in a status bar; importing SQLAlchemy alone costs
more than everything else it does, so it reads what the alert rules need here instead of
through `Diary`. It never writes: no file is created, no backup made, no schema migrated.
`read_own_exercises` serves the command line the same way: it checks what a command names
before the diary is opened for writing (which would migrate it or make the day's backup).
`read_today` gives the app what its first screen shows (the day's log, what the pickers
need, the alerts' inputs), so Today is filled before SQLAlchemy is even imported.
The queries are written for `KNOWN_SCHEMA` (a test pins it to `schema.SCHEMA_VERSION`);
anything else raises `NotForQuickRead` and the caller opens the file through `Diary`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from painlog.rules.horizon import bounded_history
from painlog.rules.own_exercises import own_exercise
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.seeds import Exercise

KNOWN_SCHEMA = 2


class NotForQuickRead(Exception):
    """The file is not one this reader knows; `Diary` should open it."""


def read_alert_inputs(path: Path, today: date) -> tuple[list[DayLog], Profile]:
    """The logs up to `today` and the profile, from a diary file, read-only.

    Places and notes are not read: no alert's kind depends on them (places only choose the
    exercises a keep-moving alert suggests).

    Raises:
        NotForQuickRead: when the file is not a painlog database of `KNOWN_SCHEMA`, or
            cannot be read; `Diary` then opens it and says why.
    """
    connection = _connect(path)
    try:
        if not _known_tables(connection):
            return [], Profile()  # created but never written: an empty diary
        until = today.isoformat()
        rows = connection.execute(
            "SELECT id, day, pain, bed_rest FROM day_log WHERE day <= ? ORDER BY day", (until,)
        ).fetchall()
        exercises: dict[int, list[ExerciseDone]] = {}
        for log_id, slug in connection.execute(
            "SELECT e.log_id, e.slug FROM exercise_done e JOIN day_log d ON d.id = e.log_id "
            "WHERE d.day <= ? ORDER BY e.log_id, e.position",
            (until,),
        ):
            exercises.setdefault(log_id, []).append(ExerciseDone(slug))
        flags: dict[int, list[str]] = {}
        for log_id, slug in connection.execute(
            "SELECT f.log_id, f.slug FROM flag_report f JOIN day_log d ON d.id = f.log_id "
            "WHERE d.day <= ? ORDER BY f.log_id, f.id",
            (until,),
        ):
            flags.setdefault(log_id, []).append(slug)
        found = connection.execute("SELECT birth_year, onset FROM profile").fetchone()
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    finally:
        connection.close()
    try:
        logs = [
            DayLog(
                day=date.fromisoformat(day),
                pain=pain,
                exercises=tuple(exercises.get(log_id, ())),
                flags=tuple(flags.get(log_id, ())),
                bed_rest=bool(bed_rest),
            )
            for log_id, day, pain, bed_rest in rows
        ]
        profile = (
            Profile()
            if found is None
            else Profile(found[0], date.fromisoformat(found[1]) if found[1] else None)
        )
    except (TypeError, ValueError) as error:
        raise NotForQuickRead from error
    return logs, profile


@dataclass(frozen=True)
class TodayRead:
    """What Today shows when the app starts, read in one short read-only transaction.

    Attributes:
        day: The day whose log was read.
        log: That day's log, whole, or None when it has none.
        place_counts: How often each (location, side) was logged (`Diary.place_counts`).
        exercise_counts: How often each exercise was logged (`Diary.exercise_counts`).
        own_exercises: The diary's own exercises (`Diary.own_exercises`).
        profile: The person's profile (`Diary.profile`).
        acknowledged: Every acknowledged alert key (`Diary.acknowledged`).
        alert_logs: The logs the alert rules need as of `today` (`alert_history`).
        settings: Every stored preference, by key.
        days_logged: How many days have a log.
    """

    day: date
    log: DayLog | None
    place_counts: dict[tuple[str, str | None], int]
    exercise_counts: dict[str, int]
    own_exercises: tuple[Exercise, ...]
    profile: Profile
    acknowledged: set[tuple[str, date]]
    alert_logs: list[DayLog]
    settings: dict[str, str]
    days_logged: int


def read_today(path: Path, day: date, today: date) -> TodayRead:
    """Everything Today shows for `day`, and the alerts' inputs as of `today`, read-only.

    One read transaction, so the parts agree with each other even while another program
    writes. The file is checked first (`PRAGMA quick_check`): a damaged diary is left to
    `Diary`, which refuses it with its usual message.

    Raises:
        NotForQuickRead: when the file is empty, damaged, not a painlog database of
            `KNOWN_SCHEMA`, or cannot be read; `Diary` then opens it and says why.
    """
    # Read-write but never written (query_only): as in `read_own_exercises`, a read-only
    # connection would leave a WAL diary's -wal and -shm files behind.
    connection = _connect(path, "rw")
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        if not _known_tables(connection):
            raise NotForQuickRead  # created but never written: `Diary` sets it up
        (check,) = connection.execute("PRAGMA quick_check(1)").fetchone()
        if check != "ok":
            raise NotForQuickRead
        logs = _whole_days(connection, day)
        first, days_logged = connection.execute("SELECT min(day), count(*) FROM day_log").fetchone()
        profile = _profile(connection)
        read = TodayRead(
            day=day,
            log=logs[0] if logs else None,
            place_counts={
                (location, side): count
                for location, side, count in connection.execute(
                    "SELECT location, side, count(*) FROM pain_place GROUP BY location, side"
                )
            },
            exercise_counts=dict(
                connection.execute("SELECT slug, count(*) FROM exercise_done GROUP BY slug")
            ),
            own_exercises=_own_exercises(connection),
            profile=profile,
            acknowledged={
                (kind, date.fromisoformat(since))
                for kind, since in connection.execute("SELECT kind, since FROM alert_ack")
            },
            alert_logs=bounded_history(
                lambda start, end: _alert_days(connection, start, end, end == today),
                date.fromisoformat(first) if first else None,
                profile,
                today,
            ),
            settings=dict(connection.execute("SELECT key, value FROM setting")),
            days_logged=days_logged,
        )
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    except (TypeError, ValueError) as error:
        raise NotForQuickRead from error
    finally:
        connection.close()
    return read


def _whole_days(connection: sqlite3.Connection, day: date) -> list[DayLog]:
    """The log of `day` with every field, as `Diary.days(day, day)` builds it."""
    found = connection.execute(
        "SELECT id, day, pain, worst, bed_rest, note FROM day_log WHERE day = ?",
        (day.isoformat(),),
    ).fetchall()
    logs = []
    for log_id, logged, pain, worst, bed_rest, note in found:
        places = tuple(
            Place(location, side, character)
            for location, side, character in connection.execute(
                "SELECT location, side, character FROM pain_place WHERE log_id = ? "
                "ORDER BY position",
                (log_id,),
            )
        )
        exercises = tuple(
            ExerciseDone(slug, sets, reps, minutes)
            for slug, sets, reps, minutes in connection.execute(
                "SELECT slug, sets, reps, minutes FROM exercise_done WHERE log_id = ? "
                "ORDER BY position",
                (log_id,),
            )
        )
        flags = tuple(
            slug
            for (slug,) in connection.execute(
                "SELECT slug FROM flag_report WHERE log_id = ? ORDER BY id", (log_id,)
            )
        )
        logs.append(
            DayLog(
                day=date.fromisoformat(logged),
                pain=pain,
                worst=worst,
                places=places,
                exercises=exercises,
                flags=flags,
                bed_rest=bool(bed_rest),
                note=note,
            )
        )
    return logs


def _alert_days(
    connection: sqlite3.Connection, start: date | None, end: date, latest_places: bool = True
) -> list[DayLog]:
    """The logs from `start` (None: the first) to `end` with only what the alert rules
    read, as `store.alert_read.alert_days` builds them (places on the latest log only,
    and only when `latest_places`)."""
    where = "d.day <= ?" + ("" if start is None else " AND d.day >= ?")
    bounds = (end.isoformat(),) if start is None else (end.isoformat(), start.isoformat())
    rows = _one_row_of_rows(
        connection,
        "json_array(d.id, d.day, d.pain, d.bed_rest)",
        f"day_log d WHERE {where}",
        bounds,
    )
    if not rows:
        return []
    rows.sort(key=lambda row: row[1])  # ISO dates sort as the calendar does
    exercises = _slugs(connection, "exercise_done", "position", where, bounds)
    flags = _slugs(connection, "flag_report", "id", where, bounds)
    places = _places(connection, rows[-1][0]) if latest_places else ()
    rows = [(log_id, date.fromisoformat(day), pain, bed) for log_id, day, pain, bed in rows]
    return alert_logs(rows, exercises, flags, places)


def _places(connection: sqlite3.Connection, log_id: int) -> tuple[Place, ...]:
    """The places of one log, in logged order."""
    return tuple(
        Place(location, side, character)
        for location, side, character in connection.execute(
            "SELECT location, side, character FROM pain_place WHERE log_id = ? ORDER BY position",
            (log_id,),
        )
    )


def _one_row_of_rows(
    connection: sqlite3.Connection, row: str, source: str, bounds: Sequence[str]
) -> list[list]:
    """Every `row` (a `json_array(...)`) from `source`, fetched as one JSON value.

    Ten years are thousands of rows. `sqlite3` lets go of the interpreter lock for each row
    it steps to, and must wait to take it back while another thread is busy in Python, as
    the UI thread is while the first frames are drawn. Measured on ten years' days, read by
    a thread beside a busy one: 0.5 to 2.8 s row by row, 4 to 20 ms as one JSON value.
    SQLite does not promise an aggregate's order, so callers sort what they need sorted.
    """
    import json

    (found,) = connection.execute(
        f"SELECT json_group_array({row}) FROM {source}", bounds
    ).fetchone()
    return json.loads(found)


def alert_logs(
    rows: Sequence[tuple[int, date, int, object]],
    exercises: dict[int, list[str]],
    flags: dict[int, list[str]],
    latest_places: tuple[Place, ...],
) -> list[DayLog]:
    """The records the alert rules read, from rows of (log id, day, pain, bed rest) in
    calendar order and each log's exercise and flag slugs; the last row gets the places.

    Shared by this reader and `store.alert_read`, so both build the same records.
    """
    latest = rows[-1][0] if rows else None
    # Years of days repeat the same few combinations of exercises: build each tuple once.
    done: dict[tuple[str, ...], tuple[ExerciseDone, ...]] = {(): ()}
    logs = []
    for log_id, day, pain, bed_rest in rows:
        slugs = tuple(exercises.get(log_id, ()))
        if slugs not in done:
            done[slugs] = tuple(ExerciseDone(slug) for slug in slugs)
        logs.append(
            DayLog(
                day=day,
                pain=pain,
                places=latest_places if log_id == latest else (),
                exercises=done[slugs],
                flags=tuple(flags.get(log_id, ())),
                bed_rest=bool(bed_rest),
            )
        )
    return logs


def _slugs(
    connection: sqlite3.Connection, table: str, order: str, where: str, bounds: Sequence[str]
) -> dict[int, list[str]]:
    """A child table's slugs per log id, in logged order, for the logs `where` selects."""
    rows = _one_row_of_rows(
        connection,
        f"json_array(c.log_id, c.{order}, c.slug)",
        f"{table} c JOIN day_log d ON d.id = c.log_id WHERE {where}",
        bounds,
    )
    rows.sort(key=lambda row: (row[0], row[1]))
    found: dict[int, list[str]] = {}
    for log_id, _order, slug in rows:
        found.setdefault(log_id, []).append(slug)
    return found


def _profile(connection: sqlite3.Connection) -> Profile:
    found = connection.execute("SELECT birth_year, onset FROM profile").fetchone()
    if found is None:
        return Profile()
    return Profile(found[0], date.fromisoformat(found[1]) if found[1] else None)


def read_own_exercises(path: Path) -> tuple[Exercise, ...]:
    """The diary's own exercises, read-only: for checking a command before anything is
    opened for writing (which would migrate the file or make the day's backup).

    Raises:
        NotForQuickRead: as `read_alert_inputs`.
    """
    # Opened read-write, though it only reads: a read-only connection to a WAL diary leaves
    # its -wal and -shm files behind (it may not delete them), and a refused command must
    # leave the folder as it was. The last connection to close removes them.
    connection = _connect(path, "rw")
    try:
        if not _known_tables(connection):
            return ()
        return _own_exercises(connection)
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    finally:
        connection.close()


def _own_exercises(connection: sqlite3.Connection) -> tuple[Exercise, ...]:
    rows = connection.execute(
        "SELECT slug, name, category, dose, retired_on FROM own_exercise ORDER BY created_at, slug"
    ).fetchall()
    return tuple(
        own_exercise(slug, name, category, dose or "", retired_on is not None)
        for slug, name, category, dose, retired_on in rows
    )


def _connect(path: Path, mode: str = "ro") -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=5)
    except sqlite3.Error as error:
        raise NotForQuickRead from error


def _known_tables(connection: sqlite3.Connection) -> bool:
    """False for an empty file; True for a diary of `KNOWN_SCHEMA`.

    Raises:
        NotForQuickRead: for anything else.
    """
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return False
        if "schema_version" not in tables:
            raise NotForQuickRead
        (version,) = connection.execute("SELECT version FROM schema_version").fetchone() or (0,)
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    if version != KNOWN_SCHEMA:
        raise NotForQuickRead
    return True
