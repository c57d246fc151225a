"""Backup copies of the diary, made with SQLite's online backup API.

A copy is taken in one backup step, that is inside one read transaction: in WAL mode it
never blocks a writer, and it is a consistent snapshot of the last committed state even
while the app or another `painlog log` writes. The copy is written to a temporary file in
the target folder, checked with `PRAGMA quick_check`, synced, and only then given its name,
so a crash or a full disk never leaves a half copy under a backup's name.

Three kinds of copies live in `backups/` beside the database (folder 0700, files 0600),
each named after the diary's file, so that two diaries in one folder (`painlog.db` and
the demo's `painlog-demo.db`) keep their copies apart: for `painlog.db`,
`painlog-daily-YYYY-MM-DD.db`, made at the first open of a day (each diary keeps its last
`KEEP_DAILY`), `painlog-before-vN-....db` made before a schema migration (kept), and
`painlog-YYYY-MM-DD-HHMMSS.db` from `painlog backup` without a path (kept).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from datetime import date, datetime
from pathlib import Path

from painlog.store.clock import local_today
from painlog.store.errors import (
    BackupFailed,
    DatabaseDamaged,
    NotAPainlogDatabase,
    StoreError,
    explain,
)

BACKUP_FOLDER = "backups"
DAILY = "daily"
KEEP_DAILY = 7
BUSY_TIMEOUT_S = 5.0
STALE_TEMP_S = 3600
TEMP_PREFIX = ".painlog-copy-"


def backups_folder(db_path: Path) -> Path:
    """The folder beside the database that holds its backup copies."""
    return db_path.parent / BACKUP_FOLDER


def daily_name(db_path: Path, day: date) -> str:
    """The name of the diary's daily copy of `day`: `painlog-daily-2026-11-21.db`."""
    return f"{Path(db_path).stem}-{DAILY}-{day.isoformat()}.db"


