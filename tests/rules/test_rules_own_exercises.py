"""The checks behind own exercises: names, categories, doses, slugs, at their limits."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painlog.rules.entry import InvalidInput, check_day
from painlog.rules.own_exercises import (
    DOSE_MAX_CHARS,
    NAME_MAX_CHARS,
    check_category,
    check_dose,
    check_name,
    check_own_slug,
    draft_exercise,
    new_slug,
    own_exercise,
    placeholder_for,
)
from painlog.rules.parsing import parse_exercises
from painlog.rules.records import DayLog, ExerciseDone
from painlog.seeds import SeedError, catalogue
from painlog.seeds.catalogue import OWN_PREFIX, SLUG_PATTERN

TODAY = date(2026, 11, 21)
CLAM = own_exercise("own-clamshell", "Clamshell", "strength", "3 x 12")
RETIRED = own_exercise("own-bird-dog", "Bird dog", "strength", "", retired=True)
SEEDS = catalogue().with_own([CLAM, RETIRED])


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [1, NAME_MAX_CHARS - 1, NAME_MAX_CHARS])
def test_a_name_up_to_the_limit_is_accepted(length):
    assert check_name("n" * length, SEEDS) == "n" * length


def test_a_name_one_over_the_limit_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_name("n" * (NAME_MAX_CHARS + 1), SEEDS)
    assert refused.value.field == "name"
    assert refused.value.value == f"{NAME_MAX_CHARS + 1} characters"
    assert f"1 to {NAME_MAX_CHARS} characters" in refused.value.accepted


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_name_is_refused(name):
    with pytest.raises(InvalidInput, match="name"):
        check_name(name, SEEDS)


def test_inner_spaces_are_tidied_before_the_length_is_counted():
    padded = "  Side  plank " + " " * NAME_MAX_CHARS
    assert check_name(padded, SEEDS) == "Side plank"


def test_a_control_character_is_refused():
    with pytest.raises(InvalidInput, match="control"):
        check_name("Clam\x07shell band", SEEDS)


@pytest.mark.parametrize(
    ("name", "where"),
    [("glute BRIDGE", "in the catalogue: glute-bridge"), ("CLAMSHELL", "one of yours")],
)
def test_a_name_in_use_is_refused_whatever_its_case(name, where):
    with pytest.raises(InvalidInput) as refused:
        check_name(name, SEEDS)
    assert where in refused.value.accepted


def test_a_retired_exercise_still_holds_its_name():
    with pytest.raises(InvalidInput, match="own-bird-dog"):
        check_name("bird dog", SEEDS)


def test_renaming_may_keep_the_same_name_in_another_case():
    assert check_name("CLAMSHELL", SEEDS, renaming="own-clamshell") == "CLAMSHELL"


# -- category and dose ------------------------------------------------------------------------


@pytest.mark.parametrize("category", ["strength", "Stretch", " AEROBIC ", "other"])
def test_the_four_categories_are_accepted(category):
    assert check_category(category) == category.strip().lower()


@pytest.mark.parametrize("category", ["core", "", None, 3])
def test_another_category_is_refused(category):
    with pytest.raises(InvalidInput) as refused:
        check_category(category)
    assert refused.value.accepted == "one of strength, stretch, aerobic, other"


@pytest.mark.parametrize("length", [0, DOSE_MAX_CHARS - 1, DOSE_MAX_CHARS])
def test_a_dose_up_to_the_limit_is_accepted(length):
    assert check_dose("d" * length) == "d" * length


def test_a_dose_one_over_the_limit_is_refused():
    with pytest.raises(InvalidInput, match=f"{DOSE_MAX_CHARS + 1} characters"):
        check_dose("d" * (DOSE_MAX_CHARS + 1))


# -- slugs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Clamshell with band", "own-clamshell-with-band"),
        ("Übung für die Hüfte", "own-ubung-fur-die-hufte"),
        ("90/90 hip switch!", "own-90-90-hip-switch"),
        ("背中のストレッチ", "own-exercise"),
    ],
)
def test_the_slug_is_the_name_in_plain_letters(name, slug):
    assert new_slug(name, catalogue()) == slug


def test_a_slug_in_use_gets_a_number():
    assert new_slug("Clamshell", SEEDS) == "own-clamshell-2"
    twice = SEEDS.with_own([own_exercise("own-clamshell-2", "Clam 2", "other", "")])
    assert new_slug("Clamshell", twice) == "own-clamshell-3"


@given(st.text(max_size=NAME_MAX_CHARS))
def test_every_name_gives_a_valid_unused_own_slug(name):
    slug = new_slug(name, SEEDS)
    assert slug.startswith(OWN_PREFIX)
    assert SLUG_PATTERN.fullmatch(slug)
    assert SEEDS.exercise(slug) is None


@given(st.text(min_size=1, max_size=NAME_MAX_CHARS).filter(lambda s: s.strip()))
def test_a_drafted_exercise_fits_its_catalogue(name):
    try:
        exercise = draft_exercise(name, "other", "", SEEDS)
    except InvalidInput:
        return  # a name in use, or a control character
    seeds = SEEDS.with_own([exercise])  # would raise on a clash
    assert seeds.exercise(exercise.slug) == exercise


def test_check_own_slug_refuses_a_catalogue_exercise():
    with pytest.raises(InvalidInput) as refused:
        check_own_slug("walking", SEEDS)
    assert "catalogue exercises cannot be changed" in refused.value.accepted
    assert "own-clamshell" in refused.value.accepted


def test_placeholder_is_named_after_its_slug():
    placeholder = placeholder_for("own-side-plank-hold")
    assert (placeholder.name, placeholder.category, placeholder.dose) == (
        "Side plank hold",
        "other",
        "",
    )
    assert placeholder.own and not placeholder.retired
    assert len(placeholder_for("own-" + "x" * 200).name) == NAME_MAX_CHARS


# -- the catalogue and the day checks ---------------------------------------------------------


def test_with_own_refuses_a_slug_without_the_prefix_or_already_taken():
    with pytest.raises(SeedError, match="own-"):
        catalogue().with_own([own_exercise("walking", "Walk", "aerobic", "")])
    with pytest.raises(SeedError, match="taken"):
        SEEDS.with_own([CLAM])


def test_exercises_in_use_leave_out_the_retired():
    in_use = {x.slug for x in SEEDS.exercises_in_use}
    assert "own-clamshell" in in_use and "own-bird-dog" not in in_use
    assert SEEDS.exercise("own-bird-dog") == RETIRED


def test_a_day_with_an_own_exercise_needs_the_diarys_catalogue():
    day = DayLog(TODAY, 3, exercises=(ExerciseDone("own-clamshell", 3, 12),))
    check_day(day, TODAY, SEEDS)
    with pytest.raises(InvalidInput, match="own-clamshell"):
        check_day(day, TODAY)


def test_a_retired_exercise_stays_valid_on_a_day_but_is_refused_for_a_new_log():
    day = DayLog(TODAY, 3, exercises=(ExerciseDone("own-bird-dog"),))
    check_day(day, TODAY, SEEDS)  # editing an old day keeps it
    with pytest.raises(InvalidInput, match="retired"):
        parse_exercises("own-bird-dog", SEEDS)
    assert parse_exercises("own-bird-dog:2x8", SEEDS, allow_retired=True) == (
        ExerciseDone("own-bird-dog", 2, 8),
    )
