"""`painlog log --where/--did` in the Today pickers' words, and the refusals when the words
do not name one thing: as a person runs them, in a subprocess. Every refusal leaves the
diary exactly as it was."""

from __future__ import annotations

import pytest
from cli_results import ok
from test_cli_exercises import fingerprint
from test_cli_refusals import assert_one_line_refusal

from painlog.rules.records import ExerciseDone, Place
from painlog.store.diary import Diary

DAY = "2026-11-20"
"""A day the shared diary has no log for."""


def logged(path, day=DAY):
    from datetime import date

    with Diary.open(str(path)) as diary:
        return diary.load_day(date.fromisoformat(day))


@pytest.fixture
def with_own(run_cli, diary_file):
    """The shared diary with two own exercises starting with Band."""
    ok(run_cli("--db", diary_file, "exercises", "add", "Band row"))
    ok(run_cli("--db", diary_file, "exercises", "add", "Band pull-apart", "--category", "strength"))
    return diary_file


@pytest.mark.parametrize(
    ("where", "places"),
    [
        ("lower back", (Place("lower-back"),)),
        ("outer hip left sharp", (Place("hip-side", "left", "sharp"),)),
        ("lower back left, knee right", (Place("lower-back", "left"), Place("knee", "right"))),
        ("lower-back:left:sharp", (Place("lower-back", "left", "sharp"),)),
        ("low left ache", (Place("lower-back", "left", "ache"),)),
    ],
)
def test_where_in_words(run_cli, diary_file, where, places):
    ok(run_cli("--db", diary_file, "log", "5", "--date", DAY, "--where", where))
    assert logged(diary_file).places == places


@pytest.mark.parametrize(
    ("did", "done"),
    [
        ("walk 30min", ExerciseDone("walking", minutes=30)),
        ("walking:30min", ExerciseDone("walking", minutes=30)),
        ("glute bridge 3 x 10", ExerciseDone("glute-bridge", 3, 10)),
        ("band-row", ExerciseDone("own-band-row")),
        ("own-band-row:3x12", ExerciseDone("own-band-row", 3, 12)),
        ("band row", ExerciseDone("own-band-row")),
        ("Band Pull-Apart 12r", ExerciseDone("own-band-pull-apart", reps=12)),
    ],
)
def test_did_in_words_and_own_exercises_without_own(run_cli, with_own, did, done):
    out = ok(run_cli("--db", with_own, "log", "5", "--date", DAY, "--did", did))
    assert out.startswith("Logged Fri 20 Nov 2026: pain 5/10")
    assert logged(with_own).exercises == (done,)


REFUSED = [
    (
        ["--where", "hip left sharp"],
        ["where: 'hip' matches more than one place: ", "Outer hip (hip-side)", "write more"],
    ),
    (["--where", "lowr back"], ["where: 'lowr back' matches no place; did you mean lower-back"]),
    (
        ["--where", "lower back middle"],
        [
            "where: 'lower back middle' matches no place; 'lower back' alone is Lower back "
            "(lower-back), and 'middle' is not a side (left, right, both) or kind of pain (ache,"
        ],
    ),
    (
        ["--did", "band"],
        [
            "did: 'band' matches more than one exercise: ",
            "Band row (own-band-row)",
            "Band pull-apart (own-band-pull-apart)",
            "write more of the name",
        ],
    ),
    (["--did", "walkng 30min"], ["did: 'walkng' matches no exercise; did you mean walking?"]),
    (["--did", "juggling"], ["did: 'juggling' matches no exercise", "painlog exercises"]),
    (
        ["--did", "walk fast"],
        [
            "did: 'walk fast' matches no exercise; 'walk' alone is Walking (walking), and "
            "'fast' is not a dose (3x10, 12r or 30min)"
        ],
    ),
    (["--did", "walk 10min 20min"], ["did", "'walk 10min 20min'", "at most one of each dose"]),
]


@pytest.mark.parametrize(("args", "needles"), REFUSED)
def test_words_that_name_not_one_thing_are_refused(run_cli, with_own, args, needles):
    before = fingerprint(with_own.parent)
    result = run_cli("--db", with_own, "log", "5", "--date", DAY, *args)
    assert_one_line_refusal(result, needles)
    assert "is not accepted" not in result.stderr or "matches" not in result.stderr
    assert fingerprint(with_own.parent) == before


def test_a_retired_own_exercise_by_name_is_refused(run_cli, with_own):
    ok(run_cli("--db", with_own, "exercises", "retire", "own-band-row"))
    before = fingerprint(with_own.parent)
    result = run_cli("--db", with_own, "log", "5", "--did", "band row")
    assert_one_line_refusal(result, ["did", "'band row'", "exercises restore own-band-row"])
    assert fingerprint(with_own.parent) == before


def test_words_refused_before_any_diary_is_made(run_cli, tmp_path):
    missing = tmp_path / "not-yet" / "painlog.db"
    result = run_cli("--db", missing, "log", "5", "--did", "band row")
    assert_one_line_refusal(result, ["did: 'band row' matches no exercise"])
    assert not missing.parent.exists()


def test_exercises_add_without_a_category_files_it_under_other(run_cli, db_path):
    out = ok(run_cli("--db", db_path, "exercises", "add", "Bird dog"))
    assert out.startswith("Added own-bird-dog  Bird dog (other)\n")


def test_log_help_lists_the_words_from_the_catalogue(run_cli):
    from painlog.seeds import catalogue

    seeds = catalogue()
    out = " ".join(ok(run_cli("log", "--help")).split())
    for slug in [x.slug for x in (*seeds.locations, *seeds.characters, *seeds.red_flags)]:
        assert slug in out, slug
    assert "left, right, both" in out
    assert "`painlog exercises` lists" in out
