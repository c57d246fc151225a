"""A read-only look at a diary file through the standard library's `sqlite3`.

`painlog status` runs every few seconds in a status bar; importing SQLAlchemy alone costs
more than everything else it does, so it reads what the alert rules need here instead of
through `Diary`. It never writes: no file is created, no backup made, no schema migrated.
The queries are written for `KNOWN_SCHEMA` (a test pins it to `schema.SCHEMA_VERSION`);
anything else raises `NotForQuickRead` and the caller opens the file through `Diary`.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from painlog.rules.records import DayLog, ExerciseDone, Profile

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
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        raise NotForQuickRead from error
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return [], Profile()  # created but never written: an empty diary
        if "schema_version" not in tables:
            raise NotForQuickRead
        (version,) = connection.execute("SELECT version FROM schema_version").fetchone() or (0,)
        if version != KNOWN_SCHEMA:
            raise NotForQuickRead
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
