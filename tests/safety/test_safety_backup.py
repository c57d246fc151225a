"""`painlog backup [PATH]` and the daily copies: consistent while others write, private,
never overwriting, rotated (the last 7 kept), and cheap when today's copy exists."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from safety_helpers import CRASH_WRITER, SAFETY_TODAY, fingerprint, integrity, table_rows

from painlog.rules.records import DayLog
from painlog.store import backup
from painlog.store.diary import Diary

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


# -- painlog backup --------------------------------------------------------------------------


def test_backup_to_a_path_is_an_exact_private_copy(small_diary, tmp_path, run_painlog):
    target = tmp_path / "elsewhere" / "copy.db"
    target.parent.mkdir()
    result = run_painlog("--db", small_diary, "backup", target)
    assert result.code == 0, result.err
    size_kb = round(target.stat().st_size / 1024)
    assert result.out == f"Backed up {small_diary} to {target} (7 logged days, {size_kb} KB).\n"
    assert table_rows(target) == table_rows(small_diary)
    assert integrity(target) == ["ok"]
    if sys.platform != "win32":
        assert mode(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]


def test_backup_without_a_path_goes_to_the_private_backups_folder(small_diary, run_main):
    result = run_main("--db", small_diary, "backup")
    assert result.code == 0, result.err
    folder = backup.backups_folder(small_diary)
    copies = list(folder.glob("painlog-2*.db"))
    assert len(copies) == 1 and str(copies[0]) in result.out
    assert table_rows(copies[0]) == table_rows(small_diary)
    if sys.platform != "win32":
        assert mode(folder) == 0o700 and mode(copies[0]) == 0o600


def test_backup_into_a_folder_names_the_copy(small_diary, tmp_path, run_main):
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    result = run_main("--db", small_diary, "backup", folder)
    assert result.code == 0, result.err
    (copy,) = folder.iterdir()
    assert copy.name.startswith("painlog-") and table_rows(copy) == table_rows(small_diary)


def test_backup_never_overwrites_a_file(small_diary, tmp_path, run_main):
    target = tmp_path / "precious.db"
    target.write_text("do not overwrite me")
    result = run_main("--db", small_diary, "backup", target)
    assert result.code == 2 and result.one_line_error, result.err
    assert "already there" in result.err
    assert target.read_text() == "do not overwrite me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".painlog-copy-")]


def test_backup_onto_the_diary_itself_is_refused(small_diary, run_main):
    before = fingerprint(small_diary.parent)
    result = run_main("--db", small_diary, "backup", small_diary)
    assert result.code == 2 and "already there" in result.err
    assert fingerprint(small_diary.parent) == before


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("missing-diary", "no diary there yet"),
        ("missing-folder", "does not exist"),
        ("memory", "backs up a database file"),
        ("not-a-diary", "not a painlog database"),
    ],
)
def test_backup_refusals_are_one_line_and_change_nothing(tmp_path, run_main, where, words):
    db = tmp_path / "diary" / "painlog.db"
    target: Path | str = tmp_path / "copy.db"
    if where == "missing-folder":
        Diary.open(str(db)).close()
        target = tmp_path / "no" / "such" / "folder" / "copy.db"
    elif where == "memory":
        db = ":memory:"
    elif where == "not-a-diary":
        db.parent.mkdir()
        db.write_text("shopping list\n" * 400)
    before = fingerprint(tmp_path)
    result = run_main("--db", db, "backup", target)
    assert result.code == 2 and result.one_line_error, result.err
    assert words in result.err, result.err
    assert fingerprint(tmp_path) == before


def test_backups_are_consistent_while_another_program_writes(small_diary, tmp_path, safety_env):
    """Each copy is a snapshot of committed writes: sound, every log whole (one place, one
    exercise), never fewer days than the copy before; and the writer never fails."""
    env = {**os.environ, **safety_env}
    writer = subprocess.Popen(
        [sys.executable, str(CRASH_WRITER), small_diary, tmp_path / "done", "A", "10", "45", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert writer.stdout.readline() == b"ready\n"
    counts = []
    copies = 0
    while writer.poll() is None:
        target = tmp_path / f"copy-{copies}.db"
        backup.backup_database(small_diary, target)
        copies += 1
        assert integrity(target) == ["ok"]
        connection = sqlite3.connect(target)
        try:
            counts.append(connection.execute("SELECT count(*) FROM day_log").fetchone()[0])
            partial = connection.execute(
                "SELECT count(*) FROM day_log d WHERE d.id > 7 AND ("
                "(SELECT count(*) FROM pain_place WHERE log_id = d.id) != 1 OR "
                "(SELECT count(*) FROM exercise_done WHERE log_id = d.id) != 1)"
            ).fetchone()[0]
        finally:
            connection.close()
        assert partial == 0
        target.unlink()
        time.sleep(0.02)
    _out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err.decode()
    assert copies >= 3
    assert counts == sorted(counts) and counts[-1] <= 7 + 35


def test_a_backup_killed_midway_leaves_no_copy_under_its_name(tmp_path, safety_env):
    """SIGKILL during `backup_database` of a 2 MB diary: either the finished copy is there
    (and sound) or nothing is, only a hidden temporary file that a later rotation removes."""
    db = tmp_path / "big" / "painlog.db"
    from painlog.rules.records import DayLog

    with Diary.open(str(db)) as diary:
        diary.insert_days(
            [DayLog(SAFETY_TODAY - timedelta(days=n), n % 11, note="n" * 400) for n in range(4000)]
        )
    target = tmp_path / "copies"
    target.mkdir()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from painlog.store.backup import backup_database\n"
            "print('ready', flush=True)\n"
            "for n in range(1000):\n"
            "    backup_database(Path(sys.argv[1]), Path(sys.argv[2]) / f'copy-{n}.db')\n",
            str(db),
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **safety_env},
    )
    assert child.stdout.readline() == b"ready\n"
    give_up = time.monotonic() + 60
    while not list(target.glob("copy-*.db")) and time.monotonic() < give_up:
        time.sleep(0.005)
    time.sleep(random.uniform(0.005, 0.05))  # a copy takes ~20 ms: mostly mid-copy
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    finished = sorted(target.glob("copy-*.db"))
    assert finished
    for copy in finished:
        assert integrity(copy) == ["ok"], copy
    leftovers = [p for p in target.iterdir() if p not in finished]
    assert all(p.name.startswith(backup.TEMP_PREFIX) for p in leftovers), leftovers
    for stale in leftovers:
        os.utime(stale, (time.time() - 2 * backup.STALE_TEMP_S,) * 2)
    backup.rotate(target, "painlog")
    assert not [p for p in target.iterdir() if p.name.startswith(backup.TEMP_PREFIX)]


# -- daily copies ----------------------------------------------------------------------------


def test_the_first_open_of_a_day_makes_its_copy(small_diary):
    folder = backup.backups_folder(small_diary)
    assert not folder.exists()
    with Diary.open(str(small_diary)):
        pass
    from painlog.store.clock import local_today

    copy = folder / backup.daily_name(small_diary, local_today())
    assert copy.exists() and table_rows(copy) == table_rows(small_diary)
    if sys.platform != "win32":
        assert mode(folder) == 0o700 and mode(copy) == 0o600


def test_a_new_diary_gets_no_empty_copy(tmp_path):
    db = tmp_path / "new" / "painlog.db"
    Diary.open(str(db)).close()
    assert not backup.backups_folder(db).exists()


def test_an_untouched_open_copies_the_diary_as_its_first_write_commits(small_diary):
    from painlog.store.clock import local_today

    held = table_rows(small_diary)
    folder = backup.backups_folder(small_diary)
    with Diary.open(str(small_diary), untouched=True) as diary:
        assert len(diary.days()) == 7
        assert not folder.exists()
        diary.save_day(DayLog(SAFETY_TODAY, 6, note="after the copy"), SAFETY_TODAY)
        copy = folder / backup.daily_name(small_diary, local_today())
        assert table_rows(copy) == held
        made = copy.stat().st_mtime_ns
        diary.save_day(DayLog(SAFETY_TODAY, 7), SAFETY_TODAY)
        assert copy.stat().st_mtime_ns == made
    if sys.platform != "win32":
        assert mode(folder) == 0o700 and mode(copy) == 0o600


def test_an_untouched_open_whose_write_rolls_back_leaves_the_folder_as_it_was(small_diary):
    before = fingerprint(small_diary.parent)
    with Diary.open(str(small_diary), untouched=True) as diary:
        with pytest.raises(RuntimeError), diary.importing() as writer:
            writer.delete([SAFETY_TODAY - timedelta(days=n) for n in range(1, 8)])
            raise RuntimeError("the import found a problem")
        assert len(diary.days()) == 7
    assert fingerprint(small_diary.parent) == before


def test_a_copy_that_cannot_be_made_as_an_untouched_write_commits_never_stops_it(
    small_diary, state_log
):
    (small_diary.parent / "backups").write_text("a file in the way")
    with Diary.open(str(small_diary), untouched=True) as diary:
        diary.save_day(DayLog(SAFETY_TODAY, 6, note="still saved"), SAFETY_TODAY)
    with Diary.open(str(small_diary), read_only=True) as diary:
        assert diary.load_day(SAFETY_TODAY).note == "still saved"
    log = state_log.read_text(encoding="utf-8")
    assert "daily backup" in log and "BackupFailed" in log


def test_an_untouched_open_refuses_what_a_writing_open_would_change_first(small_diary, tmp_path):
    from painlog.store.errors import NeedsUpgrade, NoDiary

    missing = tmp_path / "new" / "painlog.db"
    with pytest.raises(NoDiary):
        Diary.open(str(missing), untouched=True)
    assert not missing.parent.exists()
    connection = sqlite3.connect(small_diary)
    connection.execute("PRAGMA journal_mode = DELETE")  # as a restored copy is
    connection.close()
    before = fingerprint(small_diary.parent)
    with pytest.raises(NeedsUpgrade, match="opened for writing once first"):
        Diary.open(str(small_diary), untouched=True)
    assert fingerprint(small_diary.parent) == before


def test_the_last_seven_daily_copies_are_kept(small_diary):
    made = []
    for day in range(10):
        made.append(backup.daily_backup(small_diary, SAFETY_TODAY + timedelta(days=day)))
        assert backup.daily_backup(small_diary, SAFETY_TODAY + timedelta(days=day)) is None
    names = sorted(p.name for p in backup.backups_folder(small_diary).iterdir())
    assert names == [copy.name for copy in made[-7:]]


def test_a_clock_set_back_does_not_churn_copies(small_diary):
    for day in range(7):
        backup.daily_backup(small_diary, SAFETY_TODAY + timedelta(days=day))
    before = fingerprint(backup.backups_folder(small_diary))
    assert backup.daily_backup(small_diary, SAFETY_TODAY - timedelta(days=30)) is None
    assert fingerprint(backup.backups_folder(small_diary)) == before


def test_a_daily_copy_that_cannot_be_written_never_stops_a_log(small_diary, run_main, state_log):
    (small_diary.parent / "backups").write_text("a file in the way")
    result = run_main("--db", small_diary, "log", "4", "--note", "still saved")
    assert result.code == 0, result.err
    with Diary.open(str(small_diary)) as diary:
        assert diary.load_day(SAFETY_TODAY).note == "still saved"
    log = state_log.read_text(encoding="utf-8")
    assert "daily backup" in log and "BackupFailed" in log
    assert "still saved" not in log


def test_opening_with_todays_copy_present_costs_a_stat(small_diary, monkeypatch):
    backup.daily_backup(small_diary)
    calls = []
    real = backup.backup_database
    monkeypatch.setattr(backup, "backup_database", lambda *a, **k: calls.append(a) or real(*a, **k))
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        backup.daily_backup(small_diary)
        timings.append(time.perf_counter() - started)
    with Diary.open(str(small_diary)):
        pass
    assert calls == []
    assert sorted(timings)[len(timings) // 2] < 0.001  # median under 1 ms (a stat: ~10 µs)


def test_two_backups_in_the_same_second_get_two_names(small_diary, run_main):
    first = run_main("--db", small_diary, "backup")
    second = run_main("--db", small_diary, "backup")
    assert first.code == second.code == 0, (first.err, second.err)
    assert len(list(backup.backups_folder(small_diary).glob("painlog-2*.db"))) == 2


def test_two_diaries_in_one_folder_keep_their_own_daily_copies(small_diary):
    demo = small_diary.with_name("painlog-demo.db")
    shutil.copy2(small_diary, demo)
    with Diary.open(str(demo)) as diary:
        diary.save_day(DayLog(SAFETY_TODAY, 9, note="demo only"), SAFETY_TODAY)
    for day in range(9):
        when = SAFETY_TODAY + timedelta(days=day)
        backup.daily_backup(demo, when)
        backup.daily_backup(small_diary, when)
    folder = backup.backups_folder(small_diary)
    names = sorted(p.name for p in folder.iterdir())
    mine = [n for n in names if n.startswith("painlog-daily-")]
    theirs = [n for n in names if n.startswith("painlog-demo-daily-")]
    assert len(mine) == len(theirs) == backup.KEEP_DAILY
    assert sorted(mine + theirs) == names
    latest = folder / backup.daily_name(small_diary, SAFETY_TODAY + timedelta(days=8))
    with Diary.open(str(latest), read_only=True) as copy:
        assert copy.load_day(SAFETY_TODAY) is None  # the demo's day is in the demo's copies


def test_copies_made_under_the_old_shared_name_stay_readable(small_diary):
    folder = backup.backups_folder(small_diary)
    backup.ensure_private_folder(folder)
    old = folder / f"painlog-daily-{(SAFETY_TODAY - timedelta(days=1)).isoformat()}.db"
    shutil.copy2(small_diary, old)
    backup.daily_backup(small_diary, SAFETY_TODAY)
    assert old.exists()
    with Diary.open(str(old), read_only=True) as copy:
        assert copy.count_days() == len(table_rows(small_diary)["day_log"])
