"""The alerts from the light, bounded read are those of the whole history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painlog.rules.alerts import evaluate
from painlog.rules.horizon import WIDER_DAYS
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.store.alert_read import alert_days, alert_history, before_and_after
from painlog.store.alerting import alert_views, current_alerts
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
WALK = ExerciseDone("walking", minutes=30)
PLACES = (Place("lower-back", "left", "ache"), Place("hip-side", "right"))


def history(pains: list[int], signs: dict[int, str] | None = None) -> list[DayLog]:
    """One log a day ending today, every third day without exercise."""
    signs = signs or {}
    first = TODAY - timedelta(days=len(pains) - 1)
    return [
        DayLog(
            day=first + timedelta(days=n),
            pain=pain,
            worst=min(10, pain + 1),
            places=PLACES[: n % 3],
            exercises=(WALK,) if n % 3 else (),
            flags=(signs[n],) if n in signs else (),
            note="a note",
        )
        for n, pain in enumerate(pains)
    ]


def same_alerts(diary: Diary, profile: Profile) -> None:
    everything = diary.days(end=TODAY)
    light = alert_history(diary, profile, TODAY)
    assert evaluate(light, profile, TODAY) == evaluate(everything, profile, TODAY)
    assert current_alerts(diary, TODAY) == alert_views(
        everything, diary.profile(), diary.acknowledged(), TODAY
    )


def test_a_closed_episode_is_read_from_the_recent_days_only(diary):
    diary.insert_days(history([6] * 400 + [0] * 20 + [3] * 100, {50: "fever", 480: "fever"}))
    light = alert_history(diary, Profile(), TODAY)
    assert light[0].day == TODAY - timedelta(days=119)
    same_alerts(diary, Profile())


def test_a_long_open_episode_is_read_from_its_start(diary):
    diary.insert_days(history([5] * 500, {10: "fever", 300: "trauma"}))
    assert len(alert_history(diary, Profile(), TODAY)) == 500
    same_alerts(diary, Profile())


def test_an_episode_open_for_a_year_is_read_from_two_years_back(diary):
    # Pain-free days, then 400 days of pain: the episode opened before the recent days,
    # and the pain-free days before it lie within two years.
    diary.insert_days(history([0] * 600 + [5] * 400, {700: "fever"}))
    light = alert_history(diary, Profile(), TODAY)
    assert light[0].day == TODAY - timedelta(days=WIDER_DAYS - 1)
    same_alerts(diary, Profile())
    log = DayLog(TODAY, 6)
    before, after = before_and_after(diary, Profile(), TODAY, log)
    assert before[0].day == after[0].day == TODAY - timedelta(days=WIDER_DAYS - 1)


def test_an_episode_open_for_longer_than_two_years_is_read_whole(diary):
    diary.insert_days(history([0] * 20 + [5] * 820))
    everything = [log.day for log in diary.days()]
    light = alert_history(diary, Profile(), TODAY)
    # Read in three parts, newest first, stitched with no day missing or read twice; the
    # latest log alone carries its places.
    assert [log.day for log in light] == everything
    assert [bool(log.places) for log in light] == [False] * 839 + [True]
    same_alerts(diary, Profile())
    before, after = before_and_after(diary, Profile(), TODAY, DayLog(TODAY, 6))
    assert [log.day for log in before] == [log.day for log in after] == everything
    assert [bool(log.places) for log in before] == [False] * 839 + [True]


def test_the_light_records_keep_what_alerts_read(diary):
    logs = history([4, 5, 6], {1: "fever"})
    diary.insert_days(logs)
    light = alert_days(diary, None, TODAY)
    assert [(x.day, x.pain, x.flags, x.bed_rest) for x in light] == [
        (x.day, x.pain, x.flags, x.bed_rest) for x in logs
    ]
    assert [bool(x.exercises) for x in light] == [bool(x.exercises) for x in logs]
    assert light[-1].places == logs[-1].places


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([0, 0, 0, 2, 5, 8]), min_size=1, max_size=300),
    st.dictionaries(st.integers(0, 299), st.sampled_from(["fever", "trauma"]), max_size=6),
    st.none() | st.integers(0, 400),
)
def test_any_history_gives_the_same_alerts(pains, signs, onset_days):
    profile = Profile(1950, None if onset_days is None else TODAY - timedelta(days=onset_days))
    with Diary.open(":memory:") as diary:
        diary.insert_days(history(pains, signs))
        diary.save_profile(profile, TODAY)
        same_alerts(diary, profile)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([0, 0, 0, 3, 7]), min_size=1, max_size=250),
    st.integers(0, 260),
    st.sampled_from([0, 4, 9]),
    st.booleans(),
)
def test_before_and_after_a_log_match_the_whole_history(pains, back, pain, flagged):
    log = DayLog(TODAY - timedelta(days=back), pain, flags=("fever",) if flagged else ())
    with Diary.open(":memory:") as diary:
        diary.insert_days(history(pains))
        everything = diary.days(end=TODAY)
        before, after = before_and_after(diary, Profile(), TODAY, log)
        replaced = [x for x in everything if x.day != log.day] + [log]
        assert evaluate(before, Profile(), TODAY) == evaluate(everything, Profile(), TODAY)
        assert evaluate(after, Profile(), TODAY) == evaluate(replaced, Profile(), TODAY)


# Runs of days at one pain level: histories of up to three years, so every span of
# `READ_SPANS` and the whole read are each the one that answers in some examples.
runs = st.lists(
    st.tuples(st.sampled_from([0, 0, 3, 7]), st.integers(1, 300)), min_size=1, max_size=6
).map(lambda found: [pain for pain, length in found for _ in range(length)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs, st.integers(0, 800), st.sampled_from([0, 4]), st.none() | st.integers(0, 1000))
def test_long_histories_give_the_same_alerts_before_and_after_a_log(pains, back, pain, onset):
    profile = Profile(None, None if onset is None else TODAY - timedelta(days=onset))
    log = DayLog(TODAY - timedelta(days=back), pain)
    with Diary.open(":memory:") as diary:
        diary.insert_days(history(pains))
        diary.save_profile(profile, TODAY)
        same_alerts(diary, profile)
        everything = diary.days(end=TODAY)
        before, after = before_and_after(diary, profile, TODAY, log)
        replaced = [x for x in everything if x.day != log.day] + [log]
        assert evaluate(before, profile, TODAY) == evaluate(everything, profile, TODAY)
        assert evaluate(after, profile, TODAY) == evaluate(replaced, profile, TODAY)


def test_a_log_that_reopens_an_old_episode_makes_the_read_go_further_back(diary):
    # The last 120 days start with 16 pain-free days, which close the long episode
    # before them: enough on their own. A log of pain among those days breaks the run,
    # so the alerts after it depend on where that older episode began.
    diary.insert_days(history([5] * 400 + [0] * 16 + [3] * 104))
    log = DayLog(TODAY - timedelta(days=114), 4)
    before, after = before_and_after(diary, Profile(1950), TODAY, log)
    assert len(before) == 520
    everything = diary.days(end=TODAY)
    replaced = [x for x in everything if x.day != log.day] + [log]
    assert evaluate(after, Profile(1950), TODAY) == evaluate(replaced, Profile(1950), TODAY)
