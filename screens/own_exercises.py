"""Your exercises: the ones a person added (a physiotherapist's programme), to add, edit,
retire and restore.

Reached from Settings (e) or the command palette. An own exercise shows in Today's "Did"
list beside the catalogue's, in History, the CSV exports and the charts. Retiring one only
stops it being offered: the days that have it keep it, by name. Every write runs in a
thread worker and replies with a message; the other screens are then told to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, DataTable, Header, Static

from painlog.rules.text import shown_text
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.exercise_form import ExerciseDraft, ExerciseForm
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.seeds import Catalogue, Exercise

EMPTY = (
    "No exercises of your own yet. Press a (or the Add button) to add one your "
    "physiotherapist gave you: it then shows in Today's Did list with the catalogue's, "
    "in History, the CSV exports and the charts."
)


class ExercisesScreen(DiaryScreen):
    """The diary's own exercises in a table; a adds, Enter edits, r retires or restores."""

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("a", "add", "Add", id="exercises.add", tooltip="Add an exercise of your own"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="exercises.edit",
            tooltip="Rename the highlighted exercise or change its category or dose",
        ),
        Binding(
            "r",
            "retire",
            "Retire/restore",
            id="exercises.retire",
            tooltip="Stop offering the highlighted exercise (its days keep it), or offer it again",
        ),
        Binding("escape", "back", "Back", id="exercises.back", tooltip="Back to Settings"),
    ]

    @dataclass
    class Loaded(Message):
        """The catalogue with the own exercises, and on how many days each was logged."""

        seeds: Catalogue
        days: dict[str, int]

    @dataclass
    class Changed(Message):
        """An own exercise was written; `what` says how, in words."""

        exercise: Exercise
        what: str

    @dataclass
    class NotSaved(Message):
        """A write was refused or failed; nothing changed."""

        reason: str

    def __init__(self, today: date, diary=None) -> None:
        super().__init__(today, diary)
        self.seeds: Catalogue | None = None
        self.days: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="exercises-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Name", key="name")
        table.add_column("Category", key="category")
        table.add_column("Dose", key="dose")
        table.add_column("Days", key="days")
        table.add_column("Offered", key="offered")
        yield table
        yield Static("", id="exercises-empty")
        with Horizontal(id="exercises-buttons"):
            yield Button("Add (a)", id="exercises-add", compact=True)
            yield Button("Edit (e)", id="exercises-edit", compact=True)
            yield Button("Retire/restore (r)", id="exercises-retire", compact=True)
            yield Button("Back (Esc)", id="exercises-back", compact=True)
        yield Static("Opening your diary…", id="exercises-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self.sub_title = "Your exercises"
        self.query_one(DataTable).focus()
        super().on_mount()

    # -- reading ------------------------------------------------------------------------

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="exercises-load")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.diary.catalogue(), self.diary.exercise_counts()))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.seeds = message.seeds
        self.days = message.days
        self._show(keep=self.highlighted)
        count = len(self.own)
        if count:
            retired = sum(x.retired for x in self.own)
            text = (
                f"{count} of your own ({retired} retired)." if retired else f"{count} of your own."
            )
            self._set_status(text + " a adds, e edits, r retires or restores, Esc goes back.")
        else:
            self._set_status("a adds an exercise; Esc goes back to Settings.")

    @property
    def own(self) -> list[Exercise]:
        """The own exercises, in use first, each group in the order they were added."""
        own = [x for x in self.seeds.exercises if x.own] if self.seeds else []
        return sorted(own, key=lambda x: x.retired)

    @property
    def highlighted(self) -> Exercise | None:
        table = self.query_one(DataTable)
        own = self.own
        if not own or table.row_count == 0 or not 0 <= table.cursor_row < len(own):
            return None
        slug = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((x for x in own if x.slug == slug), None)

    def _show(self, keep: Exercise | None = None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        own = self.own
        for exercise in own:
            table.add_row(
                Text(shown_text(exercise.name), no_wrap=True, overflow="ellipsis"),
                exercise.category,
                Text(shown_text(exercise.dose) or "-", no_wrap=True, overflow="ellipsis"),
                Text(str(self.days.get(exercise.slug, 0)), justify="right"),
                "retired" if exercise.retired else "yes",
                key=exercise.slug,
            )
        if keep is not None:
            rows = [x.slug for x in own]
            if keep.slug in rows:
                table.move_cursor(row=rows.index(keep.slug), animate=False)
        table.display = bool(own)
        empty = self.query_one("#exercises-empty", Static)
        empty.display = not own
        empty.update(EMPTY)
        for button in ("#exercises-edit", "#exercises-retire"):
            self.query_one(button, Button).disabled = not own

    # -- actions ------------------------------------------------------------------------

    def _ready(self) -> bool:
        if self.diary is None or self.seeds is None:
            self.notify("Still opening your diary; try again in a moment.")
            return False
        return True

    @on(Button.Pressed, "#exercises-add")
    def action_add(self) -> None:
        if self._ready():
            self.app.push_screen(ExerciseForm(self.seeds), self._form_closed)

    @on(Button.Pressed, "#exercises-edit")
    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        if not self._ready():
            return
        exercise = self.highlighted
        if exercise is None:
            self._set_status("Nothing to edit yet: a adds an exercise.")
            return
        self.app.push_screen(ExerciseForm(self.seeds, exercise), self._form_closed)

    @on(Button.Pressed, "#exercises-retire")
    def action_retire(self) -> None:
        if not self._ready():
            return
        exercise = self.highlighted
        if exercise is None:
            self._set_status("Nothing to retire yet: a adds an exercise.")
            return
        if exercise.retired:
            self._write(partial(self.diary.restore_exercise, exercise.slug), "Restored")
        else:
            self._write(partial(self.diary.retire_exercise, exercise.slug, self.today), "Retired")

    @on(Button.Pressed, "#exercises-back")
    def action_back(self) -> None:
        self.dismiss()

    def _form_closed(self, draft: ExerciseDraft | None) -> None:
        if draft is None:
            return
        if draft.slug is None:
            add = partial(self.diary.add_exercise, draft.name, draft.category, draft.dose)
            self._write(add, "Added")
        else:
            change = partial(
                self.diary.change_exercise, draft.slug, draft.name, draft.category, draft.dose
            )
            self._write(change, "Saved")

    @work(thread=True, group="exercises-write")
    def _write(self, change: Callable[[], Exercise], what: str) -> None:
        """Run one Diary write; reply `Changed` (`what` says how) or `NotSaved`."""
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            exercise = change()
        except (InvalidInput, StoreError) as error:
            self.post_message(self.NotSaved(str(error)))
            return
        self.post_message(self.Changed(exercise, what))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.load()
        self.app.notify_exercises_changed(except_screen=self)
        name = shown_text(message.exercise.name)
        detail = {
            "Added": "it is in Today's Did list now",
            "Saved": "the days that have it show the new name",
            "Retired": "no longer offered; the days that have it keep it",
            "Restored": "offered again in Today's Did list",
        }[message.what]
        self.notify(f"{message.what} {name}: {detail}.", title="Your exercises", markup=False)

    @on(NotSaved)
    def _not_saved(self, message: NotSaved) -> None:
        self._set_status(f"Not saved: {message.reason}")
        self.notify(message.reason, title="Not saved", severity="error", markup=False)

    def _set_status(self, text: str) -> None:
        self.query_one("#exercises-status", Static).update(text)
