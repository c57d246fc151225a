"""At start Today's first frame is drawn before the store is even imported; the diary then
opens in a worker and the day, the banner and the alerts fill in.
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


async def test_today_and_its_alerts_are_shown_once_the_diary_opens(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value == 4
        assert status(app).startswith("Saved")
        assert "WARNING" in banner(app) and "warning sign" in banner(app)


async def test_an_edit_is_saved_and_stored(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("Saved at")
    with Diary.open(logged) as diary:
        saved = diary.load_day(TODAY)
    assert saved.pain == 6
    assert saved.exercises == (ExerciseDone("walking", minutes=20),)


async def test_another_screen_reads_the_same_diary(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert "Fri 20 Nov" in str(app.screen.query_one("DataTable").get_row_at(1))


async def test_a_new_diary_is_created_private(tmp_path):
    path = tmp_path / "painlog.db"
    app = PainlogApp(db=str(path), today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert path.exists() and path.stat().st_mode & 0o777 == 0o600


async def test_moving_to_another_day_before_the_diary_opens_loads_that_day(logged):
    app = PainlogApp(db=logged, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.day == date(2026, 11, 20)
        assert app.screen.query_one("#pain", PainScale).value == 3


FIRST_FRAME_PROBE = """
import sys
from datetime import date
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.pain_scale import PainScale
from painlog.tui.app import PainlogApp

app = PainlogApp(db=sys.argv[1], today=date(2026, 11, 21))
display = app._display
store_at_first_frame = []


def first(screen, renderable, *args, **kwargs):
    # Only a frame that reaches the terminal counts: Textual drops those made while the
    # app is in a batch update (its start-up among them).
    drawn = renderable is not None and not app._batch_count
    if isinstance(screen, TodayScreen) and drawn and not store_at_first_frame:
        store_at_first_frame.append(
            sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
        )
    return display(screen, renderable, *args, **kwargs)


app._display = first


async def leave(pilot):
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    print(store_at_first_frame[0])
    print(pilot.app.screen.query_one("#pain", PainScale).value)
    print("sqlalchemy" in sys.modules)
    pilot.app.exit()


app.run(headless=True, auto_pilot=leave)
"""


def test_the_first_frame_is_drawn_before_sqlalchemy_is_imported(logged):
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, logged],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-3:] == ["[]", "4", "True"]
