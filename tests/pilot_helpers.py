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
