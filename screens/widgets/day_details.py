"""The day's details under its pain score: places, exercises, warning signs, worst pain,
bed rest and the note.

Today draws its first frame with the pain score alone and mounts these rows a frame later
(`textual.lazy.Lazy`): they are most of what the screen costs to build, and the score is
what a person types first. Once mounted they say so with `Ready`; whatever the person
changes here reaches Today as one `Edited` message.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Label, OptionList, Static, TextArea

from painlog.rules.records import DayLog
from painlog.rules.text import shown_text
from painlog.screens.widgets.flag_checklist import FlagChecklist
from painlog.screens.widgets.focus_group import FocusGroup
from painlog.screens.widgets.pain_scale import PainScale
from painlog.screens.widgets.picker import ExercisePicker, Picker, PlacePicker
from painlog.screens.widgets.tick_box import TickBox
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

    @property
    def empty(self) -> bool:
        """True when nothing has been entered in any row."""
        return not (
            self.places
            or self.exercises
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

    @dataclass
    class Ready(Message):
        """The rows are mounted and can be filled."""

        details: DayDetails

    def on_mount(self) -> None:
        self.post_message(self.Ready(self))

    def compose(self) -> ComposeResult:
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
                yield Static("", id="flag-help")
        with Horizontal(classes="form-row"):
            yield Label("Worst", classes="form-label")
            yield PainScale(optional=True, id="worst")
        with Horizontal(classes="form-row"):
            yield Label("Bed", classes="form-label")
            yield TickBox("Spent most of the day resting in bed", id="bed-rest", compact=True)
        with Horizontal(classes="form-row"):
            yield Label("Note", classes="form-label")
            yield TextArea(id="note", soft_wrap=True, show_line_numbers=False)

    def fill(self, log: DayLog | None) -> None:
        """Show a saved day's details (or empty rows), without counting it as an edit."""
        self.query_one("#worst", PainScale).set_value(log.worst if log else None)
        self.query_one(PlacePicker).set_chosen(log.places if log else ())
        self.query_one(ExercisePicker).set_chosen(log.exercises if log else ())
        self.query_one(FlagChecklist).set_ticked(log.flags if log else ())
        bed_rest = self.query_one("#bed-rest", Checkbox)
        with bed_rest.prevent(Checkbox.Changed):
            bed_rest.value = bool(log and log.bed_rest)
        note = self.query_one("#note", TextArea)
        with note.prevent(TextArea.Changed):
            # A note an older diary holds is edited with any control character escaped
            # (never raw on the screen); its line ends are kept as they are.
            note.load_text(shown_text(log.note, breaks=None) if log else "")

    @property
    def details(self) -> Details:
        """What the rows hold now."""
        return Details(
            worst=self.query_one("#worst", PainScale).value,
            places=tuple(self.query_one(PlacePicker).chosen),
            exercises=tuple(self.query_one(ExercisePicker).chosen),
            flags=tuple(self.query_one(FlagChecklist).selected),
            bed_rest=self.query_one("#bed-rest", Checkbox).value,
            note=self.query_one("#note", TextArea).text,
        )

    def set_usage(self, places: dict[str, int], exercises: dict[str, int]) -> None:
        """Order both pickers by how often each place and exercise has been logged."""
        self.query_one(PlacePicker).set_usage(places)
        self.query_one(ExercisePicker).set_usage(exercises)

    def set_catalogue(self, seeds: Catalogue) -> None:
        """Offer the catalogue's exercises, the person's own among them."""
        self.query_one(ExercisePicker).set_catalogue(seeds)

    @on(Picker.Changed)
    @on(FlagChecklist.Changed)
    @on(PainScale.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        self.post_message(self.Edited())

    @on(OptionList.OptionHighlighted, "#flags")
    def _explain_flag(self, event: OptionList.OptionHighlighted) -> None:
        flag = self.query_one(FlagChecklist).flags[event.option_index]
        self.query_one("#flag-help", Static).update(flag.description)
