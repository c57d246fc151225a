"""Opening the database: private file modes, SQLite pragmas or a server's lock, backups, and
the schema brought up to date.

Nothing here ever creates a new file over one that exists, and nothing writes to a file
before it is known to be a painlog database: a file that fails to open is reported and
left exactly as it was (same bytes, same mode). A file is checked when it is opened
(SQLite's `quick_check`), so a damaged diary is refused by every command alike instead of
being read as if part of it were empty.

Durability on SQLite: every write is one transaction; writers take the lock at BEGIN
(`writer`), so a concurrent writer waits up to `BUSY_TIMEOUT_MS` instead of failing. Files
run in WAL mode with `synchronous=FULL`: the WAL is synced at every commit, so a log whose
command reported success survives a crash of the program, the OS or the power.

On PostgreSQL the same promise is kept with a transaction-scoped advisory lock that every
painlog writer takes first: writers of one diary take turns, as they do on SQLite, so a
check made inside a write (is this day logged yet? is this name taken?) still holds when
the write commits, and two programs logging the same new day both succeed, the later one
replacing the earlier whole. A writer waits at most `BUSY_TIMEOUT_MS` for it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.pool import StaticPool

from painlog.store import schema
from painlog.store.errors import (
    BackupFailed,
    DatabaseDamaged,
    DiskFull,
    MigrationFailed,
    NeedsUpgrade,
    NoDiary,
    NotAPainlogDatabase,
    StoreError,
    explain,
)
from painlog.store.location import DatabaseLocation
from painlog.store.schema import migrate, stored_version

BUSY_TIMEOUT_MS = 5_000
WRITE_OPTION = "painlog_write"
SIDECARS = ("-wal", "-shm", "-journal")
LOW_SPACE_BYTES = 64 * 1024
"""Less free space than this and a failed write is reported as a full disk."""
WRITER_LOCK_KEY = 0x7061696E6C6F67
"""The PostgreSQL advisory lock painlog's writers take in turn ("painlog" in ASCII)."""


def open_engine(
    location: DatabaseLocation, read_only: bool = False, untouched: bool = False
) -> Engine:
    """Connect to the database at `location`.

    Opened for writing (the default), a missing file is created privately and, in order:
    the schema version is read (a file that is not SQLite, or is damaged, fails here,
    unchanged), the file is checked, and only then is anything written: file modes
    tightened to 0600, WAL turned on, the day's backup copy made (`store.backup`), and an
    older schema migrated in one transaction after a backup copy.

    Opened read-only, nothing is created, written, copied or migrated, and every
    connection refuses writes (`PRAGMA query_only` on SQLite, a read-only session on a
    server).

    Opened `untouched`, it is opened for writing but nothing is changed on the way in: a
    diary that opening would change first (missing, older, not yet in WAL mode) is refused
    as a read-only open refuses it, and the modes and the day's backup copy wait for the
    first write that commits. A write that is rolled back (an import refused halfway)
    then leaves the folder as it was.

    Raises:
        NoDiary: read-only or untouched, when there is no diary at `location` yet.
        NeedsUpgrade: read-only or untouched, when the diary's schema is older than this
            painlog's (opening it for writing upgrades it); untouched, also when its
            file is not yet in WAL mode (opening it for writing turns that on).
        StoreError: when the database cannot be used: the file cannot be created, is not
            a painlog database, is damaged, was written by a newer painlog or cannot be
            written, or the server cannot be reached. The message says which and what to
            do; the database is left as it was.
    """
    path = location.path
    if path is not None:
        if read_only or untouched:
            _check_exists(path, location)
        else:
            _prepare_file(path)
    try:
        if location.is_sqlite:
            engine = _sqlite_engine(location, read_only)
        else:
            engine = _server_engine(location, read_only)
    except (ArgumentError, ImportError) as error:
        raise StoreError(_cannot_connect(location, error)) from error
    try:
        with engine.connect() as connection:
            version = stored_version(connection)
            if path is not None and version > 0:
                _check_intact(connection, location)
        schema.check_known(version)
        if read_only or untouched:
            if version == 0:
                raise NoDiary(f"there is no diary at {location.display} yet")
            if version < schema.SCHEMA_VERSION:
                raise NeedsUpgrade(
                    f"cannot read {location.display}: it was written by an older painlog "
                    f"(schema {version}) and must be upgraded first"
                )
            if untouched and path is not None:
                if _journal_mode(engine) != "wal":
                    raise NeedsUpgrade(
                        f"{location.display} must be opened for writing once first (its "
                        "journal is not yet in the mode painlog keeps it in)"
                    )
                _copy_at_first_commit(engine, path)
            return engine
        if path is not None:
            _make_private(path)
            _use_wal(engine)
            if version > 0:
                _daily_backup(path)
        if version != schema.SCHEMA_VERSION:
            _migrate(engine, location, version)
    except StoreError as error:
        engine.dispose()
        raise _named(error, location) from error
    except (DatabaseError, OperationalError) as error:
        engine.dispose()
        explained = explain(error, location.display, server=not location.is_sqlite)
        if explained is not None:
            raise _named(explained, location) from error
        what = "file" if location.is_sqlite else "database"
        raise NotAPainlogDatabase(
            f"cannot use {location.display}: {_plain(error)}. The {what} was left untouched."
        ) from error
    except BaseException:
        engine.dispose()
        raise
    return engine