def backup_database(source: Path, target: Path, *, replace: bool = False) -> Path:
    """Copy the database `source` to `target` as a consistent snapshot.

    Args:
        source: An existing SQLite file (it may be open and written by other programs).
        target: The copy's path; its folder must exist.
        replace: Whether an existing `target` may be replaced. Without it an existing
            file is never overwritten (`BackupFailed`).

    Returns:
        `target`.

    Raises:
        DatabaseDamaged: when the source fails SQLite's integrity check (no copy is left).
        BackupFailed: when the copy cannot be written (full disk, read-only folder, ...).
        StoreError: when the source does not exist or is not an SQLite database.
    """
    source = Path(source).absolute()
    target = Path(target).absolute()
    if not source.is_file():
        raise StoreError(f"cannot back up {source}: there is no such database file")
    if not replace and target.exists():
        raise BackupFailed(
            f"cannot back up to {target}: a file is already there (painlog never overwrites "
            "a file; choose a new name)"
        )
    temp = _private_temp(target)
    try:
        _copy_into(source, temp)
        _fsync_file(temp)
        if replace:
            os.replace(temp, target)
        else:
            _move_without_overwrite(temp, target)
        _fsync_folder(target.parent)
    except StoreError:
        raise
    except (OSError, sqlite3.Error) as error:
        explained = explain(error, source)
        reason = str(explained) if explained is not None else f"{type(error).__name__}"
        raise BackupFailed(f"cannot back up {source} to {target}: {reason}") from error
    finally:
        for leftover in (temp, *_sidecars(temp)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return target


def daily_backup(db_path: Path, today: date | None = None, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's copy in `backups/` unless it exists, then keep only the last `keep`.

    Costs one `stat` when today's copy exists, so opening the diary stays fast.

    Returns:
        The new copy, or None when there was nothing to do.

    Raises:
        DatabaseDamaged: when the database fails its integrity check; no copy is made and
            the older copies are kept.
        BackupFailed: when the copy cannot be written.
    """
    today = today or local_today()
    folder = backups_folder(db_path)
    target = folder / daily_name(db_path, today)
    if target.exists():
        return None
    created = not folder.exists()
    ensure_private_folder(folder)
    kept = _daily_copies(folder, db_path.stem)
    if len(kept) >= keep and kept[-1].name > target.name:
        # The clock went back: a copy made now would be rotated away at once, and then
        # made again at every open.
        return None
    try:
        backup_database(db_path, target, replace=True)
    except StoreError:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when still empty: leave no trace of a failed try
        raise
    rotate(folder, db_path.stem, keep)
    return target


def rotate(folder: Path, stem: str, keep: int = KEEP_DAILY) -> list[Path]:
    """Delete all but the newest `keep` daily copies of the diary named `stem` (another
    diary's copies in the same folder are left alone), and copies abandoned by a crash.

    Returns:
        The files deleted.
    """
    removed = []
    copies = _daily_copies(folder, stem)
    for old in copies[:-keep] if keep > 0 else copies:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
            removed.append(old)
    now = time.time()
    for temp in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(FileNotFoundError):
            if now - temp.stat().st_mtime > STALE_TEMP_S:
                temp.unlink()
                removed.append(temp)
    return removed


def pre_migration_backup(db_path: Path, from_version: int, to_version: int) -> Path:
    """The copy made before a schema migration, kept (never rotated)."""
    folder = backups_folder(db_path)
    ensure_private_folder(folder)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"{db_path.stem}-before-v{to_version}-from-v{from_version}-{stamp}.db"
    return backup_database(db_path, target, replace=True)


def default_manual_target(db_path: Path, folder: Path | None = None) -> Path:
    """A new file name for `painlog backup`: in `folder` (default: the backups folder),
    stamped with the time, numbered when a copy was already made that second."""
    folder = folder if folder is not None else backups_folder(db_path)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}.db"
    number = 2
    while target.exists():
        target = folder / f"{db_path.stem}-{stamp}-{number}.db"
        number += 1
    return target


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (0700) when missing; tighten it when painlog's own and too open."""
    from painlog.store.files import make_private_folders

    if folder.exists() and not folder.is_dir():
        raise BackupFailed(f"cannot use {folder} for backups: it is not a folder")
    try:
        make_private_folders(folder)
    except OSError as error:
        explained = explain(error)
        raise BackupFailed(f"cannot create {folder}: {explained or error}") from error
    if hasattr(os, "fchmod") and folder.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):
            folder.chmod(0o700)


# -- helpers ------------------------------------------------------------------------------


def _copy_into(source: Path, temp: Path) -> None:
    # The source is only ever opened through SQLite (see store.engine: a plain file
    # descriptor closed in this process would drop the locks of its open connections).
    # mode=rw: never creates the source; reading may run SQLite's own recovery of a WAL
    # left by a crash, exactly as opening the diary would.
    reader = sqlite3.connect(
        f"{source.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
    )
    try:
        writer = sqlite3.connect(temp, isolation_level=None)
        try:
            # pages=-1: the whole database in one step, so one read transaction: a
            # consistent snapshot, never restarted by a concurrent write.
            reader.backup(writer, pages=-1)
            # A copy is one self-contained file: rollback journal, so opening it (even
            # read-only) leaves no -wal or -shm beside it. painlog turns WAL back on when
            # a copy is restored and opened.
            writer.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in writer.execute("PRAGMA quick_check").fetchall()]
        finally:
            writer.close()
    except sqlite3.DatabaseError as error:
        explained = explain(error, source)
        if isinstance(explained, NotAPainlogDatabase):
            raise type(explained)(
                f"cannot back up {source}: it is not a painlog database, or it is damaged "
                f"({error}). It was left untouched"
            ) from error
        raise
    finally:
        reader.close()
    if problems != ["ok"]:
        found = [
            " ".join(line.split())
            for problem in problems
            for line in problem.splitlines()
            if line.strip() and not line.startswith("***")
        ]
        copies = _daily_copies(backups_folder(source))
        last_good = (
            f"; the newest daily copy is {copies[-1]}" if copies else "; there is no daily copy yet"
        )
        raise DatabaseDamaged(
            f"cannot use {source}: it is damaged (SQLite's integrity check found: "
            f"{'; '.join(found[:2])}). It was left untouched{last_good}"
        )


def _private_temp(target: Path) -> Path:
    name = f"{TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}-{target.name}"
    temp = target.parent / name
    try:
        descriptor = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as error:
        explained = explain(error)
        raise BackupFailed(f"cannot write to {target.parent}: {explained or error}") from error
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)
    return temp


def _move_without_overwrite(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)
    except FileExistsError as error:
        raise BackupFailed(
            f"cannot back up to {target}: a file is already there (painlog never "
            "overwrites a file; choose a new name)"
        ) from error
    except OSError:
        # No hard links on this file system (FAT, some network shares).
        if target.exists():
            raise BackupFailed(f"cannot back up to {target}: a file is already there") from None
        os.replace(temp, target)
        return
    temp.unlink()


def _sidecars(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm"))


def _daily_copies(folder: Path, stem: str) -> list[Path]:
    """The daily copies of the diary named `stem`, oldest first."""
    name = re.compile(rf"{re.escape(stem)}-{DAILY}-\d{{4}}-\d{{2}}-\d{{2}}\.db")
    return sorted(
        (path for path in folder.iterdir() if name.fullmatch(path.name)),
        key=lambda path: path.name,
    )


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
