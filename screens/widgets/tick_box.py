"""A checkbox whose state shows as a tick, not only as a colour."""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED = "✓"
UNTICKED = " "


class TickBox(Checkbox):
    """Checkbox drawing ✓ when ticked and a blank when not, for monochrome terminals."""

    BUTTON_INNER = UNTICKED

    def watch_value(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        super().watch_value()
