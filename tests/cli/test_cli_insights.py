"""`painlog insights`: the table, its JSON, the minimum-days edge and the refusals."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.rules.records import DayLog, ExerciseDone, Intake
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)


def make(path: Path, walking_days: int, other_days: int) -> Path:
    """Walking on the first `walking_days` days at pain 2-3, then `other_days` days at 5-6
    with ibuprofen, ending today."""
    total = walking_days + other_days
    first = TODAY - timedelta(days=total - 1)
    logs = [
        DayLog(first + timedelta(days=i), 2 + i % 2, exercises=(ExerciseDone("walking"),))
        for i in range(walking_days)
    ]
    logs += [
        DayLog(first + timedelta(days=walking_days + i), 5 + i % 2, took=(Intake("ibuprofen"),))
        for i in range(other_days)
    ]
    with Diary.open(str(path)) as diary:
        diary.add_medication("Ibuprofen")
        diary.insert_days(logs)
    return path


def test_the_table_names_each_factor_with_its_numbers(run_cli, tmp_path):
    db = make(tmp_path / "d.db", 10, 10)
    result = run_cli("--db", db, "insights")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "The 12 weeks from Sun 30 Aug 2026 to Sat 21 Nov 2026: 20 days logged."
    table = lines[lines.index(next(x for x in lines if x.startswith("factor"))) :]
    assert " ".join(table[1].split()) == (
        "Any exercise 2.5 (10) 5.5 (10) -3.0 (-3.5 to -2.5) -2.8 (-3.5 to -2.0)"
    )
    assert table[2].startswith("Ibuprofen")
    assert "+3.0" in table[2]
    assert table[3].startswith("Walking")
    assert "does not show one caused the other" in result.stdout
    assert max(len(line) for line in lines) <= 80


@pytest.mark.parametrize(("walking", "shown"), [(4, False), (5, True)])
def test_a_factor_needs_five_days_with_it(run_cli, tmp_path, walking, shown):
    db = make(tmp_path / "d.db", walking, 10)
    result = run_cli("--db", db, "insights", "--json")
    found = json.loads(result.stdout)
    factors = [x["factor"] for x in found["insights"]]
    assert ("exercise:walking" in factors) is shown
    assert ("Walking" in found["too_few"]) is not shown


def test_json_holds_the_numbers(run_cli, tmp_path):
    db = make(tmp_path / "d.db", 10, 10)
    found = json.loads(run_cli("--db", db, "insights", "--json", "--weeks", "3").stdout)
    assert (found["from"], found["to"], found["logged_days"]) == ("2026-11-01", "2026-11-21", 20)
    assert (found["minimum_days"], found["confidence"]) == (5, 0.95)
    walking = next(x for x in found["insights"] if x["factor"] == "exercise:walking")
    assert walking["name"] == "Walking"
    assert walking["same_day"] == {
        "with_days": 10,
        "with_mean": 2.5,
        "without_days": 10,
        "without_mean": 5.5,
        "difference": -3.0,
        "interval": [pytest.approx(-3.5, abs=0.2), pytest.approx(-2.5, abs=0.2)],
    }


def test_an_empty_diary_says_there_is_nothing_to_compare_yet(run_cli, tmp_path):
    db = tmp_path / "d.db"
    with Diary.open(str(db)):
        pass
    result = run_cli("--db", db, "insights")
    assert result.returncode == 0
    assert "No factor has 5 logged days with it and 5 without in this range yet." in result.stdout


@pytest.mark.parametrize("weeks", ["0", "521", "-1", "two", "1.5", ""])
def test_weeks_outside_1_to_520_are_refused_and_nothing_changes(run_cli, tmp_path, weeks):
    db = make(tmp_path / "d.db", 10, 10)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run_cli("--db", db, "insights", "--weeks", weeks)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"painlog: weeks: '{weeks}' is not accepted; expected a whole number from 1 to 520\n"
    )
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_missing_diary_is_refused_and_not_created(run_cli, tmp_path):
    result = run_cli("--db", tmp_path / "none.db", "insights")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "none.db").exists()