def _sqlite_engine(location: DatabaseLocation, read_only: bool) -> Engine:
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
        # FULL: a log whose command reported success survives a power cut. (WAL itself is
        # turned on by open_engine once the file is known to be painlog's: it rewrites the
        # file header.)
        cursor.execute("PRAGMA synchronous = FULL")
        if read_only:
            # A read-write connection that refuses writes rather than a read-only one: a
            # read-only connection to a WAL file could not remove its -wal and -shm files
            # when it closes, and a command that only reads must leave the folder as it was.
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the lock up front so a concurrent writer waits (busy timeout)
        # instead of failing at commit; readers stay deferred and never block anyone.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    where = location.display

    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        # A full disk, a read-only folder, a damaged file or a lock held too long become a
        # StoreError naming the file (the transaction is rolled back as usual); bugs such
        # as a constraint violation pass through untouched.
        original = context.original_exception
        if isinstance(original, sqlite3.Error):
            explained = explain(original, where)
            text_ = str(original).lower()
            if ("i/o error" in text_ or "unable to open" in text_) and _out_of_space(location.path):
                # SQLite reports a full disk as an I/O error when the -shm cannot grow.
                explained = DiskFull(
                    f"cannot write {where}: the disk is full. Nothing was changed; free some "
                    "space and try again."
                )
            if explained is not None:
                raise explained from original

    return engine


def _server_engine(location: DatabaseLocation, read_only: bool) -> Engine:
    """An engine for a database server (PostgreSQL); its errors are worded for a server."""
    options = {"default_transaction_read_only": "on"} if read_only else {}
    engine = create_engine(
        location.url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, **_server_options(location, options)},
    )
    where = location.display

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION, False):
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})

    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        explained = explain(context.original_exception, where, server=True)
        if explained is not None:
            raise explained from context.original_exception

    return engine


def _server_options(location: DatabaseLocation, settings: dict[str, str]) -> dict[str, str]:
    """libpq's `options` carrying `settings` (session settings given at connect), after
    any the URL gives itself (`?options=-csearch_path%3Dpainlog`)."""
    if not settings or not location.url.startswith("postgresql"):
        return {}
    from sqlalchemy.engine import make_url

    given = make_url(location.url).query.get("options", "")
    ours = " ".join(f"-c {key}={value}" for key, value in settings.items())
    return {"options": f"{given} {ours}".strip()}


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the writers' lock at BEGIN."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _check_exists(path: Path, location: DatabaseLocation) -> None:
    """Refuse a reading open of a diary that is not there (or is an empty file)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NoDiary(f"there is no diary at {location.display} yet") from None
    except OSError as error:
        raise StoreError(f"cannot read {location.display}: {error.strerror or error}") from error
    if not path.is_file():
        raise StoreError(f"cannot use {path}: it is not a file")
    if size == 0:
        raise NoDiary(f"there is no diary at {location.display} yet (the file is empty)")


def _check_intact(connection, location: DatabaseLocation) -> None:
    """Refuse a damaged file: SQLite's `quick_check` (every page and index, not the rows'
    contents) costs a few milliseconds for years of logs."""
    found = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check(3)").all()]
    if found != ["ok"]:
        problems = "; ".join(" ".join(str(line).split()) for line in found[:2])
        raise DatabaseDamaged(
            f"cannot use {location.display}: it is damaged (SQLite's check found: "
            f"{problems}). It was left untouched; daily copies are kept in the backups "
            "folder beside it."
        )


def _prepare_file(path: Path) -> None:
    """Create the folders (0700) and an empty file (0600) when missing. Never writes to,
    or even opens, an existing file."""
    from painlog.store.files import make_private_folders

    folder = path.parent
    if not folder.exists():
        try:
            make_private_folders(folder)
        except OSError as error:
            raise StoreError(_cannot_create(folder, error)) from error
    if path.exists():
        if not path.is_file():
            raise StoreError(f"cannot use {path}: it is not a file")
        # Its content is checked by SQLite itself, by reading, in open_engine. Never open the
        # database with a plain file descriptor: closing one drops every POSIX lock this
        # process holds on the file, including those of open SQLite connections (say, the
        # app's), and another program could then checkpoint and delete the WAL under them.
        return
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(_cannot_create(path, error)) from error
    os.close(descriptor)


def _out_of_space(path: Path | None) -> bool:
    """True when the database's disk has (almost) no room left."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _make_private(path: Path) -> None:
    """Tighten the database and its journal files to 0600 (it is now known to be ours)."""
    for item in (path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)):
        try:
            if item.stat().st_mode & 0o077:
                item.chmod(0o600)
        except OSError:
            # Gone meanwhile, or not ours to change on a read-only mount: opening still works.
            continue


