"""`painlog import`: a stream read once and written all or nothing (checked whole first
only where the diary must be created or upgraded); many problems listed as the first 100
and a count; files that are not text refused at once; each refusal leaves the diary's
folder byte for byte as it was, backups folder included."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.store.csv_format import DAILY_COLUMNS_BEFORE_MEDICATIONS
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
HEADER = ",".join(DAILY_COLUMNS_BEFORE_MEDICATIONS) + "\r\n"
"""The header of the hand-written rows here: a daily file as schema 3 wrote it (without the
medications and treatments columns), which imports the same way as a current one."""


def fingerprint(folder: Path) -> dict[str, str]:
    """Everything under the diary's folder (the database, any -wal and -shm, the backups
    folder and its copies) with the bytes of each file."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in sorted(folder.rglob("*"))
    }


def rows(count: int, pain: str = "3") -> str:
    return "".join(
        f"{(TODAY - timedelta(days=count - n)).isoformat()},{pain},,,,,no,\r\n"
        for n in range(count)
    )


def test_more_than_a_hundred_problems_are_listed_as_a_hundred_and_a_count(
    run_cli, diary_file, tmp_path
):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + rows(150, pain="12"), encoding="utf-8")
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "import", bad)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 102
    assert all(f"{bad} line {n}: pain: '12'" in lines[n - 2] for n in range(2, 102))
    assert lines[100] == f"painlog: {bad}: and 50 more problems after line 101"
    assert lines[101] == f"painlog: nothing was imported (150 problems in {bad})"
    assert fingerprint(diary_file.parent) == before


def test_more_than_a_hundred_dates_logged_are_listed_as_a_hundred_and_a_count(
    cli_main, db_path, tmp_path
):
    moved = tmp_path / "moved.csv"
    moved.write_text(HEADER + rows(130), encoding="utf-8")
    assert cli_main("--db", db_path, "import", moved).returncode == 0
    before = fingerprint(db_path.parent)
    result = cli_main("--db", db_path, "import", moved)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 102
    assert lines[100] == f"painlog: {moved}: and 30 more dates after line 101"
    assert lines[101].startswith("painlog: nothing was imported: 130 dates in the file are")
    assert fingerprint(db_path.parent) == before


@pytest.mark.parametrize("kind", ["/dev/zero", "binary", "latin-1"])
def test_a_file_that_is_not_text_is_refused_at_once_and_creates_nothing(cli_env, tmp_path, kind):
    if kind == "/dev/zero":
        source = Path("/dev/zero")
        if not source.exists():
            pytest.skip("no /dev/zero here")
    else:
        source = tmp_path / "file"
        block = bytes(range(256)) if kind == "binary" else "café,3\r\n".encode("latin-1")
        source.write_bytes(block * (20_000_000 // len(block)))  # 20 MB
    missing = tmp_path / "new" / "painlog.db"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(missing), "import", str(source)],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=10,  # an endless /dev/zero would hang here, never pass
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 2
    *lines, first, last = result.stderr.splitlines()
    if kind == "latin-1":
        # The likely cause first; the header is not text, so the reading stops there.
        assert lines == [
            f"painlog: {source}: the file was saved as Windows-1252 (or Latin-1): save it "
            "again as UTF-8 (LibreOffice: File, Save As, Edit filter settings, Character "
            "set Unicode (UTF-8); Excel: CSV UTF-8)"
        ]
    else:
        assert lines == []
    assert first.startswith(f"painlog: {source} line 1: ")
    assert "not a text file" in first or "is not UTF-8 text" in first
    count = "2 problems" if kind == "latin-1" else "1 problem"
    assert last == f"painlog: nothing was imported ({count} in {source})"
    assert "Traceback" not in result.stderr
    assert elapsed < 5  # the interpreter's start, then the first line read
    assert not missing.parent.exists()


def test_a_bad_file_creates_no_diary(cli_main, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + rows(3) + "2026-11-20,3\r\n", encoding="utf-8")
    missing = tmp_path / "new" / "painlog.db"
    result = cli_main("--db", missing, "import", bad)
    assert result.returncode == 2
    assert "line 5: 2 fields" in result.stderr
    assert not missing.parent.exists()


def test_notes_with_control_characters_are_listed_line_by_line(run_cli, diary_file, tmp_path):
    bad = tmp_path / "older.csv"
    bad.write_bytes(
        (
            HEADER
            + "2026-11-01,3,,,,,no,\x1b]52;c;aGVsbG8=\x07\r\n"
            + "2026-11-02,3,,,,,no,fine\r\n"
            + "2026-11-03,3,,,,,no,\x1b[2J\r\n"
        ).encode("utf-8")
    )
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "import", bad)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"painlog: {bad} line 2: note: '\\x1b]52;c;aGVsbG8=\\x07'")
    assert lines[1].startswith(f"painlog: {bad} line 4: note: '\\x1b[2J'")
    assert lines[2] == f"painlog: nothing was imported (2 problems in {bad})"
    assert "\x1b" not in result.stderr
    assert fingerprint(diary_file.parent) == before


