"""Type-to-filter pickers for places and exercises, with the chosen ones shown as chips.

Typing filters the list and Enter adds the top match, so a usual choice costs a letter or
two and Enter. Words that are not names (a side such as `left`, a character such as
`sharp`, a dose such as `3x10` or `30min`) are read from the same line, so nothing needs a
second step. Backspace on an empty filter removes the last chip. The matching and the
reading of those words are `rules.vocabulary`'s, which `painlog log` uses too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widget import MountError
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from painlog.rules.describe import exercise_text, place_text
from painlog.rules.intakes import (
    intake_of_words,
    intake_words,
    medication_candidates,
    split_intake_words,
    treatment_candidates,
    treatment_words,
)
from painlog.rules.records import ExerciseDone, Intake, Place
from painlog.rules.vocabulary import (
    Candidate,
    NotOneMatch,
    exercise_candidates,
    location_candidates,
    make_exercise,
    make_place,
    rank,
    resolve,
    split_exercise,
    split_place,
)
from painlog.screens.widgets.focus_group import FocusGroup
from painlog.seeds import Catalogue, catalogue

T = TypeVar("T")


class PickerInput(Input):
    """The filter line; Backspace on an empty line asks to drop the last chip."""

    @dataclass
    class RemoveLast(Message):
        picker_input: PickerInput

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.RemoveLast(self))
            return
        super().action_delete_left()


class Picker(FocusGroup, Generic[T]):
    """A filter line, the best matches under it, and the chosen items as removable chips.

    The matches and the preview show only while focus is inside (FocusGroup's `-active`),
    to keep the form short. They are mounted when focus first comes inside: until then
    nothing needs them, and four pickers' lists are a good part of what Today costs to
    build when the day arrives.
    """

    DEFAULT_CSS = """
    Picker {
        height: auto;
        width: 1fr;
    }
    Picker > PickerInput {
        width: 1fr;
    }
    Picker > OptionList {
        display: none;
        height: auto;
        max-height: 3;
        border: none;
        padding: 0 1;
        background: transparent;
    }
    Picker.-active > OptionList {
        display: block;
    }
    Picker > .picker--preview {
        display: none;
        padding: 0 1;
        color: $text-accent;
    }
    Picker.-active.-typed > .picker--preview {
        display: block;
    }
    Picker > .picker--chips {
        height: auto;
        width: 1fr;
    }
    Picker .picker--chip-row {
        height: auto;
        width: 1fr;
    }
    Picker .picker--chip {
        min-width: 0;
        height: 1;
        border: none;
        margin: 0 1 0 0;
        padding: 0 1;
    }
    Picker .picker--empty {
        color: $text-muted;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
        Binding("ctrl+z", "undo_remove", "Bring back", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The chosen items changed."""

        picker: Picker

        @property
        def control(self) -> Picker:
            return self.picker

    @dataclass
    class Removed(Message):
        """An item was removed (Backspace or its ✕); ctrl+z in the picker brings it back."""

        picker: Picker
        text: str
        """The removed item, in words."""

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(
        self, candidates: Sequence[Candidate], placeholder: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.candidates = list(candidates)
        self.usage: dict[str, int] = {}
        self.chosen: list[T] = []
        self._placeholder = placeholder
        self._matches: list[Candidate] = []
        self._removed: list[tuple[int, T]] = []
        """Items removed since the day was loaded, latest last, with where they stood."""
        self._chips_shown: tuple = ()
        """The chips' labels (or what the row says with none) and their rows, last shown."""
        self._matches_stale = True
        """The matches list has not been filled for the current filter and candidates: it
        is filled when focus comes inside, as it only shows then."""
        self._preview: Label | None = None
        self._options: OptionList | None = None
        """The preview and the matches list, once focus has come inside (None before)."""

    def compose(self) -> ComposeResult:
        yield PickerInput(placeholder=self._placeholder, compact=True)
        yield Vertical(classes="picker--chips")

    def on_mount(self) -> None:
        self._show_chips()

    # -- what subclasses define -----------------------------------------------------------

    def split_query(self, query: str) -> tuple[str, list[str]]:
        """Separate the words that filter from the words that qualify the choice."""
        return query, []

    def make(self, candidate: Candidate, extras: list[str]) -> T:
        raise NotImplementedError  # pragma: no cover - every picker defines it

    def identity(self, item: T) -> object:
        """Two items with the same identity cannot both be chosen; the newer wins."""
        return item

    def describe(self, item: T) -> str:
        return str(item)

    def nothing_chosen(self) -> str:
        """What the row says while nothing is chosen."""
        return "none yet"

    # -- behaviour ------------------------------------------------------------------------

    @property
    def filter_input(self) -> PickerInput:
        return self.query_one(PickerInput)

    def set_chosen(self, items: Iterable[T]) -> None:
        """Replace the chosen items (when another day is loaded)."""
        self.chosen = list(items)
        self._removed = []
        self.filter_input.value = ""
        self._show_chips()

    def join(self, items: Iterable[T]) -> None:
        """Add those of `items` not chosen yet, after the chosen ones, leaving what is
        typed in the filter and what Ctrl+Z can bring back as they are (the form is being
        brought up to a write made beside it, not loaded again)."""
        have = {self.identity(x) for x in self.chosen}
        added = False
        for item in items:
            if self.identity(item) not in have:
                have.add(self.identity(item))
                self.chosen.append(item)
                added = True
        if added:
            self._show_chips()

    def focus(self, scroll_visible: bool = True) -> Picker:
        """Focus the filter line (the picker is only the group around it)."""
        self.filter_input.focus(scroll_visible)
        return self

    def take_typed(self) -> str | None:
        """Add what is left typed in the filter when it names one item, before a save.

        Returns:
            None when the filter is empty or its text was added; otherwise why it cannot
            be added, in words (it matches several items, or none).
        """
        query = self.filter_input.value
        filter_text, extras = self.split_query(query)
        if not filter_text.strip():
            return None
        # The command line's reading: what `painlog log` would take, this takes.
        try:
            found = resolve(filter_text, self.candidates, "", "item")
        except NotOneMatch as refused:
            # Nothing sure: what the list shows, so the message matches the screen.
            matches = list(refused.matches) or rank(filter_text, self.candidates, self.usage)
        else:
            self._add(self.make(found, extras))
            self.filter_input.value = ""
            return None
        if not matches:
            return f"{query.strip()!r} matches nothing here: fix it or clear it"
        names = ", ".join(c.name for c in matches[:3]) + (", …" if len(matches) > 3 else "")
        return (
            f"{query.strip()!r} matches {len(matches)} ({names}): press Enter to add the "
            "highlighted one, or type more"
        )

    def set_usage(self, usage: dict[str, int]) -> None:
        self.usage = usage
        self._refilter(self.filter_input.value)

    def _show_preview(self) -> None:
        # Says in words what Enter will add, so the highlight never rests on colour alone.
        query = self.filter_input.value
        self.set_class(bool(query.strip()), "-typed")
        preview = self._preview
        if preview is None:
            return
        if not self._matches:
            preview.update("no match: try fewer letters")
            return
        _filter, extras = self.split_query(query)
        chosen = self.make(self._matches[self._highlight_index()], extras)
        preview.update(Content(f"Enter adds: {self.describe(chosen)}"))

    def _highlight_index(self) -> int:
        highlighted = None if self._options is None else self._options.highlighted
        return highlighted if highlighted is not None else 0

    async def on_descendant_focus(self) -> None:
        if self._options is None:
            self._preview = Label("", classes="picker--preview")
            self._options = OptionList(compact=True)
            self._options.can_focus = False
            # Awaited, so that keys typed meanwhile are filtered into a mounted list: the
            # picker takes its messages one at a time.
            try:
                await self.mount(self._preview, self._options, after=self.filter_input)
            except MountError:
                return  # the picker was taken down meanwhile: the app is closing
        if self._matches_stale:
            self._refilter(self.filter_input.value, shown=True)

    def _refilter(self, query: str, shown: bool = False) -> None:
        options = self._options
        if options is None or not options.is_mounted or not (shown or self.has_class("-active")):
            # Hidden until focus comes inside: a day loaded, a catalogue or the usage
            # handed in need not rank and lay out every candidate for a list nobody sees.
            self._matches_stale = True
            return
        self._matches_stale = False
        filter_text, _extras = self.split_query(query)
        self._matches = rank(filter_text, self.candidates, self.usage)
        if not self._matches and " " in filter_text.strip():
            # The last word may be a side or dose still being typed: match without it.
            self._matches = rank(filter_text.rsplit(" ", 1)[0], self.candidates, self.usage)
        # Names are plain text (an own exercise may hold brackets), never markup.
        options.set_options(Option(Content(c.shown), id=c.slug) for c in self._matches)
        if self._matches:
            options.highlighted = 0
        self._show_preview()

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    @on(Input.Submitted)
    def _add_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip() or not self._matches:
            # An empty Enter moves on, as Tab would: the form reads top to bottom.
            self.screen.focus_next()
            return
        _filter, extras = self.split_query(event.value)
        self._add(self.make(self._matches[self._highlight_index()], extras))
        self.filter_input.value = ""

    @on(OptionList.OptionSelected)
    def _add_clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._matches):
            _filter, extras = self.split_query(self.filter_input.value)
            self._add(self.make(self._matches[event.option_index], extras))
            self.filter_input.value = ""
            self.filter_input.focus()

    @on(PickerInput.RemoveLast)
    def _remove_last(self, event: PickerInput.RemoveLast) -> None:
        event.stop()
        if self.chosen:
            self._remove(len(self.chosen) - 1)

    @on(Button.Pressed, ".picker--chip")
    def _remove_clicked(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(event.button.name or "0")
        if index < len(self.chosen):
            self._remove(index)

    def _remove(self, index: int) -> None:
        item = self.chosen.pop(index)
        self._removed.append((index, item))
        # Before Changed, so the form says what went rather than only "unsaved changes".
        self.post_message(self.Removed(self, self.describe(item)))
        self._chosen_changed()

    def action_undo_remove(self) -> None:
        """Put back the item removed last, where it stood."""
        if not self._removed:
            return
        index, item = self._removed.pop()
        key = self.identity(item)
        if any(self.identity(x) == key for x in self.chosen):
            return  # Added again meanwhile.
        self.chosen.insert(min(index, len(self.chosen)), item)
        self._chosen_changed()

    def action_move(self, delta: int) -> None:
        options = self._options
        if options is not None and self._matches:
            index = (self._highlight_index() + delta) % len(self._matches)
            options.highlighted = index
            self._show_preview()

    def _add(self, item: T) -> None:
        key = self.identity(item)
        self.chosen = [x for x in self.chosen if self.identity(x) != key] + [item]
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        self._show_chips()
        self.post_message(self.Changed(self))

    def _show_chips(self) -> None:
        chips = self.query_one(".picker--chips", Vertical)
        if not chips.is_attached:
            return  # The screen is being taken down (the app is closing).
        labels = tuple(f"{self.describe(item)} ✕" for item in self.chosen)
        # Chips that would fall into the same rows are left as they are: a day loaded, a
        # catalogue handed in and a resize each ask, and every rebuild is a mount and a
        # layout. Rows made before the width is known (0: one row) stand when they fit.
        shown = (labels or (self.nothing_chosen(),), chip_rows(labels, self.size.width))
        if shown == self._chips_shown and chips.children:
            return
        self._chips_shown = shown
        chips.remove_children()
        if not self.chosen:
            chips.mount(Label(self.nothing_chosen(), classes="picker--empty"))
            return
        # Textual has no wrapping row, so the chips are put in rows here, by their width:
        # a chip past the right edge would be cut off ("Kneeling hip flexor stre").
        buttons = [
            Button(
                Content(label),
                name=str(index),
                classes="picker--chip",
                compact=True,
                tooltip="Remove (or Backspace in the empty filter for the last one)",
            )
            for index, label in enumerate(labels)
        ]
        for chip in buttons:
            chip.can_focus = False
        chips.mount_all(
            Horizontal(*(buttons[index] for index in row), classes="picker--chip-row")
            for row in shown[1]
        )

    def on_resize(self, event: Resize) -> None:
        # A change of width may move a chip to another row.
        if self.is_attached:
            self._show_chips()


CHIP_EDGES = 3
"""Cells a chip takes beside its label: one of padding each side and one of margin."""


def chip_rows(labels: Sequence[str], width: int) -> tuple[tuple[int, ...], ...]:
    """The chips with these labels in rows no wider than `width`, as the index of each
    chip in its row (one row when the width is not known yet); a chip wider than a row gets
    a row of its own."""
    rows: list[list[int]] = [[]]
    used = 0
    for index, label in enumerate(labels):
        needed = Content(label).cell_length + CHIP_EDGES
        if rows[-1] and width > 0 and used + needed > width:
            rows.append([])
            used = 0
        rows[-1].append(index)
        used += needed
    return tuple(tuple(row) for row in rows)


class PlacePicker(Picker[Place]):
    """Where it hurts: `hip left sharp` picks Outer hip, left side, sharp."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(location_candidates(catalogue()), "where? e.g. low, hip left sharp", id=id)

    def split_query(self, query: str) -> tuple[str, list[str]]:
        return split_place(query, catalogue())

    def make(self, candidate: Candidate, extras: list[str]) -> Place:
        return make_place(candidate.slug, extras, catalogue(), strict=False)

    def identity(self, item: Place) -> object:
        return (item.location, item.side)

    def describe(self, item: Place) -> str:
        return place_text(item)


class ExercisePicker(Picker[ExerciseDone]):
    """What was done: `glute 3x10` picks Glute bridge, 3 sets of 10."""

    def __init__(self, *, id: str | None = None) -> None:
        self.seeds = catalogue()
        super().__init__(exercise_candidates(self.seeds), "did? e.g. walk 30min, glute 3x10", id=id)

    def set_catalogue(self, seeds: Catalogue) -> None:
        """Offer this catalogue's exercises in use (the diary's own ones included)."""
        self.seeds = seeds
        self.candidates = exercise_candidates(seeds)
        if self.is_mounted:
            self._refilter(self.filter_input.value)
            self._show_chips()

    def split_query(self, query: str) -> tuple[str, list[str]]:
        return split_exercise(query)

    def make(self, candidate: Candidate, extras: list[str]) -> ExerciseDone:
        return make_exercise(candidate.slug, extras, strict=False)

    def identity(self, item: ExerciseDone) -> object:
        return item.slug

    def describe(self, item: ExerciseDone) -> str:
        return exercise_text(item, self.seeds)


class MedicationPicker(Picker[Intake]):
    """What was taken: `ibu 400mg 8:00` picks Ibuprofen, 400mg, at 08:00. The same
    medication can be added again (another intake)."""

    def __init__(self, *, id: str | None = None) -> None:
        self.seeds = catalogue()
        super().__init__((), "took? e.g. ibu 400mg 8:00", id=id)

    def set_catalogue(self, seeds: Catalogue) -> None:
        """Offer the person's medications in use."""
        self.seeds = seeds
        self.candidates = medication_candidates(seeds)
        if self.is_mounted:
            self._refilter(self.filter_input.value)
            self._show_chips()

    def split_query(self, query: str) -> tuple[str, list[str]]:
        return split_intake_words(query)

    def make(self, candidate: Candidate, extras: list[str]) -> Intake:
        return intake_of_words(candidate.slug, extras)

    def identity(self, item: Intake) -> object:
        # Every intake is its own: the same pill at 8:00 and at 14:00 are two.
        return id(item)

    def describe(self, item: Intake) -> str:
        return intake_words(item, self.seeds)

    def nothing_chosen(self) -> str:
        if not self.seeds.medications:
            # painlog has no list of medicines: the person's own are added first.
            return "none yet (add yours first: Settings, F7, then m)"
        return "none yet"


class TreatmentPicker(Picker[str]):
    """What was done for the pain: `heat`, `phys` (a physiotherapy session)."""

    def __init__(self, *, id: str | None = None) -> None:
        self.seeds = catalogue()
        super().__init__(treatment_candidates(self.seeds), "treated? e.g. heat, massage", id=id)

    def set_catalogue(self, seeds: Catalogue) -> None:
        """Offer the treatments in use, the person's own among them."""
        self.seeds = seeds
        self.candidates = treatment_candidates(seeds)
        if self.is_mounted:
            self._refilter(self.filter_input.value)
            self._show_chips()

    def make(self, candidate: Candidate, extras: list[str]) -> str:
        return candidate.slug

    def describe(self, item: str) -> str:
        return treatment_words(item, self.seeds)
