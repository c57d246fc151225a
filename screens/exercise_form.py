"""The form for one own exercise: its name, category and dose (adding or editing)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from painlog.rules.own_exercises import (
    DOSE_MAX_CHARS,
    check_category,
    check_dose,
    check_name,
)
from painlog.rules.text import shown_text
from painlog.screens.item_form import ItemForm, form_row
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


class ExerciseForm(ItemForm[ExerciseDraft]):
    """Add an own exercise, or edit one (`item`)."""

    prefix = "exercise"
    adding = "Add an exercise of your own"

    def fields(self) -> ComposeResult:
        editing = self.item
        yield self.name_row("e.g. Clamshell with band")
        yield form_row(
            "Category",
            Select(
                [(name.capitalize(), name) for name in OWN_CATEGORIES],
                value=editing.category if editing else "strength",
                allow_blank=False,
                compact=True,
                id="exercise-category",
            ),
            Static("", id="exercise-category-hint", classes="item-hint"),
        )
        yield form_row(
            "Dose",
            Input(
                shown_text(editing.dose) if editing else "",
                placeholder="e.g. 3 x 12 each side, daily",
                max_length=DOSE_MAX_CHARS,
                compact=True,
                id="exercise-dose",
            ),
        )

    def on_mount(self) -> None:
        self._show_hint()
        super().on_mount()

    @on(Select.Changed, "#exercise-category")
    def _show_hint(self) -> None:
        value = self.query_one("#exercise-category", Select).value
        self.query_one("#exercise-category-hint", Static).update(CATEGORY_HINTS.get(value, ""))

    def checked(self) -> ExerciseDraft:
        slug = self.item.slug if self.item else None
        return ExerciseDraft(
            slug,
            check_name(self.query_one("#exercise-name", Input).value, self.seeds, renaming=slug),
            check_category(str(self.query_one("#exercise-category", Select).value)),
            check_dose(self.query_one("#exercise-dose", Input).value),
        )
