"""Pilot tests of Your exercises (Settings, e): adding, editing, retiring and restoring an
exercise of one's own, checked against what was stored and what the other screens show."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static

from painlog.rules.records import DayLog, ExerciseDone
from painlog.screens.exercise_form import ExerciseForm
from painlog.screens.history import HistoryScreen
from painlog.screens.own_exercises import ExercisesScreen
from painlog.screens.settings import SettingsScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.picker import ExercisePicker
from painlog.seeds import Exercise
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
YESTERDAY = TODAY - timedelta(days=1)
CLAM = "Clamshell with band"
CLAM_SLUG = "own-clamshell-with-band"


@pytest.fixture
def db_file(tmp_path) -> str:
    return str(tmp_path / "diary.db")


@pytest.fixture
def clam_db(db_file) -> str:
    """A diary with one own exercise, Clamshell with band, done yesterday (3x12)."""
    with Diary.open(db_file) as diary:
        diary.add_exercise(CLAM, "strength", "3 x 12 each side")
        diary.save_day(DayLog(YESTERDAY, 3, exercises=(ExerciseDone(CLAM_SLUG, 3, 12),)), TODAY)
    return db_file


def own(db_file: str) -> tuple[Exercise, ...]:
    with Diary.open(db_file) as diary:
        return diary.own_exercises()


def stored_day(db_file: str, day: date = TODAY) -> DayLog | None:
    with Diary.open(db_file) as diary:
        return diary.load_day(day)


def text_of(widget: Static) -> str:
    return str(widget.render())


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#exercises-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def form_message(app) -> str:
    return text_of(app.screen.query_one("#exercise-message", Static))


async def open_exercises(pilot) -> ExercisesScreen:
    """From wherever the app is: F7 (Settings), then e."""
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExercisesScreen)
    return pilot.app.screen


async def did_filter(pilot, typed: str) -> list[str]:
    """Type into Today's Did filter (after clearing it); the options now offered."""
    app = pilot.app
    assert isinstance(app.screen, TodayScreen)
    picker = app.screen.query_one(ExercisePicker)
    picker.filter_input.focus()
    await pilot.press("end", "ctrl+u", *typed)
    await pilot.pause()
    options = picker.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def did_preview(app) -> str:
    return str(app.screen.query_one(ExercisePicker).query_one(".picker--preview", Label).render())


def did_chips(app) -> list[str]:
    chips = app.screen.query_one(ExercisePicker).query(".picker--chip").results(Button)
    return [str(chip.label) for chip in chips]


async def test_add_from_settings_stores_it_and_lists_it(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        empty = screen.query_one("#exercises-empty", Static)
        assert empty.display
        assert text_of(empty).startswith("No exercises of your own yet.")
        assert not screen.query_one("#exercises-table", DataTable).display

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseForm)
        assert app.focused.id == "exercise-name"
        await pilot.press(*CLAM, "tab")
        assert app.focused.id == "exercise-category"
        await pilot.press("enter", "down", "enter")  # Strength -> Stretch
        await pilot.pause()
        assert "stretch: held positions" in text_of(app.screen.query_one("#exercise-category-hint"))
        await pilot.press("tab")
        assert app.focused.id == "exercise-dose"
        await pilot.press(*"3 x 12 each side", "ctrl+s")
        await settle(pilot)

        assert app.screen is screen
        assert table_rows(app) == [[CLAM, "stretch", "3 x 12 each side", "0", "yes"]]
        assert not empty.display
        assert "1 of your own." in text_of(screen.query_one("#exercises-status", Static))
    (added,) = own(db_file)
    assert (added.slug, added.name, added.category, added.dose, added.retired) == (
        CLAM_SLUG,
        CLAM,
        "stretch",
        "3 x 12 each side",
        False,
    )


async def test_a_new_exercise_is_offered_on_today_and_saved_with_its_slug(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)  # Today is already open behind Settings
        await pilot.press("a", *CLAM, "ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f2")
        await settle(pilot)

        await pilot.press("4")
        assert (await did_filter(pilot, "clam"))[0] == f"{CLAM} · yours"
        assert did_preview(app) == f"Enter adds: {CLAM}"
        await pilot.press("space", *"3x12", "enter")
        await pilot.pause()
        assert did_chips(app) == [f"{CLAM} 3x12 ✕"]
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored_day(db_file) == DayLog(TODAY, 4, exercises=(ExerciseDone(CLAM_SLUG, 3, 12),))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Glute bridge", "a name not already used (in the catalogue: glute-bridge)"),
        ("  walking ", "a name not already used (in the catalogue: walking)"),
        ("CLAMSHELL with BAND", f"a name not already used (one of yours: {CLAM_SLUG})"),
    ],
)
async def test_a_name_already_used_is_refused_in_the_form(clam_db, typed, expected):
    before = own(clam_db)
    app = PainlogApp(db=clam_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)
        await pilot.press("a", *typed, "tab", "tab", *"daily", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseForm)  # still open, to correct the name
        message = form_message(app)
        assert message.startswith("Not saved: name:")
        assert expected in message
        assert app.focused.id == "exercise-name"
        assert app.screen.query_one("#exercise-dose", Input).value == "daily"
    assert own(clam_db) == before


async def test_an_empty_name_is_refused_with_enter_too(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)
        await pilot.press("a", "space", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseForm)
        assert form_message(app).startswith("Not saved: name: ' ' is not accepted")
    assert own(db_file) == ()


async def test_a_name_cannot_be_typed_beyond_sixty_characters(db_file):
    typed = "Side-lying clam with band and slow lowering, then hold, x" + "abcd"
    assert len(typed) == 61
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)
        await pilot.press("a", *typed)
        assert app.screen.query_one("#exercise-name", Input).value == typed[:60]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
    (added,) = own(db_file)
    assert added.name == typed[:60]


