"""Keys that arrive together (a fast typist, a paste, a terminal sending a burst) are taken
in the order they were typed: ctrl+s saves what was typed just before it, never the form
as it stood a key earlier."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual import events
from textual.widgets import TextArea

from painlog.rules.records import DayLog, Place
from painlog.screens.confirm import ConfirmScreen
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


async def burst(pilot, *keys: str) -> None:
    """Post `keys` to the app as its terminal driver does, all before any is handled,
    then let everything they set off finish."""
    for key in keys:
        character = key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
    await settle(pilot)


@pytest.fixture
def db_file(tmp_path) -> str:
    """A diary with today logged at pain 1."""
    path = str(tmp_path / "diary.db")
    with Diary.open(path) as diary:
        diary.save_day(DayLog(day=TODAY, pain=1), TODAY)
    return path


def stored(db_file: str) -> DayLog | None:
    with Diary.open(db_file) as diary:
        return diary.load_day(TODAY)


async def test_a_score_typed_and_saved_in_one_burst_is_the_one_saved(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await burst(pilot, "5", "ctrl+s")
        assert not app.screen.has_unsaved_changes
    assert stored(db_file).pain == 5


async def test_a_note_typed_and_saved_in_one_burst_is_saved_whole(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.pause()
        await burst(pilot, *"long walk", "ctrl+s")
        assert not app.screen.has_unsaved_changes
    assert stored(db_file).note == "long walk"


async def test_a_profile_typed_and_saved_in_one_burst_is_saved_whole(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        app.screen.query_one("#settings-birth-year").focus()
        await pilot.pause()
        await burst(pilot, *"1961", "ctrl+s")
    with Diary.open(db_file) as diary:
        assert diary.profile().birth_year == 1961


async def test_a_score_typed_and_quit_in_one_burst_asks_first(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await burst(pilot, "5", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.has_unsaved_changes
    assert stored(db_file).pain == 1


@pytest.mark.parametrize("opened_by", ["f1", "ctrl+n", "ctrl+p"])
async def test_ctrl_q_quits_from_a_dialog_too(db_file, opened_by):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press(opened_by)
        await settle(pilot)
        assert app.screen is not screen  # the dialog is in front
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert stored(db_file).pain == 1


async def test_a_place_typed_as_focus_reaches_where_is_the_one_added(db_file):
    # The picker's list of matches is built when focus first comes inside: the letters
    # that arrive meanwhile must still filter it, and Enter add what they name.
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one("#places").filter_input.focus()
        await burst(pilot, *"butt", "enter")
        await burst(pilot, "ctrl+s")
        assert not app.screen.has_unsaved_changes
    assert stored(db_file).places == (Place("buttock"),)


async def test_quitting_as_focus_reaches_a_picker_quits_cleanly(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one("#places").filter_input.focus()
        await burst(pilot, "ctrl+q")
    assert app.return_code == 0
