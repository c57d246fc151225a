"""What the screens for a person's own lists share: a table of their exercises,
medications or treatments, to add, edit, retire and restore.

Each list is a subclass naming its words, its columns, its form and the `Diary` calls that
write it (`own_exercises.py`, `own_medications.py`, `own_treatments.py`). Retiring only
stops an item being offered: the days that have it keep it, by name. Every write runs in a
thread worker and replies with a message; the other screens are then told to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Header, Static

from painlog.rules.text import shown_text
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.seeds import Catalogue


def list_bindings(prefix: str, noun: str, offered_in: str) -> list[Binding]:
    """The keys of one list screen: a adds, e edits, r retires or restores, Esc goes back.

    Args:
        prefix: The screen's id prefix (`"medications"`), for the bindings' ids.
        noun: One item in words (`"medication"`).
        offered_in: Where a retired item stops being offered (`"Today's Took list"`).
    """
    return [
        Binding("a", "add", "Add", id=f"{prefix}.add", tooltip=f"Add to your {noun}s"),
        Binding(
            "e",
            "edit",
            "Edit",
            id=f"{prefix}.edit",
            tooltip=f"Rename or change the highlighted {noun}",
        ),
        Binding(
            "r",
            "retire",
            "Retire/restore",
            id=f"{prefix}.retire",
            tooltip=f"Stop offering the highlighted {noun} in {offered_in} (its days keep it), "
            "or offer it again",
        ),
        Binding("escape", "back", "Back", id=f"{prefix}.back", tooltip="Back to Settings"),
    ]


class OwnListScreen(DiaryScreen):
    """A table of the person's own items of one kind; a adds, Enter or e edits, r retires
    or restores, Esc goes back. Subclasses fill in the class variables and the hooks."""

    CSS_PATH = stylesheet(__file__)

    prefix: ClassVar[str]
    """Start of every widget id (`"exercises"` gives `#exercises-table`)."""
    noun: ClassVar[str]
    """One item in words: `"exercise"`, `"medication"`."""
    a_noun: ClassVar[str]
    """The same with its article: `"an exercise"`."""
    heading: ClassVar[str]
    """The screen's subtitle, e.g. "Your exercises"."""
    columns: ClassVar[tuple[tuple[str, str], ...]]
    """The table's columns after Name, as (label, key); "Days" and "Offered" follow."""
    empty: ClassVar[str]
    """What the screen says while the list is empty."""
    offered_in: ClassVar[str]
    """Where the list's items are offered for a day, e.g. "Today's Did list"."""

    @dataclass
    class Loaded(Message):
        """The catalogue with the person's own lists, and on how many days each item
        of this list was logged."""

        seeds: Catalogue
        days: dict[str, int]

    @dataclass
    class Changed(Message):
        """An item was written; `what` says how ("Added", "Saved", "Retired", "Restored")."""

        item: Any
        what: str

    @dataclass
    class NotSaved(Message):
        """A write was refused or failed; nothing changed."""

        reason: str

    def __init__(self, today, diary=None) -> None:
        super().__init__(today, diary)
        self.seeds: Catalogue | None = None
        self.days: dict[str, int] = {}

    # -- what a subclass fills in -------------------------------------------------------

    def items_of(self, seeds: Catalogue) -> Sequence[Any]:
        """This list's own items in `seeds`, in the order they were added."""
        raise NotImplementedError

    def read_days(self) -> dict[str, int]:
        """On how many days each item was logged (runs in a worker)."""
        raise NotImplementedError

    def cells(self, item: Any) -> tuple[str | Text, ...]:
        """The item's cells under `columns`."""
        raise NotImplementedError

    def form(self, item: Any | None) -> ModalScreen:
        """The form that adds an item (None) or edits `item`; dismisses with a draft."""
        raise NotImplementedError

    def save(self, draft: Any) -> tuple[Callable[[], Any], str]:
        """The `Diary` call that stores `draft`, and "Added" or "Saved"."""
        raise NotImplementedError

    def retire(self, item: Any) -> Callable[[], Any]:
        """The `Diary` call that retires `item`."""
        raise NotImplementedError

    def restore(self, item: Any) -> Callable[[], Any]:
        """The `Diary` call that offers `item` again."""
        raise NotImplementedError

    # -- the screen ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(
            id=f"{self.prefix}-table",
            classes="own-list-table",
            cursor_type="row",
            zebra_stripes=True,
        )
        table.add_column("Name", key="name")
        for label, key in self.columns:
            table.add_column(label, key=key)
        table.add_column("Days", key="days")
        table.add_column("Offered", key="offered")
        yield table
        yield Static("", id=f"{self.prefix}-empty", classes="own-list-empty")
        with Horizontal(id=f"{self.prefix}-buttons", classes="own-list-buttons"):
            yield Button("Add (a)", id=f"{self.prefix}-add", compact=True)
            yield Button("Edit (e)", id=f"{self.prefix}-edit", compact=True)
            yield Button("Retire/restore (r)", id=f"{self.prefix}-retire", compact=True)
            yield Button("Back (Esc)", id=f"{self.prefix}-back", compact=True)
        yield Static(
            "Opening your diary…",
            id=f"{self.prefix}-status",
            classes="own-list-status",
            markup=False,
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self.sub_title = self.heading
        self.query_one(DataTable).focus()
        super().on_mount()

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="own-list-load")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.diary.catalogue(), self.read_days()))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.seeds = message.seeds
        self.days = message.days
        self._show(keep=self.highlighted)
        own = self.own
        if own:
            retired = sum(x.retired for x in own)
            text = (
                f"{len(own)} of your own ({retired} retired)."
                if retired
                else f"{len(own)} of your own."
            )
            self._set_status(text + " a adds, e edits, r retires or restores, Esc goes back.")
        else:
            self._set_status(f"a adds {self.a_noun}; Esc goes back to Settings.")

    @property
    def own(self) -> list[Any]:
        """The own items, in use first, each group in the order they were added."""
        own = self.items_of(self.seeds) if self.seeds else ()
        return sorted(own, key=lambda x: x.retired)

    @property
    def highlighted(self) -> Any | None:
        """The item under the table's cursor, if any."""
        table = self.query_one(DataTable)
        own = self.own
        if not own or table.row_count == 0 or not 0 <= table.cursor_row < len(own):
            return None
        slug = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((x for x in own if x.slug == slug), None)

    def _show(self, keep: Any | None = None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        own = self.own
        for item in own:
            table.add_row(
                clipped(item.name),
                *self.cells(item),
                Text(str(self.days.get(item.slug, 0)), justify="right"),
                "retired" if item.retired else "yes",
                key=item.slug,
            )
        if keep is not None:
            rows = [x.slug for x in own]
            if keep.slug in rows:
                table.move_cursor(row=rows.index(keep.slug), animate=False)
        table.display = bool(own)
        empty = self.query_one(f"#{self.prefix}-empty", Static)
        empty.display = not own
        empty.update(self.empty)
        for button in ("edit", "retire"):
            self.query_one(f"#{self.prefix}-{button}", Button).disabled = not own

    # -- actions ------------------------------------------------------------------------

    def _ready(self) -> bool:
        if self.diary is None or self.seeds is None:
            self.notify("Still opening your diary; try again in a moment.")
            return False
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        action = (event.button.id or "").removeprefix(f"{self.prefix}-")
        handler = {
            "add": self.action_add,
            "edit": self.action_edit,
            "retire": self.action_retire,
            "back": self.action_back,
        }.get(action)
        if handler is not None:
            event.stop()
            handler()

    def action_add(self) -> None:
        if self._ready():
            self.app.push_screen(self.form(None), self._form_closed)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        if not self._ready():
            return
        item = self.highlighted
        if item is None:
            self._set_status(f"Nothing to edit yet: a adds {self.a_noun}.")
            return
        self.app.push_screen(self.form(item), self._form_closed)

    def action_retire(self) -> None:
        if not self._ready():
            return
        item = self.highlighted
        if item is None:
            self._set_status(f"Nothing to retire yet: a adds {self.a_noun}.")
        elif item.retired:
            self._write(self.restore(item), "Restored")
        else:
            self._write(self.retire(item), "Retired")

    def action_back(self) -> None:
        self.dismiss()

    def _form_closed(self, draft: Any | None) -> None:
        if draft is not None:
            self._write(*self.save(draft))

    @work(thread=True, group="own-list-write")
    def _write(self, change: Callable[[], Any], what: str) -> None:
        """Run one Diary write; reply `Changed` (`what` says how) or `NotSaved`."""
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            item = change()
        except (InvalidInput, StoreError) as error:
            self.post_message(self.NotSaved(str(error)))
            return
        self.post_message(self.Changed(item, what))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.load()
        self.app.notify_lists_changed(except_screen=self)
        detail = {
            "Added": f"it is in {self.offered_in} now",
            "Saved": "the days that have it show the new name",
            "Retired": "no longer offered; the days that have it keep it",
            "Restored": f"offered again in {self.offered_in}",
        }[message.what]
        self.notify(
            f"{message.what} {shown_text(message.item.name)}: {detail}.",
            title=self.heading,
            markup=False,
        )

    @on(NotSaved)
    def _not_saved(self, message: NotSaved) -> None:
        self._set_status(f"Not saved: {message.reason}")
        self.notify(message.reason, title="Not saved", severity="error", markup=False)

    def _set_status(self, text: str) -> None:
        self.query_one(f"#{self.prefix}-status", Static).update(text)


def clipped(text: str) -> Text:
    """A cell that shows what was written, escaped, cut with … rather than wrapped."""
    return Text(shown_text(text), no_wrap=True, overflow="ellipsis")
