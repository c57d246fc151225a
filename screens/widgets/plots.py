"""What the trend charts draw, on any plotext figure: the Trends screen's and `painlog chart`'s.

Every function takes `plt`, either the `plotext` module itself (the command line) or a
textual-plotext `Plot` (the Trends screen), and the week summaries from rules/weekly. No
Textual here, so `painlog chart` can draw the same charts without loading the TUI.

What every chart promises:

* an unlogged day or week is a gap: lines are drawn per run of logged points
  (`rules.weekly.segments`) and a lone logged point still gets its marker; nothing is ever
  plotted as zero pain;
* a chart plots at most a few dozen points whatever the size of the diary: the week view
  draws 7 days, the overview 12 weekly aggregates, and longer ranges are merged into spans
  of whole weeks (`rules.weekly.downsample`) to fit the width;
* colours come from a `Palette` (the app theme's, or none at all), and lines also differ by
  marker, so they stay apart without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from painlog.rules.weekly import (
    WeekSummary,
    daily_exercises,
    daily_pain,
    daily_worst,
    downsample,
    location_name,
    segments,
    weekday_labels,
)
from painlog.rules.windows import format_mean

Colour = str | tuple[int, int, int] | None
"""A plotext colour: an RGB triple, a plotext colour name, or None for the default."""

PAIN_TICKS = [0, 2, 4, 6, 8, 10]
MIN_PLOT_WIDTH = 12
MIN_PLOT_HEIGHT = 5


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of the series; None leaves a series in the plot's default colour."""

    pain: Colour = None
    worst: Colour = None
    mean: Colour = None
    maximum: Colour = None
    exercise: Colour = None
    place: Colour = None
    muted: Colour = None
    canvas: Colour = None


NO_COLOUR = Palette()

PAIN_MARKER = "●"
WORST_MARKER = "◆"
MAX_MARKER = "▪"
LINE_MARKER = "·"
"""Lines are drawn a cell at a time, so they meet the point markers exactly."""


def fits(width: int, height: int) -> bool:
    """Whether a plot of this size can show anything (plotext needs a few cells)."""
    return width >= MIN_PLOT_WIDTH and height >= MIN_PLOT_HEIGHT


def _line(plt, values: Sequence, colour: Colour, point: str, label: str | None = None) -> None:
    """One series on x = 1..n: a line through each run of logged points, a marker on each."""
    for run in segments(values):
        xs = [index + 1 for index, _ in run]
        ys = [value for _, value in run]
        if len(run) > 1:
            plt.plot(xs, ys, marker=LINE_MARKER, color=colour)
        plt.scatter(xs, ys, marker=point, color=colour, label=label)
        label = None  # the legend names each series once


def _message(plt, text: str, palette: Palette, xmax: float = 7.5, ymax: float = 10) -> None:
    plt.text(
        text,
        x=(xmax + 0.5) / 2,
        y=ymax / 2,
        color=palette.muted,
        background=palette.canvas,
        alignment="center",
    )


def draw_daily_pain(
    plt,
    week: WeekSummary,
    first_weekday: int,
    palette: Palette,
    width: int = 80,
    legend: bool = False,
) -> None:
    """Pain (and worst pain, where logged) per day of `week`, with the week's mean marked.

    Each day's label carries its pain score (`Mon 4`, `-` when not logged): on a short
    chart one row spans more than one point of the scale, and the number must still show.
    """
    mean = "" if week.mean is None else f", ── mean {format_mean(week.mean)}"
    worst = ", worst ◆" if week.max_worst is not None else ""
    plt.title(f"Pain ● by day{worst}{mean}")
    plt.xlim(0.5, 7.5)
    plt.ylim(0, 10)
    plt.yticks(PAIN_TICKS)
    plt.xticks(list(range(1, 8)), day_labels(daily_pain(week), first_weekday, width))
    if week.mean is None:
        _message(plt, "nothing logged this week", palette)
        return
    plt.hline(float(week.mean), color=palette.mean)
    worst = daily_worst(week)
    if any(value is not None for value in worst):
        _line(plt, worst, palette.worst, WORST_MARKER, "worst" if legend else None)
    _line(plt, daily_pain(week), palette.pain, PAIN_MARKER, "pain" if legend else None)


