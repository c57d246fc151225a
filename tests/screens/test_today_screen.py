"""Pilot tests of the Today screen: real key presses, checked against what was stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
TYPICAL_DAY_KEYS = ["4", "tab", "l", "enter", "tab", "w", "enter", "g", "enter", "ctrl+s"]


@pytest.fixture
def db_file(tmp_path):
    return str(tmp_path / "diary.db")


def stored(db_file: str, day: date = TODAY) -> DayLog | None:
    with Diary.open(db_file) as diary:
        return diary.load_day(day)


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_typical_day_in_ten_keystrokes(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*TYPICAL_DAY_KEYS)
        await settle(pilot)
        assert status(app).startswith("Saved")
    assert len(TYPICAL_DAY_KEYS) == 10
    assert stored(db_file) == DayLog(
        day=TODAY,
        pain=4,
        places=(Place("lower-back"),),
        exercises=(ExerciseDone("walking"), ExerciseDone("glute-bridge")),
    )


async def test_saved_day_is_there_after_restart(db_file):
    async with PainlogApp(db=db_file, today=TODAY).run_test() as pilot:
        await settle(pilot)
        await pilot.press(*TYPICAL_DAY_KEYS)
        await settle(pilot)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.query_one("#pain", PainScale).value == 4
        assert screen.form_log() == stored(db_file)
        assert not screen.has_unsaved_changes
        assert "Saved" in status(app)


async def test_sides_characters_and_doses_come_from_the_same_line(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("6", "tab")
        await pilot.press(*"outer hip left sharp", "enter")
        await pilot.press(*"low", "enter", "tab")
        await pilot.press(*"glute 3x10", "enter", *"walk 30min", "enter", "ctrl+s")
        await settle(pilot)
    log = stored(db_file)
    assert log.places == (Place("hip-side", "left", "sharp"), Place("lower-back"))
    assert log.exercises == (
        ExerciseDone("glute-bridge", 3, 10),
        ExerciseDone("walking", None, None, 30),
    )


async def test_backspace_on_empty_filter_removes_the_last_chip(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3", "tab", "l", "enter", *"knee", "enter", "backspace", "ctrl+s")
        await settle(pilot)
    assert stored(db_file).places == (Place("lower-back"),)


async def test_one_then_zero_makes_ten_and_arrows_step(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        scale = app.screen.query_one("#pain", PainScale)
        await pilot.press("1", "0")
        assert scale.value == 10
        await pilot.press("0")
        assert scale.value == 0
        await pilot.press("right", "right")
        assert scale.value == 2
        await pilot.press("left")
        assert scale.value == 1


async def test_saving_without_a_pain_score_stores_nothing(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("tab", "l", "enter", "ctrl+s")
        await settle(pilot)
        assert "choose a pain score" in status(app)
        assert app.focused is app.screen.query_one("#pain")
    assert stored(db_file) is None


async def test_refused_save_names_the_field_and_changes_nothing(db_file):
    with Diary.open(db_file) as diary:
        diary.save_day(DayLog(TODAY, 5, note="before"), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        # Worst pain below the day's pain is refused by the same check the CLI uses.
        app.screen.query_one("#worst", PainScale).focus()
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        assert "Not saved: worst" in status(app)
    assert stored(db_file) == DayLog(TODAY, 5, note="before")


async def test_previous_day_is_logged_on_its_own_date(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "yesterday" in app.screen.sub_title
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "today" in app.screen.sub_title
        await pilot.press("right_square_bracket")  # tomorrow is refused
        await settle(pilot)
        assert "today" in app.screen.sub_title
    assert stored(db_file, TODAY - timedelta(days=1)).pain == 6
    assert stored(db_file) is None


async def test_unsaved_changes_are_not_dropped_without_asking(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("7", "left_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one("#pain", PainScale).value == 7
        assert app.screen.day == TODAY
        await pilot.press("left_square_bracket", "y")
        await settle(pilot)
        assert app.screen.day == TODAY - timedelta(days=1)
        assert app.screen.query_one("#pain", PainScale).value is None


async def test_quit_with_unsaved_changes_asks_first(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.is_running


async def test_editing_an_existing_day_updates_it(db_file):
    with Diary.open(db_file) as diary:
        diary.save_day(
            DayLog(TODAY, 3, places=(Place("knee", "left"),), flags=("fever",), bed_rest=True),
            TODAY,
        )
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.has_unsaved_changes
        await pilot.press("5")
        assert app.screen.has_unsaved_changes
        app.screen.query_one("#note").focus()
        await pilot.press(*"stairs hurt", "ctrl+s")
        await settle(pilot)
    log = stored(db_file)
    assert (log.pain, log.note, log.flags, log.bed_rest) == (5, "stairs hurt", ("fever",), True)
    assert log.places == (Place("knee", "left"),)


async def test_warning_signs_and_bed_rest_are_ticked_with_keys(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "tab", "tab", "tab")  # pain, places, exercises, signs
        assert app.focused is app.screen.query_one("#flags")
        # Three emergency signs, the slow stream, then fever.
        await pilot.press("space", *["down"] * 4, "enter", "tab", "tab", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
    log = stored(db_file)
    assert log.flags == ("saddle-numbness", "fever")
    assert log.bed_rest is True


async def test_command_palette_offers_the_day_actions(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert {"Save this day", "Previous day", "Next day", "Go to Today"} <= set(titles)


async def test_usage_counts_are_read_once_then_after_a_save(db_file, monkeypatch):
    reads = []
    counts = Diary.place_counts
    monkeypatch.setattr(Diary, "place_counts", lambda self: reads.append(1) or counts(self))
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert len(reads) == 1
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert len(reads) == 1  # moving between days reuses them
        await pilot.press(*TYPICAL_DAY_KEYS)
        await settle(pilot)
        app.screen.action_shift_day(-1)  # the focus is in a picker, where [ is text
        await settle(pilot)
        assert len(reads) == 2  # the save may have changed them
