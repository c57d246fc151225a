"""`painlog log PAIN --at HH:MM` (check-ins within a day) and `painlog peg` (the weekly PEG),
as a person runs them; every refusal leaves the diary's folder byte for byte as it was."""

from __future__ import annotations

import hashlib
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from cli_results import ok, refused

from painlog.rules.records import CheckIn, PegAnswer, Place
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)  # a Saturday; the conftest pins it as the CLI's today
MONDAY = date(2026, 11, 16)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(item.relative_to(folder)): hashlib.sha256(item.read_bytes()).hexdigest()
        for item in sorted(folder.rglob("*"))
        if item.is_file()
    }


def stored(path: Path, day: date):
    with Diary.open(str(path), read_only=True) as diary:
        return diary.load_day(day)


# -- check-ins ---------------------------------------------------------------------------


def test_a_bad_afternoon_is_added_without_losing_the_morning(run_cli, tmp_path):
    db = tmp_path / "d.db"
    out = ok(run_cli("--db", db, "log", "3", "--at", "8:05", "--date", "yesterday"))
    assert out == (
        "Added a check-in to Fri 20 Nov 2026: 08:05  pain 3.\n"
        "The day's pain: 3/10 (mild), worst 3, both from 1 check-in.\n"
    )
    out = ok(
        run_cli(
            "--db", db, "log", "8", "--at", "15:30", "--date", "yesterday",
            "--where", "outer hip right", "--note", "after the stairs",
        )
    )  # fmt: skip
    assert out == (
        "Added a check-in to Fri 20 Nov 2026: 15:30  pain 8  Outer hip (right) · "
        "after the stairs.\n"
        # (3 + 8) / 2 = 5.5, rounded half up
        "The day's pain: 6/10 (moderate), worst 8, both from 2 check-ins.\n"
    )
    log = stored(db, TODAY - timedelta(days=1))
    assert log.checkins == (
        CheckIn(time(8, 5), 3),
        CheckIn(time(15, 30), 8, (Place("hip-side", "right"),), "after the stairs"),
    )
    assert (log.pain, log.worst, log.pain_from_checkins, log.worst_from_checkins) == (
        6,
        8,
        True,
        True,
    )
    assert log.places == (Place("hip-side", "right"),)
    shown = ok(run_cli("--db", db, "show", "yesterday"))
    assert "Outer hip (right)" in shown


def test_a_check_in_at_the_same_minute_replaces_the_one_there(run_cli, tmp_path):
    db = tmp_path / "d.db"
    ok(run_cli("--db", db, "log", "3", "--at", "08:00"))
    out = ok(run_cli("--db", db, "log", "5", "--at", "8:00", "--note", "stiff"))
    assert out.startswith("Replaced the 08:00 check-in of Sat 21 Nov 2026: 08:00  pain 5 · stiff.")
    assert stored(db, TODAY).checkins == (CheckIn(time(8), 5, (), "stiff"),)


def test_the_pain_set_for_the_day_stays_whatever_the_check_ins(run_cli, tmp_path):
    db = tmp_path / "d.db"
    ok(run_cli("--db", db, "log", "4", "--worst", "5"))
    out = ok(run_cli("--db", db, "log", "9", "--at", "18:00"))
    assert "The day's pain: 4/10 (moderate), worst 5.\n" in out
    log = stored(db, TODAY)
    assert (log.pain, log.worst, log.pain_from_checkins) == (4, 5, False)


