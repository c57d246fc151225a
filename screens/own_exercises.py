"""Your exercises: the ones a person added (a physiotherapist's programme), to add, edit,
retire and restore.

Reached from Settings (e) or the command palette. An own exercise shows in Today's "Did"
list beside the catalogue's, in History, the CSV exports and the charts.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text

from painlog.screens.exercise_form import ExerciseDraft, ExerciseForm
from painlog.screens.own_list import OwnListScreen, clipped, list_bindings
from painlog.seeds import Catalogue, Exercise


class ExercisesScreen(OwnListScreen):
    """The diary's own exercises in a table."""

    BINDINGS = list_bindings("exercises", "exercise", "Today's Did list")

    prefix = "exercises"
    noun = "exercise"
    a_noun = "an exercise"
    heading = "Your exercises"
    columns = (("Category", "category"), ("Dose", "dose"))
    offered_in = "Today's Did list"
    empty = (
        "No exercises of your own yet. Press a (or the Add button) to add one your "
        "physiotherapist gave you: it then shows in Today's Did list with the catalogue's, "
        "in History, the CSV exports and the charts."
    )

    def items_of(self, seeds: Catalogue) -> list[Exercise]:
        return [x for x in seeds.exercises if x.own]

    def read_days(self) -> dict[str, int]:
        return self.diary.exercise_counts()

    def cells(self, item: Exercise) -> tuple[str | Text, ...]:
        return item.category, clipped(item.dose or "-")

    def form(self, item: Exercise | None) -> ExerciseForm:
        return ExerciseForm(self.seeds, item)

    def save(self, draft: ExerciseDraft):
        if draft.slug is None:
            return partial(self.diary.add_exercise, draft.name, draft.category, draft.dose), "Added"
        change = partial(
            self.diary.change_exercise, draft.slug, draft.name, draft.category, draft.dose
        )
        return change, "Saved"

    def retire(self, item: Exercise):
        return partial(self.diary.retire_exercise, item.slug, self.today)

    def restore(self, item: Exercise):
        return partial(self.diary.restore_exercise, item.slug)
