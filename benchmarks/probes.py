"""Small programs the harness times as whole processes (run with `python -m benchmarks.probes`).

A probe is given the moment its parent spawned it (`time.time()`), and prints how many
seconds after that its first frame (or its data) was on screen: the wait a person sees,
including interpreter start and imports, but not the shutdown that follows.

With PAINLOG_BENCH_PEAK=1 in its environment a probe also prints, last, its peak memory
(`peak-kib N`) once its app has exited.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import suppress

SPAWNED = float(sys.argv[-1])


def report() -> None:
    print(f"{time.time() - SPAWNED:.6f}")


def peak_kib() -> int:
    """This process's peak resident memory in KiB, counted from its own start.

    Linux's VmHWM belongs to the memory map made at exec. `ru_maxrss` would be simpler but
    the kernel starts a child's count at its parent's size when it forks or execs, so a
    probe spawned by a large harness would report the harness's size instead of its own.
    """
    # /proc exists on Linux only; elsewhere ru_maxrss below is the figure.
    with suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def report_first_frame(app, screen_type, showing=lambda screen: True) -> None:
    """Report the moment the first frame showing a `screen_type` screen for which
    `showing(screen)` holds goes to the terminal."""
    display = app._display

    def first(screen, *args, **kwargs):
        shown = display(screen, *args, **kwargs)
        if (
            isinstance(screen, screen_type)
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
    app.run(headless=True, auto_pilot=leave)


SHOWING = {
    "painlog": lambda screen: True,
    "painlog-form": lambda screen: bool(screen.query("#details #note")),
    "painlog-data": lambda screen: screen.shows_day,
    "painlog-save": lambda screen: screen.shows_day,
}
"""What the frame a probe reports must show: Today at all, its whole form, or the day's
log and alerts."""


def painlog_first_frame(db: str, probe: str) -> None:
    """painlog exiting once the frame `SHOWING[probe]` asks for is on the terminal (and, for
    "painlog-save", once a new pain score for the day has been typed and saved)."""
    from datetime import date

    from painlog.screens.today import TodayScreen
    from painlog.tui.app import PainlogApp

    async def leave(pilot) -> None:
        for _ in range(4):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        if probe == "painlog-save":
            await pilot.press("5", "ctrl+s")
            for _ in range(3):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
        pilot.app.exit()

    app = PainlogApp(db=db, today=date.fromisoformat(sys.argv[3]))
    report_first_frame(app, TodayScreen, SHOWING[probe])
    app.run(headless=True, auto_pilot=leave)


if __name__ == "__main__":
    probe = sys.argv[1]
    if probe == "bare":
        bare_first_frame()
    elif probe in SHOWING:
        painlog_first_frame(sys.argv[2], probe)
    else:
        raise SystemExit(f"unknown probe {probe!r}")
    if os.environ.get("PAINLOG_BENCH_PEAK") == "1":
        print(f"peak-kib {peak_kib()}")
