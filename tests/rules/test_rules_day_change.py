"""A log of a day already logged adds to it: what it names changes, the rest is kept."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEEDS, exercises, places

from painlog.rules.day_change import KEEP, DayChange, apply_change, report_change
from painlog.rules.records import DayLog, ExerciseDone, Place

DAY = date(2026, 11, 20)
FULL = DayLog(
    DAY,
    6,
    worst=8,
    places=(Place("hip-side", "left"),),
    exercises=(ExerciseDone("walking", minutes=30),),
    flags=("fever",),
    bed_rest=True,
    note="bad night",
)


def test_a_new_day_is_what_the_change_names():
    change = DayChange(DAY, 4, worst=5, places=(Place("knee"),), note="x")
    assert apply_change(None, change) == DayLog(DAY, 4, 5, (Place("knee"),), note="x")
    assert change.as_new_day() == apply_change(None, change)


def test_only_the_pain_changes_when_only_the_pain_is_given():
    assert apply_change(FULL, DayChange(DAY, 5)) == DayLog(
        DAY, 5, 8, FULL.places, FULL.exercises, FULL.flags, True, "bad night"
    )


def test_empty_values_clear_and_false_unsets_bed_rest():
    after = apply_change(FULL, DayChange(DAY, 6, worst=None, bed_rest=False, note=""))
    assert (after.worst, after.bed_rest, after.note) == (None, False, "")
    assert after.places == FULL.places


def test_items_are_added_after_those_held():
    after = apply_change(
        FULL,
        DayChange(
            DAY,
            6,
            places=(Place("lower-back"),),
            exercises=(ExerciseDone("glute-bridge", 3, 10),),
            flags=("trauma", "fever"),
        ),
    )
    assert after.places == (Place("hip-side", "left"), Place("lower-back"))
    assert after.exercises == (
        ExerciseDone("walking", minutes=30),
        ExerciseDone("glute-bridge", 3, 10),
    )
    assert after.flags == ("fever", "trauma")


def test_an_exercise_given_again_with_a_dose_takes_it_and_without_keeps_the_old():
    with_dose = apply_change(
        FULL, DayChange(DAY, 6, exercises=(ExerciseDone("walking", minutes=45),))
    )
    assert with_dose.exercises == (ExerciseDone("walking", minutes=45),)
    without = apply_change(FULL, DayChange(DAY, 6, exercises=(ExerciseDone("walking"),)))
    assert without.exercises == FULL.exercises


def test_a_place_given_again_with_a_character_takes_it():
    sharp = apply_change(FULL, DayChange(DAY, 6, places=(Place("hip-side", "left", "sharp"),)))
    assert sharp.places == (Place("hip-side", "left", "sharp"),)
    plain = apply_change(sharp, DayChange(DAY, 6, places=(Place("hip-side", "left"),)))
    assert plain.places == (Place("hip-side", "left", "sharp"),)
    # Another side is another place.
    other = apply_change(FULL, DayChange(DAY, 6, places=(Place("hip-side", "right"),)))
    assert len(other.places) == 2


def test_the_report_says_what_changed_and_what_was_kept():
    after = apply_change(FULL, DayChange(DAY, 5, places=(Place("lower-back"),)))
    report = report_change(FULL, after)
    assert report.changed == ("pain 6 -> 5", "added Lower back")
    assert report.kept == (
        "worst 8",
        "Outer hip (left)",
        "Walking 30 min",
        "Fever or feeling unwell",
        "bed rest",
        "note",
    )


def test_the_report_of_a_replacement_lists_what_went():
    report = report_change(FULL, DayLog(DAY, 3))
    assert report.changed == (
        "pain 6 -> 3",
        "worst cleared",
        "removed Outer hip (left)",
        "removed Walking 30 min",
        "removed Fever or feeling unwell",
        "bed rest cleared",
        "note cleared",
    )
    assert report.kept == ()


scalars = st.fixed_dictionaries(
    {},
    optional={
        "worst": st.none() | st.integers(0, 10),
        "bed_rest": st.booleans(),
        "note": st.text(max_size=10),
    },
)
changes = st.builds(
    lambda pain, fields, where, did, signs: DayChange(
        DAY, pain, places=tuple(where), exercises=tuple(did), flags=tuple(signs), **fields
    ),
    st.integers(0, 10),
    scalars,
    st.lists(places(), max_size=3),
    st.lists(exercises, max_size=3),
    st.lists(st.sampled_from([x.slug for x in SEEDS.red_flags]), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(changes, min_size=1, max_size=6))
def test_any_sequence_of_logs_keeps_the_union_and_the_last_value(sequence):
    day = None
    for change in sequence:
        day = apply_change(day, change)
    assert day.pain == sequence[-1].pain
    for field in ("worst", "bed_rest", "note"):
        given_values = [getattr(c, field) for c in sequence if getattr(c, field) is not KEEP]
        default = {"worst": None, "bed_rest": False, "note": ""}[field]
        assert getattr(day, field) == (given_values[-1] if given_values else default)
    assert set(day.flags) == {slug for c in sequence for slug in c.flags}
    assert {(p.location, p.side) for p in day.places} == {
        (p.location, p.side) for c in sequence for p in c.places
    }
    assert {e.slug for e in day.exercises} == {e.slug for c in sequence for e in c.exercises}
    for place in day.places:
        given_characters = [
            p.character
            for c in sequence
            for p in c.places
            if (p.location, p.side) == (place.location, place.side) and p.character
        ]
        assert place.character == (given_characters[-1] if given_characters else None)
