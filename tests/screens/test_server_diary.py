"""The app on a PostgreSQL diary: every screen opens, a day typed on Today is stored, and
the other screens show it, with real key presses."""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.today import TodayScreen
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
TYPICAL_DAY_KEYS = ["4", "tab", "l", "enter", "tab", "w", "enter", "g", "enter", "ctrl+s"]


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def shown(app) -> str:
    """Every Static's text on the current screen, joined."""
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_a_day_typed_on_today_is_stored_on_the_server(server_database):
    app = PainlogApp(db=server_database, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*TYPICAL_DAY_KEYS)
        await settle(pilot)
        assert status(app).startswith("Saved")
    with Diary.open(server_database, read_only=True) as diary:
        assert diary.load_day(TODAY) == DayLog(
            day=TODAY,
            pain=4,
            places=(Place("lower-back"),),
            exercises=(ExerciseDone("walking"), ExerciseDone("glute-bridge")),
        )


async def test_every_screen_opens_on_a_server_diary(server_database):
    with Diary.open(server_database) as diary:
        fill_demo(diary, 26, 1, TODAY)
    app = PainlogApp(db=server_database, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.shows_day
        for key, words in (
            ("f3", "2026"),
            ("f4", "Episode week"),
            ("f5", "alert"),
            ("f6", "CSV"),
            ("f7", "postgresql+psycopg://"),
        ):
            await pilot.press(key)
            await settle(pilot)
            text = shown(app) + str(app.screen.sub_title) + str(app.screen.title)
            assert words.lower() in text.lower(), (key, text[:400])
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_the_welcome_says_the_diary_is_on_a_server(server_database):
    from painlog.screens.welcome import WelcomeScreen

    app = PainlogApp(db=server_database, today=TODAY, welcome=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        about = str(app.screen.query_one("#welcome-about", Static).render())
    assert "your own database server" in about and "file" not in about
    assert "postgresql+psycopg://" in about
