"""Episodes, duration classes, episode weeks and age as a red flag (SOURCE_RULES 1, 3b)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from painlog.rules.episodes import (
    Episode,
    age_flag,
    current_episode,
    duration_class,
    episode_week,
    episodes,
)
from painlog.rules.records import DayLog, Profile

D0 = date(2024, 3, 1)
NO_PROFILE = Profile()


def d(n: int) -> date:
    return D0 + timedelta(days=n)


def pains(values, start: int = 0) -> list[DayLog]:
    """Consecutive day logs from d(start); None leaves the day unlogged."""
    return [DayLog(d(start + i), p) for i, p in enumerate(values) if p is not None]


# --- start and end: 13 / 14 / 15 pain-free days ------------------------------------------------


@pytest.mark.parametrize("free", [13, 14, 15])
def test_episode_closes_after_14_logged_pain_free_days(free):
    logs = pains([5, 3] + [0] * free)
    found = episodes(logs, NO_PROFILE)
    if free < 14:
        assert found == [Episode(d(0), None)]
    else:
        # The end is the last painful day, known once 14 pain-free days followed it.
        assert found == [Episode(d(0), d(1))]


@pytest.mark.parametrize("free", [13, 14, 15])
def test_new_episode_starts_at_first_pain_after_14_pain_free_days(free):
    logs = pains([4] + [0] * free + [2, 2])
    found = episodes(logs, NO_PROFILE)
    if free < 14:
        assert found == [Episode(d(0), None)]
    else:
        assert found == [Episode(d(0), d(0)), Episode(d(1 + free), None)]


def test_unlogged_days_neither_count_toward_the_14_nor_break_the_run():
    # 7 pain-free logs, 20 unlogged days, 6 more pain-free logs: 13 logged, still open.
    logs = pains([6] + [0] * 7 + [None] * 20 + [0] * 6)
    assert episodes(logs, NO_PROFILE) == [Episode(d(0), None)]
    # One more logged pain-free day (after another gap, short of a silence) closes it.
    logs.append(DayLog(logs[-1].day + timedelta(days=20), 0))
    assert episodes(logs, NO_PROFILE) == [Episode(d(0), d(0))]


def test_a_pain_day_resets_the_pain_free_count():
    logs = pains([6] + [0] * 10 + [1] + [0] * 13)
    assert episodes(logs, NO_PROFILE) == [Episode(d(0), None)]


def test_episode_starts_at_the_first_log_with_pain_not_at_pain_free_logs_before_it():
    logs = pains([0, 0, 0, 3, 4])
    assert episodes(logs, NO_PROFILE) == [Episode(d(3), None)]


def test_no_pain_ever_means_no_episode():
    assert episodes(pains([0] * 30), NO_PROFILE) == []
    assert episodes([], NO_PROFILE) == []


def test_logs_may_come_in_any_order():
    logs = pains([4, 0, 3] + [0] * 14 + [5, 6, 0, 2])
    shuffled = logs[:]
    random.Random(7).shuffle(shuffled)
    assert episodes(shuffled, NO_PROFILE) == episodes(logs, NO_PROFILE)


# --- the profile's onset -------------------------------------------------------------------------


def test_onset_starts_the_episode_even_before_the_first_log():
    logs = pains([3, 4], start=10)
    assert episodes(logs, Profile(onset=d(0))) == [Episode(d(0), None)]


def test_logs_before_the_onset_are_left_out():
    logs = pains([7, 7, 7] + [None] * 20 + [2], start=0)
    assert episodes(logs, Profile(onset=d(20))) == [Episode(d(20), None)]


def test_onset_episode_closes_like_any_other_and_a_later_one_can_start():
    logs = pains([0] * 14 + [5], start=0)
    found = episodes(logs, Profile(onset=d(0)))
    assert found == [Episode(d(0), d(0)), Episode(d(14), None)]


def test_current_episode_ignores_an_onset_after_today_and_logs_after_today():
    logs = [*pains([3] * 5), DayLog(d(50), 9)]
    today = d(4)
    assert current_episode(logs, Profile(onset=d(10)), today) == Episode(d(0), None)
    assert current_episode([DayLog(d(50), 9)], NO_PROFILE, today) is None


def test_current_episode_is_none_once_closed():
    logs = pains([3] + [0] * 14)
    assert current_episode(logs, NO_PROFILE, d(14)) is None
    assert current_episode(logs, NO_PROFILE, d(13)) == Episode(d(0), None)


# --- duration class: 41 / 42 / 43 and 83 / 84 / 85 days -----------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, "acute"),
        (41, "acute"),
        (42, "subacute"),
        (43, "subacute"),
        (83, "subacute"),
        (84, "chronic"),
        (85, "chronic"),
    ],
)
def test_duration_class_by_days_elapsed_since_the_start(elapsed, expected):
    assert duration_class(Episode(D0), D0 + timedelta(days=elapsed)) == expected


def test_a_closed_episode_is_measured_to_its_end():
    closed = Episode(D0, D0 + timedelta(days=20))
    assert duration_class(closed, D0 + timedelta(days=400)) == "acute"


@pytest.mark.parametrize(("offset", "week"), [(0, 1), (6, 1), (7, 2), (13, 2), (14, 3), (84, 13)])
def test_episode_week_is_one_based(offset, week):
    assert episode_week(Episode(D0), D0 + timedelta(days=offset)) == week


def test_episode_week_refuses_a_day_before_the_start():
    with pytest.raises(ValueError, match="before the episode start"):
        episode_week(Episode(D0), D0 - timedelta(days=1))


# --- age: 55 / 56 and 20 / 21 (by birth year, 20 may still be 19) ---------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (54, None),
        (55, None),
        (56, "age 56 (over 55)"),
        (21, None),
        (20, "age 20 (may be under 20)"),
        (19, "age 19 (under 20)"),
        (0, "age 0 (under 20)"),
    ],
)
def test_age_counts_over_55_and_under_20(age, expected):
    today = date(2024, 1, 1)
    assert age_flag(Profile(birth_year=2024 - age), today) == expected


def test_age_is_today_year_minus_birth_year_whatever_the_day_in_the_year():
    profile = Profile(birth_year=1968)  # 56 in 2024
    assert age_flag(profile, date(2024, 1, 1)) == "age 56 (over 55)"
    assert age_flag(profile, date(2023, 12, 31)) is None


def test_unknown_or_impossible_birth_year_does_not_count():
    assert age_flag(Profile(), date(2024, 1, 1)) is None
    assert age_flag(Profile(birth_year=2030), date(2024, 1, 1)) is None
