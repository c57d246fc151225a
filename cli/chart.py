"""`painlog chart`: the weekly trend in the shell, with the weekly PEG score beside it.

It draws with plotext directly and never loads Textual. Colour is used only when stdout is
a terminal and NO_COLOR is not set; otherwise the output is plain text with no escape
codes, so it can be piped, saved or pasted into a message to a clinician.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from painlog.cli import CommandFactory, whole_number

if TYPE_CHECKING:  # every command's module loads with each command: only what it needs
    from collections.abc import Mapping
    from datetime import date
    from fractions import Fraction

DEFAULT_CHART_WEEKS = 12
MAX_CHART_WEEKS = 1040


def register(command: CommandFactory) -> None:
    """Add the `chart` subcommand."""
    chart = command(
        "chart",
        "draw the weekly mean pain, the PEG score and the last week's daily pain",
        "examples:\n"
        "  painlog chart\n"
        "  painlog chart --weeks 26\n"
        "  painlog chart --as-of 2026-10-31 > october.txt\n"
        "\nUnlogged days and weeks are gaps, never zero. Colour only on a terminal, and\n"
        "never when NO_COLOR is set; long ranges are merged into spans of whole weeks to\n"
        "fit the terminal's width.",
    )
    chart.add_argument(
        "--weeks",
        metavar="N",
        default=str(DEFAULT_CHART_WEEKS),
        help=f"how many weeks of weekly means (default {DEFAULT_CHART_WEEKS})",
    )
    chart.add_argument("--as-of", metavar="DATE", default=None, help="draw as if DATE were today")
    chart.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today, read_diary
    from painlog.rules.describe import day_heading
    from painlog.rules.entry import InvalidInput
    from painlog.rules.parsing import parse_date
    from painlog.rules.peg import peg_sentence, weekly_scores
    from painlog.rules.weekly import (
        trend_sentence,
        week_sentence,
        week_start,
        weekly_summaries,
    )

    today = local_today()
    weeks = whole_number("weeks", args.weeks, 1, MAX_CHART_WEEKS)
    as_of = today if args.as_of is None else parse_date(args.as_of, today, "as-of")
    if as_of > today:
        raise InvalidInput("as-of", args.as_of, f"today ({today.isoformat()}) or earlier")
    with read_diary(args) as diary:
        first_weekday = diary.first_weekday()
        last = week_start(as_of, first_weekday)
        first = last - timedelta(weeks=weeks - 1)
        # One week more than drawn, so the first week drawn can be compared with the one before.
        logs = diary.days(first - timedelta(weeks=1), as_of)
        # Every answer up to as-of: the latest's change is from the answered week before,
        # however long ago.
        peg = weekly_scores(diary.peg_answers(end=as_of), first_weekday)
    summaries = weekly_summaries(logs, first_weekday, first - timedelta(weeks=1), last)
    shown = summaries[1:]
    colour = use_colour(sys.stdout, os.environ)
    columns, lines = shutil.get_terminal_size()
    print(f"As of {day_heading(as_of)}:")
    print(week_sentence(shown[-1], summaries[-2], as_of))
    print(trend_sentence(shown))
    print(peg_sentence(shown, peg, as_of))
    if not any(week.days_logged or week.start in peg for week in shown):
        return 0
    print()
    print(chart_text(shown, first_weekday, columns, lines, colour, peg))
    return 0


def use_colour(stream, environ) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def chart_text(
    weeks,
    first_weekday: int,
    columns: int,
    lines: int,
    colour: bool,
    peg: Mapping[date, Fraction] | None = None,
) -> str:
    """The two charts, one above the other, sized to a terminal of `columns` x `lines`;
    the weekly one with the PEG scores of `peg` (by week start, `rules.peg.weekly_scores`).

    Each chart is at least tall enough for every whole number of the pain scale to have a
    row of its own: printed text scrolls, so truth comes before fitting one screenful.
    """
    import plotext as plt

    from painlog.drawing.charts import LINE_FORM_HEIGHT, draw_daily_pain, draw_weeks
    from painlog.drawing.palette import NO_COLOUR, Palette

    palette = (
        Palette(
            pain="blue+",
            worst="orange+",
            mean="cyan",
            maximum="orange+",
            exercise="green+",
            place="magenta+",
            peg="green+",
            muted="gray",
        )
        if colour
        else NO_COLOUR
    )
    width = max(40, min(columns, 160))
    # Two charts, and the date and two sentences above them, in one screenful when it is tall.
    height = max(LINE_FORM_HEIGHT, min(22, (lines - 5) // 2))
    drawn = []
    for draw in (
        lambda: draw_weeks(plt, weeks, palette, width, height, peg),
        lambda: draw_daily_pain(plt, weeks[-1], first_weekday, palette, width, height),
    ):
        plt.clear_figure()
        # The size asked for, even wider than the terminal plotext finds (or none, in a pipe):
        # every position on the chart is worked out for exactly this size.
        plt.limitsize(False, False)
        plt.plotsize(width, height)
        plt.theme("pro" if colour else "clear")
        draw()
        text = plt.build()
        drawn.append(text if colour else plt.uncolorize(text))
    return "\n\n".join(block.rstrip() for block in drawn)
