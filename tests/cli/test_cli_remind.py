"""`painlog remind`: its exit codes on a fresh, a logged and an unlogged day, the golden
text of each `--setup`, the shell lines it sets up, and its refusals."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from painlog.cli.remind import notify_script, reminder_line, setup_text
from painlog.rules.records import DayLog, PegAnswer
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
GOLDEN = Path(__file__).parent / "golden"
PAINLOG = ["/opt/painlog/bin/painlog", "--db", "/home/ana/painlog.db"]
NOT_LOGGED = "painlog: today, Sat 21 Nov, is not logged yet (open painlog, or: painlog log PAIN)\n"


def make(path: Path, *days: date) -> Path:
    with Diary.open(str(path)) as diary:
        diary.insert_days([DayLog(day, 3) for day in days])
    return path


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_fresh_diary_is_reminded_and_not_created(run_cli, tmp_path):
    result = run_cli("--db", tmp_path / "none.db", "remind")
    assert (result.returncode, result.stdout, result.stderr) == (1, NOT_LOGGED, "")
    assert not (tmp_path / "none.db").exists()


def test_a_logged_day_prints_nothing_and_exits_0(run_cli, tmp_path):
    db = make(tmp_path / "d.db", TODAY)
    before = fingerprint(db)
    result = run_cli("--db", db, "remind")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert fingerprint(db) == before


def test_an_unlogged_day_says_so_and_exits_1(run_cli, tmp_path):
    db = make(tmp_path / "d.db", TODAY - timedelta(days=1))
    result = run_cli("--db", db, "remind")
    assert (result.returncode, result.stdout, result.stderr) == (1, NOT_LOGGED, "")


def test_a_damaged_diary_is_one_line_and_exit_2(run_cli, tmp_path):
    db = tmp_path / "d.db"
    db.write_bytes(b"not a database" * 100)
    result = run_cli("--db", db, "remind")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("target", ["systemd", "cron", "launchd"])
def test_each_setup_matches_its_golden_text(target):
    expected = (GOLDEN / f"remind-{target}.txt").read_text(encoding="utf-8")
    assert setup_text(target, time(20, 0), PAINLOG) == expected


def test_setup_names_this_painlog_and_the_diary_and_installs_nothing(run_cli, tmp_path):
    db = tmp_path / "d.db"
    result = run_cli("--db", db, "remind", "--setup", "cron", "--at", "21:30")
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[-1]
    assert line.startswith("30 21 * * * ")
    assert f"--db {db} remind" in line
    assert not db.exists()


@pytest.mark.parametrize(
    ("args", "field", "accepted"),
    [
        (["--setup", "tcsh"], "setup", "one of systemd, cron, launchd"),
        (["--setup", ""], "setup", "one of systemd, cron, launchd"),
        (["--setup", "cron", "--at", "25:00"], "at", "a time of day as HH:MM, from 00:00 to 23:59"),
        (["--setup", "cron", "--at", "8pm"], "at", "a time of day as HH:MM, from 00:00 to 23:59"),
        (["--at", "20:00"], "at", "together with --setup (the time a set-up reminder runs)"),
    ],
)
def test_refusals_are_one_line_with_exit_2(run_cli, tmp_path, args, field, accepted):
    db = make(tmp_path / "d.db", TODAY)
    before = fingerprint(db)
    result = run_cli("--db", db, "remind", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    value = args[args.index(f"--{field}") + 1]
    assert result.stderr == f"painlog: {field}: '{value}' is not accepted; expected {accepted}\n"
    assert fingerprint(db) == before


# -- the shell lines a scheduler runs ------------------------------------------------------


def _fake_painlog(folder: Path, exit_code: int) -> Path:
    """A stand-in for painlog that prints the reminder and exits `exit_code`."""
    fake = folder / "painlog"
    fake.write_text(f"#!/bin/sh\necho '{reminder_line(TODAY)}'\nexit {exit_code}\n")
    fake.chmod(0o700)
    return fake


def _run_script(
    tmp_path: Path, exit_code: int, notifier: str | None
) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Only what the script needs: sh's own commands, id, printf; a notifier when asked.
    for tool in ("sh", "id", "printf", "cat"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    if notifier:
        (bin_dir / notifier).write_text(f'#!/bin/sh\nprintf "{notifier}:%s|" "$@"\n')
        (bin_dir / notifier).chmod(0o700)
    script = notify_script([str(_fake_painlog(tmp_path, exit_code))])
    return subprocess.run(
        [shutil.which("sh"), "-c", script],
        capture_output=True,
        text=True,
        env={"PATH": str(bin_dir), "HOME": os.environ.get("HOME", "/")},
        timeout=30,
    )


def test_the_script_is_silent_when_today_is_logged(tmp_path):
    result = _run_script(tmp_path, 0, "notify-send")
    assert (result.returncode, result.stdout) == (0, "")


def test_the_script_notifies_with_notify_send(tmp_path):
    result = _run_script(tmp_path, 1, "notify-send")
    assert result.stdout == f"notify-send:painlog|notify-send:{reminder_line(TODAY)}|"


def test_the_script_notifies_with_osascript(tmp_path):
    result = _run_script(tmp_path, 1, "osascript")
    assert result.stdout.endswith(f"osascript:{reminder_line(TODAY)}|")
    assert "display notification (item 1 of argv)" in result.stdout


def test_without_a_notifier_the_script_writes_the_line(tmp_path):
    result = _run_script(tmp_path, 1, None)
    assert result.stdout == reminder_line(TODAY) + "\n"


def test_the_launchd_agent_is_a_valid_plist_running_the_script():
    import plistlib

    agent = plistlib.loads(setup_text("launchd", time(7, 5), PAINLOG).encode("utf-8"))
    assert agent["Label"] == "painlog.remind"
    assert agent["ProgramArguments"] == ["/bin/sh", "-c", notify_script(PAINLOG)]
    assert agent["StartCalendarInterval"] == {"Hour": 7, "Minute": 5}


# -- the week's PEG, asked for on the week's last day -----------------------------------

SUNDAY = TODAY + timedelta(days=1)  # the last day of a Monday-first week
PEG_MISSING = (
    "painlog: this week's PEG (three questions about the week) is not answered yet "
    "(open painlog, or: painlog peg PAIN ENJOYMENT ACTIVITY)\n"
)


def test_the_last_day_of_the_week_asks_for_the_peg_once(run_cli, tmp_path):
    db = make(tmp_path / "d.db", TODAY, SUNDAY)
    on_sunday = {"PAINLOG_TODAY": SUNDAY.isoformat()}
    result = run_cli("--db", db, "remind", env=on_sunday)
    assert (result.returncode, result.stdout) == (1, PEG_MISSING)
    # Not on the day before: a daily timer asks once a week.
    assert run_cli("--db", db, "remind").returncode == 0
    with Diary.open(str(db)) as diary:
        diary.answer_peg(PegAnswer(TODAY - timedelta(days=3), 4, 5, 6), TODAY)
    result = run_cli("--db", db, "remind", env=on_sunday)
    assert (result.returncode, result.stdout) == (0, "")


def test_an_unlogged_last_day_says_both(run_cli, tmp_path):
    db = make(tmp_path / "d.db", TODAY)
    result = run_cli("--db", db, "remind", env={"PAINLOG_TODAY": SUNDAY.isoformat()})
    assert result.returncode == 1
    assert result.stdout.splitlines()[1] + "\n" == PEG_MISSING
    assert result.stdout.startswith("painlog: today, Sun 22 Nov, is not logged yet")


def test_a_skipped_week_and_the_first_weekday_are_respected(run_cli, tmp_path):
    db = make(tmp_path / "d.db", TODAY, SUNDAY)
    with Diary.open(str(db)) as diary:
        diary.set_setting("peg_skipped_week", "2026-11-16")
    assert run_cli("--db", db, "remind", env={"PAINLOG_TODAY": SUNDAY.isoformat()}).returncode == 0
    with Diary.open(str(db)) as diary:
        diary.set_setting("week_start", "sunday")  # Sunday 15 to Saturday 21
    result = run_cli("--db", db, "remind")
    assert (result.returncode, result.stdout) == (1, PEG_MISSING)
