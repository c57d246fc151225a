"""Why a database could not be used, in words a person can act on.

`explain` turns the low-level failures a person can meet (a full disk, a read-only folder,
a damaged file, a database kept busy by another program) into a `StoreError` whose message
names the file and says what to do; anything else is a bug and is left for the error log.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The database could not be opened or written; the message says why and what to do."""


class DayChangedElsewhere(Exception):
    """A day was written by someone else since the caller read it; nothing was written.

    Attributes:
        day: The day.
        theirs: What is stored now (a `SavedDay`), or None when the day was deleted.
    """

    def __init__(self, day, theirs) -> None:
        super().__init__(f"{day} was changed elsewhere since it was read")
        self.day = day
        self.theirs = theirs


class NoDiary(StoreError):
    """A command that only reads was pointed where no diary is yet; nothing was created."""


class NeedsUpgrade(StoreError):
    """A read-only or untouched open met a diary that opening it for writing would change
    first: an older schema (upgraded) or, untouched, a file not in WAL mode (turned on)."""


class DatabaseTooNew(StoreError):
    """The file was written by a newer painlog; opening it here could damage it."""


class NotAPainlogDatabase(StoreError):
    """The file exists but is not a painlog database (or is damaged)."""


class DatabaseDamaged(NotAPainlogDatabase):
    """The file is an SQLite database but damaged: truncated, or pages overwritten."""


class DiskFull(StoreError):
    """The disk (or the user's quota) is full; the write was rolled back."""


class ReadOnly(StoreError):
    """The file, its folder or the disk cannot be written; nothing was changed."""


class DatabaseBusy(StoreError):
    """Another program held the database's write lock for longer than the busy timeout."""


class BackupFailed(StoreError):
    """A backup copy could not be written; the database itself was not changed."""


class MigrationFailed(StoreError):
    """Bringing the schema up to date failed; the transaction was rolled back."""


def explain(
    error: BaseException, path: Path | str | None = None, server: bool = False
) -> StoreError | None:
    """A person-readable `StoreError` for a failure they can act on, or None for a bug.

    Args:
        error: What was raised (an sqlite3, psycopg or SQLAlchemy error, or an OSError),
            or a `StoreError` already (returned as it is).
        path: The database file or server URL (password hidden), named in the message.
        server: Whether the database is on a server (messages then speak of a server).
    """
    if isinstance(error, StoreError):
        return error
    original = getattr(error, "orig", None)
    if isinstance(original, BaseException):
        error = original
    where = f"{path}" if path is not None else "the database"
    if isinstance(error, sqlite3.Error):
        return _explain_sqlite(error, where)
    if server or type(error).__module__.startswith("psycopg"):
        return _explain_server(error, where)
    if isinstance(error, OSError):
        return _explain_os(error)
    return None


def _explain_sqlite(error: sqlite3.Error, where: str) -> StoreError | None:
    text = str(error).lower()
    if "database or disk is full" in text or "disk is full" in text:
        return DiskFull(
            f"cannot write {where}: the disk is full. Nothing was changed; free some space "
            "and try again."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnly(
            f"cannot write {where}: the file, its folder or the disk is read-only. "
            "Nothing was changed."
        )
    if "unable to open database file" in text:
        return ReadOnly(
            f"cannot open {where}: painlog could not open it or create its journal files "
            "beside it (check that its folder exists and can be written). Nothing was changed."
        )
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusy(
            f"cannot use {where}: another program kept it busy for too long. Nothing was "
            "changed; try again in a moment."
        )
    if "file is not a database" in text:
        return NotAPainlogDatabase(
            f"cannot use {where}: it is not a painlog database, or it is damaged. "
            "The file was left untouched."
        )
    if "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"cannot use {where}: it is damaged (SQLite reports a malformed database). "
            "It was left untouched; daily copies are kept in the backups folder beside it."
        )
    if "disk i/o error" in text:
        return StoreError(
            f"cannot read or write {where}: the disk reported an input/output error. "
            "Nothing was changed."
        )
    return None


def _explain_server(error: BaseException, where: str) -> StoreError | None:
    """What a PostgreSQL server's refusal means for the person, by its SQLSTATE class.

    Read from the error's `sqlstate` (psycopg's), so this needs no database driver.
    """
    state = getattr(error, "sqlstate", None) or ""
    detail = " ".join(str(error).split())[:200]
    if state.startswith("08") or (not state and type(error).__name__ == "OperationalError"):
        return StoreError(
            f"cannot reach the database server for {where}: {detail}. Check that the server "
            "is running and the URL is right; nothing was changed."
        )
    if state == "28P01" or state.startswith("28"):
        return StoreError(
            f"the database server refused the login for {where}: check the user name and "
            "password in the URL. Nothing was changed."
        )
    if state == "3D000":
        return StoreError(
            f"the database server has no such database for {where}: create it first "
            "(see the README, one diary used from several machines). Nothing was changed."
        )
    if state in ("55P03", "57014", "40P01"):
        return DatabaseBusy(
            f"cannot use {where}: another program kept the diary busy on the server for too "
            "long. Nothing was changed; try again in a moment."
        )
    if state == "25006":
        return ReadOnly(
            f"cannot write {where}: the diary was opened read-only on the server. "
            "Nothing was changed."
        )
    if state == "42501":
        return ReadOnly(
            f"cannot write {where}: the server's role for painlog may only read it (read-only "
            "access). Nothing was changed."
        )
    if state in ("53100", "53200", "53300"):
        return StoreError(
            f"the database server for {where} is out of resources ({detail}). Nothing was "
            "changed; try again later or ask whoever runs the server."
        )
    return None


def _explain_os(error: OSError) -> StoreError | None:
    name = f" {error.filename}" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(f"cannot write{name}: the disk is full. Nothing was changed.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "read-only" if error.errno == errno.EROFS else "permission denied"
        return ReadOnly(f"cannot write{name}: {reason}. Nothing was changed.")
    if error.errno == errno.EIO:
        return StoreError(f"cannot read or write{name}: input/output error.")
    if error.errno == errno.ENOENT:
        return StoreError(f"cannot find{name}: no such file or folder.")
    reason = error.strerror or type(error).__name__
    return StoreError(f"cannot complete the operation{name}: {reason}.")
