"""Snapshots of Your medications and its form at 80x24."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from pilot_helpers import settle

from painlog.rules.records import DayLog, Intake
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def db(tmp_path) -> str:
    """Three medications, one retired; ibuprofen taken twice on some days."""
    path = str(tmp_path / "diary.db")
    with Diary.open(path) as diary:
        diary.add_medication("Ibuprofen", "400 mg", as_needed=True)
        diary.add_medication("Paracetamol", "1 g")
        diary.add_medication("Naproxen", "250 mg")
        twice = (Intake("ibuprofen", "400 mg", time(8)), Intake("ibuprofen", None, time(14)))
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=ago), 4, took=(*twice, Intake("paracetamol")))
                for ago in (0, 1, 3)
            ]
        )
        diary.retire_medication("naproxen", TODAY - timedelta(days=2))
    return path


async def _open_medications(pilot) -> None:
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


def test_your_medications_with_one_retired(snap_compare, db):
    app = PainlogApp(db=db, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_medications)


def test_medication_form_refusing_a_dose_with_a_comma(snap_compare, db):
    app = PainlogApp(db=db, today=TODAY)

    async def refuse(pilot) -> None:
        await _open_medications(pilot)
        await pilot.press("a", *"Codeine", "tab", *"30mg, twice", "tab", "space", "ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=refuse)
