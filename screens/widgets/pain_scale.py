"""A 0-10 pain scale set from the keyboard or the mouse, readable without colour."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from painlog.rules.scale import ANCHORS, PAIN_MAX, PAIN_MIN, pain_band

CELL_WIDTH = 4


class PainScale(Widget, can_focus=True):
    """The numbers 0 to 10 in a row, the chosen one bracketed, with its band and meaning.

    Digits set the score; `1` then `0` makes 10, as typing "10" would. Arrows step it.
    With `optional`, Delete clears it back to "not given". With `ends`, a question's own
    words for 0 and 10 stand under the ends in place of the pain bands (the PEG's).
    """

    DEFAULT_CSS = """
    PainScale {
        height: 2;
        width: 1fr;
    }
    PainScale:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("right,up,plus", "step(1)", "More", show=False),
        Binding("left,down,minus", "step(-1)", "Less", show=False),
        Binding("delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    source: reactive[str] = reactive("")
    """Where the score comes from when the person did not set it (`from 3 check-ins`),
    said after its band; empty when it is theirs."""

    @dataclass
    class Changed(Message):
        """The score was changed by the person."""

        scale: PainScale
        value: int | None

        @property
        def control(self) -> PainScale:
            return self.scale

    def __init__(
        self,
        value: int | None = None,
        *,
        optional: bool = False,
        ends: tuple[str, str] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.optional = optional
        self.ends = ends
        self._last_digit: str | None = None
        self.set_reactive(PainScale.value, value)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for score in range(PAIN_MIN, PAIN_MAX + 1):
            label = str(score)
            if score == self.value:
                text.append(f"[{label}]".center(CELL_WIDTH), style="reverse bold")
            else:
                style = "" if self.ends else _band_style(score)
                text.append(label.center(CELL_WIDTH), style=style)
        text.append("\n")
        if self.ends is not None:
            # From under the 0 to the end of the 10, as the cells centre them.
            low, high = self.ends
            gap = max(1, CELL_WIDTH * (PAIN_MAX + 1) - 2 - len(low) - len(high))
            text.append(f" {low}{' ' * gap}{high}", style="italic")
        elif self.value is None:
            hint = "not given" if self.optional else "type 0-9, or 1 then 0 for 10"
            text.append(hint, style="italic")
        else:
            band = pain_band(self.value)
            text.append(f"{self.value}/10 {band}", style="bold")
            if self.source:
                text.append(f" ({self.source})", style="italic")
            text.append(f": {ANCHORS[self.value]}")
        return text

    def set_value(self, value: int | None) -> None:
        """Show `value` without announcing it as the person's change."""
        self._last_digit = None
        self.set_reactive(PainScale.value, value)
        self.refresh()

    def _choose(self, value: int | None) -> None:
        if value == self.value:
            return
        self.value = value
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        # Only ASCII digits: "²" passes str.isdigit() but is no pain score.
        if event.character is None or event.character not in "0123456789":
            self._last_digit = None
            return
        event.stop()
        digit = event.character
        if digit == "0" and self._last_digit == "1" and self.value == 1:
            self._choose(10)
            self._last_digit = None
            return
        self._last_digit = digit
        self._choose(int(digit))

    def action_step(self, delta: int) -> None:
        self._last_digit = None
        start = self.value if self.value is not None else (0 if delta > 0 else PAIN_MAX + 1)
        self._choose(max(PAIN_MIN, min(PAIN_MAX, start + delta)))

    def action_clear(self) -> None:
        if self.optional:
            self._choose(None)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0 and 0 <= event.x < CELL_WIDTH * (PAIN_MAX + 1):
            self._choose(event.x // CELL_WIDTH)


def _band_style(score: int) -> str:
    # Colour only reinforces the band: the words under the scale carry the meaning.
    band = pain_band(score)
    return {"none": "dim", "mild": "", "moderate": "bold", "severe": "bold underline"}[band]