def test_a_pipe_is_refused_where_the_diary_must_be_created(cli_env, db_path):
    result = subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(db_path), "import", "/dev/stdin"],
        input=HEADER + rows(2),
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("painlog: cannot read /dev/stdin twice (it is a pipe)")
    assert not db_path.exists()


def test_a_file_given_on_standard_input_is_read(cli_env, db_path, tmp_path):
    source = tmp_path / "days.csv"
    source.write_text(HEADER + rows(2), encoding="utf-8")
    with open(source, "rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "painlog.cli", "--db", str(db_path), "import", "/dev/stdin"],
            stdin=stdin,
            capture_output=True,
            encoding="utf-8",
            env=cli_env,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    with Diary.open(str(db_path), read_only=True) as diary:
        assert diary.count_days() == 2


def test_an_import_into_a_diary_already_there_reads_the_file_once(
    cli_main, diary_file, tmp_path, monkeypatch
):
    from painlog.store import importer

    def no_second_reading(*_args, **_kwargs):
        raise AssertionError("the file was checked in a reading of its own")

    monkeypatch.setattr(importer, "check_daily", no_second_reading)
    source = tmp_path / "days.csv"
    source.write_text(HEADER + rows(3), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-11-01,3,,,,,no,\r\n2026-11-02,12,,,,,no,\r\n")
    before = fingerprint(diary_file.parent)
    refused = cli_main("--db", diary_file, "import", bad)
    assert refused.returncode == 2, refused.stderr
    assert f"{bad} line 3: pain: '12'" in refused.stderr
    assert fingerprint(diary_file.parent) == before
    done = cli_main("--db", diary_file, "import", source, "--skip-existing")
    assert done.returncode == 0, done.stderr


def test_an_import_that_commits_copies_the_diary_as_it_was_before(cli_main, diary_file, tmp_path):
    from painlog.store import backup
    from painlog.store.clock import local_today

    with Diary.open(str(diary_file), read_only=True) as diary:
        held = diary.days()
    assert not backup.backups_folder(diary_file).exists()
    source = tmp_path / "days.csv"
    source.write_text(HEADER + "2026-11-01,3,,,,,no,\r\n2026-11-02,5,,,,,no,\r\n")
    result = cli_main("--db", diary_file, "import", source)
    assert result.returncode == 0, result.stderr
    copy = backup.backups_folder(diary_file) / backup.daily_name(diary_file, local_today())
    with Diary.open(str(copy), read_only=True) as before:
        assert before.days() == held
    with Diary.open(str(diary_file), read_only=True) as after:
        assert len(after.days()) == len(held) + 2


def test_a_refused_import_into_an_older_diary_leaves_it_unupgraded(cli_main, tmp_path):
    import shutil

    fixture = Path(__file__).parents[1] / "safety" / "fixtures" / "painlog-v5.db"
    folder = tmp_path / "old"
    folder.mkdir()
    db = Path(shutil.copy2(fixture, folder / "painlog.db"))
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-11-01,3,,,,,no,\r\n2026-11-02,12,,,,,no,\r\n")
    before = fingerprint(folder)
    result = cli_main("--db", db, "import", bad)
    assert result.returncode == 2
    assert f"{bad} line 3: pain: '12'" in result.stderr
    assert fingerprint(folder) == before


def test_a_pipe_into_a_diary_already_there_is_read_once(cli_env, diary_file):
    result = subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(diary_file), "import", "/dev/stdin"],
        input=HEADER + "2026-11-19,3,,,,,no,\r\n2026-11-20,5,,,,,no,\r\n",
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 2 days from /dev/stdin")
    with Diary.open(str(diary_file), read_only=True) as diary:
        assert diary.count_days() == 4


def rollback_journal(db: Path) -> None:
    """Put the diary's journal back in rollback mode, as a copy restored by hand is."""
    import sqlite3

    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


def test_a_diary_restored_from_a_copy_is_checked_first_and_left_as_it_was(
    cli_main, diary_file, tmp_path
):
    rollback_journal(diary_file)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-11-01,3,,,,,no,\r\n2026-11-02,12,,,,,no,\r\n")
    before = fingerprint(diary_file.parent)
    refused = cli_main("--db", diary_file, "import", bad)
    assert refused.returncode == 2
    assert f"{bad} line 3: pain: '12'" in refused.stderr
    assert fingerprint(diary_file.parent) == before
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "2026-11-01,3,,,,,no,\r\n")
    done = cli_main("--db", diary_file, "import", good)
    assert done.returncode == 0, done.stderr
    with Diary.open(str(diary_file), read_only=True) as diary:
        assert diary.count_days() == 3
