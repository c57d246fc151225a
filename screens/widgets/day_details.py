"""The day's details under its pain score: its check-ins, places, exercises, medications
taken, treatments, warning signs, worst pain, bed rest and the note.

Today draws its first frame with the pain score alone and mounts these rows when the
day's log arrives: they are most of what the screen costs to build, the score is what a
person types first, and rows mounted empty would be laid out and drawn once more when the
day fills them. Their widgets (the pickers, the catalogue behind them, the
checklist, the note's text area) are imported when the rows are composed, not with this
module, so that Today's first frame does not wait for them; the rows' messages are handled
by name (`on_picker_changed`) for the same reason. Whatever the person changes here
reaches Today as one `Edited` message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from painlog.rules.records import DayLog
    from painlog.screens.widgets.checkin_list import CheckInList
    from painlog.screens.widgets.picker import Picker
    from painlog.seeds import Catalogue


@dataclass(frozen=True)
class Details:
    """What the rows hold: every field of a `DayLog` but its date and pain score."""

    worst: int | None
    places: tuple
    exercises: tuple
    flags: tuple[str, ...]
    bed_rest: bool
    note: str
    took: tuple = ()
    treated: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing has been entered in any row."""
        return not (
            self.places
            or self.exercises
            or self.took
            or self.treated
            or self.flags
            or self.note
            or self.worst is not None
            or self.bed_rest
        )


