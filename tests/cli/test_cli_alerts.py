"""`painlog alerts` and the alerts `painlog log` prints, as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from painlog.rules.records import DayLog, Place
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
KEYS = {"kind", "severity", "since", "message", "reason", "source", "acknowledged"}


def painlog(db, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAINLOG_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "painlog.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def worsening_db(tmp_path):
    db = tmp_path / "d.db"
    with Diary.open(str(db)) as diary:
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=n), 3 if n >= 7 else 6, places=(Place("knee"),))
                for n in range(1, 14)
            ]
        )
    return db


def test_alerts_json_lists_every_field(worsening_db):
    result = painlog(worsening_db, "alerts", "--json")
    assert result.returncode == 0, result.stderr
    alerts = json.loads(result.stdout)
    assert alerts[0]["kind"] == "worsening"
    for alert in alerts:
        assert set(alert) >= KEYS
        assert alert["severity"] in {"emergency", "urgent", "warning", "info"}
        date.fromisoformat(alert["since"])
        assert alert["acknowledged"] is False


def test_as_of_uses_only_logs_up_to_that_day(worsening_db):
    # A week earlier only the 3/10 week existed: nothing had got worse yet.
    result = painlog(worsening_db, "alerts", "--json", "--as-of", "2026-11-14")
    kinds = [a["kind"] for a in json.loads(result.stdout)]
    assert "worsening" not in kinds


def test_acknowledged_alerts_stay_listed(worsening_db):
    before = json.loads(painlog(worsening_db, "alerts", "--json").stdout)
    since = next(a["since"] for a in before if a["kind"] == "worsening")
    with Diary.open(str(worsening_db)) as diary:
        diary.acknowledge("worsening", date.fromisoformat(since))
    alerts = json.loads(painlog(worsening_db, "alerts", "--json").stdout)
    worsening = next(a for a in alerts if a["kind"] == "worsening")
    assert worsening["since"] == since
    assert worsening["acknowledged"] is True


def test_text_output_names_the_source_and_the_numbers(worsening_db):
    out = painlog(worsening_db, "alerts").stdout
    assert "WARNING (worsening" in out
    assert "Source:" in out
    assert "6.0" in out


def test_empty_diary_has_no_alerts(tmp_path):
    db = tmp_path / "d.db"
    Diary.open(str(db)).close()
    result = painlog(db, "alerts", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_alerts_where_no_diary_is_says_so_and_creates_nothing(tmp_path):
    result = painlog(tmp_path / "new" / "d.db", "alerts")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("painlog: there is no diary at ")
    assert list(tmp_path.iterdir()) == []


def test_log_prints_the_emergency_it_raised_even_at_pain_zero(tmp_path):
    result = painlog(tmp_path / "d.db", "log", "0", "--flag", "saddle-numbness")
    assert result.returncode == 0, result.stderr
    assert "EMERGENCY" in result.stdout
    assert "walk" not in result.stdout.lower()


def test_log_prints_nothing_more_for_an_alert_already_active(worsening_db):
    result = painlog(worsening_db, "log", "6")
    assert result.returncode == 0
    assert "worsening" not in result.stdout


@pytest.mark.parametrize("as_of", ["tomorrow", "31 Feb", "soon"])
def test_bad_as_of_is_refused(worsening_db, as_of):
    result = painlog(worsening_db, "alerts", "--as-of", as_of)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert as_of in result.stderr


def test_profile_says_once_that_age_counts(tmp_path):
    out = painlog(tmp_path / "d.db", "profile", "--birth-year", "1960").stdout
    assert "over 55" in out
