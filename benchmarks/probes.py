"""Small programs the harness times as whole processes (run with `python -m benchmarks.probes`).

A probe is given the moment its parent spawned it (`time.time()`), and prints how many
seconds after that its first frame (or its data) was on screen: the wait a person sees,
including interpreter start and imports, but not the shutdown that follows.
"""

from __future__ import annotations

import sys
import time

SPAWNED = float(sys.argv[-1])

TERMINAL = (80, 24)
"""The terminal size every probe runs at. Given, because headless Textual otherwise
starts its first screen at Rich's default console size (80x25) and then resizes it to the
headless driver's (80x24), laying the screen out again; a real terminal reports one size
from the start."""


def report() -> None:
    """Print the seconds since this probe was spawned: the figure its parent reads."""
    print(f"{time.time() - SPAWNED:.6f}")


def report_first_frame(app, screen_type, showing=lambda screen: True) -> None:
    """Report the moment the first frame showing a `screen_type` screen for which
    `showing(screen)` holds goes to the terminal.

    Only a frame that reaches the terminal counts: Textual drops a display call with
    nothing to draw, and every one made while the app is in a batch update (its start-up
    among them)."""
    display = app._display

    def first(screen, renderable, *args, **kwargs):
        drawn = renderable is not None and not app._batch_count
        shown = display(screen, renderable, *args, **kwargs)
        if (
            drawn
            and isinstance(screen, screen_type)
            and not getattr(app, "_reported", False)
            and showing(screen)
        ):
            app._reported = True
            report()
        return shown

    app._display = first


def bare_first_frame() -> None:
    """A Textual app with one Static, exiting after its first frame."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):
            yield Static("hello")

    async def leave(pilot) -> None:
        await pilot.pause()
        pilot.app.exit()

    app = Bare()
    report_first_frame(app, Screen)
    app.run(headless=True, auto_pilot=leave, size=TERMINAL)


SHOWING = {
    "painlog": lambda screen: True,
    "painlog-data": lambda screen: screen.shows_day,
    "painlog-form": lambda screen: screen.shows_form,
}
"""What the frame a probe reports must show: Today at all; the day's score, heading and
alerts; or all that and the rows under the score, filled (a frame later)."""


def painlog_first_frame(db: str, probe: str) -> None:
    """painlog exiting once the frame `SHOWING[probe]` asks for is on the terminal and its
    workers are done (so the day is read in every run, whichever frame is reported)."""
    from datetime import date

    from painlog.screens.today import TodayScreen
    from painlog.tui.app import PainlogApp

    async def leave(pilot) -> None:
        for _ in range(4):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        pilot.app.exit()

    app = PainlogApp(db=db, today=date.fromisoformat(sys.argv[3]))
    report_first_frame(app, TodayScreen, SHOWING[probe])
    app.run(headless=True, auto_pilot=leave, size=TERMINAL)
    if not getattr(app, "_reported", False):
        raise SystemExit(f"painlog exited before a frame for {probe!r} was shown")


if __name__ == "__main__":
    probe = sys.argv[1]
    if probe == "bare":
        bare_first_frame()
    elif probe in SHOWING:
        painlog_first_frame(sys.argv[2], probe)
    else:
        raise SystemExit(f"unknown probe {probe!r}")
