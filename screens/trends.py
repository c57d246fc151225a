"""Trends (F4): one week at a time, in numbers first and then in charts.

Above the charts, three lines of plain numbers: the week (mean, change from last week, days
logged, exercise sessions, the place logged most), the 12-week direction of the weekly
mean, and where the week stands in the episode of pain. Below, four charts: pain by day
(worst pain where logged, the week's mean as a rule), exercise sessions by day under it,
the last 12 weeks' weekly mean and max, and on how many days each place was logged.

Left and right move a week; `t` (or Home) comes back to this week. A week is loaded in a
thread worker with one query over the 12 weeks the overview shows, so the redraw costs the
same on a diary of three months or ten years; the episode comes from a second worker that
reads back only as far as it must (see `rules.weekly.episode_from_recent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Static

from painlog.rules.weekly import (
    OVERVIEW_WEEKS,
    WEEK_START_SETTING,
    WeekSummary,
    day_month,
    episode_from_recent,
    episode_sentence,
    first_weekday_of,
    trend_sentence,
    week_sentence,
    week_start,
    weekly_summaries,
)
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.widgets.charts import (
    DailyPainChart,
    ExerciseChart,
    OverviewChart,
    PlacesChart,
)
from painlog.screens.widgets.commands import BindingCommands

EPISODE_LOOKBACK_WEEKS = 52
"""How far back the episode worker reads at a time before reading the rest of the diary."""


class TrendsScreen(DiaryScreen):
    """One week of the diary with its 12-week context; arrows move between weeks."""

    CSS_PATH = stylesheet("trends")

    COMMANDS = {BindingCommands}

    BINDINGS = [
        # One footer entry for both arrows, so the function keys still fit at 80 columns.
        Binding(
            "left",
            "move(-1)",
            "Week",
            key_display="←→",
            id="trends.previous",
            tooltip="Show the week before",
        ),
        Binding(
            "right",
            "move(1)",
            "Next week",
            key_display="→",
            show=False,
            id="trends.next",
            tooltip="Show the week after (up to this week)",
        ),
        Binding(
            "t,home",
            "this_week",
            "This week",
            id="trends.this_week",
            tooltip="Back to the week holding today",
        ),
    ]

    @dataclass
    class WeekLoaded(Message):
        """The weeks to show (the overview's 12, the shown week last) and their logs."""

        anchor: date
        first_weekday: int
        weeks: list[WeekSummary]
        logs: list
        since: date

    @dataclass
    class EpisodeLoaded(Message):
        """The episode open at the end of the shown week (or today), None when none is."""

        anchor: date
        as_of: date
        episode: object

    def __init__(self, today: date, diary=None) -> None:
        super().__init__(today, diary)
        self.anchor = today
        """Any day of the week shown (the week is worked out once the setting is read)."""
        self.first_weekday: int | None = None
        self.weeks: list[WeekSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trends-summary"):
            yield Static("Opening your diary…", id="trends-week")
            yield Static("", id="trends-trend")
            yield Static("", id="trends-episode")
        with Grid(id="trends-charts"):
            yield DailyPainChart(id="chart-daily")
            yield OverviewChart(id="chart-overview")
            yield ExerciseChart(id="chart-exercise")
            yield PlacesChart(id="chart-places")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "painlog"
        self._show_heading()

    def on_screen_resume(self) -> None:
        # The first day of the week may have been changed in Settings meanwhile.
        if self.diary is not None and self.weeks:
            self.load()

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        self._load_week(self.anchor)

    @work(thread=True, exclusive=True, group="trends-week")
    def _load_week(self, anchor: date) -> None:
        first_weekday = first_weekday_of(self.diary.setting(WEEK_START_SETTING))
        start = week_start(anchor, first_weekday)
        oldest = start - timedelta(weeks=OVERVIEW_WEEKS - 1)
        logs = self.diary.days(oldest, start + timedelta(days=6))
        weeks = weekly_summaries(logs, first_weekday, oldest, start)
        self.post_message(self.WeekLoaded(anchor, first_weekday, weeks, logs, oldest))

    @work(thread=True, exclusive=True, group="trends-episode")
    def _load_episode(self, anchor: date, as_of: date, recent: list, since: date) -> None:
        profile = self.diary.profile()
        answer = episode_from_recent(recent, since, profile, as_of)
        if not answer.known:
            older = since - timedelta(weeks=EPISODE_LOOKBACK_WEEKS)
            recent = self.diary.days(older, since - timedelta(days=1)) + recent
            since = older
            answer = episode_from_recent(recent, since, profile, as_of)
        if not answer.known:
            recent = self.diary.days(None, since - timedelta(days=1)) + recent
            answer = episode_from_recent(recent, None, profile, as_of)
        self.post_message(self.EpisodeLoaded(anchor, as_of, answer.episode))

    @on(WeekLoaded)
    def _week_loaded(self, message: WeekLoaded) -> None:
        if message.anchor != self.anchor:
            return  # The person has moved on to another week meanwhile.
        self.first_weekday = message.first_weekday
        self.weeks = message.weeks
        week = message.weeks[-1]
        previous = message.weeks[-2] if len(message.weeks) > 1 else None
        self.query_one("#trends-week", Static).update(self._week_text(week, previous))
        self.query_one("#trends-trend", Static).update(trend_sentence(message.weeks))
        with self.app.batch_update():
            self.query_one(DailyPainChart).show(week, message.first_weekday)
            self.query_one(ExerciseChart).show(week, message.first_weekday)
            self.query_one(PlacesChart).show(week, message.first_weekday)
            self.query_one(OverviewChart).show(message.weeks)
        self._show_heading()
        # The episode may need older logs: read them in a second worker, after the charts.
        as_of = min(week.end, self.today)
        self._load_episode(message.anchor, as_of, message.logs, message.since)

    @on(EpisodeLoaded)
    def _episode_loaded(self, message: EpisodeLoaded) -> None:
        if message.anchor != self.anchor:
            return
        self.query_one("#trends-episode", Static).update(
            episode_sentence(message.episode, message.as_of, self.today)
        )

    def _week_text(self, week: WeekSummary, previous: WeekSummary | None) -> Text:
        sentence = week_sentence(week, previous, self.today)
        heading, _, rest = sentence.partition(": ")
        return Text.assemble((heading + ":", "bold"), " ", rest)

    # -- moving between weeks ---------------------------------------------------------------

    @property
    def week_start(self) -> date:
        """The first day of the week shown."""
        return week_start(self.anchor, self.first_weekday or 0)

    def action_move(self, delta: int) -> None:
        target = self.anchor + timedelta(weeks=delta)
        if week_start(target, self.first_weekday or 0) > week_start(
            self.today, self.first_weekday or 0
        ):
            self.notify("This is the current week; later weeks have not happened yet.")
            return
        self.show_week(target)

    def action_this_week(self) -> None:
        self.show_week(self.today)

    def show_week(self, day: date) -> None:
        """Show the week holding `day`."""
        day = min(day, self.today)
        first = self.first_weekday or 0
        if week_start(day, first) == week_start(self.anchor, first):
            return
        self.anchor = day
        self._show_heading()
        self.query_one("#trends-episode", Static).update("Episode: reading back…")
        if self.diary is not None:
            self.load()

    def _show_heading(self) -> None:
        first = self.first_weekday or 0
        weeks_back = (week_start(self.today, first) - week_start(self.anchor, first)).days // 7
        when = {0: "this week", 1: "last week"}.get(weeks_back, f"{weeks_back} weeks ago")
        self.sub_title = f"Trends: week of {day_month(self.week_start, self.today)} ({when})"
