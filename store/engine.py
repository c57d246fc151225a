"""Opening the database: private file modes, SQLite pragmas, and the schema brought up to date.

Nothing here ever creates a new file over one that exists: a file that fails to open is
reported and left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import StaticPool

from painlog.store.errors import NotAPainlogDatabase, StoreError
from painlog.store.location import DatabaseLocation
from painlog.store.schema import SCHEMA_VERSION, migrate, stored_version

BUSY_TIMEOUT_MS = 5_000
WRITE_OPTION = "painlog_write"


def open_engine(location: DatabaseLocation) -> Engine:
    """Connect to the database at `location`, creating it privately when it does not exist.

    Raises:
        StoreError: when the file cannot be created, is not a painlog database, is damaged,
            or was written by a newer painlog. The message says which and what to do.
    """
    if location.path is not None:
        _prepare_file(location.path)
    if location.url.startswith("sqlite"):
        engine = _sqlite_engine(location)
    else:
        engine = create_engine(location.url, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            version = stored_version(connection)
        if version != SCHEMA_VERSION:
            # migrate() also refuses a newer schema, before writing anything.
            with writer(engine).begin() as connection:
                migrate(connection)
    except StoreError as error:
        engine.dispose()
        raise StoreError(f"cannot use {location.display}: {error}") from error
    except (DatabaseError, OperationalError) as error:
        engine.dispose()
        raise NotAPainlogDatabase(
            f"cannot use {location.display}: {_plain(error)}. The file was left untouched."
        ) from error
    return engine


def _sqlite_engine(location: DatabaseLocation) -> Engine:
    if location.path is None:
        # One shared connection, or every thread would see its own empty database.
        engine = create_engine(
            location.url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = create_engine(location.url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the driver would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if location.path is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a log whose command reported success survives a power cut.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the lock up front so a concurrent writer waits (busy timeout)
        # instead of failing at commit; readers stay deferred and never block anyone.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take SQLite's write lock at BEGIN."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _prepare_file(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as error:
            raise StoreError(f"cannot create the folder {folder}: {error.strerror}") from error
    if path.exists():
        if not path.is_file():
            raise StoreError(f"cannot use {path}: it is not a file")
        if path.stat().st_mode & 0o077:
            # Not ours to change on a read-only mount; opening still works then.
            with contextlib.suppress(OSError):
                path.chmod(0o600)
        return
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(f"cannot create {path}: {error.strerror}") from error
    os.close(descriptor)


def _plain(error: Exception) -> str:
    original = getattr(error, "orig", None)
    text = str(original or error)
    if "file is not a database" in text:
        return "it is not a painlog database, or it is damaged"
    if "readonly" in text or "read-only" in text:
        return "it cannot be written (read-only file or folder)"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    return text
