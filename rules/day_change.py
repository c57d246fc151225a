"""What one `painlog log` changes on a day already logged: it adds, it does not replace.

A log command names some of a day's fields. The pain is always given and always set; the
worst pain, the note and bed rest are set only when given (and cleared when given empty);
places, exercises, intakes, treatments and warning signs are added to what the day holds
(an intake always adds one: a medication may be taken several times a day). A place given again
for the same location and side takes the new character; an exercise given again with a
dose takes the new dose. Whatever the command does not name is kept, so a second log of
the same day never loses the first one's details.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from painlog.rules.checkins import settled
from painlog.rules.records import DayLog, ExerciseDone, Intake, Place


class Keep:
    """The value of a field the command did not name: what the day holds stays."""

    _instance: Keep | None = None

    def __new__(cls) -> Keep:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "KEEP"


KEEP = Keep()


@dataclass(frozen=True, slots=True)
class DayChange:
    """The fields one log command names for a day.

    Attributes:
        day: The day changed.
        pain: The day's usual pain, always given.
        worst: The worst pain; None clears it; KEEP leaves it.
        places: Places to add (or, for a location and side the day has, to update).
        exercises: Exercises to add (or, given again with a dose, to update).
        flags: Warning signs to add.
        bed_rest: True or False when given; KEEP leaves it.
        note: The note; "" clears it; KEEP leaves it.
        took: Intakes to add, each one more.
        treated: Treatments to add.
    """

    day: date
    pain: int
    worst: int | Keep | None = KEEP
    places: tuple[Place, ...] = ()
    exercises: tuple[ExerciseDone, ...] = ()
    flags: tuple[str, ...] = ()
    bed_rest: bool | Keep = KEEP
    note: str | Keep = KEEP
    took: tuple[Intake, ...] = ()
    treated: tuple[str, ...] = ()

    def as_new_day(self) -> DayLog:
        """The day exactly as this change gives it, as if nothing was logged before: what
        a new day becomes, what `--replace` writes, and what is checked (duplicates
        included) before the diary is opened."""
        return DayLog(
            self.day,
            self.pain,
            None if isinstance(self.worst, Keep) else self.worst,
            self.places,
            self.exercises,
            self.flags,
            False if isinstance(self.bed_rest, Keep) else self.bed_rest,
            "" if isinstance(self.note, Keep) else self.note,
            self.took,
            self.treated,
        )


def apply_change(existing: DayLog | None, change: DayChange) -> DayLog:
    """The day after `change`: what it names set or added, the rest of `existing` kept.

    Args:
        existing: The day as stored, or None when it has no log yet.
        change: What the command named.
    """
    base = existing if existing is not None else DayLog(change.day, change.pain)
    # The pain given is the person's own from now on; a worst left alone may still follow
    # the day's check-ins, now against this pain.
    return settled(
        replace(
            base,
            pain=change.pain,
            pain_from_checkins=False,
            worst_from_checkins=base.worst_from_checkins and isinstance(change.worst, Keep),
            worst=base.worst if isinstance(change.worst, Keep) else change.worst,
            places=_merged(base.places, change.places, _place_key, _updated_place),
            exercises=_merged(base.exercises, change.exercises, _exercise_key, _updated_exercise),
            flags=tuple(dict.fromkeys((*base.flags, *change.flags))),
            bed_rest=base.bed_rest if isinstance(change.bed_rest, Keep) else change.bed_rest,
            note=base.note if isinstance(change.note, Keep) else change.note,
            took=base.took + change.took,
            treated=tuple(dict.fromkeys((*base.treated, *change.treated))),
        )
    )


def _merged(held: tuple, given: tuple, key, updated) -> tuple:
    """`held` with each item of `given` updating the one with its key, or added last."""
    items = {key(item): item for item in held}
    for item in given:
        found = items.get(key(item))
        items[key(item)] = item if found is None else updated(found, item)
    return tuple(items.values())


def _place_key(place: Place) -> tuple[str, str | None]:
    return place.location, place.side


def _updated_place(held: Place, given: Place) -> Place:
    return given if given.character is not None else held


def _exercise_key(done: ExerciseDone) -> str:
    return done.slug


def _updated_exercise(held: ExerciseDone, given: ExerciseDone) -> ExerciseDone:
    has_dose = any(value is not None for value in (given.sets, given.reps, given.minutes))
    return given if has_dose else held


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What a change did to a day, in the words `painlog log` prints.

    Attributes:
        changed: One phrase per field that changed (`pain 6 -> 5`, `added Walking`,
            `removed Outer hip (left)`).
        kept: What the day held and still holds: scores, each item by name, `bed rest`,
            `note`.
    """

    changed: tuple[str, ...]
    kept: tuple[str, ...]


