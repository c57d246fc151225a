"""Trends (F4): one week at a time, in numbers first and then in charts.

Above the charts, four lines of plain numbers: the week (mean, change from last week, days
logged, exercise sessions, the place logged most), the 12-week direction of the weekly
mean, the latest weekly PEG score and its change, and where the week stands in the
episode of pain. Below, four charts: pain by day (worst pain where logged, the week's
mean as a rule), exercise sessions by day under it, the last 12 weeks' weekly mean and
max with their PEG scores, and on how many days each place was logged.

Left and right move a week; `t` (or Home) comes back to this week; `i` shows, in place of
the charts, what went with lower or higher pain in the 12 weeks (and `i` again the
charts). On a terminal too short for the charts' bars, the charts scroll: up and down,
Page Up and Page Down. The diary is read once in a thread worker (every log and PEG
answer up to today, which the episode and the PEG's change need), kept while the screen
lives, and read again only when the diary changes; moving between weeks works out the
shown week, its 12-week context and its episode from what was read, in a worker too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Header, Static

from painlog.rules.episodes import Episode, current_episode
from painlog.rules.insights import CAVEAT, MIN_DAYS, Insights, find_insights, insight_sentence
from painlog.rules.peg import peg_sentence, weekly_scores
from painlog.rules.records import DayLog, PegAnswer, Profile
from painlog.rules.weekly import (
    OVERVIEW_WEEKS,
    WeekSummary,
    day_month,
    episode_sentence,
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
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.seeds import Catalogue


class ChartScroll(VerticalScroll, can_focus=False):
    """The charts, scrolled by the screen's keys: focus would take the arrows for itself,
    and left and right move between weeks."""


class TrendsScreen(DiaryScreen):
    """One week of the diary with its 12-week context; arrows move between weeks."""

    CSS_PATH = stylesheet(__file__)

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
        # One key, shown as what it will bring up.
        Binding(
            "i",
            "show_insights(True)",
            "Insights",
            id="trends.insights",
            tooltip="Show what went with lower or higher pain in these 12 weeks",
        ),
        Binding(
            "i",
            "show_insights(False)",
            "Charts",
            id="trends.charts",
            tooltip="Show the charts again in place of the insights",
        ),
        Binding("down", "scroll_charts(1)", "Scroll down", show=False, id="trends.down"),
        Binding("up", "scroll_charts(-1)", "Scroll up", show=False, id="trends.up"),
        Binding("pagedown", "scroll_charts(10)", "Page down", show=False, id="trends.page_down"),
        Binding("pageup", "scroll_charts(-10)", "Page up", show=False, id="trends.page_up"),
    ]

    @dataclass
    class WeekLoaded(Message):
        """The weeks to show (the overview's 12, the shown week last), the PEG score of
        every answered week up to today (by week start) and the episode open at the end of
        the shown week (or today), None when none is."""

        anchor: date
        first_weekday: int
        weeks: list[WeekSummary]
        peg: dict[date, Fraction]
        as_of: date
        episode: Episode | None
        insights: Insights

    def __init__(self, today: date, diary=None) -> None:
        super().__init__(today, diary)
        self.anchor = today
        """Any day of the week shown (the week is worked out once the setting is read)."""
        self.first_weekday: int | None = None
        self.weeks: list[WeekSummary] = []
        self.showing_insights = False
        """True while the insights are shown in place of the charts (`i` switches)."""
        self._history: tuple[list[DayLog], list[PegAnswer], Profile, Catalogue] | None = None
        """Every log and PEG answer up to today, the profile and the catalogue with the
        person's own lists, once read (None: read at the next load)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trends-summary"):
            yield Static("Opening your diary…", id="trends-week")
            yield Static("", id="trends-trend")
            yield Static("", id="trends-peg")
            yield Static("", id="trends-episode")
        with ChartScroll(id="trends-scroll"):
            with Grid(id="trends-charts"):
                yield DailyPainChart(id="chart-daily")
                yield OverviewChart(id="chart-overview")
                yield ExerciseChart(id="chart-exercise")
                yield PlacesChart(id="chart-places")
            yield Static("", id="trends-insights")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self._show_heading()

    def on_screen_resume(self) -> None:
        # The first day of the week may have been changed in Settings meanwhile.
        if self.diary is not None and self.weeks:
            self.load()

    def logs_changed(self) -> None:
        self._history = None
        super().logs_changed()

    def lists_changed(self) -> None:
        # A renamed medication or exercise shows under its new name.
        self.logs_changed()

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        self._load_week(self.anchor)

    @work(thread=True, exclusive=True, group="trends-week")
    def _load_week(self, anchor: date) -> None:
        first_weekday = self.diary.first_weekday()
        history = self._history
        if history is None:
            history = self._history = (
                self.diary.days(end=self.today),
                self.diary.peg_answers(end=self.today),
                self.diary.profile(),
                self.diary.catalogue(),
            )
        logs, answers, profile, seeds = history
        start = week_start(anchor, first_weekday)
        oldest = start - timedelta(weeks=OVERVIEW_WEEKS - 1)
        weeks = weekly_summaries(logs, first_weekday, oldest, start)
        as_of = min(weeks[-1].end, self.today)
        episode = current_episode(logs, profile, as_of)
        in_range = [log for log in logs if oldest <= log.day <= as_of]
        insights = find_insights(in_range, seeds)
        peg = weekly_scores(answers, first_weekday)
        self.post_message(
            self.WeekLoaded(anchor, first_weekday, weeks, peg, as_of, episode, insights)
        )

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
        self.query_one("#trends-peg", Static).update(
            peg_sentence(message.weeks, message.peg, self.today)
        )
        with self.app.batch_update():
            self.query_one(DailyPainChart).show(week, message.first_weekday)
            self.query_one(ExerciseChart).show(week, message.first_weekday)
            self.query_one(PlacesChart).show(week, message.first_weekday)
            self.query_one(OverviewChart).show(message.weeks, message.peg)
        self._show_heading()
        self.query_one("#trends-episode", Static).update(
            episode_sentence(message.episode, message.as_of, self.today)
        )
        self.query_one("#trends-insights", Static).update(
            insights_text(message.insights, message.weeks[0].start, message.as_of)
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

    def action_scroll_charts(self, rows: int) -> None:
        """Scroll the charts by `rows` (they scroll only when the terminal is short)."""
        self.query_one(ChartScroll).scroll_relative(y=rows, animate=False)

    def action_show_insights(self, show: bool) -> None:
        """Show the insights in place of the charts (`show`), or the charts again."""
        self.showing_insights = show
        self.query_one("#trends-charts").display = not show
        self.query_one("#trends-insights").display = show
        self.query_one(ChartScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_insights":
            return parameters[0] != self.showing_insights
        return True

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
        if self.diary is not None:
            self.load()

    def _show_heading(self) -> None:
        first = self.first_weekday or 0
        weeks_back = (week_start(self.today, first) - week_start(self.anchor, first)).days // 7
        when = {0: "this week", 1: "last week"}.get(weeks_back, f"{weeks_back} weeks ago")
        self.sub_title = f"Trends: week of {day_month(self.week_start, self.today)} ({when})"


def insights_text(found: Insights, start: date, end: date) -> Text:
    """The Insights panel: each factor in a sentence, what that means, what was left out."""
    text = Text.assemble(
        (f"What went with lower or higher pain, {day_month(start)} to {day_month(end)}", "bold"),
        f" ({found.logged_days} days logged)",
    )
    if not found.found:
        text.append(
            f"\nNothing to compare yet: a factor needs {MIN_DAYS} logged days with it and "
            f"{MIN_DAYS} without."
        )
    for insight in found.found:
        text.append(f"\n• {insight_sentence(insight)}.")
    if found.found:
        text.append(f"\n{CAVEAT}", style="italic")
    if found.too_few:
        text.append(
            f"\nToo few days to compare ({MIN_DAYS} with and {MIN_DAYS} without needed): "
            + ", ".join(found.too_few)
            + ".",
            style="dim",
        )
    text.append(
        "\nIn the shell, painlog insights gives each difference with its 95% interval.", style="dim"
    )
    return text
