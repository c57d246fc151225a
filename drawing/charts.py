"""The trend charts, drawn on any plotext figure: the Trends screen's and `painlog chart`'s.

Every function takes `plt`, either the `plotext` module itself (the command line) or a
textual-plotext `Plot` (the Trends screen), the week summaries from rules/weekly and the
size of the whole chart in cells. No Textual here.

What every chart promises:

* each value sits on the row nearest to it: a line chart of the 0-10 scale gives every
  whole number a row of its own, and its labels name the rows they sit on; a chart too short
  for that draws one labelled bar per item instead, with the number printed after it;
* bars are in proportion: every point of a bar is the same whole number of cells;
* no series hides another: the marks of two series of one day or week sit side by side, a
  column apart, never in the same cell;
* an unlogged day or week is a gap (`rules.weekly.segments`), never zero, and an empty
  chart says in words why it is empty;
* at most a few dozen points whatever the size of the diary: longer ranges are merged into
  spans of whole weeks (`rules.weekly.downsample`) to fit the width.

Positions are worked out in cells (`grid`), and each chart's limits are set so that one
unit of plotted data is exactly one cell, so plotext never has to round a mark elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction

from painlog.drawing.grid import (
    LINE_ROWS,
    PAIN_TOP,
    Canvas,
    bar_cells,
    canvas,
    cells_per_point,
    centres,
    rows_per_point,
    wrapped,
)
from painlog.drawing.palette import (
    BAR,
    LINE_MARKER,
    MAX_MARKER,
    PAIN_MARKER,
    PEG_MARKER,
    WORST_MARKER,
    Colour,
    Palette,
)
from painlog.rules.peg import span_scores
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

MIN_PLOT_WIDTH = 12
MIN_PLOT_HEIGHT = 5
PAIN_LABEL_WIDTH = 2
"""The y labels of the pain scale: "0" to "10"."""
DAY_LABEL_WIDTH = 3
"""Day names on a bar form: "Mon"."""
TOO_SMALL = "Make the window taller to see this chart"
LINE_FORM_HEIGHT = LINE_ROWS + 4
"""The height of a chart of the pain scale that gives each whole number its own row (the
title, the frame and the x labels take four)."""


def fits(width: int, height: int) -> bool:
    """Whether a plot of this size can show anything (plotext needs a few cells)."""
    return width >= MIN_PLOT_WIDTH and height >= MIN_PLOT_HEIGHT


# -- the pieces every chart is made of -------------------------------------------------------


def _cells(plt, area: Canvas, per_row: int | None = None) -> None:
    """Limits so that x is a column of `area` and y a row (or, with `per_row`, a point of
    the pain scale `per_row` rows high: y = 3 is then row 3 * `per_row`)."""
    plt.xlim(0, max(1, area.columns - 1))
    rows = max(1, area.rows - 1)
    plt.ylim(0, rows if per_row is None else rows / per_row)


def _write(plt, text: str, column: int, row: int, colour: Colour, palette: Palette) -> None:
    plt.text(text, x=column, y=row, color=colour, background=palette.canvas, alignment="left")


def _say(plt, title: str, message: str, palette: Palette, width: int, height: int) -> None:
    """A chart with nothing to draw: its title, and in the middle why it is empty."""
    area = canvas(width, height, 0, x_labels=False)
    plt.title(title)
    _cells(plt, area)
    plt.xticks([])
    plt.yticks([])
    lines = wrapped(message, area.columns - 2, area.rows)
    first = (area.rows - 1) // 2 + len(lines) // 2
    for index, line in enumerate(lines):
        column = max(0, (area.columns - len(line)) // 2)
        _write(plt, line, column, first - index, palette.muted, palette)


def _title(plt, area: Canvas, *options: str) -> None:
    """The first of `options` that fits above the canvas (plotext drops a title that does
    not fit, and a chart without its key misleads)."""
    plt.title(next((text for text in options if len(text) <= area.columns), options[-1]))


def _lines(plt, xs: Sequence[int], values: Sequence, colour: Colour) -> None:
    """A line through each run of logged points (none across a gap)."""
    for run in segments(values):
        if len(run) > 1:
            plt.plot([xs[i] for i, _ in run], [v for _, v in run], marker=LINE_MARKER, color=colour)


def _marks(plt, xs: Sequence[int], values: Sequence, colour: Colour, marker: str) -> None:
    """A mark on each logged point, written as text: plotext writes text after every line
    and point, so no line ever covers a mark."""
    for x, value in zip(xs, values, strict=True):
        if value is not None:
            plt.text(marker, x=x, y=float(value), color=colour, alignment="left")


def _pain_axis(plt) -> None:
    """Every whole number of the pain scale labelled on the row it stands for."""
    plt.yticks(list(range(PAIN_TOP + 1)), [str(v) for v in range(PAIN_TOP + 1)])


def _bar_row(
    plt,
    row: int,
    value: float,
    per_point: int,
    text: str,
    colour: Colour,
    palette: Palette,
    mark: tuple[float, str, Colour] | None = None,
) -> None:
    """One horizontal bar from the left edge, an optional mark at its own length, then text."""
    length = bar_cells(value, per_point)
    if length:
        _write(plt, BAR * length, 0, row, colour, palette)
    end = length
    if mark is not None:
        at = bar_cells(mark[0], per_point)
        _write(plt, mark[1], at, row, mark[2], palette)
        end = max(end, at + 1)
    _write(plt, text, end + 1, row, palette.muted, palette)


# -- pain by day -----------------------------------------------------------------------------


def draw_daily_pain(
    plt, week: WeekSummary, first_weekday: int, palette: Palette, width: int, height: int
) -> None:
    """Pain (and worst pain, where logged) on each day of `week`, and the week's mean."""
    pains, worsts = daily_pain(week), daily_worst(week)
    names = weekday_labels(first_weekday)
    if week.mean is None:
        _say(plt, "Pain by day", "No days logged this week", palette, width, height)
        return
    mean = format_mean(week.mean)
    has_worst = any(value is not None for value in worsts)
    area = canvas(width, height, PAIN_LABEL_WIDTH, x_labels=True)
    per_row = rows_per_point(area.rows)
    if not per_row:
        _daily_pain_bars(plt, pains, worsts, names, mean, has_worst, palette, width, height)
        return
    key = f"Pain {PAIN_MARKER}{f' worst {WORST_MARKER}' if has_worst else ''}"
    _title(plt, area, f"{key} by day, mean ── {mean}", f"{key}, mean ── {mean}")
    _cells(plt, area, per_row)
    _pain_axis(plt)
    xs = centres(7, area.columns)
    plt.xticks(xs, day_labels(pains, first_weekday, area.columns))
    plt.hline(float(week.mean), color=palette.mean)
    # Worst pain one column right of pain, so the two never share a cell.
    worst_xs = [x + 1 for x in xs]
    _lines(plt, worst_xs, worsts, palette.worst)
    _lines(plt, xs, pains, palette.pain)
    _marks(plt, worst_xs, worsts, palette.worst, WORST_MARKER)
    _marks(plt, xs, pains, palette.pain, PAIN_MARKER)


