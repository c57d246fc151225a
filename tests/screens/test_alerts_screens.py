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


async def test_an_earlier_days_emergency_asks_and_a_answers_it(tmp_path):
    db = str(tmp_path / "d.db")
    reported = TODAY - timedelta(days=2)
    with Diary.open(db) as diary:
        diary.save_day(DayLog(reported, 0, flags=("saddle-numbness",)), TODAY)
        diary.acknowledge("emergency", reported, on=reported)  # "I understand", that day
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        banner = banner_text(app)
        assert "EMERGENCY" in banner and "Have you been assessed" in banner
        assert "a: I have been assessed" in banner
        await pilot.press("f5")
        await settle(pilot)
        (card,) = app.screen.query(AlertCard)
        assert "not answered" in str(card.border_subtitle)
        assert "Press a if a doctor has assessed you since" in str(card.render())
        await pilot.press("a")
        await settle(pilot)
        (card,) = app.screen.query(AlertCard)  # still listed until it lapses
        assert "assessed, you said" in str(card.border_subtitle)
        await pilot.press("f2")
        await settle(pilot)
        assert banner_text(app) == ""
    with Diary.open(db) as diary:
        assert diary.acknowledged() == {("emergency", reported): TODAY}


async def test_saving_another_day_does_not_pop_the_notice_for_an_earlier_emergency(tmp_path):
    db = str(tmp_path / "d.db")
    with Diary.open(db) as diary:
        diary.save_day(
            DayLog(TODAY - timedelta(days=1), 0, flags=("bladder-bowel-control",)), TODAY
        )
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        # "I understand" must not answer "have you been assessed?" for the person.
        assert isinstance(app.screen, TodayScreen)
        assert "Have you been assessed" in banner_text(app)
    with Diary.open(db) as diary:
        assert diary.acknowledged() == {}


async def test_the_alerts_screen_says_when_too_few_days_were_logged_to_tell(tmp_path):
    db = str(tmp_path / "d.db")
    with Diary.open(db) as diary:
        diary.insert_days(
            [DayLog(TODAY - timedelta(days=50), 9, flags=("foot-drop",))]
            + [DayLog(TODAY - timedelta(days=n), 9) for n in (40, 30, 20, 12, 5)]
        )
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        summary = " ".join(str(app.screen.query_one("#alerts-summary").render()).split())
        assert "Note: Too few days logged to check whether your pain should be looked at" in (
            summary
        )
        kinds = [card.view.alert.kind for card in app.screen.query(AlertCard)]
        assert "see_clinician" not in kinds


async def test_alert_cards_read_once_each_with_counts_and_dates_in_the_house_style(tmp_path):
    db = str(tmp_path / "d.db")
    seed_worsening(db)
    with Diary.open(db) as diary:
        diary.save_day(DayLog(TODAY - timedelta(days=19), 2, flags=("saddle-numbness",)), TODAY)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        cards = list(screen.query(AlertCard))
        titles = [card.border_title for card in cards]
        summary = str(screen.query_one("#alerts-summary").render())
        subtitles = [card.border_subtitle for card in cards]
        sub_title = screen.sub_title
    assert "EMERGENCY" in titles
    assert not [t for t in titles if t.lower().count("emergency") > 1]
    assert summary.startswith(f"{len(cards)} active alerts,")
    assert "(s)" not in summary
    assert f"since {(TODAY - timedelta(days=19)).day} Nov 2026" in " ".join(subtitles)
    assert sub_title == "Alerts as of Sat 21 Nov 2026"