def _use_wal(engine: Engine) -> None:
    """Turn on WAL (a no-op when the file is in WAL mode already, the usual case)."""
    if _journal_mode(engine) != "wal":
        _pragma(engine, "PRAGMA journal_mode = WAL")


def _journal_mode(engine: Engine) -> str:
    return str(_pragma(engine, "PRAGMA journal_mode")).lower()


def _pragma(engine: Engine, statement: str) -> object:
    """The first value `statement` answers, on a connection of its own."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        value = cursor.execute(statement).fetchone()[0]
        cursor.close()
        return value
    except sqlite3.Error as error:
        explained = explain(error)
        if explained is None:
            raise
        raise explained from error
    finally:
        raw.close()


def _copy_at_first_commit(engine: Engine, path: Path) -> None:
    """Tighten the modes and make the day's backup copy just before the first write
    commits (an untouched open).

    The copy reads the file through a connection of its own: in WAL mode it sees the
    diary as last committed, without the write waiting to commit, so it holds what the
    diary held before that write, as a copy made at opening would.
    """
    done = False

    @event.listens_for(engine, "commit")
    def _before_commit(connection) -> None:
        nonlocal done
        if done or not connection.get_execution_options().get(WRITE_OPTION, False):
            return
        done = True
        _make_private(path)
        _daily_backup(path)


def _daily_backup(path: Path) -> None:
    """Today's backup copy; a failure to write it never stops the person from logging."""
    from painlog.store import backup

    try:
        backup.daily_backup(path)
    except NotAPainlogDatabase:
        # Damaged: refuse to open it, or (made as an untouched open's first write commits)
        # to write to it; older copies are kept, not rotated away.
        raise
    except (StoreError, OSError, sqlite3.Error) as error:
        from painlog.store.errorlog import log_unexpected

        log_unexpected(error, context="daily backup")


def _migrate(engine: Engine, location: DatabaseLocation, before: int) -> None:
    target = schema.SCHEMA_VERSION
    copy = None
    if before > 0 and location.path is not None:
        from painlog.store import backup

        try:
            copy = backup.pre_migration_backup(location.path, before, target)
        except BackupFailed as error:
            raise BackupFailed(
                f"cannot update {location.display} to schema {target}: the backup copy made "
                f"first failed ({error}). Nothing was changed."
            ) from error
    try:
        with writer(engine).begin() as connection:
            migrate(connection)
    except StoreError:
        raise
    except Exception as error:
        from painlog.store.errorlog import log_unexpected

        logged = log_unexpected(error, context=f"migrating schema {before} to {target}")
        kept = f"; a copy made just before is at {copy}" if copy is not None else ""
        details = f"; details in {logged}" if logged is not None else ""
        raise MigrationFailed(
            f"cannot use {location.display}: updating it from schema {before} to {target} "
            f"failed ({type(error).__name__}). It was left as it was{kept}{details}."
        ) from error


def _named(error: StoreError, location: DatabaseLocation) -> StoreError:
    """The error with the database named, keeping its class (callers test for it)."""
    text_ = str(error)
    if location.display in text_ or (location.path is not None and str(location.path) in text_):
        return error
    return type(error)(f"cannot use {location.display}: {text_}")


def _cannot_create(path: Path, error: OSError) -> str:
    return f"cannot create {path}: {error.strerror or error}"


def _cannot_connect(location: DatabaseLocation, error: Exception) -> str:
    if isinstance(error, ImportError) and location.url.startswith("postgresql"):
        return (
            f"cannot use {location.display}: painlog needs its PostgreSQL support for a "
            "server; install it with pip install 'painlog[postgres]'"
        )
    return (
        f"cannot use {location.display}: it is neither a file path nor a database URL "
        f"painlog can open ({type(error).__name__})"
    )


def _plain(error: Exception) -> str:
    original = getattr(error, "orig", None)
    text_ = str(original or error)
    if "file is not a database" in text_:
        return "it is not a painlog database, or it is damaged"
    if "readonly" in text_ or "read-only" in text_:
        return "it cannot be written (read-only file or folder)"
    if "disk is full" in text_ or "database or disk is full" in text_:
        return "the disk is full"
    return " ".join(text_.split())
