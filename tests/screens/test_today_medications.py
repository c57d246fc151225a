"""Today's Took and Treated rows: typed as the shell takes them, stored, and never lost when
a day logged from the shell is saved again from the form."""

from __future__ import annotations

from datetime import date, time

from pilot_helpers import settle

from painlog.rules.records import DayLog, Intake
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


def with_medications(path: str) -> None:
    with Diary.open(path) as diary:
        diary.add_medication("Ibuprofen", "400 mg")
        diary.add_medication("Paracetamol")


def stored(path: str) -> DayLog | None:
    with Diary.open(path) as diary:
        return diary.load_day(TODAY)


async def focus_row(pilot, row_id: str) -> None:
    """Tab down the form until the row's filter has focus."""
    for _ in range(12):
        focused = pilot.app.focused
        if focused is not None and focused.parent is not None and focused.parent.id == row_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{row_id}")


async def test_two_intakes_of_one_medication_and_a_treatment_from_the_keys(tmp_path):
    db = str(tmp_path / "diary.db")
    with_medications(db)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await focus_row(pilot, "took")
        await pilot.press(*"ibu 400mg 8:00", "enter", *"ibu 14:00", "enter")
        await pilot.press("tab")
        await pilot.press(*"heat", "enter", "ctrl+s")
        await settle(pilot)
    day = stored(db)
    assert day.took == (
        Intake("ibuprofen", "400mg", time(8, 0)),
        Intake("ibuprofen", None, time(14, 0)),
    )
    assert day.treated == ("heat",)


async def test_a_day_logged_in_the_shell_keeps_its_intakes_when_saved_from_the_form(tmp_path):
    db = str(tmp_path / "diary.db")
    with_medications(db)
    took = (Intake("paracetamol", "1 g", time(7, 30)), Intake("ibuprofen"))
    with Diary.open(db) as diary:
        diary.save_day(DayLog(TODAY, 4, took=took, treated=("tens",)), TODAY)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6", "ctrl+s")  # a new score, nothing else touched
        await settle(pilot)
    day = stored(db)
    assert day.pain == 6
    assert day.took == took and day.treated == ("tens",)


async def test_text_left_in_took_is_added_at_save_or_stops_it(tmp_path):
    db = str(tmp_path / "diary.db")
    with_medications(db)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await focus_row(pilot, "took")
        await pilot.press(*"aspirin", "ctrl+s")
        await settle(pilot)
        said = str(app.screen.query_one("#status").render())
        assert "Took: 'aspirin'" in said
        assert stored(db) is None
        await pilot.press(*["backspace"] * 7, *"para 500 mg", "ctrl+s")
        await settle(pilot)
    assert stored(db).took == (Intake("paracetamol", "500 mg"),)


async def test_with_no_medication_yet_the_row_says_how_to_add_one(tmp_path):
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = app.screen.query_one("#took")
        empty = str(row.query_one(".picker--empty").render())
        assert "add yours first: Settings, F7, then m" in empty
