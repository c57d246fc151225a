"""The preferences the screens keep in the diary, by name, and what the start reads of them.

Kept apart from the screens that edit them so that the app can read them at start without
importing those screens.
"""

from __future__ import annotations

from collections.abc import Mapping

THEME = "theme"
"""The setting holding the Textual theme's name."""

WELCOME_DONE = "welcome_done"
"""Records that the welcome was finished ("done") or skipped ("skipped"): it is offered once."""


def welcome_due(settings: Mapping[str, str], days_logged: int) -> bool:
    """Whether to show the welcome: nothing logged yet and never finished or skipped.

    Args:
        settings: The stored settings (at least `WELCOME_DONE` when it is set).
        days_logged: How many days have a log.
    """
    return settings.get(WELCOME_DONE) is None and days_logged == 0
