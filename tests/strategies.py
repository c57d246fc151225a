"""Hypothesis strategies for the records a person logs, shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from painlog.rules.records import ExerciseDone, Place
from painlog.rules.text import REFUSED_CONTROLS
from painlog.seeds import catalogue

SEEDS = catalogue()

doses = st.none() | st.integers(1, 10_000)


@st.composite
def places(draw) -> Place:
    """Any catalogue location, with a side only where it has one, and any character."""
    location = draw(st.sampled_from(SEEDS.locations))
    side = draw(st.none() | st.sampled_from(SEEDS.sides)) if location.has_side else None
    character = draw(st.none() | st.sampled_from([x.slug for x in SEEDS.characters]))
    return Place(location.slug, side, character)


exercises = st.builds(
    ExerciseDone,
    slug=st.sampled_from([x.slug for x in SEEDS.exercises]),
    sets=doses,
    reps=doses,
    minutes=doses,
)


note_characters = st.characters(codec="utf-8", exclude_characters="".join(sorted(REFUSED_CONTROLS)))
"""Any character a note may hold: every Unicode character but the control characters
painlog refuses (C0 but tab and line breaks, DEL, C1) and lone surrogates (not text)."""