async def test_escape_cancels_the_form_and_stores_nothing(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("a", *CLAM, "tab", "tab", *"daily", "escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#exercises-empty", Static).display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert own(db_file) == ()


@pytest.mark.parametrize("key", ["e", "enter"])
async def test_renaming_keeps_the_slug_and_history_shows_the_new_name(clam_db, key):
    app = PainlogApp(db=clam_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")  # History is open, with the old name, before the rename
        await settle(pilot)
        assert CLAM in str(app.screen.query_one(DataTable).get_row(YESTERDAY.isoformat())[3])

        await open_exercises(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ExerciseForm)
        assert text_of(app.screen.query_one("#exercise-title")) == f"Edit {CLAM}"
        name = app.screen.query_one("#exercise-name", Input)
        assert name.value == CLAM
        await pilot.press("end", "ctrl+u", *"Clam, band above knees", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert table_rows(app)[0][:3] == ["Clam, band above knees", "strength", "3 x 12 each side"]
        assert table_rows(app)[0][3] == "1"  # days that have it

        await pilot.press("escape", "f3")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        did = str(history.query_one(DataTable).get_row(YESTERDAY.isoformat())[3])
        assert did == "Clam, band above knees"
    (renamed,) = own(clam_db)
    assert (renamed.slug, renamed.name) == (CLAM_SLUG, "Clam, band above knees")
    assert stored_day(clam_db, YESTERDAY).exercises == (ExerciseDone(CLAM_SLUG, 3, 12),)


async def test_editing_to_the_same_name_in_another_case_is_allowed(clam_db):
    app = PainlogApp(db=clam_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)
        await pilot.press("e", "end", "ctrl+u", *CLAM.upper(), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
    assert [x.name for x in own(clam_db)] == [CLAM.upper()]


async def test_retire_stops_offering_it_and_restore_offers_it_again(clam_db):
    app = PainlogApp(db=clam_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (await did_filter(pilot, "clam"))[0] == f"{CLAM} · yours"
        await pilot.press("end", "ctrl+u")

        await open_exercises(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert table_rows(app)[0][0] == CLAM
        assert table_rows(app)[0][4] == "retired"
        assert "(1 retired)" in text_of(app.screen.query_one("#exercises-status", Static))
        assert [x.retired for x in own(clam_db)] == [True]

        await pilot.press("escape", "f2")
        await settle(pilot)
        assert not any("Clamshell" in option for option in await did_filter(pilot, "clam"))
        assert not any("yours" in option for option in await did_filter(pilot, "yours"))
        await pilot.press("end", "ctrl+u")

        # The day that has it keeps it, by name, on Today and in History.
        app.screen.query_one("#pain").focus()
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.day == YESTERDAY
        assert did_chips(app) == [f"{CLAM} 3x12 ✕"]
        await pilot.press("f3")
        await settle(pilot)
        assert str(app.screen.query_one(DataTable).get_row(YESTERDAY.isoformat())[3]) == CLAM

        await open_exercises(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert table_rows(app)[0][4] == "yes"
        assert [x.retired for x in own(clam_db)] == [False]

        await pilot.press("escape", "f2")
        await settle(pilot)
        assert (await did_filter(pilot, "clam"))[0] == f"{CLAM} · yours"
    assert stored_day(clam_db, YESTERDAY).exercises == (ExerciseDone(CLAM_SLUG, 3, 12),)


async def test_edit_and_retire_on_an_empty_list_say_there_is_nothing(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        status = screen.query_one("#exercises-status", Static)
        assert screen.query_one("#exercises-edit", Button).disabled
        assert screen.query_one("#exercises-retire", Button).disabled
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen
        assert text_of(status) == "Nothing to edit yet: a adds an exercise."
        await pilot.press("r")
        await settle(pilot)
        assert text_of(status) == "Nothing to retire yet: a adds an exercise."
    assert own(db_file) == ()


async def test_the_buttons_work_with_the_mouse(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#settings-exercises")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)

        await pilot.click("#exercises-add")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseForm)
        await pilot.press(*CLAM)
        await pilot.click("#exercise-save")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert table_rows(app)[0][0] == CLAM

        await pilot.click("#exercises-retire")
        await settle(pilot)
        assert table_rows(app)[0][4] == "retired"

        await pilot.click("#exercises-edit")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseForm)
        await pilot.click("#exercise-cancel")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)

        await pilot.click("#exercises-back")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert [(x.name, x.retired) for x in own(db_file)] == [(CLAM, True)]


async def test_the_command_palette_opens_your_exercises(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"your exercises")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize("name", ["Row [/]", "Bridge [with band]", "[b]Plank"])
async def test_square_brackets_in_a_name_are_shown_as_typed(db_file, name):
    """A name is text, never formatting: no crash, nothing dropped, in the list, the
    preview, the chip, the form's refusal and the notices."""
    with Diary.open(db_file) as diary:
        exercise = diary.add_exercise(name, "strength")
        diary.save_day(DayLog(YESTERDAY, 3, exercises=(ExerciseDone(exercise.slug),)), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The usual exercise leads the list, so its preview is drawn at start.
        offered = await did_filter(pilot, name.split()[0].strip("[]/b").lower()[:3] or "row")
        assert f"{name} · yours" in offered
        assert did_preview(app) == f"Enter adds: {name}"
        await pilot.press("enter")
        await pilot.pause()
        assert did_chips(app) == [f"{name} ✕"]
        await open_exercises(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*name.upper(), "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseForm)
        assert name.upper() in form_message(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e", "ctrl+u", *name, "2", "ctrl+s")
        await settle(pilot)
        assert own(db_file)[0].name == f"{name}2"
