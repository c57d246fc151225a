"""The form for one own exercise: its name, category and dose (adding or editing)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from painlog.rules.entry import InvalidInput
from painlog.rules.own_exercises import (
    DOSE_MAX_CHARS,
    NAME_MAX_CHARS,
    check_category,
    check_dose,
    check_name,
)
from painlog.rules.text import shown_text
from painlog.screens.base import stylesheet
from painlog.seeds import Catalogue, Exercise
from painlog.seeds.catalogue import OWN_CATEGORIES

CATEGORY_HINTS = {
    "strength": "strength: bridges, clams, bird dog",
    "stretch": "stretch: held positions, mobility",
    "aerobic": "aerobic: walking, cycling, swimming",
    "other": "other: balance, breathing, anything else",
}


@dataclass(frozen=True, slots=True)
class ExerciseDraft:
    """What the form was saved with, already checked.

    Attributes:
        slug: The exercise being edited, or None for a new one.
        name: Its name, tidied.
        category: One of `OWN_CATEGORIES`.
        dose: How much, tidied (may be empty).
    """

    slug: str | None
    name: str
    category: str
    dose: str


class ExerciseForm(ModalScreen[ExerciseDraft | None]):
    """Add an own exercise, or edit one; dismisses with the checked draft, or None.

    Args:
        seeds: The catalogue with the diary's own exercises, to refuse a name in use.
        exercise: The own exercise to edit, or None to add one.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save this exercise"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self, seeds: Catalogue, exercise: Exercise | None = None) -> None:
        super().__init__()
        self.seeds = seeds
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        editing = self.exercise
        # A name or dose an older diary holds is shown, and edited, with any control
        # character escaped: what is saved is what was seen.
        title = f"Edit {shown_text(editing.name)}" if editing else "Add an exercise of your own"
        with Vertical(id="exercise-dialog", classes="dialog"):
            yield Label(title, id="exercise-title", markup=False)
            with Horizontal(classes="exercise-row"):
                yield Label("Name", classes="exercise-label")
                yield Input(
                    shown_text(editing.name) if editing else "",
                    placeholder="e.g. Clamshell with band",
                    max_length=NAME_MAX_CHARS,
                    compact=True,
                    id="exercise-name",
                )
            with Horizontal(classes="exercise-row"):
                yield Label("Category", classes="exercise-label")
                yield Select(
                    [(name.capitalize(), name) for name in OWN_CATEGORIES],
                    value=editing.category if editing else "strength",
                    allow_blank=False,
                    compact=True,
                    id="exercise-category",
                )
                yield Static("", id="exercise-category-hint", classes="exercise-hint")
            with Horizontal(classes="exercise-row"):
                yield Label("Dose", classes="exercise-label")
                yield Input(
                    shown_text(editing.dose) if editing else "",
                    placeholder="e.g. 3 x 12 each side, daily",
                    max_length=DOSE_MAX_CHARS,
                    compact=True,
                    id="exercise-dose",
                )
            yield Static("", id="exercise-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="exercise-save")
                yield Button("Cancel (Esc)", id="exercise-cancel")

    def on_mount(self) -> None:
        self._show_hint()
        self.query_one("#exercise-name", Input).focus()

    @on(Select.Changed, "#exercise-category")
    def _show_hint(self) -> None:
        value = self.query_one("#exercise-category", Select).value
        self.query_one("#exercise-category-hint", Static).update(CATEGORY_HINTS.get(value, ""))

    @on(Input.Submitted)
    @on(Button.Pressed, "#exercise-save")
    def action_save(self) -> None:
        name = self.query_one("#exercise-name", Input)
        dose = self.query_one("#exercise-dose", Input)
        category = self.query_one("#exercise-category", Select)
        slug = self.exercise.slug if self.exercise else None
        try:
            draft = ExerciseDraft(
                slug,
                check_name(name.value, self.seeds, renaming=slug),
                check_category(str(category.value)),
                check_dose(dose.value),
            )
        except InvalidInput as error:
            self.query_one("#exercise-message", Static).update(f"Not saved: {error}")
            {"name": name, "dose": dose}.get(error.field, category).focus()
            return
        self.dismiss(draft)

    @on(Button.Pressed, "#exercise-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
