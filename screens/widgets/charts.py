"""The Trends screen's charts: textual-plotext plots drawn in the colours of the app theme.

Each chart keeps the summaries it was handed and redraws them with `replot` (clear the
figure, plot, refresh) whenever they change, the widget is resized or the app theme
changes, following the textual-plotext examples. What is drawn, and how it fits the
widget's size, lives in `painlog.drawing`, shared with `painlog chart`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction

from textual.app import App, RenderResult
from textual.color import Color, ColorParseError
from textual_plotext import PlotextPlot

from painlog.drawing.charts import (
    draw_daily_exercise,
    draw_daily_pain,
    draw_places,
    draw_weeks,
    fits,
)
from painlog.drawing.palette import Palette
from painlog.rules.weekly import DEFAULT_FIRST_WEEKDAY, WeekSummary


def theme_palette(app: App) -> Palette:
    """The chart colours of the app's current theme (light or dark alike)."""
    variables = app.theme_variables

    def parse(name: str) -> Color | None:
        try:
            return Color.parse(variables[name])
        except (KeyError, ColorParseError):
            return None

    surface = parse("surface")

    def rgb(name: str) -> tuple[int, int, int] | None:
        colour = parse(name)
        if colour is None:
            return None
        if colour.a < 1 and surface is not None:
            colour = surface + colour  # a translucent colour as it looks on the chart
        return colour.rgb

    return Palette(
        pain=rgb("primary"),
        worst=rgb("warning"),
        mean=rgb("foreground-muted"),
        maximum=rgb("warning"),
        exercise=rgb("success"),
        place=rgb("secondary"),
        peg=rgb("success"),
        muted=rgb("foreground-muted"),
        canvas=rgb("surface"),
    )


class Chart(PlotextPlot):
    """A plot that redraws its data on theme changes and resizes; subclasses define `draw`.

    Attributes:
        render_seconds: How long the last frame took to build (for the redraw benchmark).
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.render_seconds = 0.0

    def on_mount(self) -> None:
        # PlotextPlot's own on_mount (called as well) registers the plot's background theme.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())
        self.replot()

    def on_resize(self) -> None:
        self.replot()

    def replot(self) -> None:
        """Clear the figure, plot the data again in the theme's colours, and repaint."""
        self.plt.clear_figure()
        if self.is_mounted:
            self.draw(theme_palette(self.app))
        self.refresh()

    def draw(self, palette: Palette) -> None:
        """Plot the data on `self.plt` (override)."""

    def render(self) -> RenderResult:
        if not fits(self.size.width, self.size.height):
            return ""  # Too small to draw anything readable (plotext needs a few cells).
        started = time.perf_counter()
        result = super().render()
        self.render_seconds = time.perf_counter() - started
        return result


class WeekChart(Chart):
    """A chart of one week; `show` hands it the week to draw."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.week: WeekSummary | None = None
        self.first_weekday = DEFAULT_FIRST_WEEKDAY

    def show(self, week: WeekSummary, first_weekday: int) -> None:
        """Draw `week` (whose days start on `first_weekday`, 0 = Monday)."""
        self.week = week
        self.first_weekday = first_weekday
        self.replot()


class DailyPainChart(WeekChart):
    """Pain and worst pain by day, gaps for unlogged days, the week's mean as a rule."""

    def draw(self, palette: Palette) -> None:
        if self.week is not None:
            width, height = self.size
            draw_daily_pain(self.plt, self.week, self.first_weekday, palette, width, height)


class ExerciseChart(WeekChart):
    """Exercise sessions by day, as bars sitting under the pain chart's days."""

    def draw(self, palette: Palette) -> None:
        if self.week is not None:
            width, height = self.size
            draw_daily_exercise(self.plt, self.week, self.first_weekday, palette, width, height)


class PlacesChart(WeekChart):
    """On how many days of the week each place was logged."""

    def draw(self, palette: Palette) -> None:
        if self.week is not None:
            draw_places(self.plt, self.week, palette, *self.size)


class OverviewChart(Chart):
    """Weekly mean and max pain over the weeks handed in (the last 12, normally), and the
    weekly PEG score of the weeks answered."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks: tuple[WeekSummary, ...] = ()
        self.peg: Mapping[date, Fraction] = {}

    def show(self, weeks: Sequence[WeekSummary], peg: Mapping[date, Fraction]) -> None:
        """Draw `weeks`, oldest first, with the PEG scores of `peg` (by week start)."""
        self.weeks = tuple(weeks)
        self.peg = peg
        self.replot()

    def draw(self, palette: Palette) -> None:
        if self.weeks:
            draw_weeks(self.plt, self.weeks, palette, *self.size, peg=self.peg)