def report_change(before: DayLog, after: DayLog, seeds=None) -> ChangeReport:
    """Compare a day before and after a change, field by field.

    Args:
        before: The day as it was stored.
        after: The day as it is now.
        seeds: The catalogue with the person's own exercises, for their names.
    """
    from painlog.rules.describe import exercise_text, flag_text, place_text
    from painlog.rules.intakes import intake_words, treatment_words

    changed: list[str] = []
    kept: list[str] = []
    # A score that stops following the check-ins has changed even at the same value.
    now_set = (
        before.pain_from_checkins and not after.pain_from_checkins,
        before.worst_from_checkins and not after.worst_from_checkins,
    )
    for name, old, new, set_now in (
        ("pain", before.pain, after.pain, now_set[0]),
        ("worst", before.worst, after.worst, now_set[1]),
    ):
        if old == new and new is not None and set_now:
            changed.append(f"{name} {new} set for the day (was from its check-ins)")
        elif old == new:
            if old is not None:
                kept.append(f"{name} {old}")
        elif new is None:
            changed.append(f"{name} cleared")
        elif old is None:
            changed.append(f"{name} {new}")
        else:
            changed.append(f"{name} {old} -> {new}")
    for old, new, key, text in (
        (before.places, after.places, _place_key, place_text),
        (before.exercises, after.exercises, _exercise_key, _named(exercise_text, seeds)),
        (before.flags, after.flags, _flag_key, flag_text),
        (before.treated, after.treated, _flag_key, _named(treatment_words, seeds)),
    ):
        held = {key(item): item for item in old}
        now = {key(item) for item in new}
        added = [text(item) for item in new if key(item) not in held]
        updated = [text(item) for item in new if key(item) in held and held[key(item)] != item]
        removed = [text(item) for item in old if key(item) not in now]
        same = [text(item) for item in new if held.get(key(item)) == item]
        if added:
            changed.append("added " + ", ".join(added))
        if updated:
            changed.append("updated " + ", ".join(updated))
        if removed:
            changed.append("removed " + ", ".join(removed))
        kept.extend(same)
    taken = list(before.took)
    added_intakes = []
    for intake in after.took:
        if intake in taken:
            taken.remove(intake)
            kept.append(intake_words(intake, seeds))
        else:
            added_intakes.append(intake_words(intake, seeds))
    if added_intakes:
        changed.append("took " + ", ".join(added_intakes))
    if taken:
        changed.append("removed " + ", ".join(intake_words(x, seeds) for x in taken))
    if before.bed_rest != after.bed_rest:
        changed.append("bed rest" if after.bed_rest else "bed rest cleared")
    elif before.bed_rest:
        kept.append("bed rest")
    if before.note != after.note:
        changed.append(
            "note cleared" if not after.note else "note" if not before.note else "note replaced"
        )
    elif before.note:
        kept.append("note")
    return ChangeReport(tuple(changed), tuple(kept))


def _flag_key(slug: str) -> str:
    return slug


def _named(text, seeds):
    return lambda done: text(done, seeds)
