"""Pilot tests of the Trends screen: F4 from launch, moving between weeks, what is read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.color import Color
from textual.widgets import Static

from painlog.drawing.charts import draw_daily_exercise, draw_daily_pain, draw_weeks
from painlog.drawing.palette import NO_COLOUR
from painlog.rules.weekly import WeekSummary, summarise_week
from painlog.screens.trends import TrendsScreen
from painlog.screens.widgets.charts import (
    DailyPainChart,
    ExerciseChart,
    OverviewChart,
    PlacesChart,
)
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)  # a Saturday; this week (from Monday) is 16-22 Nov


@pytest.fixture
def demo_db(tmp_path) -> str:
    path = str(tmp_path / "demo.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 16, 1, TODAY)
    return path


def line(app, name: str) -> str:
    return str(app.screen.query_one(f"#trends-{name}", Static).render())


async def open_trends(pilot) -> TrendsScreen:
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TrendsScreen)
    return screen


async def test_one_key_from_launch_answers_whether_pain_went_down(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        assert screen.week_start == date(2026, 11, 16)
        assert line(app, "week") == (
            "Week of 16 Nov: mean 3.0 (down 1.0 from last week), 6 of 6 days logged so far, "
            "9 exercise sessions, lower back on 6 days"
        )
        assert line(app, "trend") == "12-week trend: weekly mean 4.0 -> 3.0 (down 1.0)"
        assert line(app, "episode") == ("Episode week 16, chronic (12 weeks or more), since 2 Aug")
        assert "this week" in screen.sub_title
        assert len(screen.weeks) == 12
        assert screen.query_one(OverviewChart).weeks == tuple(screen.weeks)
        assert screen.query_one(DailyPainChart).week == screen.weeks[-1]


async def test_arrows_move_a_week_and_t_or_home_come_back(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 9)
        assert line(app, "week").startswith("Week of 9 Nov: mean 4.0 (down 1.1 from last week)")
        assert "last week" in screen.sub_title
        assert line(app, "episode").startswith("Episode week 16 as of 15 Nov")
        await pilot.press("left", "left", "left")
        await settle(pilot)
        assert screen.week_start == date(2026, 10, 19)
        assert "3 weeks ago" not in screen.sub_title and "4 weeks ago" in screen.sub_title
        # The overview moves with the week: its 12 weeks end with the week shown.
        assert screen.weeks[-1].start == date(2026, 10, 19)
        assert screen.weeks[0].start == date(2026, 8, 3)
        await pilot.press("right")
        await settle(pilot)
        assert screen.week_start == date(2026, 10, 26)
        assert "warning sign: recent fall or injury" in line(app, "week")
        await pilot.press("t")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 16)
        await pilot.press("left", "left")
        await settle(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 16)


async def test_the_command_palette_offers_the_screen_keys(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"week before")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.week_start == date(2026, 11, 9)


async def test_no_week_after_this_one(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        await pilot.press("right")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 16)
        assert any("current week" in str(n.message) for n in app._notifications)


async def test_weeks_before_the_diary_say_nothing_was_logged(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        screen.show_week(date(2026, 7, 23))
        await settle(pilot)
        assert screen.week_start == date(2026, 7, 20)
        assert line(app, "week") == "Week of 20 Jul: nothing logged (0 of 7 days)"
        assert line(app, "trend") == "12-week trend: nothing logged"
        assert line(app, "episode") == "No open episode of pain as of 26 Jul"


async def test_the_first_day_of_the_week_comes_from_the_setting(demo_db):
    with Diary.open(demo_db) as diary:
        diary.set_setting("week_start", "sunday")
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        assert screen.first_weekday == 6
        assert screen.week_start == date(2026, 11, 15)
        assert line(app, "week").startswith("Week of 15 Nov:")
        # Sunday to Saturday: today ends the week, so no "so far".
        assert "7 of 7 days logged," in line(app, "week")
        assert screen.query_one(ExerciseChart).first_weekday == 6


async def test_the_diary_is_read_once_and_again_only_after_a_save(tmp_path):
    """Moving between weeks works from what was read; a save makes Trends read again."""
    path = str(tmp_path / "ten-years.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 522, 1, TODAY)
    calls: list[tuple[date | None, date | None]] = []
    original = Diary.days

    def spy(self, start=None, end=None):
        calls.append((start, end))
        return original(self, start, end)

    app = PainlogApp(db=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        Diary.days = spy
        try:
            await pilot.press("f4")
            await settle(pilot)
            await pilot.press("left", "left")
            await settle(pilot)
            assert line(app, "episode").startswith("Episode week 15 as of 8 Nov")
            assert calls == [(None, TODAY)]
            before = len(calls)
            await pilot.press("f2", "1", "ctrl+s")
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
        finally:
            Diary.days = original
        assert isinstance(app.screen, TrendsScreen)
    # Today reads its day again as it comes back into view (another program may have
    # written it), then the alerts the save raised; then Trends reads its history once.
    assert calls[before:] == [(None, TODAY)] * 3


async def test_charts_follow_the_theme(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        chart = screen.query_one(DailyPainChart)
        seen = []
        original = chart.draw

        def record(palette):
            seen.append(palette)
            original(palette)

        chart.draw = record
        palettes = {}
        for theme in ("textual-light", "textual-dark"):
            seen.clear()
            app.theme = theme
            await settle(pilot)
            assert seen, f"no redraw after switching to {theme}"
            assert seen[-1].pain == Color.parse(app.theme_variables["primary"]).rgb
            assert seen[-1].canvas == Color.parse(app.theme_variables["surface"]).rgb
            assert chart.render_seconds > 0
            palettes[theme] = seen[-1]
        assert palettes["textual-light"].canvas != palettes["textual-dark"].canvas
        assert palettes["textual-light"].pain != palettes["textual-dark"].pain


async def test_charts_draw_at_the_smallest_size_without_error(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_trends(pilot)
        for chart in (DailyPainChart, ExerciseChart, OverviewChart, PlacesChart):
            screen.query_one(chart).render()
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen.query_one(DailyPainChart).size.width > 40


# --- what the charts draw: gaps are gaps ---------------------------------------------------


class Recorder:
    """Stands in for plotext and keeps every line and every mark or bar written."""

    def __init__(self) -> None:
        self.lines: list[tuple[list, list]] = []
        self.texts: list[tuple[str, float, float]] = []

    def plot(self, xs, ys, **_kw):
        self.lines.append((list(xs), list(ys)))

    def text(self, text, x, y, **_kw):
        self.texts.append((text, x, y))

    def marks(self, char: str) -> list[tuple[float, float]]:
        return [(x, y) for text, x, y in self.texts if text == char]

    def __getattr__(self, _name):
        return lambda *args, **kwargs: None


MON = date(2026, 11, 16)


def _week(pains: list[int | None]) -> WeekSummary:
    from painlog.rules.records import DayLog, ExerciseDone

    logs = [
        DayLog(MON + timedelta(days=i), pain, exercises=(ExerciseDone("walking"),) * (i % 2))
        for i, pain in enumerate(pains)
        if pain is not None
    ]
    return summarise_week(MON, logs)


def test_unlogged_days_are_never_drawn_and_lines_break_at_them():
    from painlog.drawing.grid import centres

    plt = Recorder()
    draw_daily_pain(plt, _week([4, None, 0, 5, None, None, 3]), 0, NO_COLOUR, 80, 20)
    xs = centres(7, 76)  # 80 columns less the labels "10" and the frame
    # Tue, Fri and Sat are gaps, not zeros
    assert plt.marks("●") == [(xs[0], 4.0), (xs[2], 0.0), (xs[3], 5.0), (xs[6], 3.0)]
    assert plt.lines == [([xs[2], xs[3]], [0.0, 5.0])]  # only consecutive logged days join


def test_exercise_bars_only_for_logged_days_with_exercise():
    plt = Recorder()
    draw_daily_exercise(plt, _week([4, None, 0, 5, None, None, 3]), 0, NO_COLOUR, 80, 12)
    bars = {(x, y) for text, x, y in plt.texts if "█" in text}
    assert len({x for x, _ in bars}) == 1  # Thu; Mon, Wed and Sun are logged with 0 sessions


def test_unlogged_weeks_are_gaps_in_the_overview():
    from painlog.rules.records import DayLog
    from painlog.rules.weekly import weekly_summaries

    logs = [DayLog(MON, 4), DayLog(MON + timedelta(days=1), 6), DayLog(MON + timedelta(days=14), 2)]
    weeks = weekly_summaries(logs)
    assert [week.mean for week in weeks] == [5, None, 2]
    plt = Recorder()
    draw_weeks(plt, weeks, NO_COLOUR, 60, 20)
    assert [y for _x, y in plt.marks("●")] == [5.0, 2.0]
    assert plt.lines == []  # nothing joins them
