"""Helpers for Pilot tests of the painlog App."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let the diary open and every worker reply before looking at the screen.

    A worker's reply can start another worker (the diary opens, then the screen loads),
    so wait and process messages a few rounds.
    """
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def record_frames(app, record) -> None:
    """Call `record(screen)` for each frame the app draws, before it is drawn.

    Only frames that reach the terminal count: Textual drops a display call with nothing
    to draw, and every one made while the app is in a batch update (its start-up among
    them).
    """
    display = app._display

    def drawn(screen, renderable, *args, **kwargs):
        if renderable is not None and not app._batch_count:
            record(screen)
        return display(screen, renderable, *args, **kwargs)

    app._display = drawn
