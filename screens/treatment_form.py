"""The form for a treatment of the person's own: its name (adding or renaming)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input

from painlog.rules.own_treatments import check_treatment_name
from painlog.screens.item_form import ItemForm


@dataclass(frozen=True, slots=True)
class TreatmentDraft:
    """What the form was saved with, already checked.

    Attributes:
        slug: The treatment being renamed, or None for a new one.
        name: Its name, tidied.
    """

    slug: str | None
    name: str


class TreatmentForm(ItemForm[TreatmentDraft]):
    """Add a treatment of one's own, or rename one (`item`)."""

    prefix = "treatment"
    adding = "Add a treatment of your own"

    def fields(self) -> ComposeResult:
        yield self.name_row("e.g. Hydrotherapy")

    def checked(self) -> TreatmentDraft:
        slug = self.item.slug if self.item else None
        name = self.query_one("#treatment-name", Input).value
        return TreatmentDraft(slug, check_treatment_name(name, self.seeds, renaming=slug))
