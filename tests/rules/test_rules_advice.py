"""The keep-moving reminder, exercise suggestions and alert wording."""

from __future__ import annotations

import pytest

from painlog.rules.advice import (
    EMERGENCY_SLUGS,
    KEEP_MOVING,
    KEEP_MOVING_SOURCE,
    MESSAGES,
    SOURCES,
    keep_moving_suggestions,
)
from painlog.rules.alerts import KINDS
from painlog.rules.records import Place
from painlog.seeds import catalogue


def regions(slugs):
    return [set(catalogue().exercise(slug).regions) for slug in slugs]


def test_keep_moving_says_limit_bed_rest_stretch_walk_and_get_back_to_normal():
    text = KEEP_MOVING.lower()
    for word in ("bed", "stretch", "walk", "usual"):
        assert word in text
    assert KEEP_MOVING_SOURCE == "NINDS low back pain fact sheet"


def test_hip_places_get_hip_exercises():
    chosen = keep_moving_suggestions([Place("hip-side", "left"), Place("buttock", "left")])
    assert len(chosen) == 2 and len(set(chosen)) == 2
    assert all("hip" in r for r in regions(chosen))
    # One stretch and one strengthening exercise.
    assert {catalogue().exercise(s).category for s in chosen} == {"stretch", "strength"}


def test_back_places_get_walking_and_a_back_stretch():
    chosen = keep_moving_suggestions([Place("lower-back")])
    assert chosen[0] == "walking"
    assert catalogue().exercise(chosen[1]).category == "stretch"
    assert all("back" in r for r in regions(chosen))


def test_back_and_hip_together_get_exercises_suited_to_both():
    chosen = keep_moving_suggestions(["lower-back", "hip-front"])
    assert all({"back", "hip"} <= r for r in regions(chosen))


@pytest.mark.parametrize("places", [[], ["thigh-front"], ["no-such-place"]])
def test_fallback_is_walking_and_a_stretch(places):
    chosen = keep_moving_suggestions(places)
    assert chosen[0] == "walking"
    assert catalogue().exercise(chosen[1]).category == "stretch"


@pytest.mark.parametrize("n", [0, 1, 3, 5])
def test_n_suggestions_all_distinct_and_in_the_catalogue(n):
    chosen = keep_moving_suggestions(["hip-side"], n=n)
    assert len(chosen) == n == len(set(chosen))
    assert all(catalogue().exercise(slug) is not None for slug in chosen)


def test_cautioned_exercises_come_last_within_each_category():
    every = [catalogue().exercise(s) for s in keep_moving_suggestions(["hip-side"], n=100)]
    for category in ("strength", "stretch", "aerobic"):
        cautioned = [x.caution is not None for x in every if x.category == category]
        assert cautioned == sorted(cautioned)


def test_emergency_slugs_are_emergencies_in_the_catalogue_too():
    emergencies = {flag.slug for flag in catalogue().emergency_flags}
    assert emergencies >= EMERGENCY_SLUGS


def test_every_kind_has_a_source_and_wording_stays_calm_and_non_diagnostic():
    assert set(SOURCES) == set(KINDS)
    for text in MESSAGES.values():
        lowered = text.lower()
        for word in ("diagnos", "cancer", "cauda", "fracture", "you have", "!"):
            assert word not in lowered, (word, text)
    assert "emergency" in MESSAGES["emergency"] and "now" in MESSAGES["emergency"]
