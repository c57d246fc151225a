"""Own exercises in the diary: add, change, retire, restore; history, exports and imports."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painlog.rules.entry import InvalidInput
from painlog.rules.own_exercises import NAME_MAX_CHARS
from painlog.rules.records import DayLog, ExerciseDone
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.store.importer import ImportRefused, check_daily, import_daily

TODAY = date(2026, 11, 21)


def own_rows(diary: Diary) -> list[tuple]:
    return [(x.slug, x.name, x.category, x.dose, x.retired) for x in diary.own_exercises()]


def daily_bytes(diary: Diary) -> bytes:
    return export_diary(diary, "daily", TODAY).text.encode("utf-8")


@pytest.fixture
def clam(diary):
    """The diary with one own exercise done on two days."""
    exercise = diary.add_exercise(" Clamshell  with band ", "Strength", "3 x 12 each side")
    for day, dose in ((date(2026, 11, 19), (3, 12)), (date(2026, 11, 20), (2, 10))):
        diary.save_day(DayLog(day, 3, exercises=(ExerciseDone(exercise.slug, *dose),)), TODAY)
    return exercise


def test_an_added_exercise_is_stored_tidy_with_a_new_slug(diary, clam):
    assert own_rows(diary) == [
        ("own-clamshell-with-band", "Clamshell with band", "strength", "3 x 12 each side", False)
    ]
    assert diary.catalogue().exercise(clam.slug) == clam


def test_a_refused_exercise_writes_nothing(diary, clam):
    before = own_rows(diary)
    for name, category, dose in [
        ("CLAMSHELL WITH BAND", "strength", ""),
        ("Walking", "aerobic", ""),
        ("x" * (NAME_MAX_CHARS + 1), "strength", ""),
        ("Bird dog", "core", ""),
        ("Bird dog", "strength", "d" * 81),
    ]:
        with pytest.raises(InvalidInput):
            diary.add_exercise(name, category, dose)
    assert own_rows(diary) == before


def test_renaming_keeps_the_slug_and_every_day_that_has_it(diary, clam):
    renamed = diary.change_exercise(clam.slug, name="Clam, green band", dose="3 x 15")
    assert (renamed.slug, renamed.name, renamed.dose) == (clam.slug, "Clam, green band", "3 x 15")
    assert [x.exercises[0].slug for x in diary.days()] == [clam.slug, clam.slug]
    assert diary.catalogue().exercise(clam.slug).name == "Clam, green band"


def test_changing_only_the_category_keeps_the_rest(diary, clam):
    changed = diary.change_exercise(clam.slug, category="other")
    assert (changed.name, changed.category, changed.dose) == (clam.name, "other", clam.dose)


def test_a_catalogue_exercise_cannot_be_changed_or_retired(diary, clam):
    with pytest.raises(InvalidInput, match="catalogue exercises cannot be changed"):
        diary.change_exercise("walking", name="Strolling")
    with pytest.raises(InvalidInput):
        diary.retire_exercise("glute-bridge", TODAY)


def test_renaming_to_a_name_in_use_writes_nothing(diary, clam):
    diary.add_exercise("Bird dog", "strength")
    with pytest.raises(InvalidInput, match="bird dog"):
        diary.change_exercise(clam.slug, name="bird dog")
    assert diary.catalogue().exercise(clam.slug).name == "Clamshell with band"


def test_a_retired_exercise_is_not_offered_but_its_days_keep_it(diary, clam):
    retired = diary.retire_exercise(clam.slug, TODAY)
    assert retired.retired
    seeds = diary.catalogue()
    assert clam.slug not in {x.slug for x in seeds.exercises_in_use}
    assert seeds.exercise(clam.slug).name == "Clamshell with band"
    day = diary.load_day(date(2026, 11, 19))
    assert day.exercises == (ExerciseDone(clam.slug, 3, 12),)
    # Editing an old day that has it still saves.
    diary.save_day(DayLog(day.day, 5, exercises=day.exercises), TODAY)
    assert diary.load_day(day.day).pain == 5
    restored = diary.restore_exercise(clam.slug)
    assert not restored.retired
    assert clam.slug in {x.slug for x in diary.catalogue().exercises_in_use}


def test_retiring_twice_or_restoring_an_exercise_in_use_changes_nothing(diary, clam):
    diary.restore_exercise(clam.slug)
    diary.retire_exercise(clam.slug, TODAY)
    diary.retire_exercise(clam.slug, TODAY)
    assert own_rows(diary)[0][-1] is True


def test_the_usage_counts_include_own_exercises(diary, clam):
    assert diary.exercise_counts()[clam.slug] == 2


def test_the_database_refuses_an_own_row_that_breaks_the_rules(tmp_path):
    path = tmp_path / "painlog.db"
    Diary.open(str(path)).close()
    with sqlite3.connect(path) as connection:
        for values in [("walking", "Walk", "aerobic"), ("own-x", "X", "balance")]:
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO own_exercise (slug, name, category, dose, created_at, "
                    "updated_at) VALUES (?, ?, ?, '', '2026-11-21', '2026-11-21')",
                    values,
                )


# -- exports and imports ------------------------------------------------------------------


def test_the_daily_export_names_own_exercises_by_slug(diary, clam):
    text = daily_bytes(diary).decode("utf-8")
    assert f"{clam.slug}:3x12" in text and f"{clam.slug}:2x10" in text


def test_the_weekly_export_counts_own_exercises(diary, clam):
    text = export_diary(diary, "weekly", TODAY).text
    assert f"{clam.slug} (2)" in text


def test_importing_into_a_new_diary_adds_the_own_exercises_it_names(
    new_diary_location, diary, clam
):
    data = daily_bytes(diary)
    with Diary.open(new_diary_location()) as fresh:
        result = import_daily(fresh, data, TODAY)
        assert [x.slug for x in result.exercises_added] == [clam.slug]
        assert own_rows(fresh) == [(clam.slug, "Clamshell with band", "other", "", False)]
        assert daily_bytes(fresh) == data


def test_importing_into_the_same_diary_keeps_its_own_exercises_as_they_are(diary, clam):
    diary.retire_exercise(clam.slug, TODAY)
    diary.change_exercise(clam.slug, name="Clam")
    before = own_rows(diary)
    data = daily_bytes(diary)
    result = import_daily(diary, data, TODAY, "replace")
    assert result.replaced == 2 and result.exercises_added == ()
    assert own_rows(diary) == before


def test_an_imported_own_exercise_whose_name_is_taken_is_named_after_its_slug(diary):
    other = diary.add_exercise("Plank", "strength")
    diary.change_exercise(other.slug, name="Side plank")  # own-plank, named "Side plank"
    data = (
        b"date,pain,worst,places,exercises,red_flags,bed_rest,note\r\n"
        b"2026-11-20,3,,,own-side-plank:3x10 | own-bird-dog,,no,\r\n"
    )
    result = import_daily(diary, data, TODAY)
    assert [(x.slug, x.name) for x in result.exercises_added] == [
        ("own-side-plank", "own-side-plank"),
        ("own-bird-dog", "Bird dog"),
    ]
    assert len(own_rows(diary)) == 3


def test_an_own_slug_that_is_not_a_slug_is_refused_with_its_line(diary):
    data = (
        b"date,pain,worst,places,exercises,red_flags,bed_rest,note\r\n"
        b"2026-11-20,3,,,own-Bad_Slug,,no,\r\n"
    )
    with pytest.raises(ImportRefused) as refused:
        check_daily(data, TODAY)
    assert "line 2" in str(refused.value) and "own-bad_slug" in str(refused.value)
    assert own_rows(diary) == []


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    names=st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("C",)),
            min_size=1,
            max_size=NAME_MAX_CHARS,
        ).filter(str.strip),
        min_size=1,
        max_size=4,
    ),
    retire=st.booleans(),
)
def test_own_exercises_round_trip_through_the_daily_export(new_diary_location, names, retire):
    with Diary.open(new_diary_location()) as source:
        added = []
        for name in names:
            with contextlib.suppress(InvalidInput):  # the same name twice
                added.append(source.add_exercise(name, "strength"))
        done = tuple(ExerciseDone(x.slug, 2, 8) for x in added)
        source.save_day(DayLog(TODAY, 4, exercises=done), TODAY)
        if retire:
            source.retire_exercise(added[0].slug, TODAY)
        data = daily_bytes(source)
        with Diary.open(new_diary_location()) as target:
            import_daily(target, data, TODAY)
            assert daily_bytes(target) == data
            assert {x.slug for x in target.own_exercises()} == {x.slug for x in added}
