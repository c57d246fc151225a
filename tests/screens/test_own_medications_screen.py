"""Pilot tests of Your medications (Settings, m) and Your treatments (Settings, t): adding,
editing, retiring and restoring, checked against what was stored and what Today offers."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import DataTable, OptionList, Static

from painlog.rules.records import DayLog, Intake
from painlog.screens.medication_form import MedicationForm
from painlog.screens.own_medications import MedicationsScreen
from painlog.screens.own_treatments import TreatmentsScreen
from painlog.screens.settings import SettingsScreen
from painlog.screens.today import TodayScreen
from painlog.screens.treatment_form import TreatmentForm
from painlog.screens.widgets.picker import MedicationPicker, TreatmentPicker
from painlog.seeds import Medication
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def db_file(tmp_path) -> str:
    return str(tmp_path / "diary.db")


@pytest.fixture
def ibu_db(db_file) -> str:
    """A diary with Ibuprofen (usual 400mg), taken twice yesterday and once the day before."""
    with Diary.open(db_file) as diary:
        diary.add_medication("Ibuprofen", "400mg")
        twice = (Intake("ibuprofen", "400mg", time(8)), Intake("ibuprofen", None, time(14)))
        diary.save_day(DayLog(YESTERDAY, 4, took=twice), TODAY)
        once = (Intake("ibuprofen"),)
        diary.save_day(DayLog(YESTERDAY - timedelta(days=1), 5, took=once), TODAY)
    return db_file


def medications(db_file: str) -> tuple[Medication, ...]:
    with Diary.open(db_file) as diary:
        return diary.medications()


def own_treatments(db_file: str):
    with Diary.open(db_file) as diary:
        return diary.own_treatments()


def text_of(widget: Static) -> str:
    return str(widget.render())


def table_rows(app, prefix: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{prefix}-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def open_list(pilot, key: str, screen_type: type) -> None:
    """From wherever the app is: F7 (Settings), then the list's key."""
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)


async def offered(pilot, picker_type: type, typed: str) -> list[str]:
    """Type into a Today picker's filter (after clearing it); the options now offered."""
    app = pilot.app
    assert isinstance(app.screen, TodayScreen)
    picker = app.screen.query_one(picker_type)
    picker.filter_input.focus()
    await pilot.press("end", "ctrl+u", *typed)
    await pilot.pause()
    options = picker.query_one(OptionList)
    shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await pilot.press("end", "ctrl+u")
    return shown


async def test_add_a_medication_with_its_usual_dose_taken_as_needed(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "m", MedicationsScreen)
        empty = app.screen.query_one("#medications-empty", Static)
        assert empty.display
        assert "no list of medicines and gives no advice" in text_of(empty)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MedicationForm)
        assert app.focused.id == "medication-name"
        await pilot.press(*"Naproxen", "tab")
        assert app.focused.id == "medication-dose"
        await pilot.press(*"250 mg", "tab")
        assert app.focused.id == "medication-as-needed"
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MedicationsScreen)
        assert table_rows(app, "medications") == [["Naproxen", "250 mg", "yes", "0", "yes"]]
        assert "1 of your own." in text_of(app.screen.query_one("#medications-status", Static))

        # Today's Took row offers it at once.
        await pilot.press("escape", "f2")
        await settle(pilot)
        assert (await offered(pilot, MedicationPicker, "nap"))[0] == "Naproxen"
    assert medications(db_file) == (Medication("naproxen", "Naproxen", "250 mg", True),)


async def test_days_count_a_day_with_two_intakes_once(ibu_db):
    app = PainlogApp(db=ibu_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "m", MedicationsScreen)
        assert table_rows(app, "medications") == [["Ibuprofen", "400mg", "-", "2", "yes"]]


@pytest.mark.parametrize(
    ("name", "dose", "field", "expected"),
    [
        ("ibuprofen", "", "medication-name", "not already used (yours: ibuprofen)"),
        ("", "", "medication-name", "a name of 1 to 60 characters"),
        ("Paracetamol", "500mg@8", "medication-dose", "without @, | or commas"),
        ("Paracetamol", "1,000 mg", "medication-dose", "without @, | or commas"),
    ],
)
async def test_a_refused_medication_names_the_field_and_stores_nothing(
    ibu_db, name, dose, field, expected
):
    app = PainlogApp(db=ibu_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "m", MedicationsScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*name, "tab", *dose, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MedicationForm)
        message = text_of(app.screen.query_one("#medication-message", Static))
        assert message.startswith("Not saved: ")
        assert expected in message
        assert app.focused.id == field
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MedicationsScreen)
    assert [x.slug for x in medications(ibu_db)] == ["ibuprofen"]


