"""`Diary`: what is saved is what is loaded, updates replace, ranges and deletes behave."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from painlog.rules.entry import InvalidInput
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
CHILD_TABLES = ("pain_place", "exercise_done", "flag_report")

FULL_DAY = DayLog(
    day=date(2026, 11, 20),
    pain=6,
    worst=8,
    places=(
        Place("lower-back", "left", "sharp"),
        Place("hip-side", "right"),
        Place("upper-back", None, "ache"),
        Place("buttock"),
        Place("hip-side", "left", "burning"),
    ),
    exercises=(
        ExerciseDone("walking", minutes=30),
        ExerciseDone("glute-bridge", sets=3, reps=10),
        ExerciseDone("bridge-march", reps=12),
        ExerciseDone("pigeon-pose", sets=2, minutes=5),
        ExerciseDone("swimming"),
    ),
    flags=("saddle-numbness", "fever"),
    bed_rest=True,
    note="Bad night, couldn't sit.",
)


def scalar(diary: Diary, sql: str, **params) -> object:
    with diary.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def child_counts(diary: Diary) -> dict[str, int]:
    return {table: scalar(diary, f"SELECT count(*) FROM {table}") for table in CHILD_TABLES}


def orphan_counts(diary: Diary) -> dict[str, int]:
    return {
        table: scalar(
            diary, f"SELECT count(*) FROM {table} WHERE log_id NOT IN (SELECT id FROM day_log)"
        )
        for table in CHILD_TABLES
    }


def test_a_new_diary_is_empty(diary):
    assert diary.count_days() == 0
    assert diary.days() == []
    assert diary.load_day(TODAY) is None
    assert diary.profile() == Profile()
    assert diary.acknowledged() == {}


def test_a_full_day_round_trips(diary):
    assert diary.save_day(FULL_DAY, TODAY) is True
    assert diary.load_day(FULL_DAY.day) == FULL_DAY
    assert diary.count_days() == 1


def test_a_bare_day_round_trips(diary):
    bare = DayLog(TODAY, 0)
    diary.save_day(bare, TODAY)
    loaded = diary.load_day(TODAY)
    assert loaded == bare
    assert loaded.worst is None and loaded.bed_rest is False and loaded.note == ""


def test_places_exercises_and_flags_keep_the_order_given(diary):
    log = DayLog(
        TODAY,
        3,
        places=(Place("knee", "right"), Place("buttock", "left"), Place("calf")),
        exercises=(ExerciseDone("yoga"), ExerciseDone("walking"), ExerciseDone("frog-pose")),
        flags=("weight-loss", "fever", "both-legs"),
    )
    diary.save_day(log, TODAY)
    assert diary.load_day(TODAY) == log


@pytest.mark.parametrize(
    "note",
    [
        "",
        "plain words",
        "emoji 😖🦴 and a family 👨\u200d👩\u200d👧 and flags 🇫🇷",
        "ألم في أسفل الظهر \u200f שלום",  # Arabic and Hebrew, right to left
        "first line\nsecond line\r\nthird\rfourth\n",
        "  leading and trailing spaces  ",
        "quotes ' \" ` and SQL '); DROP TABLE day_log; --",
        "tab\there, backslash \\ and percent %s %(x)s",
        "Ünïcödé ñ ß Ω 中文 日本語 한국어 \U0001d518",
        "x" * 10_000,
        ("long mixed é😀\n" * 800)[:10_000],
    ],
    ids=[
        "empty",
        "plain",
        "emoji",
        "rtl",
        "newlines",
        "spaces",
        "quotes",
        "format",
        "scripts",
        "10000",
        "10000-mixed",
    ],
)
def test_notes_round_trip_exactly(diary, note):
    log = DayLog(TODAY, 2, note=note)
    diary.save_day(log, TODAY)
    assert diary.load_day(TODAY).note == note


def test_saving_a_date_again_updates_and_replaces_its_children(diary):
    assert diary.save_day(FULL_DAY, TODAY) is True
    replacement = DayLog(
        FULL_DAY.day,
        2,
        places=(Place("knee", "both"),),
        exercises=(ExerciseDone("yoga", minutes=20),),
        flags=(),
        note="better",
    )
    assert diary.save_day(replacement, TODAY) is False
    assert diary.load_day(FULL_DAY.day) == replacement
    assert diary.count_days() == 1
    assert child_counts(diary) == {"pain_place": 1, "exercise_done": 1, "flag_report": 0}
    assert orphan_counts(diary) == dict.fromkeys(CHILD_TABLES, 0)


def test_an_update_keeps_created_at_and_moves_updated_at(diary):
    diary.save_day(DayLog(TODAY, 3), TODAY)
    sql = "SELECT id, created_at, updated_at FROM day_log"
    with diary.engine.connect() as connection:
        first = connection.execute(text(sql)).one()
    diary.save_day(DayLog(TODAY, 4), TODAY)
    with diary.engine.connect() as connection:
        second = connection.execute(text(sql)).one()
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at


def test_an_update_leaves_other_days_alone(diary):
    other = DayLog(TODAY - timedelta(days=2), 5, places=(Place("knee", "left"),), flags=("fever",))
    diary.save_day(other, TODAY)
    diary.save_day(FULL_DAY, TODAY)
    diary.save_day(DayLog(FULL_DAY.day, 1), TODAY)
    assert diary.load_day(other.day) == other


@pytest.mark.parametrize(
    "bad",
    [
        DayLog(TODAY + timedelta(days=1), 3),
        DayLog(TODAY, 11),
        DayLog(TODAY, 5, worst=4),
        DayLog(TODAY, 3, places=(Place("elbow"),)),
        DayLog(TODAY, 3, flags=("fever", "fever")),
        DayLog(TODAY, 3, note="nul\x00here"),
        DayLog(TODAY, 3, note="clipboard \x1b]52;c;aGVsbG8=\x07"),
        DayLog(TODAY, 3, note="title \x1b]0;pwned\x1b\\"),
        DayLog(TODAY, 3, note="c1 \x9b2J"),
        DayLog(TODAY, 3, note="del \x7f"),
    ],
    ids=[
        "future",
        "pain-11",
        "worst-below",
        "location",
        "dup-flag",
        "nul",
        "osc52",
        "osc0",
        "c1",
        "del",
    ],
)
def test_a_refused_day_writes_nothing(diary, bad):
    diary.save_day(DayLog(TODAY, 2, places=(Place("knee"),)), TODAY)
    before = diary.days()
    with pytest.raises(InvalidInput):
        diary.save_day(bad, TODAY)
    assert diary.days() == before


# -- ranges -------------------------------------------------------------------------------

RANGE_DAYS = [date(2026, 11, d) for d in (7, 1, 5, 3)]  # saved out of order on purpose


@pytest.fixture
def four_days(diary):
    for number, day in enumerate(RANGE_DAYS):
        diary.save_day(DayLog(day, number, places=(Place("knee", "left"),)), TODAY)
    return diary


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, [1, 3, 5, 7]),
        (date(2026, 11, 3), date(2026, 11, 5), [3, 5]),
        (date(2026, 11, 2), date(2026, 11, 6), [3, 5]),
        (date(2026, 11, 1), date(2026, 11, 7), [1, 3, 5, 7]),
        (date(2026, 11, 5), None, [5, 7]),
        (None, date(2026, 11, 3), [1, 3]),
        (date(2026, 11, 7), date(2026, 11, 7), [7]),
        (date(2026, 11, 6), date(2026, 11, 6), []),
        (date(2026, 11, 7), date(2026, 11, 1), []),
        (date(2026, 11, 8), None, []),
        (None, date(2026, 10, 31), []),
    ],
)
def test_days_bounds_are_inclusive_and_oldest_first(four_days, start, end, expected):
    logs = four_days.days(start, end)
    assert [log.day.day for log in logs] == expected
    assert all(log.places == (Place("knee", "left"),) for log in logs)


def test_days_attach_each_days_own_children(diary):
    first = DayLog(date(2026, 11, 1), 1, places=(Place("knee", "left"),), flags=("fever",))
    second = DayLog(date(2026, 11, 2), 2, exercises=(ExerciseDone("walking", minutes=10),))
    third = DayLog(date(2026, 11, 3), 3, places=(Place("calf"), Place("foot", "right")))
    for log in (third, first, second):
        diary.save_day(log, TODAY)
    assert diary.days() == [first, second, third]
    assert diary.days(date(2026, 11, 2), date(2026, 11, 3)) == [second, third]


# -- delete and count ---------------------------------------------------------------------


def test_delete_day_cascades_to_children(diary):
    keep = DayLog(date(2026, 11, 19), 4, places=(Place("knee"),), flags=("trauma",))
    diary.save_day(FULL_DAY, TODAY)
    diary.save_day(keep, TODAY)
    assert diary.delete_day(FULL_DAY.day) is True
    assert diary.load_day(FULL_DAY.day) is None
    assert diary.days() == [keep]
    assert orphan_counts(diary) == dict.fromkeys(CHILD_TABLES, 0)
    assert child_counts(diary) == {"pain_place": 1, "exercise_done": 0, "flag_report": 1}


def test_delete_day_of_an_unlogged_day_is_false(diary):
    assert diary.delete_day(TODAY) is False
    diary.save_day(DayLog(TODAY, 1), TODAY)
    assert diary.delete_day(TODAY) is True
    assert diary.delete_day(TODAY) is False
    assert diary.count_days() == 0


def test_count_days_counts_dates_not_saves(diary):
    for offset in range(5):
        diary.save_day(DayLog(TODAY - timedelta(days=offset), offset), TODAY)
    diary.save_day(DayLog(TODAY, 9), TODAY)
    assert diary.count_days() == 5


def test_usage_counts(diary):
    diary.save_day(
        DayLog(TODAY, 1, places=(Place("knee", "left"),), exercises=FULL_DAY.exercises[:2]), TODAY
    )
    diary.save_day(
        DayLog(
            date(2026, 11, 20),
            1,
            places=(Place("knee", "left"), Place("calf")),
            exercises=FULL_DAY.exercises[:1],
        ),
        TODAY,
    )
    assert diary.exercise_counts() == {"walking": 2, "glute-bridge": 1}
    assert diary.place_counts() == {("knee", "left"): 2, ("calf", None): 1}


# -- profile, acknowledgements, settings --------------------------------------------------


def test_profile_round_trips_and_replaces(diary):
    diary.save_profile(Profile(1960, date(2026, 10, 1)), TODAY)
    assert diary.profile() == Profile(1960, date(2026, 10, 1))
    diary.save_profile(Profile(1961, None), TODAY)
    assert diary.profile() == Profile(1961, None)
    assert scalar(diary, "SELECT count(*) FROM profile") == 1


@pytest.mark.parametrize(
    "bad",
    [
        Profile(1899),
        Profile(2027),
        Profile(True),
        Profile(onset=TODAY + timedelta(days=1)),
        Profile(cancer_history=1),
        Profile(cancer_history="yes"),
    ],
    ids=["1899", "next-year", "bool", "future-onset", "cancer-int", "cancer-text"],
)
def test_a_refused_profile_changes_nothing(diary, bad):
    diary.save_profile(Profile(1970, date(2026, 9, 1)), TODAY)
    with pytest.raises(InvalidInput):
        diary.save_profile(bad, TODAY)
    assert diary.profile() == Profile(1970, date(2026, 9, 1))


def test_acknowledge_is_idempotent(diary):
    diary.acknowledge("duration", date(2026, 10, 1))
    diary.acknowledge("duration", date(2026, 10, 1))
    diary.acknowledge("worsening", date(2026, 10, 1))
    # No day given: read as acknowledged on `since`, the earliest it can have been.
    assert diary.acknowledged() == {
        ("duration", date(2026, 10, 1)): date(2026, 10, 1),
        ("worsening", date(2026, 10, 1)): date(2026, 10, 1),
    }
    assert scalar(diary, "SELECT count(*) FROM alert_ack") == 2


def test_acknowledging_again_later_moves_the_day_on_never_back(diary):
    since = date(2026, 11, 1)
    diary.acknowledge("emergency", since, on=since)
    assert diary.acknowledged() == {("emergency", since): since}
    diary.acknowledge("emergency", since, on=TODAY)
    diary.acknowledge("emergency", since, on=since + timedelta(days=1))
    diary.acknowledge("emergency", since)
    assert diary.acknowledged() == {("emergency", since): TODAY}
    assert scalar(diary, "SELECT count(*) FROM alert_ack") == 1


@pytest.mark.parametrize("answer", [True, False, None])
def test_the_cancer_history_is_kept_with_the_profile(diary, answer):
    diary.save_profile(Profile(1970, date(2026, 9, 1), answer), TODAY)
    assert diary.profile() == Profile(1970, date(2026, 9, 1), answer)
    assert diary.profile().cancer_history is answer


def test_settings_default_set_and_replace(diary):
    assert diary.setting("week-start") is None
    assert diary.setting("week-start", "monday") == "monday"
    diary.set_setting("week-start", "sunday")
    diary.set_setting("week-start", "saturday")
    assert diary.setting("week-start", "monday") == "saturday"
    assert scalar(diary, "SELECT count(*) FROM setting") == 1


# -- bulk ---------------------------------------------------------------------------------


def bulk_logs(count: int, last: date) -> list[DayLog]:
    return [
        DayLog(
            last - timedelta(days=n),
            n % 11,
            worst=10 if n % 3 else None,
            places=(Place("lower-back", ("left", "right", "both")[n % 3]),),
            exercises=(ExerciseDone("walking", minutes=n + 1),) if n % 2 else (),
            flags=("fever",) if n % 7 == 0 else (),
            note=f"day {n}",
        )
        for n in range(count)
    ]


def test_insert_days_adds_all_in_one_go(diary):
    logs = bulk_logs(120, TODAY)
    diary.insert_days(logs)
    assert diary.count_days() == 120
    assert diary.days() == sorted(logs, key=lambda log: log.day)


def test_insert_days_around_existing_days(diary):
    existing = DayLog(date(2026, 11, 10), 5, places=(Place("knee"),))
    diary.save_day(existing, TODAY)
    batch = [DayLog(date(2026, 11, 9), 1, flags=("fever",)), DayLog(date(2026, 11, 11), 2)]
    diary.insert_days(batch)
    assert diary.days() == [batch[0], existing, batch[1]]


def test_insert_days_with_nothing_is_fine(diary):
    diary.insert_days([])
    assert diary.count_days() == 0


def test_insert_days_is_all_or_nothing(diary):
    diary.save_day(DayLog(date(2026, 11, 5), 5), TODAY)
    before = diary.days()
    batch = bulk_logs(10, date(2026, 11, 8))  # 8 Nov back to 30 Oct: includes 5 Nov
    with pytest.raises(IntegrityError):
        diary.insert_days(batch)
    assert diary.days() == before
    assert child_counts(diary) == dict.fromkeys(CHILD_TABLES, 0)


# -- reopening ---------------------------------------------------------------------------------


def test_a_diary_survives_reopening(where):
    with Diary.open(where) as diary:
        diary.save_day(FULL_DAY, TODAY)
        diary.save_profile(Profile(1960), TODAY)
    with Diary.open(where) as diary:
        assert diary.load_day(FULL_DAY.day) == FULL_DAY
        assert diary.profile() == Profile(1960)


def test_two_openings_of_one_diary_see_each_others_writes(where):
    with Diary.open(where) as first, Diary.open(where) as second:
        first.save_day(DayLog(TODAY, 3), TODAY)
        assert second.load_day(TODAY) == DayLog(TODAY, 3)
        assert second.save_day(DayLog(TODAY, 4), TODAY) is False
        assert first.load_day(TODAY) == DayLog(TODAY, 4)


# -- known gaps ---------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["\udcff", "ok \ud800 not ok"], ids=["escaped-byte", "lone"])
def test_a_note_that_is_not_unicode_text_is_refused(diary, note):
    with pytest.raises(InvalidInput) as raised:
        diary.save_day(DayLog(TODAY, 3, note=note), TODAY)
    assert raised.value.field == "note"
    assert diary.count_days() == 0


def test_a_note_that_is_not_text_is_refused(diary):
    with pytest.raises(InvalidInput) as raised:
        diary.save_day(DayLog(TODAY, 3, note=None), TODAY)
    assert raised.value.field == "note"
