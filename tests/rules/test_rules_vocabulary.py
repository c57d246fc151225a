"""The shared reading of place and exercise words (rules/vocabulary.py): what the command
line takes on its own, what it refuses, and that every catalogue name reads as itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painlog.rules.entry import InvalidInput
from painlog.rules.own_exercises import own_exercise
from painlog.rules.parsing import parse_exercises, parse_places
from painlog.rules.records import ExerciseDone, Place
from painlog.rules.vocabulary import (
    NotOneMatch,
    exercise_candidates,
    location_candidates,
    make_exercise,
    make_place,
    resolve,
    split_exercise,
    split_place,
)
from painlog.seeds import catalogue

SEEDS = catalogue()
OWN = SEEDS.with_own(
    [
        own_exercise("own-band-row", "Band row", "other", ""),
        own_exercise("own-band-pull-apart", "Band pull-apart", "strength", ""),
        own_exercise("own-old-plank", "Old plank", "strength", "", retired=True),
    ]
)
PLACES = location_candidates(SEEDS)
EXERCISES = exercise_candidates(OWN)


def exercise(text: str) -> str:
    return resolve(text, EXERCISES, "did", "exercise").slug


def place(text: str) -> str:
    return resolve(text, PLACES, "where", "place").slug


# -- what is taken ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("lower back", "lower-back"),
        ("LOWER-BACK", "lower-back"),
        ("Lower  Back", "lower-back"),
        ("low", "lower-back"),
        ("outer hip", "hip-side"),
        ("groin", "hip-front"),
        ("mid/upper back", "upper-back"),
    ],
)
def test_a_place_by_slug_name_or_a_sure_start(text, slug):
    assert place(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("walking", "walking"),
        ("walk", "walking"),  # Walking starts with it; Mini-band walks only has a word that does
        ("glute bridge", "glute-bridge"),
        ("split squat (rear foot raised)", "split-squat"),
        ("own-band-row", "own-band-row"),
        ("band-row", "own-band-row"),
        ("band row", "own-band-row"),
        ("BAND ROW", "own-band-row"),
        ("band pull", "own-band-pull-apart"),
    ],
)
def test_an_exercise_by_slug_name_or_a_sure_start(text, slug):
    assert exercise(text) == slug


def test_an_exact_name_beats_names_it_is_the_start_of():
    seeds = SEEDS.with_own([own_exercise("own-walking-uphill", "Walking uphill", "aerobic", "")])
    candidates = exercise_candidates(seeds)
    assert resolve("walking", candidates, "did", "exercise").slug == "walking"
    with pytest.raises(NotOneMatch) as raised:
        resolve("walk", candidates, "did", "exercise")
    assert {c.slug for c in raised.value.matches} == {"walking", "own-walking-uphill"}


def test_an_exact_slug_beats_an_own_exercise_named_like_it():
    seeds = SEEDS.with_own([own_exercise("own-glute-bridge", "glute-bridge", "strength", "")])
    assert resolve("glute-bridge", exercise_candidates(seeds), "did", "exercise").slug == (
        "glute-bridge"
    )


# -- what is refused --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("hip", {"hip-front", "hip-side", "hip-back"}),
        ("back", {"hip-back", "thigh-back"}),
        ("thigh", {"thigh-front", "thigh-back", "thigh-inner", "thigh-outer"}),
    ],
)
def test_a_word_naming_several_places_is_refused_with_them(text, slugs):
    with pytest.raises(NotOneMatch) as raised:
        place(text)
    error = raised.value
    assert {c.slug for c in error.matches} == slugs
    line = str(error)
    assert line.startswith(f"where: {text!r} matches more than one place: ")
    assert all(f"({slug})" in line for slug in slugs)
    assert "write more of the name" in line
    assert "is not accepted" not in line


def test_band_names_every_exercise_that_starts_with_it():
    with pytest.raises(NotOneMatch) as raised:
        exercise("band")
    assert [c.slug for c in raised.value.matches] == [
        "banded-side-steps",
        "own-band-pull-apart",
        "own-band-row",
    ]
    assert "Band row (own-band-row)" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "suggested"),
    [("lowr back", "lower-back"), ("knea", "knee"), ("sacroilliac", "sacroiliac")],
)
def test_an_unknown_place_suggests_the_closest(text, suggested):
    with pytest.raises(NotOneMatch) as raised:
        place(text)
    line = str(raised.value)
    assert line.startswith(f"where: {text!r} matches no place; did you mean ")
    assert suggested in line
    assert line.endswith("?")


def test_an_unknown_exercise_suggests_at_most_three():
    with pytest.raises(NotOneMatch) as raised:
        exercise("walkng")
    assert str(raised.value) == "did: 'walkng' matches no exercise; did you mean walking?"
    with pytest.raises(NotOneMatch) as raised:
        exercise("ridge")  # inside three names, at the start of none of their words
    assert not raised.value.matches
    said = str(raised.value).split("did you mean ")[1]
    assert said.count(",") + said.count(" or ") <= 2


def test_nothing_close_lists_every_place():
    with pytest.raises(NotOneMatch) as raised:
        place("elbow")
    assert "use one of lower-back, upper-back" in str(raised.value)


def test_a_retired_own_exercise_is_refused_by_name_or_slug():
    for text in ("own-old-plank", "old plank", "old-plank"):
        with pytest.raises(InvalidInput) as raised:
            parse_exercises(text, OWN)
        assert "painlog exercises restore own-old-plank" in raised.value.accepted
    assert parse_exercises("old plank", OWN, allow_retired=True) == (ExerciseDone("own-old-plank"),)


# -- words after the name ---------------------------------------------------------------------


def test_words_are_split_into_name_and_the_rest():
    assert split_place("Hip-Side: LEFT sharp", SEEDS) == ("hip-side", ["left", "sharp"])
    assert split_exercise("glute 3 x 10 20 min") == ("glute", ["3x10", "20min"])


def test_the_picker_is_lenient_and_the_command_line_strict():
    assert make_place("upper-back", ["left", "ache"], SEEDS, strict=False) == (
        Place("upper-back", None, "ache")
    )
    assert make_place("upper-back", ["left"], SEEDS, strict=True) == Place("upper-back", "left")
    assert make_place("knee", ["left", "right"], SEEDS, strict=False) == Place("knee", "right")
    with pytest.raises(InvalidInput):
        make_place("knee", ["left", "right"], SEEDS, strict=True)
    assert make_exercise("walking", ["0min"], strict=False) == ExerciseDone("walking")
    assert make_exercise("walking", ["0min"], strict=True) == ExerciseDone("walking", minutes=0)
    with pytest.raises(InvalidInput):
        make_exercise("walking", ["10min", "20min"], strict=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lower back left sharp", Place("lower-back", "left", "sharp")),
        ("outer hip sharp right", Place("hip-side", "right", "sharp")),
        ("lower back:left", Place("lower-back", "left")),
    ],
)
def test_places_in_words(text, expected):
    assert parse_places(text) == (expected,)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("lower back pain", "lower back pain"),  # a name, then a word that is no side
        ("left", "left"),  # no place at all
        ("lower back left right", "lower back left right"),
    ],
)
def test_places_in_words_refused(text, value):
    with pytest.raises(InvalidInput) as raised:
        parse_places(text)
    assert raised.value.value == value
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("walk 30min", ExerciseDone("walking", minutes=30)),
        ("walk 30 min", ExerciseDone("walking", minutes=30)),
        ("glute bridge 3x10", ExerciseDone("glute-bridge", 3, 10)),
        ("band row 3 x 12", ExerciseDone("own-band-row", 3, 12)),
    ],
)
def test_exercises_in_words(text, expected):
    assert parse_exercises(text, OWN) == (expected,)


# -- every catalogue word reads as itself -------------------------------------------------


@given(st.sampled_from(SEEDS.locations), st.sampled_from(["slug", "name", "upper", "spaced"]))
def test_every_location_resolves_to_itself(location, form):
    typed = {
        "slug": location.slug,
        "name": location.name,
        "upper": location.name.upper(),
        "spaced": location.slug.replace("-", " "),
    }[form]
    assert place(typed) == location.slug


@given(st.sampled_from(OWN.exercises_in_use), st.sampled_from(["slug", "name", "upper"]))
def test_every_exercise_resolves_to_itself(item, form):
    typed = {"slug": item.slug, "name": item.name, "upper": item.name.upper()}[form]
    assert exercise(typed) == item.slug


@given(
    st.sampled_from(SEEDS.locations),
    st.sampled_from((None, *SEEDS.sides)),
    st.sampled_from((None, *(x.slug for x in SEEDS.characters))),
)
def test_the_colon_form_of_a_place_round_trips(location, side, character):
    side = side if location.has_side else None
    expected = Place(location.slug, side, character)
    written = ":".join(part for part in (location.slug, side, character) if part)
    assert parse_places(written) == (expected,)
    assert parse_places(written.replace(":", " ")) == (expected,)


@given(
    st.sampled_from(OWN.exercises_in_use),
    st.none() | st.tuples(st.integers(1, 99), st.integers(1, 99)),
    st.none() | st.integers(1, 999),
)
def test_the_colon_form_of_an_exercise_round_trips(item, sets_reps, minutes):
    sets, reps = sets_reps or (None, None)
    doses = ([f"{sets}x{reps}"] if sets_reps else []) + ([f"{minutes}min"] if minutes else [])
    expected = ExerciseDone(item.slug, sets, reps, minutes)
    assert parse_exercises(":".join([item.slug, *doses]), OWN) == (expected,)
    assert parse_exercises(" ".join([item.name, *doses]), OWN) == (expected,)
