"""Trends says on how many days medication was taken: in the week and over the 12 weeks."""

from __future__ import annotations

from datetime import date, timedelta

from pilot_helpers import settle

from painlog.rules.records import DayLog, Intake
from painlog.screens.trends import TrendsScreen
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)  # a Saturday


async def test_trends_counts_the_days_with_medication(tmp_path):
    db = str(tmp_path / "diary.db")
    with Diary.open(db) as diary:
        diary.add_medication("Ibuprofen")
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=n),
                    4,
                    took=(Intake("ibuprofen", "400mg"),) if n in (0, 2, 9) else (),
                )
                for n in range(14)
            ]
        )
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, TrendsScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
    assert "medication on 2 days" in shown  # this week: today and two days ago
    assert "medication on 3 of 14 logged days" in shown
