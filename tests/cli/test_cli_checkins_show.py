"""`painlog show` with check-ins: each under the day's pain, one a line, and the pain line
saying which of pain and worst pain the check-ins give."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from painlog.rules.checkins import settled, with_checkin
from painlog.rules.records import CheckIn, DayLog, Place
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
MORNING = CheckIn(time(8, 10), 3, (Place("hip-side", "left"),), "stiff")
EVENING = CheckIn(time(18, 40), 6, (), "worse after\nthe long walk")


def by_checkins(day: date, *checkins: CheckIn) -> DayLog:
    """A day logged only through `checkins`, as the store keeps it."""
    log = None
    for checkin in checkins:
        log = with_checkin(log, day, checkin)
    return log


@pytest.fixture
def diary_path(tmp_path) -> Path:
    path = tmp_path / "checkins.db"
    only = by_checkins(TODAY, MORNING, EVENING)
    # The person set the day's pain later: only the worst still follows the check-ins.
    set_later = settled(
        replace(by_checkins(date(2026, 11, 20), MORNING, EVENING), pain=5, pain_from_checkins=False)
    )
    # Logged first, then a check-in added: the day keeps the person's own numbers.
    own = with_checkin(DayLog(date(2026, 11, 19), 2, worst=4), date(2026, 11, 19), MORNING)
    with Diary.open(str(path)) as diary:
        diary.insert_days([own, set_later, only])
    return path


def show(run_cli, path: Path, *args: str) -> list[str]:
    done = run_cli("show", "--db", path, *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


def test_a_day_logged_by_check_ins_lists_them_under_its_pain(run_cli, diary_path):
    assert show(run_cli, diary_path)[:4] == [
        "Sat 21 Nov 2026",
        # 3 and 6: a mean of 4.5, rounded up; the worst is the higher of the two.
        "  Pain:      5/10 (moderate), worst 6, both from 2 check-ins",
        "  Check-ins: 08:10  pain 3  Outer hip (left) · stiff",
        "             18:40  pain 6 · worse after ⏎ the long walk",
    ]
    assert show(run_cli, diary_path)[4] == "  Where:     Outer hip (left)"


def test_a_pain_set_by_the_person_is_theirs_and_the_worst_still_from_check_ins(run_cli, diary_path):
    lines = show(run_cli, diary_path, "yesterday")
    assert lines[1] == "  Pain:      5/10 (moderate), worst 6 from 2 check-ins"
    assert lines[2].startswith("  Check-ins: 08:10  pain 3")


def test_a_day_with_its_own_numbers_says_nothing_of_where_they_came_from(run_cli, diary_path):
    lines = show(run_cli, diary_path, "--date", "2026-11-19")
    assert lines[1:3] == [
        "  Pain:      2/10 (mild), worst 4",
        "  Check-ins: 08:10  pain 3  Outer hip (left) · stiff",
    ]


def test_a_check_in_note_is_shown_escaped(run_cli, tmp_path):
    path = tmp_path / "escape.db"
    note = CheckIn(time(7, 5), 2, (), "from an old diary \x1b]0;title\x07")
    with Diary.open(str(path)) as diary:
        diary.insert_days([by_checkins(TODAY, note)])
    lines = show(run_cli, path)
    assert lines[1] == "  Pain:      2/10 (mild), worst 2, both from 1 check-in"
    assert lines[2] == "  Check-ins: 07:05  pain 2 · from an old diary \\x1b]0;title\\x07"
    assert "\x1b" not in "\n".join(lines)
