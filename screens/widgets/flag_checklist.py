"""The warning-sign checklist: emergency signs first, every state shown in characters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from painlog.seeds import RedFlag, catalogue


class FlagChecklist(OptionList):
    """Every warning sign from the sources; Space or Enter ticks or unticks one."""

    DEFAULT_CSS = """
    FlagChecklist {
        height: auto;
        max-height: 5;
    }
    FlagChecklist > .option-list--option-highlighted {
        background: transparent;
        color: $foreground;
    }
    FlagChecklist:focus {
        max-height: 12;
        & > .option-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
        }
    }
    """

    BINDINGS = [Binding("space", "toggle", "Tick", show=False)]

    @dataclass
    class Changed(Message):
        """The ticked signs changed."""

        checklist: FlagChecklist

        @property
        def control(self) -> FlagChecklist:
            return self.checklist

    @dataclass
    class Hidden(Message):
        """How many signs are out of the list's view, above and below, changed."""

        checklist: FlagChecklist
        above: int
        below: int

        @property
        def control(self) -> FlagChecklist:
            return self.checklist

    def __init__(self, *, id: str | None = None) -> None:
        self.flags: tuple[RedFlag, ...] = tuple(
            sorted(catalogue().red_flags, key=lambda flag: not flag.emergency)
        )
        self._ticked: set[str] = set()
        super().__init__(*(Option(self._prompt(f), id=f.slug) for f in self.flags), id=id)
        self.compact = True
        self._hidden: tuple[int, int] | None = None
        """The counts last reported in `Hidden`."""

    @property
    def hidden(self) -> tuple[int, int]:
        """How many signs are wholly above the list's first visible line, and below its
        last (a narrow terminal wraps a long sign over two lines)."""
        lines = self._lines  # (option index, line within it) for each line of the list
        if not lines or not self.option_count:
            return 0, 0
        top = min(round(self.scroll_y), len(lines) - 1)
        bottom = min(top + self.scrollable_content_region.height, len(lines)) - 1
        first, _ = lines[top]
        last, _ = lines[max(top, bottom)]
        return first, self.option_count - 1 - last

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_hidden()

    def on_resize(self) -> None:
        # Taller with focus, shorter without, and the terminal's size too.
        self._report_hidden()

    def _report_hidden(self) -> None:
        if not self.size.height:
            return  # not laid out yet
        hidden = self.hidden
        if hidden != self._hidden:
            self._hidden = hidden
            self.post_message(self.Hidden(self, *hidden))

    @property
    def selected(self) -> list[str]:
        """The ticked signs' slugs, in checklist order."""
        return [flag.slug for flag in self.flags if flag.slug in self._ticked]

    def set_ticked(self, slugs: Iterable[str]) -> None:
        """Tick exactly `slugs` (when another day is loaded)."""
        self._ticked = set(slugs)
        for index, flag in enumerate(self.flags):
            self.replace_option_prompt_at_index(index, self._prompt(flag))

    def rewind(self) -> None:
        """Put the cursor back on the first sign, at the top of the list.

        For a newly shown day: a cursor left on yesterday's sign would make Space tick a
        sign the person never looked at.
        """
        self.highlighted = 0 if self.option_count else None
        self.scroll_home(animate=False, immediate=True)

    def action_toggle(self) -> None:
        if self.highlighted is not None:
            self._toggle(self.highlighted)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and a mouse click both arrive here.
        event.stop()
        self._toggle(event.option_index)

    def _toggle(self, index: int) -> None:
        flag = self.flags[index]
        self._ticked ^= {flag.slug}
        self.replace_option_prompt_at_index(index, self._prompt(flag))
        self.post_message(self.Changed(self))

    def _prompt(self, flag: RedFlag) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("[✓] " if flag.slug in self._ticked else "[ ] ", style="bold")
        if flag.emergency:
            text.append("EMERGENCY", style="bold reverse")
            text.append(" ")
            text.append(flag.name, style="bold")
        else:
            text.append(flag.name)
        return text