def day_labels(values: Sequence[int | None], first_weekday: int, width: int) -> list[str]:
    """`Mon 4` per day (`Mo 4` when narrow), `-` for a day not logged."""
    # The plot area is the width less the y axis; each label needs its text and a space.
    short = (width - 4) // 7 < 6
    names = [name[:2] if short else name for name in weekday_labels(first_weekday)]
    return [
        f"{name} {'-' if value is None else value}"
        for name, value in zip(names, values, strict=True)
    ]


def draw_daily_exercise(plt, week: WeekSummary, first_weekday: int, palette: Palette) -> None:
    """Exercise sessions per day of `week`: a bar per logged day, under the pain chart.

    The x labels give the count of each logged day and `-` for an unlogged one, so a day
    with no exercise (0) never looks like a day that was not logged.
    """
    counts = daily_exercises(week)
    top = max((count for count in counts if count is not None), default=0)
    plt.title("Exercise sessions by day")
    plt.xlim(0.5, 7.5)
    plt.ylim(0, max(top, 1))
    # Labels two wide, like the pain chart's "10", so the bars sit under its days.
    plt.yticks([0, max(top, 1)], [" 0", f"{max(top, 1):>2}"])
    # Counts as labels: "0" is a logged day without exercise, "-" a day not logged.
    plt.xticks(list(range(1, 8)), ["-" if count is None else str(count) for count in counts])
    if week.mean is None:
        _message(plt, "nothing logged this week", palette, ymax=1)
        return
    logged = [(index + 1, count) for index, count in enumerate(counts) if count]
    if logged:
        plt.bar(
            [x for x, _ in logged],
            [count for _, count in logged],
            color=palette.exercise,
            width=0.4,
            reset_ticks=False,
        )


def draw_places(plt, week: WeekSummary, palette: Palette, rows: int) -> None:
    """How many days each place was logged in `week`, as horizontal bars (most first).

    Args:
        rows: Bars that fit; further places are counted in the title.
    """
    places = list(week.place_days.items())
    shown = places[: max(1, rows)]
    more = len(places) - len(shown)
    plt.title("Days per place" + (f" (+{more} more)" if more else ""))
    if not places:
        plt.xlim(0, 7)
        plt.ylim(0, 10)
        plt.xticks([])
        plt.yticks([])
        _message(plt, "no places logged", palette, xmax=6.5)
        return
    names = [_short(location_name(slug)) for slug, _ in reversed(shown)]
    days = [count for _, count in reversed(shown)]
    plt.bar(names, days, orientation="horizontal", color=palette.place, width=0.4)
    top = max(days)
    plt.xlim(0, max(top, 1))
    plt.xticks(sorted({0, top}))


def draw_weeks(
    plt,
    weeks: Sequence[WeekSummary],
    palette: Palette,
    width: int,
    title: str | None = None,
    legend: bool = False,
) -> list[WeekSummary]:
    """Weekly mean and max pain over `weeks`, merged into spans so it fits `width` columns.

    Returns:
        The points drawn (the weeks themselves, or spans of several whole weeks).
    """
    points = downsample(weeks, max(2, (width - 8) // 2))
    count = len(points)
    plt.title(title or f"{len(weeks)} weeks: mean and max")
    plt.xlim(0.5, count + 0.5)
    plt.ylim(0, 10)
    plt.yticks([0, 5, 10])
    ticks = _week_ticks(points, width)
    years = {point.start.year for point in points}
    plt.xticks(
        [index + 1 for index in ticks],
        [_tick_date(points[index].start, len(years) > 1) for index in ticks],
    )
    if not any(point.mean is not None for point in points):
        _message(plt, "nothing logged", palette, xmax=count + 0.5)
        return points
    _line(plt, [p.max_pain for p in points], palette.maximum, MAX_MARKER, "max" if legend else None)
    _line(plt, [p.mean for p in points], palette.pain, PAIN_MARKER, "mean" if legend else None)
    return points


def _week_ticks(points: Sequence[WeekSummary], width: int) -> list[int]:
    """Which points get a date label: evenly spaced, always the newest, never crowded."""
    count = len(points)
    room = max(1, (width - 6) // 10)  # a label such as "Nov 2026" plus room
    step = max(1, -(-count // room))
    ticks = list(range(count - 1, -1, -step))
    return sorted(ticks)


def _tick_date(day: date, with_year: bool) -> str:
    return f"{day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def _short(name: str, width: int = 14) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
