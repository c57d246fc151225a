"""Every bad input: one line on stderr naming the field, the value and what is accepted,
exit status 2, and the database exactly as it was (or still not created)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from painlog.store.schema import SCHEMA_VERSION, VERSION_TABLE

AT_MOST_TODAY = "today (2026-11-21) or earlier"
PAIN_RANGE = "a whole number from 0 to 10"
YEARS = "in the years 1900 to 9999"
HUGE = "9" * 5_000


def case(name: str, args: list[str], needles: list[str], bug: str | None = None):
    """One bad input: its id, the arguments after `--db PATH`, texts its one line must hold.

    `bug` marks a known product bug (strict xfail, so the fix is noticed)."""
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=bug)] if bug else []
    return pytest.param(args, needles, id=name, marks=marks)


CASES = [
    case("pain-11", ["log", "11"], ["pain", "'11'", PAIN_RANGE]),
    case("pain-minus-1", ["log", "-1"], ["pain", "'-1'", PAIN_RANGE]),
    case("pain-4.5", ["log", "4.5"], ["pain", "'4.5'", PAIN_RANGE]),
    case("pain-abc", ["log", "abc"], ["pain", "'abc'", PAIN_RANGE]),
    case("pain-empty", ["log", ""], ["pain", "''", PAIN_RANGE]),
    case("pain-missing", ["log"], ["PAIN", "required", "--help"]),
    case("worst-11", ["log", "4", "--worst", "11"], ["worst", "'11'", PAIN_RANGE]),
    case("worst-abc", ["log", "4", "--worst", "abc"], ["worst", "'abc'", PAIN_RANGE]),
    case(
        "worst-below-pain",
        ["log", "5", "--worst", "3"],
        ["worst", "'3'", "at least the day's pain"],
    ),
    case("location", ["log", "4", "--where", "elbow"], ["where", "'elbow'", "lower-back, "]),
    case(
        "side",
        ["log", "4", "--where", "lower-back:middle"],
        ["where", "'lower-back:middle'", "left, right, both"],
    ),
    case(
        "side-of-central", ["log", "4", "--where", "upper-back:left"], ["side", "'left'", "central"]
    ),
    case(
        "character",
        ["log", "4", "--where", "lower-back:left:zappy"],
        ["where", "'lower-back:left:zappy'", "sharp"],
    ),
    case("exercise", ["log", "4", "--did", "juggling"], ["did", "'juggling'", "painlog exercises"]),
    case("dose", ["log", "4", "--did", "walking:fast"], ["did", "'walking:fast'", "30min"]),
    case("dose-zero", ["log", "4", "--did", "walking:0min"], ["minutes", "'0'", "from 1 to"]),
    case("flag", ["log", "4", "--flag", "headache"], ["flag", "'headache'", "saddle-numbness"]),
    case(
        "duplicate-place",
        ["log", "4", "--where", "lower-back:left,lower-back:left:sharp"],
        ["where", "'lower-back:left:sharp'", "at most once"],
    ),
    case(
        "duplicate-exercise",
        ["log", "4", "--did", "walking,walking:30min"],
        ["did", "'walking'", "at most once"],
    ),
    case(
        "duplicate-flag", ["log", "4", "--flag", "fever,fever"], ["flag", "fever", "at most once"]
    ),
    case("date-31-feb", ["log", "4", "--date", "31 Feb"], ["date", "'31 Feb'", "ISO date"]),
    case("date-2026-02-30", ["log", "4", "--date", "2026-02-30"], ["date", "'2026-02-30'", "ISO"]),
    case("date-abc", ["log", "4", "--date", "abc"], ["date", "'abc'", "ISO date"]),
    case(
        "date-tomorrow", ["log", "4", "--date", "tomorrow"], ["date", "'2026-11-22'", AT_MOST_TODAY]
    ),
    case(
        "date-future", ["log", "4", "--date", "2026-11-22"], ["date", "'2026-11-22'", AT_MOST_TODAY]
    ),
    case("show-date", ["show", "--date", "31 Feb"], ["date", "'31 Feb'", "ISO date"]),
    case(
        "birth-year-1800",
        ["profile", "--birth-year", "1800"],
        ["birth-year", "'1800'", "1900 to 2026"],
    ),
    case(
        "birth-year-2027",
        ["profile", "--birth-year", "2027"],
        ["birth-year", "'2027'", "1900 to 2026"],
    ),
    case("birth-year-abc", ["profile", "--birth-year", "abc"], ["birth-year", "'abc'", "year"]),
    case(
        "onset-tomorrow",
        ["profile", "--onset", "tomorrow"],
        ["onset", "'2026-11-22'", AT_MOST_TODAY],
    ),
    case("onset-31-feb", ["profile", "--onset", "31 Feb"], ["onset", "'31 Feb'", "ISO date"]),
    case(
        "unknown-option", ["log", "4", "--bogus"], ["unrecognized arguments", "--bogus", "--help"]
    ),
    case("unknown-command", ["frobnicate"], ["invalid choice", "'frobnicate'", "log"]),
    case("option-without-value", ["log", "4", "--worst"], ["--worst", "expected one argument"]),
    case("worst-double-minus", ["log", "4", "--worst=--5"], ["worst", "'--5'", PAIN_RANGE]),
    case("did-unknown-own", ["log", "4", "--did", "own-bird-dog"], ["did", "'own-bird-dog'"]),
    case(
        "own-name-empty",
        ["exercises", "add", "  ", "--category", "strength"],
        ["name", "'  '", "1 to 60 characters"],
    ),
    case(
        "own-name-61",
        ["exercises", "add", "x" * 61, "--category", "strength"],
        ["name", "'61 characters'", "1 to 60 characters"],
    ),
    case(
        "own-name-of-catalogue",
        ["exercises", "add", "glute BRIDGE", "--category", "strength"],
        ["name", "'glute BRIDGE'", "not already used", "glute-bridge"],
    ),
    case(
        "own-category",
        ["exercises", "add", "Bird dog", "--category", "core"],
        ["category", "'core'", "strength, stretch, aerobic, other"],
    ),
    case(
        "own-category-empty",
        ["exercises", "add", "Bird dog", "--category", ""],
        ["category", "''", "strength, stretch, aerobic, other"],
    ),
    case(
        "own-dose-81",
        ["exercises", "add", "Bird dog", "--category", "strength", "--dose", "d" * 81],
        ["dose", "'81 characters'", "at most 80"],
    ),
    case(
        "own-rename-unknown",
        ["exercises", "rename", "own-bird-dog", "Bird dog"],
        ["exercise", "'own-bird-dog'", "exercise you added"],
    ),
    case("own-retire-catalogue", ["exercises", "retire", "walking"], ["exercise", "'walking'"]),
    # Absurd values that used to end in exit 70 (issue 17): one line, exit 2 instead.
    case("pain-5000-digits", ["log", HUGE], ["pain", "(5,000 characters)", PAIN_RANGE]),
    case("pain-minus-5000-digits", ["log", "--", "-" + HUGE], ["pain", "5,001 characters"]),
    case("worst-5000-digits", ["log", "4", "--worst", HUGE], ["worst", PAIN_RANGE]),
    case("alerts-as-of-0001", ["alerts", "--as-of", "0001-01-01"], ["as-of", "'0001-01", YEARS]),
    case("chart-as-of-0001", ["chart", "--as-of", "0001-01-01"], ["as-of", "'0001-01-01'", YEARS]),
    case("export-from-0001", ["export", "--from", "0001-01-01"], ["from", "'0001-01-01'", YEARS]),
    case("export-to-0001", ["export", "--to", "0001-01-01"], ["to", "'0001-01-01'", YEARS]),
    case("show-date-0001", ["show", "--date", "0001-01-01"], ["date", "'0001-01-01'", YEARS]),
    case("log-date-0001", ["log", "4", "--date", "0001-01-01"], ["date", "'0001-01-01'", YEARS]),
    case("onset-0001", ["profile", "--onset", "0001-01-01"], ["onset", "'0001-01-01'", YEARS]),
    case("date-9999-is-future", ["log", "4", "--date", "9999-12-31"], ["date", AT_MOST_TODAY]),
    case("date-5000-digit-days-ago", ["show", "--date", HUGE + " days ago"], ["before 1900"]),
    case("date-5000-digit-year", ["show", "--date", HUGE + "-01-01"], ["date", YEARS]),
    case("date-dashes", ["show", "--date=--"], ["date", "'--'", "ISO date"]),
    case("weeks-dashes", ["chart", "--weeks=--"], ["weeks", "'--'", "1 to 1040"]),
    case("weeks-5000-digits", ["chart", "--weeks", HUGE], ["weeks", "1 to 1040"]),
    case("weeks-arabic-digit", ["chart", "--weeks", "٣"], ["weeks", "'٣'", "1 to 1040"]),
    case("weeks-empty", ["chart", "--weeks", ""], ["weeks", "''", "1 to 1040"]),
    case("birth-year-5000-digits", ["profile", "--birth-year", HUGE], ["birth-year", "year"]),
    case("birth-year-dashes", ["profile", "--birth-year=--"], ["birth-year", "'--'"]),
    case("onset-empty", ["profile", "--onset", ""], ["onset", "''", "ISO date"]),
    case("demo-weeks-5000-digits", ["demo", "--weeks", HUGE], ["weeks", "4 to 1040"]),
    case("demo-seed-5000-digits", ["demo", "--seed", HUGE], ["seed", "at most 18 digits"]),
    case("demo-seed-double-minus", ["demo", "--seed=--5"], ["seed", "'--5'", "whole number"]),
    case("backup-empty-path", ["backup", ""], ["PATH", "''", "backups folder"]),
]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder (database, -wal, -shm, ...) with the sha256 of its bytes."""
    return {
        item.name: hashlib.sha256(item.read_bytes()).hexdigest()
        for item in sorted(folder.iterdir())
    }


