"""Snapshots of the weekly check (PEG): Today offering it, and its dialog, at 80x24 (the
dialog also at 60x20, the smallest size painlog is used at).

Today is Thursday 3 Dec 2026, in the week of Monday 30 Nov.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle as _settled

from painlog.rules.records import DayLog, PegAnswer, Place
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 12, 3)


def test_today_offering_the_weekly_check(snap_compare, tmp_path):
    db = str(tmp_path / "diary.db")
    with Diary.open(db) as diary:
        diary.save_day(DayLog(date(2026, 12, 2), 4, places=(Place("lower-back"),)), TODAY)
    app = PainlogApp(db=db, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_the_weekly_check_refusing_a_missing_answer(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=TODAY)

    async def refuse(pilot) -> None:
        await _settled(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("6", "enter")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=refuse)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_the_weekly_check_opened_with_this_weeks_answers(snap_compare, tmp_path, size):
    db = str(tmp_path / "diary.db")
    with Diary.open(db) as diary:
        diary.answer_peg(PegAnswer(date(2026, 11, 30), 5, 7, 10), TODAY)
    app = PainlogApp(db=db, today=TODAY)

    async def answer_again(pilot) -> None:
        await _settled(pilot)
        await pilot.press("ctrl+g")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=answer_again)
