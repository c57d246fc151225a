"""`painlog export` and `painlog import` on the command line."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from painlog.rules.checkins import with_checkin
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, PegAnswer, Place
from painlog.store.csv_format import DAILY_COLUMNS, WEEKLY_COLUMNS
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)


@pytest.fixture
def history_db(tmp_path: Path) -> Path:
    """Five weeks of logs, one with a note no spreadsheet should run."""
    path = tmp_path / "old" / "painlog.db"
    path.parent.mkdir()
    with Diary.open(str(path)) as diary:
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=n),
                    2 + n % 5,
                    worst=8 if n == 3 else None,
                    places=(Place("lower-back", "left", "ache"),),
                    exercises=(ExerciseDone("walking", minutes=30),) if n % 2 else (),
                    note='=cmd|" /C calc"!A0, then "quotes"\nand a line' if n == 4 else "",
                )
                for n in range(35)
            ]
        )
    return path


def days_in(db: Path) -> list[DayLog]:
    with Diary.open(str(db)) as diary:
        return diary.days()


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


# -- export --------------------------------------------------------------------------------


def test_weekly_summary_to_stdout(run_cli, history_db):
    result = run_cli("--db", history_db, "export")
    assert result.returncode == 0, result.stderr
    rows = cells(result.stdout)
    assert tuple(rows[0]) == WEEKLY_COLUMNS
    assert len(rows) == 1 + 6  # the episode: 35 days over six calendar weeks
    # The range used, beside the CSV rather than in it.
    assert result.stderr == (
        "painlog: exported 6 weeks (2026-10-18 to 2026-11-21) to standard output\n"
    )


def test_daily_export_to_a_private_file(run_cli, history_db, tmp_path):
    target = tmp_path / "all.csv"
    result = run_cli("--db", history_db, "export", "--daily", "-o", target)
    assert result.returncode == 0, result.stderr
    assert f"to {target}" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(DAILY_COLUMNS).encode() + b"\r\n")
    rows = cells(data.decode("utf-8"))
    assert len(rows) == 36
    at = DAILY_COLUMNS.index("note")
    note = next(row[at] for row in rows[1:] if row[at])
    assert note.startswith("'=cmd")


def test_stdout_and_file_are_the_same_bytes(cli_main, history_db, tmp_path, capfdbinary):
    target = tmp_path / "all.csv"
    assert cli_main("--db", history_db, "export", "--daily", "-o", target).returncode == 0
    result = cli_main("--db", history_db, "export", "--daily")
    assert result.stdout.encode("utf-8") == target.read_bytes()


def test_existing_file_is_not_overwritten_without_force(run_cli, history_db, tmp_path):
    target = tmp_path / "for-gp.csv"
    target.write_text("keep me")
    result = run_cli("--db", history_db, "export", "-o", target)
    assert result.returncode == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text() == "keep me"
    result = run_cli("--db", history_db, "export", "-o", target, "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8-sig").startswith("week_start,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "someday"], ["from: 'someday' is not accepted"]),
        (["--to", "2026-11-22"], ["to: '2026-11-22' is not accepted; expected today"]),
        (["--from", "2026-11-10", "--to", "2026-11-01"], ["from: '2026-11-10'"]),
        (["--from", "soon", "--to", "later"], ["from: 'soon'", "to: 'later'"]),
        (["-o", "/no/such/folder/x.csv"], ["the folder /no/such/folder does not exist"]),
    ],
)
def test_bad_export_input_is_one_line_per_problem(cli_main, db_path, args, expected):
    result = cli_main("--db", db_path, "export", *args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), lines
    for line, text in zip(lines, expected, strict=True):
        assert line.startswith("painlog: ") and text in line
    assert not db_path.exists()  # refused before the database was opened


def test_export_range_options(cli_main, history_db):
    result = cli_main(
        "--db", history_db, "export", "--daily", "--from", "2026-11-19", "--to", "yesterday"
    )
    assert result.returncode == 0, result.stderr
    assert [row[0] for row in cells(result.stdout)[1:]] == ["2026-11-19", "2026-11-20"]
    result = cli_main("--db", history_db, "export", "--from", "2 weeks ago")
    weeks = [row[0] for row in cells(result.stdout)[1:]]
    assert weeks == ["2026-11-02", "2026-11-09", "2026-11-16"]


# -- import --------------------------------------------------------------------------------


def test_two_commands_move_a_diary_to_a_new_machine(run_cli, history_db, tmp_path):
    moved = tmp_path / "painlog-all.csv"
    new_db = tmp_path / "new" / "painlog.db"
    assert run_cli("--db", history_db, "export", "--daily", "-o", moved).returncode == 0
    result = run_cli("--db", new_db, "import", moved)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Imported 35 days from {moved}."
    assert days_in(new_db) == days_in(history_db)
    again = tmp_path / "again.csv"
    assert run_cli("--db", new_db, "export", "--daily", "-o", again).returncode == 0
    assert again.read_bytes() == moved.read_bytes()


def test_a_malformed_file_lists_every_problem_and_imports_nothing(run_cli, db_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(DAILY_COLUMNS) + "\r\n"
        "2026-11-01,12,,,,,,,no,,,\r\n"
        "2026-11-02,3,,,tai-chi,,,,no,,,\r\n"
        "2026-11-02,3,,,,,,,no,,,\r\n"
        "2026-11-03,3\r\n",
        encoding="utf-8",
    )
    with Diary.open(str(db_path)) as diary:
        diary.save_day(DayLog(TODAY, 4, note="mine"), TODAY)
    result = run_cli("--db", db_path, "import", bad)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"painlog: {bad} line 2: pain: '12'")
    assert f"{bad} line 3: exercises: 'tai-chi'" in lines[1]
    assert f"{bad} line 4: date: 2026-11-02 is given twice" in lines[2]
    assert f"{bad} line 5: 2 fields" in lines[3]
    assert lines[4] == f"painlog: nothing was imported (4 problems in {bad})"
    assert [log.note for log in days_in(db_path)] == ["mine"]


def test_conflicts_need_replace_or_skip_existing(cli_main, history_db, tmp_path):
    moved = tmp_path / "all.csv"
    cli_main("--db", history_db, "export", "--daily", "--from", "2026-11-20", "-o", moved)
    result = cli_main("--db", history_db, "import", moved)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"painlog: {moved} line 2: 2026-11-20 is already logged",
        f"painlog: {moved} line 3: 2026-11-21 is already logged",
        "painlog: nothing was imported: 2 dates in the file are already logged; add "
        "--replace to replace them with the file's days, or --skip-existing to keep them",
    ]
    result = cli_main("--db", history_db, "import", moved, "--skip-existing")
    assert result.returncode == 0
    assert "Imported 0 days" in result.stdout and "2 already logged and kept" in result.stdout
    result = cli_main("--db", history_db, "import", moved, "--replace")
    assert result.returncode == 0
    assert "Imported 2 days" in result.stdout and "2 of them replaced" in result.stdout
    assert len(days_in(history_db)) == 35


def test_check_ins_and_peg_answers_move_and_meet_the_weeks_answers(cli_main, history_db, tmp_path):
    with Diary.open(str(history_db)) as diary:
        day = diary.load_day(TODAY)
        diary.save_day(
            with_checkin(day, TODAY, CheckIn(time(7, 5), 6, day.places, 'stiff, "really"')), TODAY
        )
        diary.answer_peg(PegAnswer(TODAY - timedelta(days=1), 4, 6, 5), TODAY)
        diary.answer_peg(PegAnswer(TODAY - timedelta(days=40), 5, 5, 5), TODAY)  # no log
        expected = diary.days(), diary.peg_answers()
    moved = tmp_path / "all.csv"
    assert cli_main("--db", history_db, "export", "--daily", "-o", moved).returncode == 0
    new_db = tmp_path / "new" / "painlog.db"
    result = cli_main("--db", new_db, "import", moved)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Imported 35 days and PEG answers for 2 weeks from {moved}."
    with Diary.open(str(new_db)) as diary:
        assert (diary.days(), diary.peg_answers()) == expected
        # Another answer for this week on the new machine: the file's meets it.
        diary.answer_peg(PegAnswer(TODAY, 1, 1, 1), TODAY)
        diary.delete_day(TODAY)
    result = cli_main("--db", new_db, "import", moved)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        f"painlog: {moved} line 37: peg: the week 2026-11-16 to 2026-11-22 already has PEG answers",
        "painlog: nothing was imported: 36 of the file's days and weeks of PEG answers are "
        "already in the diary; add --replace to replace them with the file's, or "
        "--skip-existing to keep them",
    ]
    result = cli_main("--db", new_db, "import", moved, "--skip-existing")
    assert (
        result.stdout.strip()
        == (
            f"Imported 1 day from {moved} (34 already logged and kept; the PEG answers of 2 "
            "weeks already given and kept)"
        )
        + "."
    )
    result = cli_main("--db", new_db, "import", moved, "--replace")
    assert result.stdout.strip() == (
        f"Imported 35 days and PEG answers for 2 weeks from {moved} (35 of them replaced what "
        "was logged; the PEG answers of 2 weeks replaced)."
    )
    with Diary.open(str(new_db)) as diary:
        assert (diary.days(), diary.peg_answers()) == expected


def test_replace_and_skip_existing_exclude_each_other(cli_main, db_path, tmp_path):
    result = cli_main("--db", db_path, "import", tmp_path / "x.csv", "--replace", "--skip-existing")
    assert result.returncode == 2
    assert "not allowed with" in result.stderr


@pytest.mark.parametrize("name", ["missing.csv", "."])
def test_an_unreadable_file_is_refused(cli_main, db_path, tmp_path, name):
    target = tmp_path / name
    result = cli_main("--db", db_path, "import", target)
    assert result.returncode == 2
    assert result.stderr.startswith(f"painlog: cannot read {target}")
    assert len(result.stderr.splitlines()) == 1
    assert not db_path.exists()


def test_help_explains_the_move(run_cli):
    result = run_cli("import", "--help")
    assert result.returncode == 0
    assert "painlog export --daily -o painlog-all.csv" in result.stdout
    assert "painlog import painlog-all.csv" in result.stdout
    result = run_cli("export", "--help")
    assert "--force" in result.stdout and "--daily" in result.stdout
