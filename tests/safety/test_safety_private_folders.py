"""Private from the first folder: every folder painlog creates is 0700 whatever the umask,
the missing parents it creates on the way included.

Each creator is run with the most permissive umask (000) towards a deep path none of whose
folders exist yet: the database's folder, the backups folder, the error log's and the
status cache's folders, the folder of the demo's default database. Folders painlog does
not create (an export's or a backup's target folder) are refused, not created.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from painlog.store.files import make_private_folders

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

DEEP = ("a", "b c", "d", "é")
"""Four folders deep, a space and an accent among them."""


@pytest.fixture
def open_umask():
    """The most permissive umask: whatever painlog makes private, it makes so itself."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def created_modes(root: Path) -> dict[str, str]:
    """The mode of every folder under `root` (which existed before)."""
    return {
        str(path.relative_to(root)): oct(path.stat().st_mode & 0o777)
        for path in sorted(root.rglob("*"))
        if path.is_dir()
    }


def all_private(modes: dict[str, str]) -> bool:
    return bool(modes) and set(modes.values()) == {"0o700"}


def test_make_private_folders_makes_every_missing_parent_private(tmp_path, open_umask):
    make_private_folders(tmp_path.joinpath(*DEEP))
    modes = created_modes(tmp_path)
    assert len(modes) == len(DEEP)
    assert all_private(modes), modes


def test_make_private_folders_even_under_a_umask_that_forbids_everything(tmp_path):
    previous = os.umask(0o777)
    try:
        make_private_folders(tmp_path.joinpath(*DEEP))
    finally:
        os.umask(previous)
    assert all_private(created_modes(tmp_path))


def test_an_existing_parent_keeps_its_mode(tmp_path, open_umask):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    make_private_folders(shared.joinpath(*DEEP))
    assert oct(shared.stat().st_mode & 0o777) == "0o755"  # not painlog's to change
    assert all_private(created_modes(shared))


def test_the_database_folder(tmp_path, open_umask, run_main):
    db = tmp_path.joinpath(*DEEP) / "painlog.db"
    assert run_main("--db", db, "log", "4").code == 0
    assert all_private(created_modes(tmp_path))
    assert oct(db.stat().st_mode & 0o777) == "0o600"


def test_the_demo_database_in_the_data_folder(tmp_path, open_umask, run_main, monkeypatch):
    data = tmp_path.joinpath(*DEEP)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert run_main("demo", "--weeks", "4").code == 0
    assert (data / "painlog" / "painlog-demo.db").is_file()
    assert all_private(created_modes(tmp_path))


def test_the_backups_folder(tmp_path, open_umask, run_main):
    db = tmp_path.joinpath(*DEEP) / "painlog.db"
    assert run_main("--db", db, "log", "4").code == 0
    assert run_main("--db", db, "backup").code == 0  # into the backups folder beside it
    assert (db.parent / "backups").is_dir()
    assert all_private(created_modes(tmp_path))


def test_the_backups_folder_made_for_the_days_first_copy(tmp_path, open_umask):
    from painlog.store.diary import Diary

    db = tmp_path.joinpath(*DEEP) / "painlog.db"
    Diary.open(str(db)).close()  # a new diary: nothing to copy yet
    Diary.open(str(db)).close()  # opened again: the day's copy, in a folder made now
    assert len(list((db.parent / "backups").iterdir())) == 1
    assert all_private(created_modes(tmp_path))


def test_a_backups_folder_asked_for_deep_down(tmp_path, open_umask):
    from painlog.store import backup

    backup.ensure_private_folder(tmp_path.joinpath(*DEEP))
    assert all_private(created_modes(tmp_path))


def test_the_error_log_folder(tmp_path, open_umask, monkeypatch):
    from painlog.store.errorlog import log_unexpected

    state = tmp_path.joinpath(*DEEP)
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    logged = log_unexpected(RuntimeError("a bug"))
    assert logged == state / "painlog" / "painlog.log"
    assert oct(logged.stat().st_mode & 0o777) == "0o600"
    assert all_private(created_modes(tmp_path))


def test_the_status_cache_folder(tmp_path, open_umask, run_main, monkeypatch, small_diary):
    cache = tmp_path / "cache-root"
    cache.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache.joinpath(*DEEP)))
    result = run_main("--db", small_diary, "status")
    assert result.code == 0, result.err
    modes = created_modes(cache)
    assert len(modes) == len(DEEP) + 1  # the four, and painlog's own
    assert all_private(modes), modes


@pytest.mark.parametrize("args", [["export", "-o"], ["export", "--daily", "-o"], ["backup"]])
def test_a_target_folder_that_is_missing_is_refused_not_created(
    tmp_path, open_umask, run_main, small_diary, args
):
    target = tmp_path.joinpath(*DEEP) / "copy.csv"
    result = run_main("--db", small_diary, *args, target)
    assert result.code == 2
    assert "does not exist" in result.err
    assert not (tmp_path / DEEP[0]).exists()
