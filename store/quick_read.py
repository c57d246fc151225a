"""A read-only look at a diary file through the standard library's `sqlite3`.

`painlog status` runs every few seconds in a status bar; importing SQLAlchemy alone costs
more than everything else it does, so it reads what the alert rules need here instead of
through `Diary`. It never writes: no file is created, no backup made, no schema migrated.
`read_own_exercises` serves the command line the same way: it checks what a command names
before the diary is opened for writing (which would migrate it or make the day's backup).
The queries are written for `KNOWN_SCHEMA` (a test pins it to `schema.SCHEMA_VERSION`);
anything else raises `NotForQuickRead` and the caller opens the file through `Diary`.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from painlog.rules.own_exercises import own_exercise
from painlog.rules.records import DayLog, ExerciseDone, Profile
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
        rows = connection.execute(
            "SELECT slug, name, category, dose, retired_on FROM own_exercise "
            "ORDER BY created_at, slug"
        ).fetchall()
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    finally:
        connection.close()
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
