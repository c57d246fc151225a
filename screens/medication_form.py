"""The form for one of the person's medications: its name, usual dose and whether it is
taken as needed (adding or editing). painlog offers no list of medicines and no advice."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Static

from painlog.rules.entry import INTAKE_DOSE_MAX_CHARS
from painlog.rules.medications import check_medication_name, check_usual_dose
from painlog.rules.text import shown_text
from painlog.screens.item_form import ItemForm, form_row
from painlog.screens.widgets.tick_box import TickBox


@dataclass(frozen=True, slots=True)
class MedicationDraft:
    """What the form was saved with, already checked.

    Attributes:
        slug: The medication being edited, or None for a new one.
        name: Its name, tidied.
        dose: The usual dose, tidied (may be empty).
        as_needed: Taken when needed rather than on a schedule.
    """

    slug: str | None
    name: str
    dose: str
    as_needed: bool


class MedicationForm(ItemForm[MedicationDraft]):
    """Add a medication, or edit one (`item`)."""

    prefix = "medication"
    adding = "Add a medication you take"

    def fields(self) -> ComposeResult:
        editing = self.item
        yield self.name_row("your name for it, e.g. Ibuprofen")
        yield form_row(
            "Usual dose",
            Input(
                shown_text(editing.dose) if editing else "",
                placeholder="optional, e.g. 400mg",
                max_length=INTAKE_DOSE_MAX_CHARS,
                compact=True,
                id="medication-dose",
            ),
        )
        yield form_row(
            "As needed",
            TickBox(
                "taken when needed, not on a schedule",
                bool(editing and editing.as_needed),
                compact=True,
                id="medication-as-needed",
            ),
        )
        yield Static(
            "A day's dose goes after the name in Today's Took row: ibu 400mg 8:00.",
            classes="item-note",
        )

    def checked(self) -> MedicationDraft:
        slug = self.item.slug if self.item else None
        return MedicationDraft(
            slug,
            check_medication_name(
                self.query_one("#medication-name", Input).value, self.seeds, renaming=slug
            ),
            check_usual_dose(self.query_one("#medication-dose", Input).value),
            self.query_one("#medication-as-needed", TickBox).value,
        )
