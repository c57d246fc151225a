"""Snapshots of the Trends screen on the demo diary (seed 1): 60x20 (bar forms, charts
scrolling), 80x24, the smallest size every screen must work at, and 120x40 (line charts);
the demo diary with PEG answers in 8 of its last 12 weeks; an empty diary, and History at
80x24."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle as _settled

from painlog.rules.records import PegAnswer
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def demo_db(tmp_path) -> str:
    path = str(tmp_path / "demo.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 16, 1, TODAY)
    return path


# Weeks back from this one (16 Nov), and the PEG answers given in them: 8 of the 12.
PEG_ANSWERS = {
    0: (3, 3, 2),
    1: (4, 5, 4),
    2: (6, 7, 7),
    3: (7, 8, 8),
    5: (4, 4, 3),
    6: (4, 5, 5),
    9: (5, 6, 6),
    11: (6, 6, 7),
}


@pytest.fixture
def peg_db(demo_db) -> str:
    with Diary.open(demo_db) as diary:
        for answer in diary.peg_answers():  # the demo's own, replaced by these
            diary.forget_peg(answer.day)
        for back, answers in PEG_ANSWERS.items():
            diary.answer_peg(PegAnswer(TODAY - timedelta(weeks=back), *answers), TODAY)
    return demo_db


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)

    return run_before


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
def test_trends_this_week(snap_compare, demo_db, size):
    app = PainlogApp(db=demo_db, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_after("f4"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_trends_the_week_of_the_fall(snap_compare, demo_db, size):
    """Three weeks back: the bad patch, bed rest, the warning sign, worst pain drawn."""
    app = PainlogApp(db=demo_db, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_after("f4", "left", "left", "left"))


def test_trends_insights_on_the_demo_diary(snap_compare, demo_db):
    """`i`: what went with lower or higher pain, in place of the charts."""
    app = PainlogApp(db=demo_db, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_after("f4", "i"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_trends_with_peg_answers(snap_compare, peg_db, size):
    """The PEG's line above the charts, and its scores beside the weekly pain: printed on
    the bars at 80x24, marked on the line chart at 120x40."""
    app = PainlogApp(db=peg_db, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_after("f4"))


def test_trends_on_an_empty_diary(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "empty.db"), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_after("f4"))


def test_history_on_the_demo_diary(snap_compare, demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_after("f3", "down", "down"))
