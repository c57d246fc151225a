"""Pilot tests of the alerts in the TUI: emergency notice, banner, Alerts screen."""

from __future__ import annotations

from datetime import date, timedelta

from pilot_helpers import settle

from painlog.rules.records import DayLog, Place
from painlog.screens.alerts import AlertCard, AlertsScreen
from painlog.screens.emergency import EmergencyScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.alert_banner import AlertBanner
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


def banner_text(app) -> str:
    today = app.today_screen
    banner = today.query_one(AlertBanner)
    return str(banner.render()) if banner.has_class("-shown") else ""


def seed_worsening(db: str) -> None:
    """Two logged weeks: 3/10 then 6/10, a rise of 3 points (worsening)."""
    with Diary.open(db) as diary:
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=n), 3 if n >= 7 else 6, places=(Place("knee"),))
                for n in range(1, 14)
            ]
        )


async def test_emergency_sign_with_low_pain_shows_the_notice_at_once(tmp_path):
    db = str(tmp_path / "d.db")
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # pain 1, then tick "Numb saddle area" (first in the checklist) and save
        await pilot.press("1", "tab", "tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EmergencyScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "emergency" in shown.lower()
        assert "walk" not in shown.lower()  # never the advice to go for a walk
        await pilot.press("escape")  # escape does not dismiss it
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "EMERGENCY" in banner_text(app)
    with Diary.open(db) as diary:
        assert ("emergency", TODAY) in diary.acknowledged()


async def test_acknowledged_emergency_stays_in_banner_but_not_as_notice_after_restart(tmp_path):
    db = str(tmp_path / "d.db")
    with Diary.open(db) as diary:
        diary.save_day(DayLog(TODAY, 0, flags=("bladder-bowel-control",)), TODAY)
        diary.acknowledge("emergency", TODAY)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "EMERGENCY" in banner_text(app)


async def test_banner_shows_the_most_serious_and_acknowledging_clears_it(tmp_path):
    db = str(tmp_path / "d.db")
    seed_worsening(db)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "WARNING" in banner_text(app)
        assert "F5" in banner_text(app)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        cards = list(app.screen.query(AlertCard))
        kinds = [card.view.alert.kind for card in cards]
        assert kinds[0] == "worsening"
        body = str(cards[0].render())
        assert "mean 6.0" in body and "3.0" in body  # the reason, in numbers
        assert "Source:" in body
        assert app.focused is cards[0]
        for _ in kinds:
            await pilot.press("a", "down")
            await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert banner_text(app) == ""
    with Diary.open(db) as diary:
        assert {kind for kind, _since in diary.acknowledged()} == set(kinds)


async def test_alerts_screen_with_no_alerts_says_so(tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "No alerts" in str(app.screen.query_one("#alerts-summary").render())
