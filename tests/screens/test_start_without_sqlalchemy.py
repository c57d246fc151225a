"""An existing diary is shown at start without opening the `Diary`; it opens when needed.

Today is filled from the read-only first read; SQLAlchemy is imported only when the person
starts editing, saves, or goes to a screen that reads more.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.widgets.alert_banner import AlertBanner
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def logged(tmp_path) -> str:
    """A diary file where today is logged (pain 4) and a fever was noticed."""
    path = str(tmp_path / "painlog.db")
    with Diary.open(path) as diary:
        diary.insert_days(
            [
                DayLog(date(2026, 11, 20), 3, flags=("fever",)),
                DayLog(
                    TODAY,
                    4,
                    places=(Place("lower-back", None, "ache"),),
                    exercises=(ExerciseDone("walking", minutes=20),),
                ),
            ]
        )
    return path


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def banner(app) -> str:
    return str(app.screen.query_one(AlertBanner).render())


async def test_today_and_its_alerts_are_shown_before_the_diary_opens(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value == 4
        assert status(app).startswith("Saved")
        assert "WARNING" in banner(app) and "warning sign" in banner(app)
        assert not app.diary.is_open


async def test_editing_opens_the_diary_and_the_save_is_stored(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert app.diary.is_open
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("Saved at")
    with Diary.open(logged) as diary:
        saved = diary.load_day(TODAY)
    assert saved.pain == 6
    assert saved.exercises == (ExerciseDone("walking", minutes=20),)


async def test_another_screen_opens_the_diary(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert app.diary.is_open
        assert "Fri 20 Nov" in str(app.screen.query_one("DataTable").get_row_at(1))


async def test_a_new_diary_is_opened_at_once(tmp_path):
    path = tmp_path / "painlog.db"
    app = PainlogApp(db=str(path), today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.diary.is_open
        assert path.exists() and path.stat().st_mode & 0o777 == 0o600


async def test_moving_to_another_day_before_the_first_read_loads_that_day(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.day == date(2026, 11, 20)
        assert app.screen.query_one("#pain", PainScale).value == 3


SHOWN_PROBE = """
import sys
from datetime import date
from painlog.screens.widgets.pain_scale import PainScale
from painlog.tui.app import PainlogApp


async def leave(pilot):
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    print(pilot.app.screen.query_one("#pain", PainScale).value)
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")))
    pilot.app.exit()


PainlogApp(db=sys.argv[1], today=date(2026, 11, 21)).run(headless=True, auto_pilot=leave)
"""


def test_the_day_is_shown_without_importing_sqlalchemy(logged):
    done = subprocess.run(
        [sys.executable, "-c", SHOWN_PROBE, logged],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-2:] == ["4", "[]"]
