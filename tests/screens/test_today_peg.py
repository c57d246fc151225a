"""Pilot tests of the weekly check (PEG) on Today: real key presses, checked against what
the diary stores.

Today is Thursday 3 Dec 2026; with the first weekday Monday (the default) its week starts
on Monday 30 Nov.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.peg import PEG_SKIPPED_SETTING
from painlog.rules.records import PegAnswer
from painlog.screens.peg_form import PegForm
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.pain_scale import PainScale
from painlog.screens.widgets.peg_offer import PegOffer
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 12, 3)
WEEK_START = date(2026, 11, 30)
NEXT_MONDAY = date(2026, 12, 7)


@pytest.fixture
def db_file(tmp_path):
    return str(tmp_path / "diary.db")


def answers(db_file: str) -> list[PegAnswer]:
    with Diary.open(db_file) as diary:
        return diary.peg_answers()


def skipped(db_file: str) -> str | None:
    with Diary.open(db_file) as diary:
        return diary.setting(PEG_SKIPPED_SETTING)


def _today(app) -> TodayScreen:
    screen = app.today_screen
    assert screen is not None
    return screen


def offer(app) -> PegOffer:
    return _today(app).query_one(PegOffer)


def status(app) -> str:
    return str(_today(app).query_one("#status", Static).render())


async def test_a_fresh_week_offers_the_check_under_the_header(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = offer(app)
        assert line.display and line.offered
        shown = str(line.render())
        assert shown.startswith("Weekly check") and "ctrl+g answer" in shown
        assert "ctrl+l not this week" in shown
        # Directly under the header: the banner above it takes no line without an alert.
        assert line.region.y == 1


async def test_answering_stores_the_answers_and_the_offer_goes(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PegForm)
        await pilot.press("5", "tab", "6", "tab", "4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not offer(app).display
        assert status(app) == "PEG for the week of Mon 30 Nov saved: score 5.0"
        # Another day and back: the offer stays gone.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert not offer(app).display
    assert answers(db_file) == [PegAnswer(TODAY, 5, 6, 4)]


async def test_answering_again_opens_with_the_answers_and_replaces_them(db_file):
    with Diary.open(db_file) as diary:
        diary.answer_peg(PegAnswer(WEEK_START, 5, 6, 4), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not offer(app).display
        await pilot.press("ctrl+g")
        await pilot.pause()
        held = [scale.value for scale in app.screen.query(PainScale)]
        assert held == [5, 6, 4]
        await pilot.press("1", "0", "enter")
        await settle(pilot)
        assert status(app) == "PEG for the week of Mon 30 Nov updated: score 6.7"
    assert answers(db_file) == [PegAnswer(TODAY, 10, 6, 4)]


async def test_a_missing_answer_is_refused_naming_the_question_with_focus_on_it(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("5", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PegForm)
        message = str(form.query_one("#peg-message", Static).render())
        assert message == "Not saved: question 2 has no answer yet (0 to 10)"
        assert app.focused is form.query_one("#peg-enjoyment")
        await pilot.press("escape")
        await settle(pilot)
        assert offer(app).display  # closed without saving: still offered
    assert answers(db_file) == []


async def test_not_this_week_stores_the_skip_until_the_next_week(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not offer(app).display
        assert status(app) == "Weekly check skipped until next week; ctrl+g answers it"
    assert skipped(db_file) == WEEK_START.isoformat()
    assert answers(db_file) == []
    for today, shown in ((date(2026, 12, 6), False), (NEXT_MONDAY, True)):
        app = PainlogApp(db=db_file, today=today)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert offer(app).display is shown, today


async def test_a_past_day_shows_no_offer_and_takes_no_skip(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert not offer(app).display
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert skipped(db_file) is None
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert offer(app).display


async def test_a_past_day_still_answers_this_weeks_check(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("3", "tab", "2", "tab", "2", "enter")
        await settle(pilot)
        assert status(app) == "PEG for the week of Mon 30 Nov saved: score 2.3"
    assert answers(db_file) == [PegAnswer(TODAY, 3, 2, 2)]


async def test_answering_keeps_a_day_being_typed(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "ctrl+g")
        await pilot.pause()
        await pilot.press("5", "tab", "6", "tab", "4", "enter")
        await settle(pilot)
        today = _today(app)
        assert today.query_one("#pain", PainScale).value == 4
        assert today.has_unsaved_changes


async def test_the_palette_opens_the_weekly_check_by_name(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"weekly check", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PegForm)
        await pilot.press("2", "tab", "3", "tab", "4", "enter")
        await settle(pilot)
    assert answers(db_file) == [PegAnswer(TODAY, 2, 3, 4)]