def test_logging_the_day_s_pain_takes_it_over_from_the_check_ins(run_cli, tmp_path):
    db = tmp_path / "d.db"
    ok(run_cli("--db", db, "log", "2", "--at", "07:00"))
    ok(run_cli("--db", db, "log", "4", "--at", "20:00"))
    out = ok(run_cli("--db", db, "log", "3"))
    # The same value as the check-ins give, but now the person's own.
    assert "Changed: pain 3 set for the day (was from its check-ins)." in out
    ok(run_cli("--db", db, "log", "9", "--at", "21:00"))
    log = stored(db, TODAY)
    assert (log.pain, log.pain_from_checkins) == (3, False)
    assert (log.worst, log.worst_from_checkins) == (9, True)  # the worst still follows


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["5", "--at", "25:00"], "painlog: at: '25:00' is not accepted; expected a time of day"),
        (["5", "--at", "8h"], "painlog: at: '8h' is not accepted"),
        (["5", "--at", "08:00:30"], "painlog: at: '08:00:30' is not accepted"),
        (["11", "--at", "08:00"], "painlog: pain: '11' is not accepted"),
        (["5", "--at", "08:00", "--date", "tomorrow"], "painlog: date: '2026-11-22' is not"),
        (["5", "--at", "08:00", "--where", "elbow"], "painlog: where: "),
        (["5", "--at", "08:00", "--did", "walking"], "painlog: at: '--at 08:00 with --did'"),
        (["5", "--at", "08:00", "--worst", "7"], "painlog: at: '--at 08:00 with --worst'"),
        (["5", "--at", "08:00", "--replace"], "painlog: at: '--at 08:00 with --replace'"),
    ],
)
def test_a_refused_check_in_changes_nothing(run_cli, diary_file, args, line):
    before = fingerprint(diary_file.parent)
    assert refused(run_cli("--db", diary_file, "log", *args)).startswith(line)
    assert fingerprint(diary_file.parent) == before


def test_a_refused_check_in_creates_no_diary(run_cli, tmp_path):
    refused(run_cli("--db", tmp_path / "new.db", "log", "5", "--at", "24:00"))
    assert list(tmp_path.iterdir()) == []


# -- the weekly PEG ----------------------------------------------------------------------


def test_the_week_s_answers_are_recorded_and_replaced(run_cli, tmp_path):
    db = tmp_path / "d.db"
    out = ok(run_cli("--db", db, "peg", "4", "6", "5"))
    assert out == ("Answered the week of Mon 16 Nov: pain 4, enjoyment 6, activity 5; score 5.0.\n")
    out = ok(run_cli("--db", db, "peg", "4", "6", "6", "--date", "monday"))
    assert out == (
        "Replaced the answers for the week of Mon 16 Nov: pain 4, enjoyment 6, activity 6; "
        "score 5.3.\n"
    )
    ok(run_cli("--db", db, "peg", "0", "0", "1", "--date", "2026-11-15"))
    with Diary.open(str(db), read_only=True) as diary:
        assert diary.peg_answers() == [
            PegAnswer(date(2026, 11, 15), 0, 0, 1),
            PegAnswer(MONDAY, 4, 6, 6),
        ]
    out = ok(run_cli("--db", db, "peg"))
    assert out.splitlines()[-2:] == [
        "Week of Mon 16 Nov: pain 4, enjoyment 6, activity 6; score 5.3",
        "Week of Mon 9 Nov: pain 0, enjoyment 0, activity 1; score 0.3",
    ]


def test_a_week_begins_as_settings_say(run_cli, tmp_path):
    db = tmp_path / "d.db"
    with Diary.open(str(db)) as diary:
        diary.set_setting("week_start", "sunday")
    out = ok(run_cli("--db", db, "peg", "2", "2", "2", "--date", "2026-11-15"))
    assert "the week of Sun 15 Nov" in out
    # Saturday 21 Nov is in the same Sunday-first week: a replacement.
    assert ok(run_cli("--db", db, "peg", "3", "3", "3")).startswith("Replaced")


def test_peg_without_answers_asks_and_creates_nothing(run_cli, tmp_path):
    out = ok(run_cli("--db", tmp_path / "new.db", "peg"))
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["pain", "enjoyment", "activity"]
    assert "Not answered yet for the week of Mon 16 Nov" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["4", "6"], "painlog: answers: '4 6' is not accepted; expected three whole numbers"),
        (["4", "6", "5", "1"], "painlog: answers: '4 6 5 1' is not accepted"),
        (["11", "6", "5"], "painlog: pain: '11' is not accepted; expected a whole number from 0"),
        (["4", "-1", "5"], "painlog: enjoyment: '-1' is not accepted"),
        (["4", "6", "4.5"], "painlog: activity: '4.5' is not accepted"),
        (["4", "6", "five"], "painlog: activity: 'five' is not accepted"),
        (["4", "6", "5", "--date", "tomorrow"], "painlog: date: '2026-11-22' is not accepted"),
    ],
)
def test_refused_answers_change_nothing(run_cli, diary_file, args, line):
    before = fingerprint(diary_file.parent)
    assert refused(run_cli("--db", diary_file, "peg", *args)).startswith(line)
    assert fingerprint(diary_file.parent) == before
