"""Every command reads a date through the one date reader and says which date it used.

The issue's replay: `--date 2026/11/03` (and `2026.11.03`, `2026-11-03T08:00`,
`2026-11-03 08:00`) logs 3 November, never 11 March; `--date monday` is the Monday just
past. Today is Saturday 21 November 2026.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from painlog.store.diary import Diary

YEAR_FIRST = ["2026/11/03", "2026.11.03", "2026-11-03T08:00", "2026-11-03 08:00", "2026-11-03"]


def logged_days(path) -> dict[date, int]:
    with Diary.open(str(path), read_only=True) as diary:
        return {log.day: log.pain for log in diary.days()}


@pytest.mark.parametrize("typed", YEAR_FIRST)
def test_a_year_first_date_is_year_month_day(cli_main, db_path, typed):
    result = cli_main("--db", db_path, "log", "6", "--date", typed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Logged Tue 3 Nov 2026: pain 6/10")
    assert logged_days(db_path) == {date(2026, 11, 3): 6}  # not 11 March


def test_the_replay_logs_both_days_apart(run_cli, db_path):
    assert run_cli("--db", db_path, "log", "5", "--date", "2026-03-11").returncode == 0
    result = run_cli("--db", db_path, "log", "6", "--date", "2026/11/03")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Logged Tue 3 Nov 2026")
    assert logged_days(db_path) == {date(2026, 3, 11): 5, date(2026, 11, 3): 6}
    shown = run_cli("--db", db_path, "show", "--date", "2026.03.11")
    assert shown.stdout.startswith("Wed 11 Mar 2026\n  Pain:      5/10")


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("monday", "Mon 16 Nov 2026"),
        ("mon", "Mon 16 Nov 2026"),
        ("saturday", "Sat 21 Nov 2026"),  # today is a Saturday: "saturday" is today
        ("last saturday", "Sat 14 Nov 2026"),
        ("last tuesday", "Tue 17 Nov 2026"),
        ("3 days ago", "Wed 18 Nov 2026"),
        ("yesterday", "Fri 20 Nov 2026"),
    ],
)
def test_weekdays_are_the_most_recent_and_logging_says_which(cli_main, db_path, typed, heading):
    result = cli_main("--db", db_path, "log", "4", "--date", typed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Logged {heading}:")


@pytest.fixture
def two_days(cli_main, db_path):
    """A diary with Monday 16 and Friday 20 November logged."""
    assert cli_main("--db", db_path, "log", "4", "--date", "monday").returncode == 0
    assert cli_main("--db", db_path, "log", "5", "--date", "friday").returncode == 0
    return db_path


@pytest.mark.parametrize(
    ("args", "stdout_has", "stderr"),
    [
        (["show", "--date", "fri"], "Fri 20 Nov 2026\n  Pain:      5/10", ""),
        (["show", "--date", "2026/11/17"], "Tue 17 Nov 2026: nothing logged.", ""),
        (["alerts", "--as-of", "monday"], "No alerts as of Mon 16 Nov 2026.", ""),
        (["alerts"], "No alerts as of Sat 21 Nov 2026.", ""),
        (["alerts", "--json", "--as-of", "mon"], "[]", "painlog: alerts as of Mon 16 Nov 2026\n"),
        (["chart", "--as-of", "2026.11.18"], "As of Wed 18 Nov 2026:\nWeek of 16 Nov:", ""),
        (["chart"], "As of Sat 21 Nov 2026:\n", ""),
        (
            ["export", "--daily", "--from", "last sunday", "--to", "2026-11-20T23:59"],
            "2026-11-16,4",
            "painlog: exported 2 days (2026-11-15 to 2026-11-20) to standard output\n",
        ),
        (
            ["export", "--from", "monday"],
            "week_start",
            "painlog: exported 1 week (2026-11-16 to 2026-11-21) to standard output\n",
        ),
        (["profile", "--onset", "3 weeks ago"], "Pain started: 2026-10-31", ""),
        (["profile", "--onset", "2026/10/01"], "Pain started: 2026-10-01", ""),
    ],
)
def test_every_command_says_the_date_it_used(cli_main, two_days, args, stdout_has, stderr):
    result = cli_main("--db", two_days, *args)
    assert result.returncode == 0, result.stderr
    assert stdout_has in result.stdout
    assert result.stderr == stderr
    if "--json" in args:
        assert json.loads(result.stdout) == []  # the echo never gets into the JSON


def test_export_to_a_file_says_the_range(cli_main, two_days, tmp_path):
    target = tmp_path / "out.csv"
    result = cli_main("--db", two_days, "export", "--daily", "--from", "2026/11/01", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 2 days (2026-11-01 to 2026-11-20) to ")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["log", "4", "--date", "3/11/2026"], "date"),
        (["show", "--date", "11/3/2026"], "date"),
        (["alerts", "--as-of", "3.11.2026"], "as-of"),
        (["chart", "--as-of", "3-11-2026"], "as-of"),
        (["export", "--from", "3/11/2026"], "from"),
        (["export", "--to", "3/11/2026"], "to"),
        (["profile", "--onset", "3/11/2026"], "onset"),
    ],
)
def test_every_command_refuses_an_ambiguous_date_naming_both_readings(
    cli_main, two_days, args, field
):
    before = two_days.read_bytes()
    result = cli_main("--db", two_days, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"painlog: {field}: '")
    assert "this could be 11 March or 3 November (write 2026-03-11 or 2026-11-03)" in line
    assert "an ISO date, year first" in line  # the accepted forms
    assert two_days.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (["show", "yesterday"], "Fri 20 Nov 2026"),
        (["show", "last", "monday"], "Mon 16 Nov 2026"),
        (["show", "3", "days", "ago"], "Wed 18 Nov 2026"),
        (["show", "2026/11/20"], "Fri 20 Nov 2026"),
        (["show", "3rd", "of", "November"], "Tue 3 Nov 2026"),
    ],
)
def test_show_takes_the_day_as_words_too(cli_main, two_days, args, heading):
    result = cli_main("--db", two_days, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(heading)


@pytest.mark.parametrize(
    ("args", "value"),
    [
        (["show", "yesterday", "--date", "monday"], "'yesterday and monday'"),
        (["show", ""], "''"),
        (["show", "the", "3rd"], "'the 3rd'"),
    ],
)
def test_show_refuses_two_days_or_none(cli_main, two_days, args, value):
    result = cli_main("--db", two_days, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"painlog: date: {value} is not accepted")
