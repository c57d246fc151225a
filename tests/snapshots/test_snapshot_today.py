"""Snapshots of the Today screen at 80x24, the size every screen must work at, and at
60x20, the smallest it is used at."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from pilot_helpers import settle as _settled

from painlog.rules.records import DayLog, ExerciseDone, Intake, Place
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_today_screen_with_a_saved_day(snap_compare, tmp_path, size):
    db = tmp_path / "diary.db"
    with Diary.open(str(db)) as diary:
        diary.add_medication("Ibuprofen")
        diary.save_day(
            DayLog(
                TODAY,
                5,
                worst=7,
                places=(Place("lower-back", "left", "ache"), Place("hip-side", "right")),
                exercises=(
                    ExerciseDone("walking", minutes=30),
                    ExerciseDone("glute-bridge", 3, 10),
                ),
                note="Long drive; stiff after.",
                took=(Intake("ibuprofen", "400mg", time(8, 0)),),
                treated=("heat",),
            ),
            TODAY,
        )
    app = PainlogApp(db=str(db), today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_settled)


def test_today_screen_while_picking_a_place(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=TODAY)

    async def pick(pilot) -> None:
        await _settled(pilot)
        await pilot.press("3", "tab", *"hip right sharp")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=pick)


def test_a_save_over_a_day_changed_elsewhere_asks_whose_stays(snap_compare, tmp_path):
    db = str(tmp_path / "diary.db")
    with Diary.open(db) as diary:
        diary.save_day(DayLog(TODAY, 4, places=(Place("knee", "left"),)), TODAY)
    app = PainlogApp(db=db, today=TODAY)

    async def conflict(pilot) -> None:
        await _settled(pilot)
        with Diary.open(db) as other:
            other.save_day(DayLog(TODAY, 7, flags=("fever",), note="from the shell"), TODAY)
        await pilot.press("5", "ctrl+s")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=conflict)


def _three_checkins(db: str) -> None:
    """A day logged by three check-ins and a walk: its pain is their mean, its worst the
    highest."""
    from painlog.rules.checkins import with_checkin
    from painlog.rules.records import CheckIn

    log = None
    for checkin in (
        CheckIn(time(8, 10), 3, (Place("lower-back", "left"),), "stiff in the morning"),
        CheckIn(time(12, 30), 4, (Place("hip-side", "right", "sharp"),)),
        CheckIn(time(19, 5), 2, note="better after the walk; the heat pad helped a lot"),
    ):
        log = with_checkin(log, TODAY, checkin)
    with Diary.open(db) as diary:
        diary.save_day(replace(log, exercises=(ExerciseDone("walking", minutes=20),)), TODAY)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_today_with_three_checkins(snap_compare, tmp_path, size):
    db = str(tmp_path / "diary.db")
    _three_checkins(db)
    app = PainlogApp(db=db, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_settled)


def test_the_checkin_dialog(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setattr("painlog.screens.checkin_form.clock_minute", lambda: time(14, 5))
    db = str(tmp_path / "diary.db")
    _three_checkins(db)
    app = PainlogApp(db=db, today=TODAY)

    async def add(pilot) -> None:
        await _settled(pilot)
        await pilot.press("ctrl+n", "5", "tab", *"low left", "enter")
        await pilot.press("enter", *"after sitting at the desk")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=add)