def _daily_pain_bars(
    plt, pains, worsts, names, mean: str, has_worst: bool, palette, width: int, height: int
) -> None:
    """Too few rows for the scale: a labelled bar per day, with its pain (and worst)."""
    worst = f", worst {WORST_MARKER}" if has_worst else ""
    area = canvas(width, height, DAY_LABEL_WIDTH, x_labels=False)
    if area.rows < 7:
        _say(plt, "Pain by day", TOO_SMALL, palette, width, height)
        return
    _title(plt, area, f"Pain by day, mean {mean}{worst}", f"Pain, mean {mean}{worst}")
    _cells(plt, area)
    plt.xticks([])
    top_row = area.rows - 1
    plt.yticks([top_row - index for index in range(7)], list(names))
    per_point = cells_per_point(area.columns, PAIN_TOP, len(" 10 worst 10") + 1)
    for index, (pain, worst) in enumerate(zip(pains, worsts, strict=True)):
        row = top_row - index
        if pain is None:
            _write(plt, "not logged", 0, row, palette.muted, palette)
            continue
        mark = None if worst is None else (worst, WORST_MARKER, palette.worst)
        text = f"{pain}" + ("" if worst is None else f" worst {worst}")
        _bar_row(plt, row, pain, per_point, text, palette.pain, palette, mark)


