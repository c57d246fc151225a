"""What the command line (and the forms) make of typed text: places, exercises, signs and
pain scores (dates: tests/rules/test_rules_dates.py). Every refusal is an InvalidInput
naming the field and the value."""

from __future__ import annotations

from datetime import date

import pytest

from painlog.rules.entry import InvalidInput, check_pain
from painlog.rules.parsing import parse_exercises, parse_flags, parse_places
from painlog.rules.records import ExerciseDone, Place

TODAY = date(2026, 11, 21)


def refused(call, *args) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        call(*args)
    error = raised.value
    text = str(error)
    assert text.startswith(f"{error.field}: "), text
    assert repr(error.value) in text
    assert error.accepted and error.accepted in text
    assert "\n" not in text
    return error


# -- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("lower-back", (Place("lower-back"),)),
        ("lower-back:left", (Place("lower-back", "left"),)),
        ("lower-back:left:sharp", (Place("lower-back", "left", "sharp"),)),
        ("hip-side:sharp", (Place("hip-side", None, "sharp"),)),
        ("upper-back:ache", (Place("upper-back", None, "ache"),)),
        (
            "lower-back:left:sharp,hip-side:right",
            (Place("lower-back", "left", "sharp"), Place("hip-side", "right")),
        ),
        (
            " Lower-Back:LEFT , knee:both:Tingling ,",
            (
                Place("lower-back", "left"),
                Place("knee", "both", "tingling"),
            ),
        ),
    ],
)
def test_parse_places_understands(text, expected):
    assert parse_places(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "hint"),
    [
        ("elbow", "elbow", "lower-back"),
        ("knee,elbow:left", "elbow", "hip-side"),
        ("lower-back:middle", "lower-back:middle", "left, right, both"),
        ("lower-back:left:zappy", "lower-back:left:zappy", "sharp"),
        ("lower-back:left:sharp:extra", "lower-back:left:sharp:extra", "LOCATION[:SIDE]"),
        ("lower-back:left:right", "lower-back:left:right", "LOCATION[:SIDE]"),
        ("lower-back:sharp:ache", "lower-back:sharp:ache", "LOCATION[:SIDE]"),
    ],
)
def test_parse_places_refuses(text, value, hint):
    error = refused(parse_places, text)
    assert (error.field, error.value) == ("where", value)
    assert hint in error.accepted


# -- exercises ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("walking", (ExerciseDone("walking"),)),
        ("walking:30min", (ExerciseDone("walking", minutes=30),)),
        ("walking:30 min", (ExerciseDone("walking", minutes=30),)),
        ("walking:45m", (ExerciseDone("walking", minutes=45),)),
        ("walking:20minutes", (ExerciseDone("walking", minutes=20),)),
        ("glute-bridge:3x10", (ExerciseDone("glute-bridge", 3, 10),)),
        ("glute-bridge:12r", (ExerciseDone("glute-bridge", reps=12),)),
        ("glute-bridge:12reps", (ExerciseDone("glute-bridge", reps=12),)),
        ("pigeon-pose:2x1:5min", (ExerciseDone("pigeon-pose", 2, 1, 5),)),
        (
            "walking:30min,glute-bridge:3x10",
            (ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)),
        ),
        (" WALKING , yoga ", (ExerciseDone("walking"), ExerciseDone("yoga"))),
    ],
)
def test_parse_exercises_understands(text, expected):
    assert parse_exercises(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("juggling", "juggling"),
        ("walking,juggling:3x10", "juggling"),
        ("walking:fast", "walking:fast"),
        ("walking:30min:40min", "walking:30min:40min"),
        ("glute-bridge:3x10:2x5", "glute-bridge:3x10:2x5"),
        ("walking:-5min", "walking:-5min"),
        ("walking:3.5min", "walking:3.5min"),
    ],
)
def test_parse_exercises_refuses(text, value):
    error = refused(parse_exercises, text)
    assert (error.field, error.value) == ("did", value)


# -- warning signs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("fever", ("fever",)),
        ("FEVER, saddle-numbness", ("fever", "saddle-numbness")),
    ],
)
def test_parse_flags_understands(text, expected):
    assert parse_flags(text) == expected


@pytest.mark.parametrize(("text", "value"), [("headache", "headache"), ("fever,sad", "sad")])
def test_parse_flags_refuses(text, value):
    error = refused(parse_flags, text)
    assert (error.field, error.value) == ("flag", value)
    assert "saddle-numbness" in error.accepted


# -- pain scores ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (10, 10), ("4", 4), (" 7 ", 7), ("04", 4), ("0", 0), ("10", 10)],
)
def test_check_pain_accepts(value, expected):
    assert check_pain("pain", value) == expected


@pytest.mark.parametrize(
    "value",
    ["11", "-1", "4.5", "abc", "", " ", "+4", "٤", "4/10", "1e1", 11, -1, 4.5, True, False, None],
)
def test_check_pain_refuses(value):
    error = refused(check_pain, "worst", value)
    assert (error.field, error.value) == ("worst", str(value))
    assert "0 to 10" in error.accepted


@pytest.mark.parametrize("value", ["--5", "---1"])
def test_check_pain_refuses_several_minus_signs(value):
    refused(check_pain, "pain", value)