async def test_a_dose_cannot_be_typed_beyond_forty_characters(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "m", MedicationsScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Codeine", "tab", *("9" * 45), "enter")
        await settle(pilot)
    assert medications(db_file)[0].dose == "9" * 40


async def test_editing_keeps_the_slug_and_the_days_show_the_new_name(ibu_db):
    app = PainlogApp(db=ibu_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "m", MedicationsScreen)
        await pilot.press("enter")  # Enter on a row edits it, as e does
        await pilot.pause()
        assert isinstance(app.screen, MedicationForm)
        await pilot.press("end", "ctrl+u", *"Ibuprofen gel", "tab", "end", "ctrl+u")
        await pilot.press("tab", "space", "ctrl+s")
        await settle(pilot)
        assert table_rows(app, "medications") == [["Ibuprofen gel", "-", "yes", "2", "yes"]]
        await pilot.press("f3")
        await settle(pilot)
        history = app.screen.query_one(DataTable)
        assert str(history.get_row(YESTERDAY.isoformat())[4]) == "took Ibuprofen gel"
        history.move_cursor(row=history.get_row_index(YESTERDAY.isoformat()))
        await pilot.pause()
        detail = text_of(app.screen.query_one("#history-detail", Static))
        assert "took Ibuprofen gel 400mg at 08:00, Ibuprofen gel at 14:00" in detail
    assert medications(ibu_db) == (Medication("ibuprofen", "Ibuprofen gel", "", True),)
    with Diary.open(ibu_db) as diary:
        assert [x.slug for x in diary.load_day(YESTERDAY).took] == ["ibuprofen", "ibuprofen"]


async def test_retire_stops_offering_it_the_days_keep_it_and_restore_brings_it_back(ibu_db):
    app = PainlogApp(db=ibu_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (await offered(pilot, MedicationPicker, "ibu"))[0] == "Ibuprofen"
        await open_list(pilot, "m", MedicationsScreen)
        await pilot.press("r")
        await settle(pilot)
        assert table_rows(app, "medications")[0][4] == "retired"
        status = text_of(app.screen.query_one("#medications-status", Static))
        assert "(1 retired)" in status
        await pilot.press("escape", "f2")
        await settle(pilot)
        assert "Ibuprofen" not in await offered(pilot, MedicationPicker, "ibu")

        await open_list(pilot, "m", MedicationsScreen)
        await pilot.press("r")
        await settle(pilot)
        assert table_rows(app, "medications")[0][4] == "yes"
        await pilot.press("escape", "f2")
        await settle(pilot)
        assert (await offered(pilot, MedicationPicker, "ibu"))[0] == "Ibuprofen"
    assert [x.retired for x in medications(ibu_db)] == [False]
    with Diary.open(ibu_db) as diary:
        assert len(diary.load_day(YESTERDAY).took) == 2


async def test_the_palette_and_the_settings_button_open_your_medications(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"your medications")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MedicationsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)

        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#settings-medications")
        await settle(pilot)
        assert isinstance(app.screen, MedicationsScreen)
        await pilot.click("#medications-back")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.click("#settings-treatments")
        await settle(pilot)
        assert isinstance(app.screen, TreatmentsScreen)


async def test_own_treatments_are_added_renamed_and_retired(db_file):
    with Diary.open(db_file) as diary:
        diary.save_day(DayLog(YESTERDAY, 3, treated=("heat",)), TODAY)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "t", TreatmentsScreen)
        empty = text_of(app.screen.query_one("#treatments-empty", Static))
        assert "offers Heat, Cold, Massage" in empty

        # A name the sources' treatments use is refused.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TreatmentForm)
        await pilot.press(*"heat", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TreatmentForm)
        assert "not already used" in text_of(app.screen.query_one("#treatment-message", Static))

        await pilot.press("end", "ctrl+u", *"Hydrotherapy", "enter")
        await settle(pilot)
        assert table_rows(app, "treatments") == [["Hydrotherapy", "0", "yes"]]
        await pilot.press("e", "end", "ctrl+u", *"Hydrotherapy pool", "enter")
        await settle(pilot)
        assert table_rows(app, "treatments") == [["Hydrotherapy pool", "0", "yes"]]

        await pilot.press("escape", "f2")
        await settle(pilot)
        assert (await offered(pilot, TreatmentPicker, "hydro"))[0].startswith("Hydrotherapy pool")

        await open_list(pilot, "t", TreatmentsScreen)
        await pilot.press("r")
        await settle(pilot)
        assert table_rows(app, "treatments") == [["Hydrotherapy pool", "0", "retired"]]
    (treatment,) = own_treatments(db_file)
    assert (treatment.slug, treatment.name, treatment.retired) == (
        "own-hydrotherapy",
        "Hydrotherapy pool",
        True,
    )
