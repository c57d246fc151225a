"""Several programs on one diary at once: two `painlog log` processes, two writers hammering
the same days, the app open while the command line writes, and a lock held by someone else.
Nobody errors, every write lands whole, and the app shows the new logs once it reloads."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
import safety_writer
from pilot_helpers import settle
from safety_helpers import CRASH_WRITER, SAFETY_TODAY, integrity, table_rows

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.store.diary import Diary


def painlog_process(db, *args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "painlog.cli", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_cli_processes_started_together_all_land(small_diary, safety_env):
    env = {**os.environ, **safety_env}
    commands = [
        ("log", "3", "--note", "first process", "--where", "knee:left"),
        ("log", "7", "--note", "second process, same day"),
        ("log", "5", "--date", "yesterday", "--note", "third process"),
    ]
    processes = [painlog_process(small_diary, *command, env=env) for command in commands]
    results = [process.communicate(timeout=120) for process in processes]
    for process, (_out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err.decode()
    with Diary.open(str(small_diary)) as diary:
        today = diary.load_day(SAFETY_TODAY)
        assert diary.load_day(SAFETY_TODAY - timedelta(days=1)).note == "third process"
    # Two logs of one day: the later one's pain and note, and the place either gave.
    assert (today.pain, today.note, today.places) in {
        (3, "first process", (Place("knee", "left"),)),
        (7, "second process, same day", (Place("knee", "left"),)),
    }
    assert integrity(small_diary) == ["ok"]


def test_two_writers_on_the_same_days_never_fail_and_never_mix(tmp_path, safety_env):
    db = tmp_path / "diary" / "painlog.db"
    Diary.open(str(db)).close()
    env = {**os.environ, **safety_env}
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(CRASH_WRITER),
                str(db),
                str(tmp_path / f"done-{tag}"),
                tag,
                str(start),
                "80",
                "2",
                "--same-days",
                "5",  # odd: both writers write all five days
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for tag, start in (("A", 0), ("B", 1))
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    rows = table_rows(db)
    assert len(rows["day_log"]) == 5
    connection = sqlite3.connect(db)
    try:
        for note, pain, place in connection.execute(
            "SELECT d.note, d.pain, p.location || ':' || p.side || ':' || p.character "
            "FROM day_log d JOIN pain_place p ON p.log_id = d.id"
        ):
            tag, _, index = note.split(" ")[:3]
            want = safety_writer.expected(tag, int(index))
            assert (pain, place) == (want["pain"], ":".join(want["place"])), note
    finally:
        connection.close()
    assert integrity(db) == ["ok"]


async def test_the_app_and_the_cli_write_at_once_and_the_app_sees_the_cli(
    small_diary, safety_env, run_main
):
    from textual.widgets import Static, TextArea

    from painlog.screens.widgets.pain_scale import PainScale
    from painlog.tui.app import PainlogApp

    env = {**os.environ, **safety_env}
    # The command line writes 15 earlier days while the person saves today, again and again.
    writer = subprocess.Popen(
        [
            sys.executable,
            str(CRASH_WRITER),
            str(small_diary),
            str(small_diary.parent.parent / "done"),
            "A",
            "10",
            "25",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    app = PainlogApp(db=str(small_diary), today=SAFETY_TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for pain in "36":
            await pilot.press(pain, "ctrl+s")
            await settle(pilot)
            status = str(app.screen.query_one("#status", Static).render())
            assert status.startswith("Saved"), status
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
        # A log the command line wrote meanwhile shows once the app moves to that day ...
        await pilot.press(*["left_square_bracket"] * 10)
        await settle(pilot)
        assert app.screen.day == SAFETY_TODAY - timedelta(days=10)
        shown = app.screen.form_log()
        assert shown.note == safety_writer.note_of("A", 10)
        # ... and a new log for the day on screen shows when the day is reloaded.
        result = run_main("--db", small_diary, "log", "9", "--date", "10 days ago", "--note", "cli")
        assert result.code == 0, result.err
        await pilot.press("right_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value == 9
        assert app.screen.query_one("#note", TextArea).text == "cli"
    assert app.return_code in (None, 0)
    with Diary.open(str(small_diary)) as diary:
        assert diary.load_day(SAFETY_TODAY).pain == 6
        assert diary.count_days() == 7 + 15 + 1


def hold_write_lock(
    path, seconds: float, held: threading.Event, release: threading.Event | None = None
) -> None:
    """Another program's write transaction: held `seconds`, or until `release` is set."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        held.since = time.monotonic()  # when the other program took the lock
        held.set()
        if release is None:
            time.sleep(seconds)
        else:
            release.wait(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


def test_a_write_waits_for_a_lock_held_briefly(small_diary, run_main):
    held = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_diary, 0.6, held))
    holder.start()
    held.wait(5)
    result = run_main("--db", small_diary, "log", "4", "--note", "waited")
    finished = time.monotonic()
    holder.join()
    assert result.code == 0, result.err
    assert finished - held.since >= 0.6  # it waited for the other program's commit
    with Diary.open(str(small_diary)) as diary:
        assert diary.load_day(SAFETY_TODAY).note == "waited"


def test_a_lock_held_past_the_busy_timeout_is_refused_in_one_line(
    small_diary, run_main, monkeypatch
):
    from painlog.store import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 150)
    before = table_rows(small_diary)
    held = threading.Event()
    release = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_diary, 30, held, release))
    holder.start()
    held.wait(5)
    result = run_main("--db", small_diary, "log", "4", "--note", "too late")
    release.set()
    holder.join()
    assert result.code == 2
    assert result.one_line_error, result.err
    assert "busy" in result.err and str(small_diary) in result.err
    assert table_rows(small_diary) == before


@pytest.mark.parametrize("readers", [3])
def test_readers_never_block_a_writer(small_diary, readers):
    """The app's screens read while a log is saved: in WAL mode neither waits on the other."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            with Diary.open(str(small_diary)) as diary:
                while not stop.is_set():
                    diary.days()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    try:
        with Diary.open(str(small_diary)) as diary:
            for offset in range(20, 60):
                diary.save_day(
                    DayLog(
                        SAFETY_TODAY - timedelta(days=offset),
                        offset % 11,
                        exercises=(ExerciseDone("walking", None, None, offset),),
                    ),
                    SAFETY_TODAY,
                )
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    with Diary.open(str(small_diary)) as diary:
        assert diary.count_days() == 7 + 40