def assert_one_line_refusal(result, needles: list[str]) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    line = result.stderr.rstrip("\n")
    assert line.startswith("painlog"), line
    for needle in needles:
        assert needle in line, (needle, line)
    assert "Traceback" not in line


@pytest.mark.parametrize(("args", "needles"), CASES)
def test_bad_input_leaves_an_existing_diary_unchanged(run_cli, diary_file, args, needles):
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, *args)
    assert_one_line_refusal(result, needles)
    assert fingerprint(diary_file.parent) == before


@pytest.mark.parametrize(("args", "needles"), CASES)
def test_bad_input_creates_no_database(cli_main, tmp_path, args, needles):
    missing = tmp_path / "not-yet" / "painlog.db"
    result = cli_main("--db", missing, *args)
    assert_one_line_refusal(result, needles)
    assert not missing.parent.exists()


def test_a_note_of_undecodable_bytes_is_refused(run_cli, tmp_path):
    missing = tmp_path / "not-yet" / "painlog.db"
    result = run_cli("--db", missing, "log", "4", "--note", b"bad \xff byte")
    assert_one_line_refusal(result, ["note"])
    assert not missing.parent.exists()


def test_a_file_that_is_not_a_diary_is_refused_and_left_alone(run_cli, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    path = folder / "shopping.txt"
    path.write_text("eggs, milk, ibuprofen\n" * 200, encoding="utf-8")
    before = fingerprint(folder)
    result = run_cli("--db", path, "log", "4")
    assert_one_line_refusal(result, [str(path), "not a painlog database", "untouched"])
    assert fingerprint(folder) == before


def test_a_diary_from_a_newer_painlog_is_refused_and_left_alone(run_cli, diary_file):
    connection = sqlite3.connect(diary_file)
    connection.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "show")
    assert_one_line_refusal(result, [str(diary_file), "newer painlog", "Update painlog"])
    assert fingerprint(diary_file.parent) == before


@pytest.mark.parametrize(
    "pinned", ["garbage", "", " ", "2026-13-01", "20261121", "0001-01-01", "9999-12-31"]
)
def test_a_pinned_today_that_is_not_a_date_is_refused(run_cli, diary_file, pinned):
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "export", env={"PAINLOG_TODAY": pinned})
    if pinned == "":
        assert result.returncode == 0  # unset: the calendar's today
        return
    assert_one_line_refusal(result, ["PAINLOG_TODAY", repr(pinned), "1900-01-01 to 9998-12-31"])
    assert fingerprint(diary_file.parent) == before


def test_a_row_of_year_0001_is_refused_on_import(run_cli, diary_file, tmp_path):
    from painlog.store.csv_format import DAILY_COLUMNS

    source = tmp_path / "old.csv"
    source.write_text(",".join(DAILY_COLUMNS) + "\r\n0001-01-01,3,,,,,,,no,,,\r\n")
    before = fingerprint(diary_file.parent)
    result = run_cli("--db", diary_file, "import", source)
    assert result.returncode == 2
    assert f"{source} line 2: date: '0001-01-01' is not accepted" in result.stderr
    assert YEARS in result.stderr
    assert fingerprint(diary_file.parent) == before
