"""Pilot tests of Settings: what is chosen there is stored in the diary and back after a restart."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Input, Select, Static

from painlog.rules.entry import InvalidInput
from painlog.rules.records import Profile
from painlog.screens.settings import SettingsScreen, profile_from_text
from painlog.store.diary import Diary
from painlog.store.errors import StoreError
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def db_file(tmp_path) -> str:
    return str(tmp_path / "d.db")


def status(app) -> str:
    return str(app.screen.query_one("#settings-status", Static).render())


def stored(db_file: str) -> tuple[Profile, str | None, str | None]:
    with Diary.open(db_file) as diary:
        return diary.profile(), diary.setting("week_start"), diary.setting("theme")


async def open_settings(pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def choose(pilot, select_id: str, steps: int) -> None:
    """Open a Select from the keyboard, move down `steps` options and take it."""
    pilot.app.screen.query_one(select_id, Select).focus()
    await pilot.press("enter", *["down"] * steps, "enter")
    await settle(pilot)


async def test_everything_chosen_is_back_after_a_restart(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        await choose(pilot, "#settings-week", 6)  # Monday .. Sunday
        assert "Sunday" in status(app)
        themes = sorted(app.available_themes)
        start = themes.index(app.theme)
        await choose(pilot, "#settings-theme", 2)
        chosen = themes[start + 2]
        assert app.theme == chosen  # applied at once
        await pilot.click("#settings-birth-year")
        await pilot.press(*"1961", "tab", *"2026-09-15", "tab", *"yes", "ctrl+s")
        await settle(pilot)
        assert "Saved" in status(app) and "had cancer yes" in status(app)
    assert stored(db_file) == (Profile(1961, date(2026, 9, 15), True), "sunday", chosen)

    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        assert app.theme == chosen
        assert screen.query_one("#settings-week", Select).value == "sunday"
        assert screen.query_one("#settings-theme", Select).value == chosen
        assert screen.query_one("#settings-birth-year", Input).value == "1961"
        assert screen.query_one("#settings-onset", Input).value == "2026-09-15"
        assert screen.query_one("#settings-cancer", Input).value == "yes"


async def test_the_saved_theme_is_applied_at_start_without_opening_settings(db_file):
    with Diary.open(db_file) as diary:
        diary.set_setting("theme", "nord")
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_a_theme_chosen_from_the_palette_is_remembered_too(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"  # what the palette's own theme command does
        await settle(pilot)
        screen = await open_settings(pilot)
        assert screen.query_one("#settings-theme", Select).value == "gruvbox"
    assert stored(db_file)[2] == "gruvbox"


async def test_an_unknown_saved_theme_is_ignored(db_file):
    with Diary.open(db_file) as diary:
        diary.set_setting("theme", "no-such-theme")
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("#settings-birth-year", "nineteen", "Birth year: 'nineteen' is not accepted"),
        ("#settings-birth-year", "1899", "a year from 1900 to 2026"),
        ("#settings-onset", "next week", "Pain started: 'next week' is not accepted"),
        ("#settings-onset", "2026-11-22", "today (2026-11-21) or earlier"),
        ("#settings-onset", "3/11/2026", "11 March or 3 November"),
        ("#settings-onset", "1899-12-31", "in the years 1900 to 9999"),
        # What was typed is shown as typed, never read as text formatting.
        ("#settings-birth-year", "[/]", "Birth year: '[/]' is not accepted"),
        ("#settings-onset", "[b]soon", "Pain started: '[b]soon' is not accepted"),
        ("#settings-cancer", "maybe", "Had cancer: 'maybe' is not accepted; expected yes, no"),
    ],
)
async def test_refused_input_says_why_and_changes_nothing(db_file, field, typed, expected):
    with Diary.open(db_file) as diary:
        diary.save_profile(Profile(1970, date(2026, 10, 1)), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        screen.query_one(field, Input).value = ""
        await pilot.click(field)
        await pilot.press(*typed, "enter")
        await settle(pilot)
        assert status(app).startswith("Not saved:")
        assert expected in status(app)
        assert app.focused.id == field.removeprefix("#")
    assert stored(db_file)[0] == Profile(1970, date(2026, 10, 1))


async def test_clearing_a_field_forgets_it(db_file):
    with Diary.open(db_file) as diary:
        diary.save_profile(Profile(1970, date(2026, 10, 1)), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#settings-birth-year", Input).value = ""
        await pilot.click("#settings-save")
        await settle(pilot)
    assert stored(db_file)[0] == Profile(None, date(2026, 10, 1))


async def test_a_failed_write_says_so_and_changes_nothing(db_file, monkeypatch):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)

        def refuse(*_args, **_kwargs):
            raise StoreError("cannot write d.db: the disk is full")

        monkeypatch.setattr(app.diary, "set_setting", refuse)
        await choose(pilot, "#settings-week", 1)
        assert "Not saved (week start): cannot write d.db: the disk is full" in status(app)
    assert stored(db_file)[1] is None


async def test_the_database_path_is_shown_and_copied(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        shown = str(screen.query_one("#settings-path", Static).render())
        assert shown == app.diary.location.display
        screen.set_focus(None)
        await pilot.press("c")
        assert app.clipboard == shown
        app.copy_to_clipboard("")
        await pilot.click("#settings-copy")
        assert app.clipboard == shown
        assert "Copied" in status(app)


async def test_palette_goes_to_settings(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Go to Settings"]
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


def test_profile_text_is_read_like_the_command_line():
    assert profile_from_text(" 1968 ", "2026-10-01", TODAY) == Profile(1968, date(2026, 10, 1))
    assert profile_from_text("", "", TODAY) == Profile()
    assert profile_from_text("none", "None", TODAY) == Profile()
    assert profile_from_text("", "yesterday", TODAY) == Profile(None, date(2026, 11, 20))
    assert profile_from_text("", "", TODAY, " Yes ") == Profile(cancer_history=True)
    assert profile_from_text("", "", TODAY, "no") == Profile(cancer_history=False)
    assert profile_from_text("", "", TODAY, "none") == Profile()
    # The one date reader: year first with any separator, weekdays just past.
    assert profile_from_text("", "2026/10/01", TODAY) == Profile(None, date(2026, 10, 1))
    assert profile_from_text("", "2026.10.01 08:00", TODAY) == Profile(None, date(2026, 10, 1))
    assert profile_from_text("", "monday", TODAY) == Profile(None, date(2026, 11, 16))
    assert profile_from_text("", "last sat", TODAY) == Profile(None, date(2026, 11, 14))


@pytest.mark.parametrize(
    ("year", "onset", "field"),
    [("9" * 5_000, "", "Birth year"), ("", "9" * 5_000 + " days ago", "Pain started")],
)
def test_absurd_profile_text_is_refused_not_a_crash(year, onset, field):
    with pytest.raises(InvalidInput) as refused:
        profile_from_text(year, onset, TODAY)
    assert refused.value.field == field
    assert "(5,0" in str(refused.value)  # the value cut, with its length
