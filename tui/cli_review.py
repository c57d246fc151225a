"""`painlog chart` (the weekly trend in the shell) and `painlog demo` (a diary to explore).

`chart` draws with plotext directly and never loads Textual. Colour is used only when
stdout is a terminal and NO_COLOR is not set; otherwise the output is plain text with no
escape codes, so it can be piped, saved or pasted into a message to a clinician.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from datetime import timedelta

DEFAULT_CHART_WEEKS = 12
MAX_CHART_WEEKS = 1040
DEMO_FILE_NAME = "painlog-demo.db"
DEMO_WEEKS = 16  # store.demo.DEFAULT_WEEKS; repeated so `--help` needs no import
DEMO_SEED = 1  # store.demo.DEFAULT_SEED


def register(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """Add the `chart` and `demo` subcommands."""
    chart = command(
        "chart",
        "draw the weekly mean pain and the last week's daily pain",
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
    chart.set_defaults(handler=run_chart)

    demo = command(
        "demo",
        "fill a new database with a made-up diary to explore painlog",
        "examples:\n"
        "  painlog demo --db demo.db && painlog --db demo.db\n"
        "  painlog demo --db ten-years.db --weeks 522 --seed 7\n"
        "\nThe history ends today: an episode that starts moderate, eases with regular\n"
        "exercise, has a bad patch after a fall (the one warning sign) and a few unlogged\n"
        f"days. Without --db it goes to {DEMO_FILE_NAME} in your data folder, never into\n"
        "your own diary; a database that already holds logs is refused.",
    )
    demo.add_argument(
        "--weeks",
        metavar="N",
        default=str(DEMO_WEEKS),
        help=f"weeks of history, 4 to 1040 (default {DEMO_WEEKS})",
    )
    demo.add_argument(
        "--seed",
        metavar="S",
        default=str(DEMO_SEED),
        help=f"any whole number; same seed, same diary (default {DEMO_SEED})",
    )
    demo.set_defaults(handler=run_demo)


# -- painlog chart ---------------------------------------------------------------------------


def run_chart(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput
    from painlog.rules.parsing import parse_date
    from painlog.rules.weekly import (
        WEEK_START_SETTING,
        first_weekday_of,
        trend_sentence,
        week_sentence,
        week_start,
        weekly_summaries,
    )
    from painlog.tui.cli import local_today, open_diary

    today = local_today()
    weeks = _whole_number("weeks", args.weeks, 1, MAX_CHART_WEEKS)
    as_of = today if args.as_of is None else parse_date(args.as_of, today, "as-of")
    if as_of > today:
        raise InvalidInput("as-of", args.as_of, f"today ({today.isoformat()}) or earlier")
    with open_diary(args) as diary:
        first_weekday = first_weekday_of(diary.setting(WEEK_START_SETTING))
        last = week_start(as_of, first_weekday)
        first = last - timedelta(weeks=weeks - 1)
        # One week more than drawn, so the first week drawn can be compared with the one before.
        logs = diary.days(first - timedelta(weeks=1), as_of)
    summaries = weekly_summaries(logs, first_weekday, first - timedelta(weeks=1), last)
    shown = summaries[1:]
    colour = use_colour(sys.stdout, os.environ)
    columns, lines = shutil.get_terminal_size()
    print(week_sentence(shown[-1], summaries[-2], as_of))
    print(trend_sentence(shown))
    if not any(week.days_logged for week in shown):
        return 0
    print()
    print(chart_text(shown, first_weekday, columns, lines, colour))
    return 0


def use_colour(stream, environ) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def chart_text(weeks, first_weekday: int, columns: int, lines: int, colour: bool) -> str:
    """The two charts, one above the other, sized to a terminal of `columns` x `lines`."""
    import plotext as plt

    from painlog.screens.widgets.plots import (
        NO_COLOUR,
        Palette,
        draw_daily_pain,
        draw_weeks,
    )

    palette = (
        Palette(
            pain="blue+",
            worst="orange+",
            mean="cyan",
            maximum="orange+",
            exercise="green+",
            place="magenta+",
            muted="gray",
        )
        if colour
        else NO_COLOUR
    )
    width = max(40, min(columns, 160))
    # Two charts and the two sentences above them in one screenful, within reason.
    height = max(12, min(20, (lines - 4) // 2))
    drawn = []
    for draw in (
        lambda: draw_weeks(
            plt,
            weeks,
            palette,
            width,
            title=f"Weekly pain, {len(weeks)} weeks: mean and max",
            legend=True,
        ),
        lambda: draw_daily_pain(plt, weeks[-1], first_weekday, palette, width, legend=True),
    ):
        plt.clear_figure()
        plt.plotsize(width, height)
        plt.theme("pro" if colour else "clear")
        draw()
        text = plt.build()
        drawn.append(text if colour else plt.uncolorize(text))
    return "\n\n".join(block.rstrip() for block in drawn)


def _whole_number(field: str, text: str, low: int, high: int) -> int:
    from painlog.rules.entry import InvalidInput

    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise InvalidInput(field, text, f"a whole number from {low} to {high}")
    return int(value)


# -- painlog demo ----------------------------------------------------------------------------


def run_demo(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput
    from painlog.store.demo import MAX_WEEKS, MIN_WEEKS, fill_demo, story_start
    from painlog.tui.cli import local_today

    today = local_today()
    weeks = _whole_number("weeks", args.weeks, MIN_WEEKS, MAX_WEEKS)
    seed_text = args.seed.strip()
    if not (seed_text.isascii() and seed_text.lstrip("-").isdigit()):
        raise InvalidInput("seed", args.seed, "a whole number")
    where = args.db or str(demo_path())
    from painlog.store.diary import Diary

    with Diary.open(where) as diary:
        days = fill_demo(diary, weeks, int(seed_text), today)
        shown = diary.location.display
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    print(
        f"Filled {shown} with {days} logged days from {first.isoformat()} to "
        f"{today.isoformat()} (seed {int(seed_text)}); the current episode started "
        f"{story_start(weeks, today).isoformat()}."
    )
    print(f"Open it with:  painlog --db {_quoted(shown)}")
    return 0


def demo_path():
    """Where `painlog demo` writes without --db: beside the diary, never the diary itself."""
    from painlog.store.location import default_db_path

    return default_db_path().with_name(DEMO_FILE_NAME)


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)
