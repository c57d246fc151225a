"""The day's check-ins on the Today form: one line each, earliest first.

Each line reads `08:10  pain 3  Lower back (left) · stiff in the morning`, cut with an
ellipsis where the row ends. Enter or a click on a line asks to edit that check-in; Delete
(or `d`, or the line's ✕) asks to delete it. The list only asks, by message: Today does the
writing, and shows the list again from what was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Label, ListItem, ListView

from painlog.rules.describe import checkin_text
from painlog.rules.records import CheckIn


class CheckInList(ListView):
    """The check-ins of the day shown."""

    DEFAULT_CSS = """
    CheckInList {
        height: auto;
        max-height: 8;
        width: 1fr;
        max-width: 100;  /* keeps each ✕ near its line on a wide terminal */
        background: transparent;
    }
    /* The line under the cursor stands out only while the list has focus: elsewhere it
       would read as chosen. */
    CheckInList > ListItem.-highlight {
        background: transparent;
        color: $foreground;
        text-style: none;
    }
    CheckInList > ListItem > Horizontal {
        height: 1;
    }
    CheckInList .checkin-line {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CheckInList .checkin-delete {
        min-width: 0;
        width: 3;
        height: 1;
        border: none;
        padding: 0;
        margin: 0;
    }
    """

    BINDINGS = [
        Binding(
            "d,delete",
            "delete",
            "Delete check-in",
            show=False,
            tooltip="Delete the check-in under the cursor (asks first)",
        ),
    ]

    @dataclass
    class Open(Message):
        """The person asked to edit the check-in at `at`."""

        at: time

    @dataclass
    class Delete(Message):
        """The person asked to delete the check-in at `at`."""

        at: time

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.checkins: tuple[CheckIn, ...] = ()

    def show(self, checkins: tuple[CheckIn, ...]) -> None:
        """List `checkins`, keeping the cursor on the same time where it still is."""
        if checkins == self.checkins:
            return
        keep = self._cursor_time()
        self.checkins = checkins
        self.call_later(self._show_lines, checkins, keep)

    async def _show_lines(self, checkins: tuple[CheckIn, ...], keep: time | None) -> None:
        if checkins != self.checkins:
            return  # Another day (or another write) came meanwhile; its call follows.
        await self.clear()
        await self.extend(_item(checkin) for checkin in checkins)
        if checkins:
            times = [x.at for x in checkins]
            self.index = times.index(keep) if keep in times else 0

    def _cursor_time(self) -> time | None:
        """The time of the line under the cursor (each line is named by its time)."""
        item = self.highlighted_child
        return time.fromisoformat(item.name) if item is not None and item.name else None

    @on(ListView.Selected)
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        at = self._cursor_time()
        if at is not None:
            self.post_message(self.Open(at))

    @on(Button.Pressed, ".checkin-delete")
    def _delete_clicked(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Delete(time.fromisoformat(event.button.name or "")))

    def action_delete(self) -> None:
        at = self._cursor_time()
        if at is not None:
            self.post_message(self.Delete(at))


def _item(checkin: CheckIn) -> ListItem:
    delete = Button(
        "✕",
        name=checkin.at.isoformat(),
        classes="checkin-delete",
        compact=True,
        tooltip="Delete this check-in (asks first)",
    )
    # Off the Tab order, as the places' ✕ are: the keys are Delete and `d` on the line.
    delete.can_focus = False
    line = Label(checkin_text(checkin), classes="checkin-line", markup=False)
    return ListItem(Horizontal(line, delete), name=checkin.at.isoformat())
