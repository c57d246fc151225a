"""Another program writes the day the app shows: nothing it wrote is lost without asking.

The other writer is a second `Diary` on the same file (as a `painlog log` in a shell
would be); the app is driven with real keys and the stored day is checked afterwards.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.records import DayLog, Place
from painlog.screens.changed_elsewhere import ChangedElsewhereScreen
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.history import HistoryScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
MINE_FIRST = DayLog(TODAY, 4, places=(Place("knee", "left"),))
THEIRS = DayLog(TODAY, 7, flags=("fever",), note="from the shell")


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "diary.db")
    with Diary.open(path) as diary:
        diary.save_day(MINE_FIRST, TODAY)
    return path


def stored(db: str, day: date = TODAY) -> DayLog | None:
    with Diary.open(db, read_only=True) as diary:
        return diary.load_day(day)


def write_elsewhere(db: str, log: DayLog | None, day: date = TODAY) -> None:
    with Diary.open(db) as other:
        if log is None:
            other.delete_day(day)
        else:
            other.save_day(log, TODAY)


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def edit_and_save(pilot, db: str) -> None:
    """Open Today, let another program write the day, then change the pain and save."""
    await settle(pilot)
    write_elsewhere(db, THEIRS)
    await pilot.press("5", "ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize(
    ("key", "kept"),
    [("k", DayLog(TODAY, 5, places=(Place("knee", "left"),))), ("t", THEIRS)],
    ids=["keep-mine", "take-theirs"],
)
async def test_a_save_over_a_newer_day_asks_whose_stays(db, key, kept):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await edit_and_save(pilot, db)
        assert isinstance(app.screen, ChangedElsewhereScreen)
        assert stored(db) == THEIRS  # nothing written while it asks
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one("#pain", PainScale).value == kept.pain
        assert not app.screen.has_unsaved_changes
    assert stored(db) == kept


async def test_cancel_writes_nothing_and_the_next_save_asks_again(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await edit_and_save(pilot, db)
        await pilot.press("escape")
        await settle(pilot)
        assert status(app).startswith("Not saved: the day changed elsewhere")
        assert app.screen.has_unsaved_changes
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChangedElsewhereScreen)
    assert stored(db) == THEIRS


async def test_a_day_deleted_elsewhere_is_asked_about_too(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        write_elsewhere(db, None)
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChangedElsewhereScreen)
        assert "deleted elsewhere" in str(app.screen.query_one("#changed-question").render())
        await pilot.press("k")
        await settle(pilot)
    assert stored(db) == DayLog(TODAY, 6, places=(Place("knee", "left"),))


async def test_a_second_save_after_a_first_does_not_ask(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "ctrl+s")
        await settle(pilot)
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert status(app).startswith("Saved")
    assert stored(db).pain == 6


async def test_a_clean_form_shows_the_newer_day_when_it_comes_back_into_view(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        write_elsewhere(db, THEIRS)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#pain", PainScale).value == 7
        assert screen.form_log() == THEIRS


async def test_a_form_with_edits_is_not_reloaded_under_the_person(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        write_elsewhere(db, THEIRS)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value == 2


async def test_deleting_from_history_a_day_changed_elsewhere_asks_first(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        write_elsewhere(db, THEIRS)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")  # the usual "Delete the log for ...?"
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "changed elsewhere" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert stored(db) == THEIRS
        history = app.screen
        assert history._logs[TODAY] == THEIRS  # the list shows what is stored now
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert stored(db) is None


# -- text left in Where and Did, and items taken out -------------------------------------


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["tab", *"lower back"], (Place("knee", "left"), Place("lower-back"))),
        (["tab", *"knee right"], (Place("knee", "left"), Place("knee", "right"))),
    ],
    ids=["name", "name-and-side"],
)
async def test_text_left_in_where_that_names_one_place_is_saved(db, keys, expected):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", *keys, "ctrl+s")
        await settle(pilot)
        assert status(app).startswith("Saved")
    assert stored(db).places == expected


async def test_text_that_names_several_places_stops_the_save_at_where(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "tab", "h", "i", "p", "ctrl+s")
        await settle(pilot)
        text = status(app)
        assert text.startswith("Not saved: Where: 'hip' matches ")
        assert app.focused is app.screen.query_one("#places").filter_input
    assert stored(db) == MINE_FIRST


async def test_text_in_did_that_names_nothing_stops_the_save_at_did(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "tab", "tab", *"zzqx", "ctrl+s")
        await settle(pilot)
        assert status(app) == "Not saved: Did: 'zzqx' matches nothing here: fix it or clear it"
    assert stored(db) == MINE_FIRST


async def test_backspace_says_what_went_and_ctrl_z_brings_it_back(db):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "backspace")
        await settle(pilot)
        assert status(app) == "Removed Knee (left) from Where: ctrl+z brings it back"
        assert app.screen.form_log().places == ()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.screen.form_log().places == (Place("knee", "left"),)
        assert not app.screen.has_unsaved_changes
