"""Keys that arrive together (a fast typist, a paste, a terminal sending a burst) are taken
in the order they were typed: ctrl+s saves what was typed just before it, never the form
as it stood a key earlier."""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual import events
from textual.widgets import TextArea

from painlog.rules.records import DayLog
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


def burst(app, *keys: str) -> None:
    """Post `keys` to the app as its terminal driver does, all before any is handled."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


def logged(db_file: str, pain: int) -> None:
    with Diary.open(db_file) as diary:
        diary.save_day(DayLog(day=TODAY, pain=pain), TODAY)


def stored(db_file: str) -> DayLog | None:
    with Diary.open(db_file) as diary:
        return diary.load_day(TODAY)


async def test_a_score_typed_and_saved_in_one_burst_is_the_one_saved(tmp_path):
    db_file = str(tmp_path / "diary.db")
    logged(db_file, 1)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        burst(app, "5", "ctrl+s")
        await settle(pilot)
        assert not app.screen.has_unsaved_changes
    assert stored(db_file).pain == 5


async def test_a_note_typed_and_saved_in_one_burst_is_saved_whole(tmp_path):
    db_file = str(tmp_path / "diary.db")
    logged(db_file, 3)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.pause()
        burst(app, *"long walk", "ctrl+s")
        await settle(pilot)
        assert not app.screen.has_unsaved_changes
    assert stored(db_file).note == "long walk"


async def test_a_profile_typed_and_saved_in_one_burst_is_saved_whole(tmp_path):
    db_file = str(tmp_path / "diary.db")
    logged(db_file, 3)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        app.screen.query_one("#settings-birth-year").focus()
        await pilot.pause()
        burst(app, *"1961", "ctrl+s")
        await settle(pilot)
    with Diary.open(db_file) as diary:
        assert diary.profile().birth_year == 1961


async def test_a_score_typed_and_quit_in_one_burst_asks_first(tmp_path):
    from painlog.screens.confirm import ConfirmScreen

    db_file = str(tmp_path / "diary.db")
    logged(db_file, 1)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        burst(app, "5", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.has_unsaved_changes
