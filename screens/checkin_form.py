"""The dialog for one check-in of a day: its time, the pain then, where, and a note.

It adds a check-in (Today's ctrl+n) or edits one (Enter on it in Today's list); it only
checks what was typed and dismisses with the check-in, and Today writes it. The time
starts at the clock's minute when adding; focus starts on the pain, so ctrl+n, a digit
and Enter log how it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from painlog.rules.checkins import checkin_at, edited_checkin, with_checkin, without_checkin
from painlog.rules.entry import InvalidInput, check_day
from painlog.rules.parsing import read_time
from painlog.rules.records import CheckIn, DayLog
from painlog.rules.text import shown_text
from painlog.screens.base import stylesheet
from painlog.screens.item_form import ItemForm, form_row
from painlog.screens.widgets.pain_scale import PainScale
from painlog.screens.widgets.picker import PlacePicker
from painlog.seeds import Catalogue, catalogue

FIELDS = {"at": "time", "side": "where", "character": "where"}
"""The form's name for a field the day's rules name otherwise."""

NOTE_BREAK = " ⏎ "
"""How a line break in a note written elsewhere shows in the one-line note field."""


def clock_minute() -> time:
    """The time of day now, to the minute: where a new check-in's time starts."""
    return datetime.now().time().replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class CheckInChange:
    """One change to a day's check-ins, as Today writes it.

    Attributes:
        day: The day.
        checkin: The check-in added, or as edited; None when deleting.
        at: The time of the check-in edited or deleted; None when adding.
    """

    day: date
    checkin: CheckIn | None
    at: time | None = None

    @property
    def adds(self) -> bool:
        return self.at is None

    def apply(self, held: DayLog | None) -> DayLog:
        """The day once the change is made to `held` (the stored day, None when it has no
        log yet).

        Raises:
            InvalidInput: when the check-in to edit or delete is not there.
        """
        if self.at is None:
            return with_checkin(held, self.day, self.checkin)
        if checkin_at(held, self.at) is None:
            raise InvalidInput("time", f"{self.at:%H:%M}", "the time of one of the day's check-ins")
        if self.checkin is None:
            return without_checkin(held, self.at)
        return edited_checkin(held, self.day, self.at, self.checkin)

    @property
    def said(self) -> str:
        """What was done, for the status line."""
        if self.checkin is None:
            return f"Deleted the {self.at:%H:%M} check-in"
        if self.at is None:
            return f"Added the {self.checkin.at:%H:%M} check-in"
        if self.checkin.at != self.at:
            return f"Moved the {self.at:%H:%M} check-in to {self.checkin.at:%H:%M}"
        return f"Changed the {self.at:%H:%M} check-in"


class CheckInForm(ItemForm[CheckIn]):
    """Add a check-in to `day`, or edit one (`item`); dismisses with the check-in, or None.

    Args:
        day: The day the check-in is for.
        item: The check-in to edit, or None to add one.
        draft: When adding, a check-in typed before and not written, to start from.
        taken: The times of the day's check-ins: a check-in cannot move onto one.
        usage: How often each place has been logged, to order the Where list.
        seeds: The catalogue, for the places.
    """

    CSS_PATH = [ItemForm.CSS_PATH, stylesheet(__file__)]

    BINDINGS = [
        Binding("enter", "save", "Save", show=False, tooltip="Save the check-in and close"),
    ]

    prefix = "checkin"
    adding = "Add a check-in"
    first_field = "pain"

    def __init__(
        self,
        day: date,
        item: CheckIn | None = None,
        *,
        draft: CheckIn | None = None,
        taken: frozenset[time] = frozenset(),
        usage: dict[str, int] | None = None,
        seeds: Catalogue | None = None,
    ) -> None:
        super().__init__(seeds or catalogue(), item)
        self.day = day
        self.filled = item or draft
        """What the fields start with."""
        self.taken = taken
        self.usage = usage or {}

    def heading(self) -> str:
        day = f"{self.day:%a} {self.day.day} {self.day:%b}"
        if self.item is None:
            return f"{self.adding} to {day}"
        return f"Edit the {self.item.at:%H:%M} check-in, {day}"

    def fields(self) -> ComposeResult:
        item = self.filled
        at = item.at if item else clock_minute()
        yield form_row(
            "Time",
            Input(f"{at:%H:%M}", placeholder="HH:MM", compact=True, id="checkin-time"),
            Static("24-hour clock, e.g. 14:30", classes="item-hint"),
        )
        yield Horizontal(
            Label("Pain", classes="item-label"),
            PainScale(item.pain if item else None, id="checkin-pain"),
            classes="item-row checkin-tall",
        )
        yield Horizontal(
            Label("Where", classes="item-label"),
            PlacePicker(id="checkin-where"),
            classes="item-row checkin-tall",
        )
        yield form_row(
            "Note",
            Input(
                shown_text(item.note, breaks=NOTE_BREAK) if item else "",
                placeholder="optional, e.g. stiff after sitting",
                compact=True,
                id="checkin-note",
            ),
        )

    def on_mount(self) -> None:
        places = self.query_one("#checkin-where", PlacePicker)
        places.set_usage(self.usage)
        if self.filled is not None:
            places.set_chosen(self.filled.places)
        super().on_mount()

    def checked(self) -> CheckIn:
        at = read_time("time", self.query_one("#checkin-time", Input).value)
        if at in self.taken and (self.item is None or at != self.item.at):
            raise InvalidInput(
                "time",
                f"{at:%H:%M}",
                "a time no other check-in of the day has (to change that one, pick it in the list)",
            )
        pain = self.query_one("#checkin-pain", PainScale).value
        if pain is None:
            raise InvalidInput("pain", "", "a score from 0 to 10: type 0-9, or 1 then 0 for 10")
        places = self.query_one("#checkin-where", PlacePicker)
        typed = places.filter_input.value.strip()
        if places.take_typed() is not None:
            raise InvalidInput(
                "where", typed, "the name of one place (Enter adds the highlighted match)"
            )
        checkin = CheckIn(at, pain, tuple(places.chosen), self._note())
        try:
            # The day's own rules, on a day holding only this check-in: one check of a
            # check-in, whichever way it comes in.
            check_day(
                DayLog(self.day, pain, places=checkin.places, checkins=(checkin,)),
                self.day,
                self.seeds,
            )
        except InvalidInput as error:
            field = FIELDS.get(error.field, error.field)
            raise InvalidInput(field, error.value, error.accepted) from None
        return checkin

    def _note(self) -> str:
        typed = self.query_one("#checkin-note", Input).value
        # Untouched, a note written elsewhere keeps its line breaks (shown here as ⏎).
        if self.filled is not None and typed == shown_text(self.filled.note, breaks=NOTE_BREAK):
            return self.filled.note
        return typed.strip()
