"""Reading creates nothing, and a reader that leaves early is no error.

`show`, `alerts`, `chart`, `export` and `profile` (showing) on a path with no diary, or
with an empty file, say so in one line and exit 2, creating no file or folder and leaving
an empty file empty; `status` keeps its "no diary yet", exit 0. `painlog show | head -1`
and an export piped to a reader that stops early end quietly: exit 0, nothing on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

READING = [
    ["show"],
    ["show", "--date", "yesterday"],
    ["alerts"],
    ["alerts", "--json"],
    ["chart"],
    ["export"],
    ["export", "--daily"],
    ["profile"],
]


def tree(folder: Path) -> list[tuple[str, int]]:
    """Every file and folder under `folder`, with its size (0 for a folder)."""
    return sorted(
        (str(p.relative_to(folder)), p.stat().st_size if p.is_file() else 0)
        for p in folder.rglob("*")
    )


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_missing_diary_is_said_and_nothing_is_created(run_cli, tmp_path, args):
    missing = tmp_path / "not" / "there" / "painlog.db"
    result = run_cli("--db", missing, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"painlog: there is no diary at {missing} yet\n"
    assert tree(tmp_path) == []


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_zero_length_file_is_no_diary_and_stays_empty(cli_main, tmp_path, args):
    empty = tmp_path / "painlog.db"
    empty.touch()
    result = cli_main("--db", empty, *args)
    assert result.returncode == 2
    assert result.stderr == f"painlog: there is no diary at {empty} yet (the file is empty)\n"
    assert tree(tmp_path) == [("painlog.db", 0)]


def test_the_default_diary_missing_is_said_too(run_cli, cli_env, tmp_path):
    result = run_cli("show")
    assert result.returncode == 2
    assert "there is no diary at " in result.stderr
    assert not (tmp_path / "xdg-data").exists()


def test_status_keeps_its_line_and_creates_nothing(run_cli, tmp_path):
    missing = tmp_path / "not" / "there" / "painlog.db"
    result = run_cli("--db", missing, "status")
    assert (result.returncode, result.stdout, result.stderr) == (0, "painlog: no diary yet\n", "")
    assert tree(tmp_path) == []


# -- a reader that leaves early -------------------------------------------------------------


def run_with_closed_stdout(cli_env, *args: str | Path) -> subprocess.CompletedProcess:
    """Run painlog with its standard output a pipe whose reader has already gone: every
    write meets a broken pipe, as behind `| head` once head has what it wanted."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "painlog.cli", *map(str, args)],
            stdout=writer,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            env=cli_env,
            timeout=60,
        )
    finally:
        os.close(writer)


@pytest.mark.parametrize(
    "args",
    [["show"], ["export"], ["export", "--daily"], ["alerts"], ["chart"], ["exercises"]],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(cli_env, diary_file, args):
    result = run_with_closed_stdout(cli_env, "--db", diary_file, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no traceback, no "Exception ignored", no "Broken pipe"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell")
@pytest.mark.parametrize(
    "command",
    [
        "painlog show | head -1",
        "painlog export --daily | head -c 100",
        "painlog exercises | head -2",
    ],
)
def test_head_of_a_long_output_ends_quietly(cli_env, tmp_path, command):
    """Through a real shell pipeline; ten years of days are longer than any pipe's buffer,
    so the export still writes when head has gone."""
    from painlog.store.demo import fill_demo
    from painlog.store.diary import Diary

    db = tmp_path / "ten-years.db"
    with Diary.open(str(db)) as diary:
        fill_demo(diary, 522, 1, __import__("datetime").date(2026, 11, 21))
    painlog = f"{sys.executable} -m painlog.cli --db {db}"
    script = f"set -o pipefail; {command.replace('painlog', painlog, 1)}"
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=cli_env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr  # pipefail: painlog's own status is 0
    # Nothing but, when the whole export fitted in the pipe before head left, its range.
    said = [line for line in result.stderr.splitlines() if not line.startswith("painlog: exported")]
    assert said == []
    assert result.stdout
