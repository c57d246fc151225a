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
        max-height: 6;
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

    def __init__(self, *, id: str | None = None) -> None:
        self.flags: tuple[RedFlag, ...] = tuple(
            sorted(catalogue().red_flags, key=lambda flag: not flag.emergency)
        )
        self._ticked: set[str] = set()
        super().__init__(*(Option(self._prompt(f), id=f.slug) for f in self.flags), id=id)
        self.compact = True

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
