"""A checkbox and a radio button whose state shows as a mark, not only as a colour."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton

TICKED = "✓"
UNTICKED = " "


class TickBox(Checkbox):
    """Checkbox drawing ✓ when ticked and a blank when not, for monochrome terminals."""

    BUTTON_INNER = UNTICKED

    def watch_value(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        super().watch_value()


class ChoiceButton(RadioButton):
    """Radio button drawing ● when chosen and a blank when not, for monochrome terminals."""

    BUTTON_INNER = UNTICKED

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else UNTICKED
        super().watch_value()
