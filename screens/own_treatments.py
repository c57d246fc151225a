"""Your treatments: ones a person adds beside the sources' (heat, massage, TENS, ...), to
add, rename, retire and restore.

Reached from Settings (t) or the command palette. An own treatment shows in Today's
"Treated" list after the sources' ones, in History and the CSV exports.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text

from painlog.screens.own_list import OwnListScreen, list_bindings
from painlog.screens.treatment_form import TreatmentDraft, TreatmentForm
from painlog.seeds import Catalogue, Treatment


class TreatmentsScreen(OwnListScreen):
    """The person's own treatments in a table."""

    BINDINGS = list_bindings("treatments", "treatment", "Today's Treated list")

    prefix = "treatments"
    noun = "treatment"
    a_noun = "a treatment"
    heading = "Your treatments"
    columns = ()
    offered_in = "Today's Treated list"

    def items_of(self, seeds: Catalogue) -> list[Treatment]:
        return [x for x in seeds.treatments if x.own]

    @property
    def empty(self) -> str:  # type: ignore[override]
        sources = [x.name for x in (self.seeds.treatments if self.seeds else ()) if not x.own]
        offered = ", ".join(sources) if sources else "the sources' treatments"
        return (
            f"No treatments of your own yet. Today's Treated list offers {offered}. "
            "Press a (or the Add button) to add another you use: it then shows there too, "
            "in History and the CSV exports."
        )

    def read_days(self) -> dict[str, int]:
        return self.diary.treatment_days()

    def cells(self, item: Treatment) -> tuple[str | Text, ...]:
        return ()

    def form(self, item: Treatment | None) -> TreatmentForm:
        return TreatmentForm(self.seeds, item)

    def save(self, draft: TreatmentDraft):
        if draft.slug is None:
            return partial(self.diary.add_treatment, draft.name), "Added"
        return partial(self.diary.rename_treatment, draft.slug, draft.name), "Saved"

    def retire(self, item: Treatment):
        return partial(self.diary.retire_treatment, item.slug, self.today)

    def restore(self, item: Treatment):
        return partial(self.diary.restore_treatment, item.slug)
