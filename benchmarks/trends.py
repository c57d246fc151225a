"""Trends week redraw: what a person waits for after pressing an arrow on the Trends screen.

The real app runs headless at 80x24 on each database, Trends is opened with F4, and the
arrow keys are pressed through Textual's Pilot: both diaries' apps are open at once and
moved turn about. Each move is timed from the key press to the end of the last render it
causes: the four charts built again by plotext and the episode line filled in by its
worker, the last thing the screen updates. Nothing in the screen is replaced; the
widgets' `render` methods are only wrapped to note when they ran.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from benchmarks.harness import Result
from benchmarks.histories import TODAY

SIZE = (80, 24)
WATCHED = ("#chart-daily", "#chart-overview", "#chart-exercise", "#chart-places", "#trends-episode")


def trends_redraw(small: Path, big: Path, repeat: int) -> Result:
    """Median move time on the 10-year diary against the same on the 3-month one."""
    small_times, big_times = asyncio.run(interleaved_moves(small, big, repeat))
    small_s, big_s = statistics.median(small_times), statistics.median(big_times)
    return Result(
        "Trends week redraw, 10 years vs 3 months",
        big_s,
        small_s,
        1.2,
        note=f"absolute {big_s * 1000:.1f} ms at {SIZE[0]}x{SIZE[1]}",
    )


async def interleaved_moves(small: Path, big: Path, repeat: int) -> tuple[list, list]:
    """Seconds per move on each diary, both apps open at once and moved turn about, so
    the machine's drift over the run weighs on both alike."""
    async with trends_open(small) as small_move, trends_open(big) as big_move:
        small_times, big_times = [], []
        for _ in range(repeat):
            small_times.append(await small_move())
            big_times.append(await big_move())
    return small_times, big_times


@asynccontextmanager
async def trends_open(db: Path) -> AsyncIterator[Callable[[], Awaitable[float]]]:
    """The app on `db` with Trends open, as a function that moves a week (left, right,
    left...) and returns the seconds until the last render it caused. One move is made
    first, untimed: it warms the caches."""
    from painlog.screens.trends import TrendsScreen
    from painlog.tui.app import PainlogApp

    app = PainlogApp(db=str(db), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("f4")
        await _settle(pilot)
        screen = app.screen
        if not isinstance(screen, TrendsScreen):
            raise RuntimeError(f"F4 showed {type(screen).__name__}, not Trends")
        rendered = _watch(screen)
        moves = 0

        async def move() -> float:
            nonlocal moves
            before = screen.week_start
            rendered.clear()
            start = time.perf_counter()
            await pilot.press("left" if moves % 2 == 0 else "right")
            await _settle(pilot)
            moves += 1
            if screen.week_start == before or len(rendered) < len(WATCHED):
                raise RuntimeError("the key press did not redraw the week")
            return max(rendered.values()) - start

        await move()
        yield move


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
