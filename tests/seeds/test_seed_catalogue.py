"""Tests for the seeds layer: packaged data, validation messages and import hygiene."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys

import pytest

import painlog.seeds as seeds_pkg
from painlog.seeds import (
    SIDES,
    Catalogue,
    Character,
    Exercise,
    Location,
    RedFlag,
    SeedError,
    catalogue,
)
from painlog.seeds.catalogue import (
    CATEGORIES,
    EXERCISE_REGIONS,
    LOCATION_REGIONS,
    SLUG_PATTERN,
    build_catalogue,
    read_documents,
)

SECTION_7_EXERCISES = (
    # strength
    "banded-side-steps",
    "mini-band-walks",
    "glute-bridge",
    "bridge-march",
    "single-leg-bridge",
    "side-lying-leg-lift",
    "side-lying-banded-leg-pulses",
    "four-way-hip-kicks",
    "hamstring-curl",
    "lateral-lunge",
    "curtsy-step-back",
    "split-squat",
    "wide-squat",
    # stretch and mobility
    "seated-hip-rotation",
    "kneeling-hip-flexor-stretch",
    "half-kneeling-hip-flexor-tilt",
    "pigeon-pose",
    "figure-four-stretch",
    "frog-pose",
    "hero-pose",
    "camel-pose",
    "seated-forward-fold",
    "half-butterfly",
    "fire-log-pose",
    "lying-hip-opener",
    # aerobic and whole-body
    "walking",
    "swimming",
    "stationary-bike",
    "yoga",
    "pilates",
    "alexander-technique",
    "warm-up",
)

LOCATIONS = (
    "lower-back",
    "upper-back",
    "sacroiliac",
    "buttock",
    "hip-front",
    "hip-side",
    "hip-back",
    "thigh-front",
    "thigh-back",
    "thigh-inner",
    "thigh-outer",
    "knee",
    "calf",
    "foot",
)

CHARACTERS = ("ache", "stiff", "sharp", "burning", "electric", "shooting", "numb", "tingling")

RED_FLAGS = (
    "saddle-numbness",
    "bladder-bowel-control",
    "urinary-retention",
    "urination-trouble",
    "fever",
    "weight-loss",
    "tapping-pain",
    "foot-drop",
    "both-legs",
    "trauma",
    "muscle-weakness",
    "cannot-bear-weight",
    "hip-swelling",
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return catalogue()


@pytest.fixture
def docs() -> dict:
    """A fresh, valid copy of the packaged documents for tests to spoil."""
    return copy.deepcopy(read_documents())


def all_items(cat: Catalogue) -> list:
    return [*cat.exercises, *cat.locations, *cat.characters, *cat.red_flags]


# --- the packaged data ------------------------------------------------------------------------


def test_public_api_is_reexported() -> None:
    assert set(seeds_pkg.__all__) == {
        "catalogue",
        "Catalogue",
        "Exercise",
        "Location",
        "Character",
        "RedFlag",
        "Medication",
        "Treatment",
        "SeedError",
        "SIDES",
    }
    assert SIDES == ("left", "right", "both")
    assert issubclass(SeedError, ValueError)


def test_catalogue_loads_once(cat: Catalogue) -> None:
    assert catalogue() is cat
    assert isinstance(cat, Catalogue)
    assert cat.sides == SIDES


def test_counts(cat: Catalogue) -> None:
    assert len(cat.exercises) >= 29
    assert len(cat.locations) == 14
    assert len(cat.characters) == 8
    assert len(cat.red_flags) == 13


@pytest.mark.parametrize("slug", SECTION_7_EXERCISES)
def test_every_section_7_exercise_present(cat: Catalogue, slug: str) -> None:
    exercise = cat.exercise(slug)
    assert isinstance(exercise, Exercise)
    assert exercise.slug == slug


def test_locations_in_order(cat: Catalogue) -> None:
    assert tuple(x.slug for x in cat.locations) == LOCATIONS
    assert all(isinstance(x, Location) for x in cat.locations)


def test_characters_in_order(cat: Catalogue) -> None:
    assert tuple(x.slug for x in cat.characters) == CHARACTERS
    assert all(isinstance(x, Character) for x in cat.characters)


def test_red_flags_in_order(cat: Catalogue) -> None:
    assert tuple(x.slug for x in cat.red_flags) == RED_FLAGS
    assert all(isinstance(x, RedFlag) for x in cat.red_flags)


def test_exactly_three_emergency_flags_first(cat: Catalogue) -> None:
    assert tuple(x.slug for x in cat.emergency_flags) == (
        "saddle-numbness",
        "bladder-bowel-control",
        "urinary-retention",
    )
    assert all(not x.emergency for x in cat.red_flags[3:])


def test_the_signs_say_what_issue_16_asks(cat: Catalogue) -> None:
    # A history of cancer is the profile's now, not a sign of the day.
    assert cat.red_flag("cancer-history") is None
    assert "new" in cat.red_flag("bladder-bowel-control").name.lower()
    weight = cat.red_flag("cannot-bear-weight")
    assert "weight" in weight.name and "hip" in weight.description.lower()
    assert cat.red_flag("hip-swelling").source.startswith("Hip-pain articles")
    # The slow stream is a red flag, not an emergency, and its words do not say "today";
    # they point to the emergency sign for new difficulty instead.
    slow = cat.red_flag("urination-trouble")
    assert not slow.emergency and "today" not in slow.description
    assert cat.red_flag("urinary-retention").name in slow.description


def test_slugs_unique_and_well_formed(cat: Catalogue) -> None:
    for group in (cat.exercises, cat.locations, cat.characters, cat.red_flags):
        slugs = [x.slug for x in group]
        assert len(slugs) == len(set(slugs))
        for slug in slugs:
            assert SLUG_PATTERN.fullmatch(slug), slug


def test_names_unique_within_group(cat: Catalogue) -> None:
    # Names are what people type to find things, so two items must not share one.
    for group in (cat.exercises, cat.locations, cat.characters, cat.red_flags):
        names = [x.name.casefold() for x in group]
        assert len(names) == len(set(names))


def test_every_item_has_a_source_and_text(cat: Catalogue) -> None:
    for item in all_items(cat):
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if isinstance(value, str):
                assert value.strip(), (item.slug, f.name)
        assert item.source.strip()


def test_exercise_categories_and_regions(cat: Catalogue) -> None:
    for exercise in cat.exercises:
        assert exercise.category in CATEGORIES
        assert exercise.regions
        assert isinstance(exercise.regions, tuple)
        assert set(exercise.regions) <= EXERCISE_REGIONS
        assert exercise.caution is None or exercise.caution.strip()


def test_location_regions_and_sides(cat: Catalogue) -> None:
    expected_region = {
        "lower-back": "back",
        "upper-back": "back",
        "sacroiliac": "back",
        "buttock": "hip",
    }
    for location in cat.locations:
        assert location.region in LOCATION_REGIONS
        region = expected_region.get(location.slug)
        if region is None:
            region = "hip" if location.slug.startswith("hip-") else "leg"
        assert location.region == region, location.slug
        assert location.has_side is (location.slug != "upper-back")


def test_specific_facts(cat: Catalogue) -> None:
    walking = cat.exercise("walking")
    assert walking is not None
    assert walking.name == "Walking"
    assert walking.dose == "30 min daily"
    assert set(walking.regions) == {"back", "hip"}
    lift = cat.exercise("side-lying-leg-lift")
    assert lift is not None and lift.caution
    assert "bursitis" in lift.caution
    bridge = cat.exercise("glute-bridge")
    assert bridge is not None and "30" in bridge.dose and "5 s" in bridge.dose
    assert {"strength", "stretch", "aerobic"} == {x.category for x in cat.exercises}
    assert cat.location("lower-back").name == "Lower back"
    assert cat.location("hip-side").name == "Outer hip"


def test_lookups_return_none_for_unknown(cat: Catalogue) -> None:
    assert cat.exercise("nope") is None
    assert cat.location("nope") is None
    assert cat.character("nope") is None
    assert cat.red_flag("nope") is None
    assert cat.red_flag("fever") is cat.red_flags[4]


def test_records_are_frozen(cat: Catalogue) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.exercises[0].name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.exercises = ()  # type: ignore[misc]
    assert not hasattr(cat.exercises[0], "__dict__")  # slotted


def test_build_catalogue_matches_packaged(docs: dict, cat: Catalogue) -> None:
    assert build_catalogue(docs) == cat


# --- validation -------------------------------------------------------------------------------


def spoil_message(docs: dict) -> str:
    with pytest.raises(SeedError) as info:
        build_catalogue(docs)
    return str(info.value)


def test_rejects_duplicate_slug(docs: dict) -> None:
    docs["exercises.toml"]["exercise"][1]["slug"] = "banded-side-steps"
    message = spoil_message(docs)
    assert "exercises.toml" in message
    assert "'banded-side-steps'" in message
    assert "duplicate slug" in message


@pytest.mark.parametrize(
    "bad", ["Glute-Bridge", "glute_bridge", "glute--bridge", "-x", "a b", "x-"]
)
def test_rejects_bad_slug(docs: dict, bad: str) -> None:
    docs["locations.toml"]["location"][2]["slug"] = bad
    message = spoil_message(docs)
    assert "locations.toml" in message
    assert repr(bad) in message
    assert "bad slug" in message


def test_rejects_unknown_category(docs: dict) -> None:
    docs["exercises.toml"]["exercise"][0]["category"] = "balance"
    message = spoil_message(docs)
    assert "exercises.toml" in message
    assert "'banded-side-steps'" in message
    assert "unknown category 'balance'" in message


def test_rejects_unknown_exercise_region(docs: dict) -> None:
    docs["exercises.toml"]["exercise"][0]["regions"] = ["hip", "neck"]
    message = spoil_message(docs)
    assert "unknown regions 'neck'" in message


def test_rejects_unknown_location_region(docs: dict) -> None:
    docs["locations.toml"]["location"][0]["region"] = "arm"
    message = spoil_message(docs)
    assert "locations.toml" in message and "'lower-back'" in message
    assert "unknown region 'arm'" in message


def test_rejects_missing_field(docs: dict) -> None:
    del docs["red_flags.toml"]["red_flag"][0]["emergency"]
    message = spoil_message(docs)
    assert "red_flags.toml" in message
    assert "'saddle-numbness'" in message
    assert "missing required field 'emergency'" in message


def test_missing_slug_names_item_by_position(docs: dict) -> None:
    del docs["characters.toml"]["character"][2]["slug"]
    message = spoil_message(docs)
    assert "characters.toml" in message
    assert "#3" in message
    assert "missing required field 'slug'" in message


def test_rejects_empty_field(docs: dict) -> None:
    docs["characters.toml"]["character"][0]["source"] = "   "
    message = spoil_message(docs)
    assert "characters.toml" in message and "'ache'" in message
    assert "'source' is empty" in message


@pytest.mark.parametrize(
    ("file", "kind", "name", "value", "expected"),
    [
        ("red_flags.toml", "red_flag", "emergency", 1, "must be true or false"),
        ("red_flags.toml", "red_flag", "emergency", "yes", "must be true or false"),
        ("locations.toml", "location", "has_side", "true", "must be true or false"),
        ("exercises.toml", "exercise", "dose", 30, "must be text"),
        ("exercises.toml", "exercise", "regions", "hip", "must be a list of text"),
        ("exercises.toml", "exercise", "regions", [], "is empty"),
        ("exercises.toml", "exercise", "regions", ["hip", "hip"], "repeats a value"),
        ("exercises.toml", "exercise", "caution", 5, "must be text"),
    ],
)
def test_rejects_wrong_type(
    docs: dict, file: str, kind: str, name: str, value: object, expected: str
) -> None:
    item = docs[file][kind][0]
    item[name] = value
    message = spoil_message(docs)
    assert message.startswith(f"{file}: {kind} {item['slug']!r}: ")
    assert repr(name) in message
    assert expected in message


def test_rejects_unknown_field(docs: dict) -> None:
    docs["exercises.toml"]["exercise"][0]["cuation"] = "typo"
    message = spoil_message(docs)
    assert "unknown field" in message and "'cuation'" in message


def test_rejects_bad_file_shapes(docs: dict) -> None:
    spoiled = copy.deepcopy(docs)
    del spoiled["characters.toml"]
    assert "characters.toml" in spoil_message(spoiled)

    spoiled = copy.deepcopy(docs)
    spoiled["characters.toml"] = {"characters": []}
    message = spoil_message(spoiled)
    assert "characters.toml" in message and "unknown top-level" in message

    spoiled = copy.deepcopy(docs)
    spoiled["characters.toml"] = {"character": []}
    assert "no [[character]] items" in spoil_message(spoiled)

    spoiled = copy.deepcopy(docs)
    spoiled["characters.toml"] = {"character": ["ache"]}
    assert "must be a table" in spoil_message(spoiled)


def test_caution_is_optional(docs: dict) -> None:
    docs["exercises.toml"]["exercise"] = [
        {
            "slug": "x",
            "name": "X",
            "category": "stretch",
            "dose": "30 s",
            "cue": "Do it.",
            "regions": ["back"],
            "source": "extension: test",
        }
    ]
    built = build_catalogue(docs)
    assert built.exercise("x") == Exercise(
        "x", "X", "stretch", "30 s", "Do it.", None, ("back",), "extension: test"
    )


# --- import hygiene ---------------------------------------------------------------------------


def test_import_leaves_heavy_and_upper_layers_out() -> None:
    code = (
        "import sys\n"
        "import painlog.seeds as s\n"
        "s.catalogue()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlmodel', 'sqlalchemy')"
        " or (m.startswith('painlog.') and not m.startswith('painlog.seeds'))]\n"
        "print(','.join(sorted(bad)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_treatments_the_sources_name_are_there_each_with_its_source(cat: Catalogue) -> None:
    assert [t.slug for t in cat.treatments] == [
        "heat",
        "cold",
        "massage",
        "manipulation",
        "physiotherapy",
        "tens",
        "acupuncture",
    ]
    assert all(t.source and not t.own and not t.retired for t in cat.treatments)
    assert cat.treatment("heat").name == "Heat"
    assert cat.medications == () and cat.medication("ibuprofen") is None
