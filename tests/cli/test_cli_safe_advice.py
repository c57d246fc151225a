"""Issue 16's situations through the command line, as a person would meet them: the history
imported from a daily CSV (`painlog import`), the days that matter logged with `painlog log`,
and what `painlog alerts --json --as-of` then says."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.store.csv_format import DAILY_COLUMNS, DAILY_COLUMNS_BEFORE_MEDICATIONS

TODAY = date(2026, 11, 21)  # a Saturday
ACTIVITY = re.compile(
    r"exercis|walk|stretch|\bmov(e|es|ing|ement)\b|programme|program\b|\bactiv(e|ity)\b",
    re.IGNORECASE,
)


def painlog(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAINLOG_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def ok(db: Path, *args: str) -> str:
    result = painlog(db, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def history(db: Path, days: dict[date, int], flags: dict[date, str] | None = None) -> None:
    """Import `days` (date -> pain, walking done each day) as a daily CSV."""
    flags = flags or {}
    path = db.with_suffix(".csv")
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(DAILY_COLUMNS)
        for day, pain in sorted(days.items()):
            sign = flags.get(day, "")
            row = [day.isoformat(), pain, "", "lower-back", "walking", "", "", sign, "no"]
            writer.writerow(row + [""] * 3)  # no note, check-ins or PEG answers
    ok(db, "import", str(path))


def alerts(db: Path, as_of: date = TODAY) -> list[dict]:
    return json.loads(ok(db, "alerts", "--json", "--as-of", as_of.isoformat()))


def by_kind(found: list[dict]) -> dict[str, dict]:
    return {alert["kind"]: alert for alert in found}


def spoken(alert: dict) -> str:
    """Everything an alert says."""
    words = [alert["message"], alert["reason"], alert["advice"] or "", alert["source"]]
    return " ".join([*words, *alert["suggestions"]])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "d.db"


def test_a_fall_at_85_unable_to_bear_weight_after_a_day_in_bed(db):
    ok(db, "profile", "--birth-year", "1941")
    ok(db, "log", "5", "--date", "yesterday", "--where", "hip-side:left", "--did", "walking")
    printed = ok(
        db,
        "log",
        "8",
        "--where",
        "hip-side:left",
        "--flag",
        "trauma,cannot-bear-weight",
        "--bed-rest",
    )
    assert "same_day" in printed and not ACTIVITY.search(printed)
    found = alerts(db)
    assert [alert["kind"] for alert in found] == ["same_day", "red_flag"]
    same_day = found[0]
    assert same_day["severity"] == "urgent"
    assert same_day["message"].startswith("Get seen by a doctor today")
    for alert in found:
        assert alert["advice"] is None and alert["suggestions"] == []
        assert not ACTIVITY.search(spoken(alert)), alert


def test_days_after_the_fall_still_no_activity_advice(db):
    fell = TODAY - timedelta(days=5)
    ok(db, "profile", "--birth-year", "1941")
    ok(db, "log", "5", "--date", (fell - timedelta(days=1)).isoformat(), "--did", "walking")
    ok(db, "log", "8", "--date", fell.isoformat(), "--flag", "trauma", "--bed-rest")
    for n in range(4, 0, -1):  # days without exercise, that would ask to keep moving
        ok(db, "log", "6", "--date", (TODAY - timedelta(days=n)).isoformat())
    assert [alert["kind"] for alert in alerts(db, fell)] == ["same_day", "red_flag"]
    found = alerts(db)
    assert [alert["kind"] for alert in found] == ["red_flag"]
    assert found[0]["message"].startswith("Book an appointment with a doctor")
    assert found[0]["advice"] is None and not ACTIVITY.search(spoken(found[0]))


def test_saddle_numbness_today_in_a_13_week_episode_that_is_worsening(db):
    history(db, {TODAY - timedelta(days=n): 4 if n > 6 else 7 for n in range(91, 0, -1)})
    ok(db, "log", "8", "--where", "lower-back", "--flag", "saddle-numbness")
    found = by_kind(alerts(db))
    assert {"emergency", "worsening", "duration"} <= set(found)
    assert "keep_moving" not in found
    assert found["emergency"]["message"].startswith("Get emergency care now")
    for alert in found.values():
        assert not ACTIVITY.search(spoken(alert)), alert
    # Two days before, the same diary was calm: the advice to keep active was there.
    before = by_kind(alerts(db, TODAY - timedelta(days=2)))
    assert "keep gently active" in before["worsening"]["message"]
    assert "exercise programme" in before["duration"]["message"]


def test_severe_pain_three_days_a_week_for_nine_weeks_with_foot_drop(db):
    start = TODAY - timedelta(weeks=9)
    logged = [start + timedelta(days=n) for n in range(9 * 7 + 1)]
    logged = [day for day in logged if day.weekday() in (0, 2, 4)]
    history(db, {day: 9 for day in logged}, {logged[0]: "foot-drop"})
    clinician = by_kind(alerts(db))["see_clinician"]
    assert "severe: mean 9.0 over your 4 latest logged days" in clinician["reason"]
    assert "it is severe" in clinician["message"]
    assert "Dragging toe or foot drop" in clinician["message"]


def test_too_few_days_logged_to_tell_is_said(db):
    # Once a week for eight weeks, severe, with foot drop: never 4 logged days in 14.
    logged = [TODAY - timedelta(weeks=n) for n in range(8, -1, -1)]
    history(db, {day: 9 for day in logged}, {logged[0]: "foot-drop"})
    assert "see_clinician" not in by_kind(alerts(db))
    text = ok(db, "alerts")
    assert "Note: Too few days logged to check whether your pain should be looked at" in text
    assert "fewer than 4 of the last 14 days logged" in " ".join(text.split())


def test_criterion_3_met_by_age_alone_names_the_age(db):
    ok(db, "profile", "--birth-year", "1960")
    history(db, {TODAY - timedelta(days=n): 5 for n in range(50, -1, -1)})
    message = by_kind(alerts(db))["see_clinician"]["message"]
    assert "you logged" not in message
    assert message.endswith("and your age (over 55) counts as a warning sign.")


def test_a_quarter_point_doubling_is_not_worsening(db):
    days = {TODAY - timedelta(days=13 - i): pain for i, pain in enumerate([1, 0, 0, 0])}
    days |= {TODAY - timedelta(days=6 - i): pain for i, pain in enumerate([1, 1, 0, 0])}
    history(db, days)
    assert "worsening" not in by_kind(alerts(db))


def test_after_its_day_the_emergency_asks_whether_you_have_been_assessed(db):
    from painlog.store.diary import Diary

    reported = TODAY - timedelta(days=2)
    ok(db, "log", "0", "--date", reported.isoformat(), "--flag", "urinary-retention")
    on_the_day = by_kind(alerts(db, reported))["emergency"]
    assert on_the_day["message"].startswith("Get emergency care now")
    with Diary.open(str(db)) as diary:
        diary.acknowledge("emergency", reported, on=reported)  # "I understand", that day
    asked = by_kind(alerts(db))["emergency"]
    assert asked["message"].startswith(f"Have you been assessed by a doctor since {reported}?")
    assert asked["reported"] == reported.isoformat()
    assert asked["acknowledged"] is False
    with Diary.open(str(db)) as diary:
        diary.acknowledge("emergency", reported, on=TODAY)  # "I have been assessed"
    answered = by_kind(alerts(db))["emergency"]
    assert answered["acknowledged"] is True  # still listed until it lapses
    assert "you said you have been assessed" in ok(db, "alerts")


# -- the cancer history in the profile ------------------------------------------------------


def test_the_profile_takes_the_cancer_history(db):
    assert "Had cancer:   yes" in ok(db, "profile", "--cancer-history", "yes")
    assert "Had cancer:   no" in ok(db, "profile", "--cancer-history", "NO")
    assert "Had cancer:   not given" in ok(db, "profile", "--cancer-history", "none")


@pytest.mark.parametrize("existing", [True, False])
def test_a_bad_cancer_history_is_refused_and_changes_nothing(db, existing):
    if existing:
        ok(db, "profile", "--birth-year", "1970", "--cancer-history", "no")
        before = sha(db)
    result = painlog(db, "profile", "--cancer-history", "maybe")
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "cancer-history" in line and "'maybe'" in line and "yes, no or none" in line
    if existing:
        assert sha(db) == before
        assert "Had cancer:   no" in ok(db, "profile")
    else:
        assert not db.exists()


def test_logging_cancer_history_as_a_sign_is_refused_and_says_where_it_went(db):
    ok(db, "log", "3")
    before = sha(db)
    result = painlog(db, "log", "4", "--flag", "fever,cancer-history")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "'cancer-history'" in line and "painlog profile --cancer-history yes" in line
    assert sha(db) == before


def test_an_old_daily_csv_with_cancer_history_sets_the_profile(db, tmp_path):
    path = tmp_path / "old.csv"
    # As painlog wrote it before schema 3 (and before the medications columns).
    path.write_text(
        ",".join(DAILY_COLUMNS_BEFORE_MEDICATIONS)
        + "\r\n2026-11-01,4,,,,cancer-history | fever,no,\r\n2026-11-02,3,,,,,no,\r\n",
        encoding="utf-8",
    )
    printed = ok(db, "import", str(path))
    assert "Imported 2 days" in printed and "your profile now says yes" in printed
    assert "Had cancer:   yes" in ok(db, "profile")
    shown = ok(db, "show", "--date", "2026-11-01")
    assert "Fever" in shown and "cancer" not in shown.lower()
