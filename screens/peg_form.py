"""The weekly check: the PEG's three 0-10 questions about the past week, in one dialog.

Each question is answered on the pain score's own scale (digits, `1` then `0` for 10,
arrows), with the question's words for 0 and 10 under its ends. Tab goes to the next
question, Enter saves, Escape closes without saving. A week's answers can be changed: the
form opens with them.

The form writes the answers itself, in a thread worker, and closes once they are stored:
the screen below reads the diary again as it comes back into view, and must find them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from painlog.rules.peg import PEG_ITEMS
from painlog.rules.records import PegAnswer
from painlog.screens.base import stylesheet
from painlog.screens.widgets.pain_scale import PainScale


def week_of(start: date) -> str:
    """`the week of Mon 30 Nov`, for the week starting on `start`."""
    return f"the week of {start:%a} {start.day} {start:%b}"


class PegForm(ModalScreen[PegAnswer | None]):
    """Answer the week's PEG, or change its answers; dismisses with the answers once they
    are stored (given for `today`), or None.

    Args:
        start: The first day of the week asked about.
        today: The day the answers are given on, which files them under its week.
        diary: The open `Diary` the answers are written to.
        answer: The answers the week holds already, to start from, or None.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("enter,ctrl+s", "save", "Save", tooltip="Save the three answers and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    @dataclass
    class Saved(Message):
        """The answers were stored."""

        answer: PegAnswer

    @dataclass
    class Refused(Message):
        """The diary refused the answers; nothing was stored."""

        reason: str
        field: str | None = None
        """The answer refused (`pain`, `enjoyment`, `activity`), when one was."""

    def __init__(self, start: date, today: date, diary, answer: PegAnswer | None = None) -> None:
        super().__init__()
        self.start = start
        self.today = today
        self.diary = diary
        self.answer = answer

    def compose(self) -> ComposeResult:
        with Vertical(id="peg-dialog", classes="dialog"):
            yield Label(
                f"Weekly check (PEG) for {week_of(self.start)}", id="peg-title", markup=False
            )
            with VerticalScroll(id="peg-questions"):
                for number, item in enumerate(PEG_ITEMS, 1):
                    # The number in a column of its own: a question that wraps, and its
                    # scale, line up after it.
                    with Horizontal(classes="peg-item"):
                        yield Label(f"{number}.", classes="peg-number")
                        with Vertical(classes="peg-answer"):
                            yield Label(item.question, classes="peg-question")
                            yield PainScale(
                                getattr(self.answer, item.name) if self.answer else None,
                                ends=(item.low, item.high),
                                id=f"peg-{item.name}",
                            )
            yield Static("", id="peg-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Static("Tab: next question", id="peg-hint", markup=False)
                yield Button("Save (Enter)", variant="primary", id="peg-save", compact=True)
                yield Button("Cancel (Esc)", id="peg-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    def action_save(self) -> None:
        answers: dict[str, int] = {}
        for number, item in enumerate(PEG_ITEMS, 1):
            scale = self.query_one(f"#peg-{item.name}", PainScale)
            if scale.value is None:
                self._refuse(f"question {number} has no answer yet (0 to 10)", scale)
                return
            answers[item.name] = scale.value
        self._write(PegAnswer(self.today, **answers))

    @work(thread=True, exclusive=True, group="peg-write")
    def _write(self, answer: PegAnswer) -> None:
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            self.diary.answer_peg(answer, self.today)
        except InvalidInput as error:
            self.post_message(self.Refused(str(error), error.field))
        except StoreError as error:
            self.post_message(self.Refused(str(error)))
        else:
            self.post_message(self.Saved(answer))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.dismiss(message.answer)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        found = self.query(f"#peg-{message.field}") if message.field else None
        self._refuse(message.reason, found.first() if found else None)

    def _refuse(self, reason: str, field: PainScale | None) -> None:
        """Say why nothing was saved, with focus on the question it names."""
        line = self.query_one("#peg-message", Static)
        line.update(f"Not saved: {reason}")
        line.display = True
        if field is not None:
            field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "peg-save":
            self.action_save()
        else:
            self.action_cancel()
