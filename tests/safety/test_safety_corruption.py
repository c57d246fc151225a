"""Files painlog must refuse, and disks it cannot write: a clear one-line message, exit
status 2, and the file (its folder, its backups) exactly as it was. A diary that fails to
open is never recreated or overwritten."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers import FIXTURES, SAFETY_TODAY, fingerprint, integrity, table_rows

from painlog.store import backup
from painlog.store.diary import Diary
from painlog.store.schema import SCHEMA_VERSION, VERSION_TABLE

FULL_DISK_SCENARIO = Path(__file__).with_name("full_disk_scenario.py")


def root_page(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    finally:
        connection.close()


def page_size(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()


def overwrite_page(path: Path, page: int, data: bytes) -> None:
    size = page_size(path)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(data[:size].ljust(size, b"\xa5"))


# -- damaged and foreign files -------------------------------------------------------------


def text_file(path: Path) -> None:
    path.write_text("Dear diary,\n" + "nothing to see here. " * 600, encoding="utf-8")


def tiny_text_file(path: Path) -> None:
    path.write_text("eggs, milk\n", encoding="utf-8")


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def truncated_to_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def truncated_in_the_header(path: Path) -> None:
    os.truncate(path, 60)


def truncated_to_one_page(path: Path) -> None:
    os.truncate(path, page_size(path))


def a_table_page_overwritten(path: Path) -> None:
    overwrite_page(path, root_page(path, "day_log"), b"\x0d\xff\xff" + os.urandom(64))


def an_index_page_zeroed(path: Path) -> None:
    overwrite_page(path, root_page(path, "ix_day_log_day"), b"\x00")


def from_a_newer_painlog(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()


def someone_elses_sqlite(path: Path, journal_mode: str = "delete") -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    connection.execute("INSERT INTO recipes VALUES ('soup', 40)")
    connection.commit()
    connection.close()


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "text-file": (text_file, "not a painlog database"),
    "tiny-text-file": (tiny_text_file, "not a painlog database"),
    "random-bytes": (random_bytes, "not a painlog database"),
    "truncated-to-half": (truncated_to_half, "damaged"),
    "truncated-in-the-header": (truncated_in_the_header, "damaged"),
    "truncated-to-one-page": (truncated_to_one_page, "damaged"),
    "table-page-overwritten": (a_table_page_overwritten, "damaged"),
    "index-page-zeroed": (an_index_page_zeroed, "damaged"),
    "newer-painlog": (from_a_newer_painlog, "newer painlog"),
    "foreign-sqlite-rollback-journal": (someone_elses_sqlite, "not painlog's"),
    "foreign-sqlite-wal": (lambda p: someone_elses_sqlite(p, "wal"), "not painlog's"),
}


EVERY_COMMAND = {
    "log": ["log", "4", "--note", "secret"],
    "show": ["show"],
    "alerts": ["alerts"],
    "chart": ["chart"],
    "export": ["export"],
    "export-daily": ["export", "--daily"],
    "profile": ["profile"],
    "profile-set": ["profile", "--birth-year", "1960"],
    "exercises": ["exercises"],
    "exercises-add": ["exercises", "add", "Band walk", "--category", "strength"],
    "backup": ["backup"],
}


@pytest.mark.parametrize("command", list(EVERY_COMMAND.values()), ids=list(EVERY_COMMAND))
@pytest.mark.parametrize("fault", list(BAD_FILES))
def test_a_bad_file_is_refused_in_one_line_and_left_exactly_as_it_was(
    small_diary, run_main, state_log, fault, command
):
    damage, words = BAD_FILES[fault]
    damage(small_diary)
    folder = small_diary.parent
    before = fingerprint(folder)
    for _ in range(2):  # and again: a refused file is never recreated
        result = run_main("--db", small_diary, *command)
        assert result.code == 2, (result.code, result.err)
        assert result.one_line_error, result.err
        assert result.err.startswith("painlog: ") and words in result.err, result.err
        assert str(small_diary) in result.err
        assert result.out == ""
        assert fingerprint(folder) == before
    assert not state_log.exists()  # a refusal is not a bug: nothing logged


@pytest.mark.parametrize("command", list(EVERY_COMMAND.values()), ids=list(EVERY_COMMAND))
def test_damage_found_after_todays_backup_is_still_a_clear_refusal(small_diary, run_main, command):
    # Today's copy exists, so opening makes none; every opening still checks the file.
    backup.daily_backup(small_diary, SAFETY_TODAY)
    good_copy = backup.backups_folder(small_diary) / backup.daily_name(small_diary, SAFETY_TODAY)
    a_table_page_overwritten(small_diary)
    before = fingerprint(small_diary.parent)
    result = run_main("--db", small_diary, *command)
    assert result.code == 2 and result.one_line_error, result.err
    assert "damaged" in result.err and result.out == ""
    assert fingerprint(small_diary.parent) == before
    assert integrity(good_copy) == ["ok"]


def test_status_refuses_a_damaged_diary_as_every_command_does(small_diary, run_main):
    backup.daily_backup(small_diary, SAFETY_TODAY)
    a_table_page_overwritten(small_diary)
    before = fingerprint(small_diary.parent)
    status = run_main("--db", small_diary, "status")
    show = run_main("--db", small_diary, "show")
    assert (status.code, status.out) == (2, "painlog: diary unreadable\n")
    assert status.err == show.err and "damaged" in status.err
    assert fingerprint(small_diary.parent) == before


def test_a_damaged_diary_keeps_its_last_good_daily_copies(small_diary, run_main):
    from datetime import timedelta

    for days_ago in range(7, 0, -1):
        backup.daily_backup(small_diary, SAFETY_TODAY - timedelta(days=days_ago))
    a_table_page_overwritten(small_diary)
    before = fingerprint(small_diary.parent)
    result = run_main("--db", small_diary, "show")
    assert result.code == 2 and "damaged" in result.err
    after = fingerprint(small_diary.parent)
    assert after == before  # no new (damaged) copy, none of the good ones rotated away
    copies = sorted(backup.backups_folder(small_diary).glob("painlog-daily-*.db"))
    assert len(copies) == 7 and all(integrity(copy) == ["ok"] for copy in copies)


def test_a_damaged_diary_as_a_real_process(small_diary, run_painlog):
    a_table_page_overwritten(small_diary)
    before = fingerprint(small_diary.parent)
    result = run_painlog("--db", small_diary, "log", "4")
    assert result.code == 2, result.err
    assert result.one_line_error and "damaged" in result.err, result.err
    assert fingerprint(small_diary.parent) == before


def test_the_app_refuses_a_damaged_diary_in_one_line(small_diary):
    import asyncio

    from painlog.tui.app import PainlogApp

    truncated_to_half(small_diary)
    before = fingerprint(small_diary.parent)
    app = PainlogApp(db=str(small_diary), today=SAFETY_TODAY)

    async def run() -> None:
        async with app.run_test() as pilot:
            for _ in range(20):
                await pilot.pause(0.05)
                if app.return_code is not None:
                    break

    asyncio.run(run())
    assert app.return_code == 2
    assert fingerprint(small_diary.parent) == before


def test_a_folder_named_like_the_diary_is_refused(tmp_path, run_main):
    (tmp_path / "painlog.db").mkdir()
    result = run_main("--db", tmp_path / "painlog.db", "show")
    assert result.code == 2 and "not a file" in result.err


def test_an_unknown_database_url_is_refused_in_one_line(run_main):
    result = run_main("--db", "nosuchdb://somewhere/diary", "show")
    assert result.code == 2 and result.one_line_error, result.err
    assert "nosuchdb" in result.err


def test_the_schema_1_fixture_is_a_sound_painlog_diary():
    # The migration tests rely on it; a damaged fixture would make them meaningless.
    copy = Path(tempfile.mkdtemp()) / "v1.db"
    try:
        shutil.copyfile(FIXTURES / "painlog-v1.db", copy)
        assert integrity(copy) == ["ok"]
        assert table_rows(copy)[VERSION_TABLE] == [(1,)]
    finally:
        shutil.rmtree(copy.parent)


# -- full disk -----------------------------------------------------------------------------


def limit_growth(monkeypatch) -> None:
    """Make SQLite report SQLITE_FULL as soon as the file would grow (PRAGMA max_page_count)."""
    from sqlalchemy import event

    from painlog.store import engine as engine_module

    real = engine_module._sqlite_engine

    def limited(location, read_only=False):
        engine = real(location, read_only)

        @event.listens_for(engine, "connect")
        def _full(dbapi_connection, _record) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

        return engine

    monkeypatch.setattr(engine_module, "_sqlite_engine", limited)


def test_a_full_disk_refuses_the_write_and_keeps_the_diary(small_diary, run_main, monkeypatch):
    backup.daily_backup(small_diary, SAFETY_TODAY)
    before_rows = table_rows(small_diary)
    before = fingerprint(small_diary.parent)
    limit_growth(monkeypatch)
    result = run_main("--db", small_diary, "log", "6", "--note", "x" * 50_000)
    assert result.code == 2, result.err
    assert result.one_line_error and "disk is full" in result.err, result.err
    assert str(small_diary) in result.err
    monkeypatch.undo()
    assert table_rows(small_diary) == before_rows
    assert fingerprint(small_diary.parent) == before
    assert integrity(small_diary) == ["ok"]


def unshare_works() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = Path(tempfile.mkdtemp())
    try:
        result = subprocess.run(
            ["unshare", "-m", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
            capture_output=True,
            timeout=30,
        )
        return result.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        shutil.rmtree(probe, ignore_errors=True)


needs_mounts = pytest.mark.skipif(
    not unshare_works(),
    reason="a real full or read-only disk needs `unshare -m` and mount rights (root with "
    "CAP_SYS_ADMIN); the message mapping is tested without them",
)


@needs_mounts
@pytest.mark.parametrize("leave", [0, 48 * 1024], ids=["no-space-left", "48-KiB-left"])
def test_a_really_full_disk(tmp_path, safety_env, leave):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    result = subprocess.run(
        ["unshare", "-m", sys.executable, str(FULL_DISK_SCENARIO), str(folder), str(leave)],
        capture_output=True,
        text=True,
        env={**os.environ, **safety_env},
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["code"] == 2, report
    assert report["stderr"].count("\n") == 1 and "Traceback" not in report["stderr"], report
    assert "disk is full" in report["stderr"], report
    assert report["unchanged"] and report["integrity"] == ["ok"] and report["days"] == 29, report
    assert report["leftovers"] == ["painlog.db"], report


# -- read-only folder ----------------------------------------------------------------------


def test_a_read_only_database_is_refused_in_one_line(small_diary, run_main, monkeypatch):
    """SQLite's own read-only error (SQLITE_READONLY), reached with `PRAGMA query_only`:
    the mapping every way of being read-only ends in."""
    from sqlalchemy import event

    from painlog.store import engine as engine_module

    backup.daily_backup(small_diary, SAFETY_TODAY)
    before = fingerprint(small_diary.parent)
    real = engine_module._sqlite_engine

    def read_only(location, read_only=False):
        engine = real(location, read_only)
        event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON"))
        return engine

    monkeypatch.setattr(engine_module, "_sqlite_engine", read_only)
    result = run_main("--db", small_diary, "log", "3")
    assert result.code == 2 and result.one_line_error, result.err
    assert "read-only" in result.err and str(small_diary) in result.err
    monkeypatch.undo()
    assert fingerprint(small_diary.parent) == before


def read_only_runner(folder: Path):
    """A way to run painlog with `folder` truly read-only for it, or None."""
    if hasattr(os, "geteuid") and os.geteuid() != 0:

        def as_user(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
            folder.chmod(0o500)
            try:
                return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
            finally:
                folder.chmod(0o700)

        return as_user
    if unshare_works():
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'

        def in_namespace(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
            return subprocess.run(
                ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )

        return in_namespace
    return None


@pytest.mark.parametrize("journal_files", [False, True], ids=["closed", "open-elsewhere"])
def test_a_really_read_only_folder(small_diary, safety_env, journal_files):
    folder = small_diary.parent
    runner = read_only_runner(folder)
    if runner is None:
        pytest.skip(
            "running as root without mount rights: chmod does not stop root and no read-only "
            "mount can be made; the read-only message is tested through SQLite's own error"
        )
    keeper = None
    if journal_files:  # another painlog has the diary open: its -wal and -shm exist
        keeper = sqlite3.connect(small_diary)
        keeper.execute("SELECT count(*) FROM day_log").fetchone()
    try:
        before = table_rows(small_diary) if keeper is None else None
        snapshot = fingerprint(folder) if keeper is None else None
        result = runner(
            [sys.executable, "-m", "painlog.cli", "--db", str(small_diary), "log", "3"],
            {**os.environ, **safety_env},
        )
    finally:
        if keeper is not None:
            keeper.close()
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert "read-only" in result.stderr or "cannot open" in result.stderr, result.stderr
    if snapshot is not None:
        assert fingerprint(folder) == snapshot
        assert table_rows(small_diary) == before


def test_a_new_diary_in_a_folder_that_cannot_be_created_is_refused(tmp_path, run_main):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_main("--db", blocker / "diary" / "painlog.db", "log", "4")
    assert result.code == 2 and result.one_line_error, result.err
    assert "cannot create" in result.err
    assert blocker.read_text() == "not a folder"


# -- the message mapping, for errors that cannot be made on this machine --------------------


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(28, "No space left on device", "/x/painlog.db"), "disk is full"),
        (OSError(30, "Read-only file system", "/x/painlog.db"), "read-only"),
        (OSError(13, "Permission denied", "/x/painlog.db"), "permission denied"),
        (OSError(5, "Input/output error", "/x/painlog.db"), "input/output error"),
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("unable to open database file"), "cannot open"),
        (sqlite3.OperationalError("database is locked"), "busy"),
        (sqlite3.OperationalError("disk I/O error"), "input/output error"),
        (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
        (sqlite3.DatabaseError("file is not a database"), "not a painlog database"),
    ],
)
def test_environment_errors_are_one_clear_line(run_main, monkeypatch, state_log, error, words):
    import painlog.cli.show as show

    def fails(_args):
        raise error

    monkeypatch.setattr(show, "run", fails)
    result = run_main("show")
    assert result.code == 2
    assert result.one_line_error and words in result.err, result.err
    assert not state_log.exists()


def test_opening_a_diary_never_reads_it_with_a_plain_file_descriptor(small_diary, monkeypatch):
    """Opening never reads the file with a plain descriptor: closing one would drop the
    SQLite locks this process holds (an open app) and let another program delete the WAL
    under it (https://www.sqlite.org/howtocorrupt.html, 2.2)."""
    import builtins
    import io

    touched = []
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def spy(opener):
        def wrapped(file, *args, **kwargs):
            if str(file).startswith(str(small_diary)):
                touched.append(str(file))
            return opener(file, *args, **kwargs)

        return wrapped

    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(io, "open", spy(real_io_open))
    monkeypatch.setattr(os, "open", spy(real_os_open))
    backup.daily_backup(small_diary, SAFETY_TODAY)
    with Diary.open(str(small_diary)) as diary:
        diary.count_days()
    monkeypatch.undo()
    assert touched == []
