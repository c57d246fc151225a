"""The day being saved was changed elsewhere since it was opened: whose version stays?

Another program (a `painlog log` in a shell, the app on another machine) may write the day
the form is showing. Saving over it without asking would lose what it wrote, so the form
shows both versions and the person chooses: keep theirs as typed here, take the other
one, or go back to the form with nothing written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from painlog.rules.describe import day_heading, day_lines
from painlog.rules.records import DayLog
from painlog.screens.base import stylesheet

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"


class ChangedElsewhereScreen(ModalScreen[str | None]):
    """Both versions of a day; dismisses with `KEEP_MINE`, `TAKE_THEIRS` or None (cancel)."""

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("k", "choose('mine')", "Keep mine", show=False),
        Binding("t", "choose('theirs')", "Take theirs", show=False),
        Binding("escape,c", "choose(None)", "Cancel", show=False),
    ]

    def __init__(self, mine: DayLog, theirs: DayLog | None, seeds=None) -> None:
        """Args:
        mine: The day as the form would save it.
        theirs: The day as it is stored now (None: it was deleted meanwhile).
        seeds: The catalogue with the person's own exercises, for their names.
        """
        super().__init__()
        self.mine = mine
        self.theirs = theirs
        self.seeds = seeds

    def compose(self) -> ComposeResult:
        day = day_heading(self.mine.day)
        with Vertical(id="changed-dialog", classes="dialog"):
            if self.theirs is None:
                question = f"{day} was deleted elsewhere after you opened it here."
            else:
                question = f"{day} was changed elsewhere after you opened it here."
            yield Label(question + " Which version should it keep?", id="changed-question")
            with Horizontal(id="changed-versions"):
                with Vertical(classes="changed-version"):
                    yield Label("Yours (this form)", classes="changed-title")
                    yield Static(_version_text(self.mine, self.seeds), markup=False)
                with Vertical(classes="changed-version"):
                    yield Label("Saved elsewhere", classes="changed-title")
                    yield Static(_version_text(self.theirs, self.seeds), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (k)", variant="warning", id="changed-mine", compact=True)
                yield Button("Take theirs (t)", id="changed-theirs", compact=True)
                yield Button("Cancel (esc)", variant="primary", id="changed-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#changed-cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = {"changed-mine": KEEP_MINE, "changed-theirs": TAKE_THEIRS}
        self.dismiss(choice.get(event.button.id or ""))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


def _version_text(log: DayLog | None, seeds) -> str:
    """One version of the day, a field a line, for a column half the dialog wide."""
    if log is None:
        return "(deleted)"
    # `day_lines` lists the check-ins too: a check-in may be all that differs.
    return "\n".join(" ".join(line.split()) for line in day_lines(log, seeds)[1:])
