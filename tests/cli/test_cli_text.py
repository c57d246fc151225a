"""Text is text: notes keep line breaks and tabs; other control characters are refused
where they are typed; whatever an older diary holds is shown escaped, never written raw
to a terminal (`show`, `exercises`, `export` to a terminal), while files and pipes get
the exact bytes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from painlog.store.diary import Diary

CONTROLS = "found \\x1b"


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("clipboard \x1b]52;c;aGVsbG8=\x07", "found \\x1b, \\x07, the first at character 11"),
        ("title \x1b]0;pwned\x1b\\", "found \\x1b, the first at character 7"),
        ("blank \x1b[2J", "found \\x1b"),
        ("c1 \x9b2J", "found \\x9b"),
        ("del \x7f", "found \\x7f"),
        ("bell \x07 and backspace \x08", "found \\x07, \\x08"),
        ("vertical tab \x0b form feed \x0c", "found \\x0b, \\x0c"),
        ("next line \x85", "found \\x85"),
    ],
)
def test_a_note_with_control_characters_is_refused_and_changes_nothing(
    run_cli, diary_file, note, found
):
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "log", "4", "--note", note)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("painlog: note: '")
    assert found in line
    assert "line breaks and tabs are kept" in line
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr  # shown escaped
    assert fingerprint(diary_file.parent) == before


def test_a_refused_note_creates_no_diary(cli_main, tmp_path):
    missing = tmp_path / "not-yet" / "painlog.db"
    result = cli_main("--db", missing, "log", "4", "--note", "\x1b]52;c;aGk=\x07")
    assert result.returncode == 2 and CONTROLS in result.stderr
    assert not missing.parent.exists()


@pytest.mark.parametrize("note", ["tab\there", "two\nlines", "windows\r\nline", "old mac\rline"])
def test_line_breaks_and_tabs_are_kept_exactly(cli_main, db_path, note):
    assert cli_main("--db", db_path, "log", "4", "--note", note).returncode == 0
    with Diary.open(str(db_path), read_only=True) as diary:
        assert diary.days()[0].note == note


@pytest.mark.parametrize(
    "args",
    [
        ["exercises", "add", "Bird \x1b]0;x\x07dog", "--category", "strength"],
        ["exercises", "add", "Bird\x1cdog", "--category", "strength"],
        ["exercises", "add", "Bird\x85dog", "--category", "strength"],
        ["exercises", "add", "Bird dog", "--category", "strength", "--dose", "3x\x1b[2J"],
    ],
)
def test_an_own_exercise_name_or_dose_with_control_characters_is_refused(run_cli, diary_file, args):
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, *args)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert "control characters" in line
    assert "\x1b" not in result.stderr
    assert fingerprint(diary_file.parent) == before


# -- an older diary --------------------------------------------------------------------------

CLIPBOARD = "copied \x1b]52;c;aGVsbG8=\x07\nsecond line\r\nthird\rfourth\tend"
NAME = "Bird \x1b]0;pwned\x07dog"


@pytest.fixture
def older_diary(diary_file) -> Path:
    """The diary with what painlog now refuses, written by SQL as an older one could be."""
    with Diary.open(str(diary_file)) as diary:
        bird = diary.add_exercise("Bird dog", "strength", "3 x 10")
    with sqlite3.connect(diary_file) as connection:
        connection.execute("UPDATE day_log SET note = ? WHERE day = '2026-11-21'", (CLIPBOARD,))
        connection.execute("UPDATE own_exercise SET name = ? WHERE slug = ?", (NAME, bird.slug))
        connection.execute(
            "INSERT INTO exercise_done (log_id, position, slug) "
            "SELECT id, 9, ? FROM day_log WHERE day = '2026-11-21'",
            (bird.slug,),
        )
    connection.close()
    return diary_file


def test_show_writes_an_older_note_and_name_escaped(run_cli, older_diary):
    result = run_cli("--db", older_diary, "show")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\r" not in result.stdout  # a carriage return would overwrite the line shown
    assert "  Note:      copied \\x1b]52;c;aGVsbG8=\\x07\n" in result.stdout
    assert "             second line\n             third\n             fourth\tend" in (
        result.stdout
    )
    assert "Bird \\x1b]0;pwned\\x07dog" in result.stdout


def test_the_exercise_list_writes_an_older_name_escaped(run_cli, older_diary):
    result = run_cli("--db", older_diary, "exercises")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "Bird \\x1b]0;pwned\\x07dog (strength): 3 x 10" in result.stdout


def test_export_to_a_pipe_or_a_file_keeps_the_exact_bytes(cli_env, run_cli, older_diary, tmp_path):
    piped = subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(older_diary), "export", "--daily"],
        capture_output=True,
        env=cli_env,
        timeout=60,
    )
    assert piped.returncode == 0
    assert b'"copied \x1b]52;c;aGVsbG8=\x07\nsecond line\r\nthird\rfourth\tend"' in piped.stdout
    target = tmp_path / "all.csv"
    assert run_cli("--db", older_diary, "export", "--daily", "-o", target).returncode == 0
    assert b"copied \x1b]52;c;aGVsbG8=\x07" in target.read_bytes()


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_export_to_a_terminal_writes_an_older_note_escaped(cli_env, older_diary):
    """stdout a real terminal (a pseudo-terminal), as when a person runs the command."""
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "painlog.cli", "--db", str(older_diary), "export", "--daily"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=cli_env,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other side is closed: all was read
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=60) == 0, process.stderr.read()
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    text = shown.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert "copied \\x1b]52;c;aGVsbG8=\\x07" in text
