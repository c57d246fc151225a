"""What the forms for one item of a person's own lists share: a dialog of labelled rows,
a line for what was refused, Save (ctrl+s or Enter) and Cancel (Esc).

A subclass yields its rows (`fields`) and checks them into a draft (`checked`); a refusal
names its field, and focus goes to that field's widget (`#<prefix>-<field>`).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from painlog.rules.entry import InvalidInput
from painlog.screens.base import stylesheet
from painlog.seeds import Catalogue

Draft = TypeVar("Draft")


def form_row(label: str, *widgets: Widget) -> Horizontal:
    """One labelled row of a form."""
    return Horizontal(Label(label, classes="item-label"), *widgets, classes="item-row")


class ItemForm(ModalScreen[Draft | None], Generic[Draft]):
    """Add an item of one of the person's lists, or edit one; dismisses with the checked
    draft, or None.

    Args:
        seeds: The catalogue with the person's own lists, to refuse a name in use.
        item: The item to edit, or None to add one.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    prefix: ClassVar[str]
    """Start of every widget id (`"medication"` gives `#medication-name`)."""
    adding: ClassVar[str]
    """The title when adding, e.g. "Add a medication"."""
    first_field: ClassVar[str] = "name"
    """The field focused when the form opens."""

    def __init__(self, seeds: Catalogue, item: Any | None = None) -> None:
        super().__init__()
        self.seeds = seeds
        self.item = item

    def fields(self) -> ComposeResult:
        """The form's rows (made with `form_row`; `name_row` first)."""
        raise NotImplementedError

    def name_row(self, placeholder: str) -> Horizontal:
        """The Name row every list's form starts with, holding the item's name when
        editing (escaped, as shown elsewhere: what is saved is what was seen)."""
        from painlog.rules.naming import NAME_MAX_CHARS
        from painlog.rules.text import shown_text

        return form_row(
            "Name",
            Input(
                shown_text(self.item.name) if self.item else "",
                placeholder=placeholder,
                max_length=NAME_MAX_CHARS,
                compact=True,
                id=f"{self.prefix}-name",
            ),
        )

    def checked(self) -> Draft:
        """The draft the fields hold, checked.

        Raises:
            InvalidInput: naming the first field refused (a widget id's last word).
        """
        raise NotImplementedError

    def heading(self) -> str:
        """The dialog's title: `adding`, or "Edit" and the item's name."""
        from painlog.rules.text import shown_text

        # A name an older diary holds is shown, and edited, with any control character
        # escaped: what is saved is what was seen.
        return f"Edit {shown_text(self.item.name)}" if self.item else self.adding

    def compose(self) -> ComposeResult:
        title = self.heading()
        with Vertical(id=f"{self.prefix}-dialog", classes="dialog item-dialog"):
            yield Label(title, id=f"{self.prefix}-title", classes="item-title", markup=False)
            yield from self.fields()
            yield Static("", id=f"{self.prefix}-message", classes="item-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id=f"{self.prefix}-save")
                yield Button("Cancel (Esc)", id=f"{self.prefix}-cancel")

    def on_mount(self) -> None:
        self.field(self.first_field).focus()

    def field(self, name: str) -> Widget:
        """The widget of field `name`."""
        return self.query_one(f"#{self.prefix}-{name}")

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            draft = self.checked()
        except InvalidInput as error:
            self.query_one(f"#{self.prefix}-message", Static).update(f"Not saved: {error}")
            found = self.query(f"#{self.prefix}-{error.field}")
            (found.first() if found else self.field(self.first_field)).focus()
            return
        self.dismiss(draft)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.prefix}-save":
            event.stop()
            self.action_save()
        elif event.button.id == f"{self.prefix}-cancel":
            event.stop()
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
