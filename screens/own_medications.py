"""Your medications: what a person takes, under their own name for it, with their usual
dose; to add, edit, retire and restore.

Reached from Settings (m) or the command palette. painlog keeps no list of medicines and
gives no advice about them. A medication shows in Today's "Took" list, in History, the CSV
exports and Trends' medication days.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text

from painlog.screens.medication_form import MedicationDraft, MedicationForm
from painlog.screens.own_list import OwnListScreen, clipped, list_bindings
from painlog.seeds import Catalogue, Medication


class MedicationsScreen(OwnListScreen):
    """The person's medications in a table."""

    BINDINGS = list_bindings("medications", "medication", "Today's Took list")

    prefix = "medications"
    noun = "medication"
    a_noun = "a medication"
    heading = "Your medications"
    columns = (("Usual dose", "dose"), ("As needed", "as_needed"))
    offered_in = "Today's Took list"
    empty = (
        "No medications yet. Press a (or the Add button) to add one you take, under your "
        "own name for it, with your usual dose if you like: it then shows in Today's Took "
        "list, in History, the CSV exports and Trends. painlog keeps no list of medicines "
        "and gives no advice about them."
    )

    def items_of(self, seeds: Catalogue) -> tuple[Medication, ...]:
        return seeds.medications

    def read_days(self) -> dict[str, int]:
        return self.diary.medication_days()

    def cells(self, item: Medication) -> tuple[str | Text, ...]:
        return clipped(item.dose or "-"), "yes" if item.as_needed else "-"

    def form(self, item: Medication | None) -> MedicationForm:
        return MedicationForm(self.seeds, item)

    def save(self, draft: MedicationDraft):
        if draft.slug is None:
            add = partial(self.diary.add_medication, draft.name, draft.dose, draft.as_needed)
            return add, "Added"
        change = partial(
            self.diary.change_medication, draft.slug, draft.name, draft.dose, draft.as_needed
        )
        return change, "Saved"

    def retire(self, item: Medication):
        return partial(self.diary.retire_medication, item.slug, self.today)

    def restore(self, item: Medication):
        return partial(self.diary.restore_medication, item.slug)
