"""The emergency notice: shown the moment an emergency sign is saved, until acknowledged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from painlog.screens.base import stylesheet


class EmergencyScreen(ModalScreen[bool]):
    """Tells the person plainly to seek emergency care now; only an explicit OK closes it.

    It carries no exercise or keep-moving advice: with these signs, activity advice must
    come from whoever examines the person.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [Binding("enter", "understood", "I understand", show=False)]

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        alert = self.view.alert
        with Vertical(id="emergency-dialog"):
            yield Label("!! EMERGENCY SIGN LOGGED", id="emergency-title")
            yield Static(alert.message, id="emergency-message")
            yield Static(alert.reason, classes="emergency-detail")
            yield Static(
                "These signs can come with little or no pain: a low pain score does not "
                "make them less urgent.",
                classes="emergency-detail",
            )
            yield Static(f"Source: {alert.source}", classes="emergency-source")
            yield Button("I understand (Enter)", variant="error", id="emergency-ok")

    def on_mount(self) -> None:
        self.query_one("#emergency-ok", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(True)

    def action_understood(self) -> None:
        self.dismiss(True)