class DayDetails(Vertical):
    """The rows of the Today form below the pain score."""

    @dataclass
    class Edited(Message):
        """The person changed one of the rows."""

    _checkins: CheckInList | None = None
    """The list of the day's check-ins, once a day with check-ins has been shown."""

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea

        from painlog.screens.widgets.flag_checklist import FlagChecklist
        from painlog.screens.widgets.focus_group import FocusGroup
        from painlog.screens.widgets.pain_scale import PainScale
        from painlog.screens.widgets.picker import (
            ExercisePicker,
            MedicationPicker,
            PlacePicker,
            TreatmentPicker,
        )
        from painlog.screens.widgets.tick_box import TickBox

        # The check-ins' row comes first, mounted with the first day that has any
        # (`show_checkins`): most days have none.
        with Horizontal(classes="form-row"):
            yield Label("Where", classes="form-label")
            yield PlacePicker(id="places")
        with Horizontal(classes="form-row"):
            yield Label("Did", classes="form-label")
            yield ExercisePicker(id="exercises")
        with Horizontal(classes="form-row"):
            yield Label("Signs", classes="form-label")
            with FocusGroup(classes="form-field"):
                yield FlagChecklist(id="flags")
                yield Static("", id="flags-more", markup=False)
                yield Static("", id="flag-help")
        with Horizontal(classes="form-row"):
            yield Label("Worst", classes="form-label")
            yield PainScale(optional=True, id="worst")
        with Horizontal(classes="form-row"):
            yield Label("Bed", classes="form-label")
            yield TickBox("Spent most of the day resting in bed", id="bed-rest", compact=True)
        with Horizontal(classes="form-row"):
            yield Label("Took", classes="form-label")
            yield MedicationPicker(id="took")
        with Horizontal(classes="form-row"):
            yield Label("Treated", classes="form-label")
            yield TreatmentPicker(id="treated")
        with Horizontal(classes="form-row"):
            yield Label("Note", classes="form-label")
            yield TextArea(id="note", soft_wrap=True, show_line_numbers=False)

    def fill(self, log: DayLog | None) -> None:
        """Show a saved day's details (or empty rows), without counting it as an edit."""
        from textual.widgets import Checkbox, TextArea

        from painlog.rules.text import shown_text

        self.query_one("#worst").set_value(log.worst if log else None)
        self.show_checkins(log.checkins if log else ())
        self.query_one("#places").set_chosen(log.places if log else ())
        self.query_one("#exercises").set_chosen(log.exercises if log else ())
        self.query_one("#took").set_chosen(log.took if log else ())
        self.query_one("#treated").set_chosen(log.treated if log else ())
        self.query_one("#flags").set_ticked(log.flags if log else ())
        bed_rest = self.query_one("#bed-rest", Checkbox)
        with bed_rest.prevent(Checkbox.Changed):
            bed_rest.value = bool(log and log.bed_rest)
        note = self.query_one("#note", TextArea)
        with note.prevent(TextArea.Changed):
            # A note an older diary holds is edited with any control character escaped
            # (never raw on the screen); its line ends are kept as they are.
            note.load_text(shown_text(log.note, breaks=None) if log else "")

    def show_checkins(self, checkins: tuple) -> None:
        """List the day's check-ins as saved (they are written as they are made, never
        held in the form)."""
        if self._checkins is None:
            if not checkins:
                return
            from painlog.screens.widgets.checkin_list import CheckInList

            # Right under the score they may have set: each line starts with its time,
            # so the row needs no name. Kept by reference: the row's children are only
            # mounted a moment after the row.
            self._checkins = CheckInList(id="checkins")
            self.mount(
                Horizontal(
                    Label("", classes="form-label"),
                    self._checkins,
                    classes="form-row",
                    id="checkins-row",
                ),
                before=0,
            )
        self.query_one("#checkins-row").display = bool(checkins)
        self._checkins.show(checkins)

    def follow_write(self, worst: int | None, places: tuple) -> None:
        """Bring the rows up to a write made beside them (a check-in): set Worst, and add
        `places` to Where, keeping whatever else the person has typed."""
        self.query_one("#worst").set_value(worst)
        self.query_one("#places").join(places)

    def show_sources(self, worst: str) -> None:
        """Say where the worst pain comes from when the person did not set it."""
        self.query_one("#worst").source = worst

    def rewind(self) -> None:
        """Start the signs list at its first sign again (another day is being shown)."""
        self.query_one("#flags").rewind()

    @property
    def details(self) -> Details:
        """What the rows hold now."""
        return Details(
            worst=self.query_one("#worst").value,
            places=tuple(self.query_one("#places").chosen),
            exercises=tuple(self.query_one("#exercises").chosen),
            flags=tuple(self.query_one("#flags").selected),
            bed_rest=self.query_one("#bed-rest").value,
            note=self.query_one("#note").text,
            took=tuple(self.query_one("#took").chosen),
            treated=tuple(self.query_one("#treated").chosen),
        )

    def take_typed(self) -> tuple[Picker, str] | None:
        """Add what is left typed in Where, Did, Took and Treated where it names one item.

        Returns:
            None when nothing is left, or the first picker whose text names no single
            item, with why (the save must stop there).
        """
        for picker in self.query("#places, #exercises, #took, #treated"):
            problem = picker.take_typed()
            if problem is not None:
                return picker, problem
        return None

    def set_usage(self, places: dict[str, int], exercises: dict[str, int]) -> None:
        """Order both pickers by how often each place and exercise has been logged."""
        self.query_one("#places").set_usage(places)
        self.query_one("#exercises").set_usage(exercises)

    def set_catalogue(self, seeds: Catalogue) -> None:
        """Offer the catalogue's exercises and treatments, the person's own among them, and
        their medications."""
        for picker in self.query("#exercises, #took, #treated"):
            picker.set_catalogue(seeds)

    # Any change in the rows is an edit of the day. Handled by name, so that the rows'
    # widget classes need not be imported with this module.

    def on_picker_changed(self) -> None:
        self.post_message(self.Edited())

    def on_flag_checklist_changed(self) -> None:
        self.post_message(self.Edited())

    def on_pain_scale_changed(self) -> None:
        self.post_message(self.Edited())

    def on_checkbox_changed(self) -> None:
        self.post_message(self.Edited())

    def on_text_area_changed(self) -> None:
        self.post_message(self.Edited())

    def on_flag_checklist_hidden(self, message) -> None:
        # Without it the signs out of the list's view are easy to miss.
        parts = []
        if message.above:
            parts.append(f"{message.above} above ↑")
        if message.below:
            parts.append(f"{message.below} more below ↓")
        more = self.query_one("#flags-more", Static)
        more.update(", ".join(parts))
        more.display = bool(parts)

    def on_option_list_option_highlighted(self, event) -> None:
        if event.option_list.id != "flags":
            return  # a picker's list of matches
        flag = self.query_one("#flags").flags[event.option_index]
        self.query_one("#flag-help", Static).update(flag.description)
