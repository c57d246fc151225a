"""Trends week redraw: what a person waits for after pressing an arrow on the Trends screen.

The real app runs headless at 80x24 on each database, Trends is opened with F4, and the
arrow keys are pressed through Textual's Pilot. Each move is timed from the key press to
the end of the last render it causes: the four charts built again by plotext and the
episode line filled in by its worker, the last thing the screen updates. Nothing in the
screen is replaced; the widgets' `render` methods are only wrapped to note when they ran.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from benchmarks.harness import Result
from benchmarks.histories import TODAY

SIZE = (80, 24)
WATCHED = ("#chart-daily", "#chart-overview", "#chart-exercise", "#chart-places", "#trends-episode")


def trends_redraw(small: Path, big: Path, repeat: int) -> Result:
    """Median move time on the 10-year diary against the same on the 3-month one."""
    small_s = statistics.median(asyncio.run(week_moves(small, repeat)))
    big_s = statistics.median(asyncio.run(week_moves(big, repeat)))
    return Result(
        "Trends week redraw, 10 years vs 3 months",
        big_s,
        small_s,
        1.2,
        note=f"absolute {big_s * 1000:.1f} ms at {SIZE[0]}x{SIZE[1]}",
    )


async def week_moves(db: Path, repeat: int) -> list[float]:
    """Seconds per move for `repeat` moves (left, right, left...) after one untimed move."""
    from painlog.screens.trends import TrendsScreen
    from painlog.tui.app import PainlogApp

    app = PainlogApp(db=str(db), today=TODAY)
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("f4")
        await _settle(pilot)
        screen = app.screen
        if not isinstance(screen, TrendsScreen):
            raise RuntimeError(f"F4 showed {type(screen).__name__}, not Trends")
        rendered = _watch(screen)
        for move in range(repeat + 1):
            before = screen.week_start
            rendered.clear()
            start = time.perf_counter()
            await pilot.press("left" if move % 2 == 0 else "right")
            await _settle(pilot)
            if screen.week_start == before or len(rendered) < len(WATCHED):
                raise RuntimeError("the key press did not redraw the week")
            if move:  # the first move warms caches; it is not counted
                times.append(max(rendered.values()) - start)
    return times


def _watch(screen) -> dict[str, float]:
    """Note, per watched widget, when its latest render finished."""
    rendered: dict[str, float] = {}
    for selector in WATCHED:
        widget = screen.query_one(selector)
        render = widget.render

        def timed(render=render, name=selector):
            result = render()
            rendered[name] = time.perf_counter()
            return result

        widget.render = timed
    return rendered


async def _settle(pilot) -> None:
    # A worker's reply starts the next one (week, then episode): wait a few rounds.
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
