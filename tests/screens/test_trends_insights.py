"""Trends' insights (`i`): what went with lower or higher pain, in place of the charts."""

from __future__ import annotations

from datetime import date, timedelta

from pilot_helpers import settle
from textual.widgets import Static

from painlog.rules.records import DayLog, ExerciseDone, Intake
from painlog.screens.trends import TrendsScreen
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


def make(path: str) -> str:
    """Ten walking days at 2-3, then ten days at 5-6 with ibuprofen and heat, to today."""
    first = TODAY - timedelta(days=19)
    with Diary.open(path) as diary:
        diary.add_medication("Ibuprofen")
        diary.insert_days(
            [
                DayLog(first + timedelta(days=i), 2 + i % 2, exercises=(ExerciseDone("walking"),))
                for i in range(10)
            ]
            + [
                DayLog(
                    first + timedelta(days=10 + i),
                    5 + i % 2,
                    took=(Intake("ibuprofen"),),
                    treated=("heat",) if i < 4 else (),
                )
                for i in range(10)
            ]
        )
    return path


async def test_i_shows_the_insights_in_place_of_the_charts_and_back(tmp_path):
    app = PainlogApp(db=make(str(tmp_path / "d.db")), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        insights = screen.query_one("#trends-insights", Static)
        charts = screen.query_one("#trends-charts")
        assert (charts.display, insights.display) == (True, False)

        await pilot.press("i")
        await pilot.pause()
        assert (charts.display, insights.display) == (False, True)
        text = str(insights.render())
        assert "Ibuprofen went with pain 3.0 higher (5.5 on 10 days with it, 2.5 on 10" in text
        assert "Walking went with pain 3.0 lower" in text
        assert "does not show one caused the other" in text
        assert "Too few days to compare (5 with and 5 without needed): Heat." in text

        await pilot.press("i")
        await pilot.pause()
        assert (charts.display, insights.display) == (True, False)


async def test_the_footer_names_what_i_brings_up(tmp_path):
    app = PainlogApp(db=make(str(tmp_path / "d.db")), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        shown = {
            b.description for _, b, enabled, *_ in app.screen.active_bindings.values() if enabled
        }
        assert "Insights" in shown and "Charts" not in shown
        await pilot.press("i")
        await pilot.pause()
        shown = {
            b.description for _, b, enabled, *_ in app.screen.active_bindings.values() if enabled
        }
        assert "Charts" in shown and "Insights" not in shown


async def test_an_empty_diary_says_there_is_nothing_to_compare(tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4", "i")
        await settle(pilot)
        text = str(app.screen.query_one("#trends-insights", Static).render())
        assert "Nothing to compare yet: a factor needs 5 logged days with it and 5 without." in text