def day_labels(values: Sequence[int | None], first_weekday: int, columns: int) -> list[str]:
    """`Mon 4` per day (`Mo 4` when narrow), `-` for a day not logged."""
    room = columns // 7  # each label needs its text and a space
    # Narrower still, `M4`: plotext leaves out a label that would touch the next one.
    size, gap = (3, " ") if room >= 6 else (2, " ") if room >= 5 else (1, "")
    return [
        f"{name[:size]}{gap}{'-' if value is None else value}"
        for name, value in zip(weekday_labels(first_weekday), values, strict=True)
    ]


# -- exercise by day -------------------------------------------------------------------------


def draw_daily_exercise(
    plt, week: WeekSummary, first_weekday: int, palette: Palette, width: int, height: int
) -> None:
    """Exercise sessions on each day of `week`, a bar per day with any.

    The day labels carry each day's count and `-` for a day not logged, so a day with no
    exercise (0) never looks like a day that was not logged.
    """
    counts = daily_exercises(week)
    title = "Exercise sessions by day"
    if week.mean is None:
        _say(plt, title, "No days logged this week", palette, width, height)
        return
    top = max(count for count in counts if count is not None)
    if not top:
        message = f"No exercise logged on the {week.days_logged} days logged"
        _say(plt, title, message, palette, width, height)
        return
    area = canvas(width, height, len(str(top)), x_labels=True)
    per_row = area.rows // top
    if not per_row:
        _exercise_bars(plt, title, counts, first_weekday, top, palette, width, height)
        return
    _title(plt, area, title, "Exercise by day")
    _cells(plt, area)
    # Each label on the top row of a bar of that many sessions.
    plt.yticks([n * per_row - 1 for n in range(1, top + 1)], [str(n) for n in range(1, top + 1)])
    xs = centres(7, area.columns)
    plt.xticks(xs, day_labels(counts, first_weekday, area.columns))
    bar = BAR * max(1, min(4, area.columns // 7 - 2))
    for x, count in zip(xs, counts, strict=True):
        for row in range((count or 0) * per_row):
            _write(plt, bar, x - len(bar) // 2, row, palette.exercise, palette)


def _exercise_bars(plt, title, counts, first_weekday, top, palette, width, height) -> None:
    """Too few rows for upright bars: a labelled bar per day, with its count."""
    area = canvas(width, height, DAY_LABEL_WIDTH, x_labels=False)
    if area.rows < 7:
        _say(plt, title, TOO_SMALL, palette, width, height)
        return
    _title(plt, area, title, "Exercise by day")
    _cells(plt, area)
    plt.xticks([])
    top_row = area.rows - 1
    plt.yticks([top_row - i for i in range(7)], list(weekday_labels(first_weekday)))
    per_point = cells_per_point(area.columns, top, len(str(top)) + 2)
    for index, count in enumerate(counts):
        if count is None:
            _write(plt, "not logged", 0, top_row - index, palette.muted, palette)
        else:
            _bar_row(plt, top_row - index, count, per_point, str(count), palette.exercise, palette)


# -- days per place --------------------------------------------------------------------------


def draw_places(plt, week: WeekSummary, palette: Palette, width: int, height: int) -> None:
    """On how many days of `week` each place was logged: a labelled bar each, most first.

    Places beyond the rows there are room for are counted in the title.
    """
    places = list(week.place_days.items())
    if not places:
        _say(plt, "Days per place", "No places logged this week", palette, width, height)
        return
    labels = [_short(location_name(slug)) for slug, _ in places]
    area = canvas(width, height, max(map(len, labels)), x_labels=False)
    shown = places[: max(1, area.rows)]
    more = len(places) - len(shown)
    extra = f" (+{more} more)" if more else ""
    _title(plt, area, f"Days per place{extra}", f"Places{extra}")
    _cells(plt, area)
    plt.xticks([])
    top_row = area.rows - 1
    plt.yticks([top_row - i for i in range(len(shown))], labels[: len(shown)])
    # Seven days a week at most: the same scale every week.
    per_point = cells_per_point(area.columns, 7, len(" 7") + 1)
    for index, (_slug, days) in enumerate(shown):
        _bar_row(plt, top_row - index, days, per_point, str(days), palette.place, palette)


# -- the weeks -------------------------------------------------------------------------------


def draw_weeks(
    plt,
    weeks: Sequence[WeekSummary],
    palette: Palette,
    width: int,
    height: int,
    peg: Mapping[date, Fraction] | None = None,
) -> list[WeekSummary]:
    """Weekly mean and max pain over `weeks`, oldest first, and beside them the weekly PEG
    score on the same 0-10 scale.

    Args:
        peg: The PEG score of each answered week, keyed by the week's first day
            (`rules.peg.weekly_scores`); a week not in it is a gap.

    Returns:
        The points drawn (the weeks themselves, spans of several whole weeks when the width
        is short of them, or the newest weeks when a bar form has rows for no more).
    """
    count = len(weeks)
    peg = peg or {}
    answered = any(week.start in peg for week in weeks) if peg else False
    if not answered and not any(week.mean is not None for week in weeks):
        message = f"No days logged in these {count} weeks yet"
        _say(plt, f"{count} weeks", message, palette, width, height)
        return []
    area = canvas(width, height, PAIN_LABEL_WIDTH, x_labels=True)
    per_row = rows_per_point(area.rows)
    if not per_row:
        return _week_bars(plt, weeks, peg if answered else {}, palette, width, height)
    # Each point needs its mean's column, its max's column (and its PEG's) and a space.
    points = downsample(weeks, max(2, area.columns // (4 if answered else 3)))
    key = f"{count} weeks: mean {PAIN_MARKER} and max {MAX_MARKER}"
    if answered:
        short = f"{count} weeks: {PAIN_MARKER}mean {MAX_MARKER}max {PEG_MARKER}PEG"
        _title(
            plt,
            area,
            f"Weekly pain, {key}, PEG score {PEG_MARKER}",
            f"{key}, PEG {PEG_MARKER}",
            short,
        )
    else:
        _title(plt, area, f"Weekly pain, {key}", key)
    _cells(plt, area, per_row)
    _pain_axis(plt)
    xs = centres(len(points), area.columns)
    ticks = _week_ticks(points, area.columns)
    years = len({point.start.year for point in points}) > 1
    plt.xticks([xs[i] for i in ticks], [_tick_date(points[i].start, years) for i in ticks])
    # The max one column right of the mean and the PEG one left of it, so equal values
    # still show every mark.
    max_xs = [x + 1 for x in xs]
    maxima = [point.max_pain for point in points]
    means = [point.mean for point in points]
    _lines(plt, max_xs, maxima, palette.maximum)
    if answered:
        peg_xs = [x - 1 for x in xs]
        scores = span_scores(points, peg)
        _lines(plt, peg_xs, scores, palette.peg)
    _lines(plt, xs, means, palette.pain)
    _marks(plt, max_xs, maxima, palette.maximum, MAX_MARKER)
    if answered:
        _marks(plt, peg_xs, scores, palette.peg, PEG_MARKER)
    _marks(plt, xs, means, palette.pain, PAIN_MARKER)
    return points


NO_ROOM_FOR_PEG = "No room for PEG here"
"""Said on a bar form too narrow to print each week's PEG score beside its pain."""


def _week_bars(
    plt,
    weeks: Sequence[WeekSummary],
    peg: Mapping[date, Fraction],
    palette: Palette,
    width: int,
    height: int,
) -> list[WeekSummary]:
    """Too few rows for the scale: a bar per week, oldest at the top, the newest that fit.

    The bar is the week's mean, the mark its max (never inside the bar, since a max is
    never below its mean), then both numbers and the week's PEG score, when answered
    (`peg` is empty when no week was). A PEG score is printed, not marked: it may be
    below the mean, inside the bar.
    """
    years = len({week.start.year for week in weeks}) > 1
    label_width = max(len(_tick_date(week.start, years)) for week in weeks)
    area = canvas(width, height, label_width, x_labels=False)
    shown = list(weeks[-max(1, area.rows) :])
    answered = any(week.start in peg for week in shown)
    per_point, rows = _week_bar_rows(shown, peg if answered else {}, area.columns)
    note = None
    if answered and max(end for _, end in rows) > area.columns:
        # Narrower than the widest text, and this time some would be cut: no PEG rather
        # than some weeks' cut short, and a line saying so.
        if len(shown) == area.rows > 1:
            shown = shown[1:]  # the oldest makes room for the line
        per_point, rows = _week_bar_rows(shown, {}, area.columns)
        note, answered = NO_ROOM_FOR_PEG, False
    _week_bars_title(plt, area, len(shown), len(weeks), answered)
    _cells(plt, area)
    plt.xticks([])
    top_row = area.rows - 1
    plt.yticks(
        [top_row - i for i in range(len(shown))], [_tick_date(w.start, years) for w in shown]
    )
    for index, (week, (text, _end)) in enumerate(zip(shown, rows, strict=True)):
        row = top_row - index
        if week.mean is None:
            _write(plt, text, 0, row, palette.muted, palette)
            continue
        mark = (week.max_pain, MAX_MARKER, palette.maximum)
        _bar_row(plt, row, float(week.mean), per_point, text, palette.pain, palette, mark)
    if note is not None and len(shown) < area.rows:
        _write(plt, note, 0, top_row - len(shown), palette.muted, palette)
    return shown


def _week_bar_rows(
    weeks: Sequence[WeekSummary], peg: Mapping[date, Fraction], columns: int
) -> tuple[int, list[tuple[str, int]]]:
    """The cells per point of the bar form and the text of each week's row with the
    column it ends before: `4.5 max 6 ▲4.3` where a bar of 10 leaves room for the widest
    such text, `4.5/6▲4.3` where not (the PEG score only with `peg`)."""
    peg_widest = f" {PEG_MARKER}10.0" if peg else ""
    spelt = columns >= PAIN_TOP + len(" 10.0 max 10" + peg_widest) + 1
    # Narrow, the mark alone parts the PEG from the max: a column more for the bars' text.
    widest = " 10.0 max 10" + peg_widest if spelt else " 10.0/10" + peg_widest.strip()
    per_point = cells_per_point(columns, PAIN_TOP, len(widest) + 1)
    rows = []
    for week in weeks:
        score = peg.get(week.start)
        after = "" if score is None else f"{PEG_MARKER}{format_mean(score)}"
        if week.mean is None:
            text = f"not logged {after}".rstrip()
            rows.append((text, len(text)))
            continue
        numbers = f"{format_mean(week.mean)}{' max ' if spelt else '/'}{week.max_pain}"
        text = numbers + (" " if spelt and after else "") + after
        # As `_bar_row` lays it out: the bar, the max's mark, a space, the text.
        end = max(bar_cells(float(week.mean), per_point), bar_cells(week.max_pain, per_point) + 1)
        rows.append((text, end + 1 + len(text)))
    return per_point, rows


def _week_bars_title(plt, area: Canvas, shown: int, count: int, answered: bool) -> None:
    """The bar form's key: how many weeks are shown, the bar, the max's mark and, when
    the rows give PEG scores, the mark they follow."""
    part = shown < count
    weeks = f"{shown} of {count} weeks" if part else f"{count} weeks"
    brief = f"{shown}/{count} weeks" if part else f"{count} weeks"
    if answered:
        least = f"{shown}/{count}" if part else f"{count} wk"
        key = f"{BAR}mean {MAX_MARKER}max {PEG_MARKER}PEG"
        _title(
            plt,
            area,
            f"{weeks}: mean {BAR} max {MAX_MARKER} PEG {PEG_MARKER}",
            f"{brief}: {key}",
            f"{least}: {key}",
        )
        return
    _title(
        plt, area, f"{weeks}: mean {BAR} max {MAX_MARKER}", f"{brief}: {BAR}mean {MAX_MARKER}max"
    )


def _week_ticks(points: Sequence[WeekSummary], columns: int) -> list[int]:
    """Which points get a date label: evenly spaced, always the newest, never crowded."""
    count = len(points)
    room = max(1, columns // 10)  # a label such as "Nov 2026" plus room
    step = max(1, -(-count // room))
    return sorted(range(count - 1, -1, -step))


def _tick_date(day: date, with_year: bool) -> str:
    return f"{day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def _short(name: str, width: int = 14) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
