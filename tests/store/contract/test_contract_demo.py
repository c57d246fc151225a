"""The demo diary: reproducible, valid, and telling the story the README promises."""

from __future__ import annotations

import time
from datetime import date, timedelta
from itertools import pairwise

import pytest

from painlog.rules.entry import InvalidInput, check_day
from painlog.rules.episodes import current_episode, episodes
from painlog.rules.records import DayLog, Profile
from painlog.rules.weekly import weekly_summaries
from painlog.seeds import catalogue
from painlog.store.demo import (
    DEFAULT_WEEKS,
    RED_FLAG,
    demo_history,
    fill_demo,
    story_start,
)

TODAY = date(2026, 11, 21)
SEEDS = range(1, 11)


def _runs(logs: list[DayLog], holds) -> list[list[DayLog]]:
    """Runs of consecutive calendar days whose logs satisfy `holds`."""
    runs, current = [], []
    for entry in logs:
        if holds(entry) and (not current or entry.day - current[-1].day == timedelta(days=1)):
            current.append(entry)
        else:
            if current:
                runs.append(current)
            current = [entry] if holds(entry) else []
    if current:
        runs.append(current)
    return runs


def test_same_seed_same_history_and_another_seed_another():
    assert demo_history(16, 3, TODAY) == demo_history(16, 3, TODAY)
    assert demo_history(16, 3, TODAY) != demo_history(16, 4, TODAY)


@pytest.mark.parametrize("weeks", [4, 16, 60, 522])
def test_every_log_is_valid_one_per_day_oldest_first_ending_today(weeks):
    logs = demo_history(weeks, 1, TODAY)
    for entry in logs:
        check_day(entry, TODAY)
    days = [entry.day for entry in logs]
    assert days == sorted(set(days))
    assert days[-1] == TODAY
    assert days[0] >= TODAY - timedelta(weeks=weeks) + timedelta(days=1)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_episode_starts_moderate_and_improves_with_regular_exercise(seed):
    logs = demo_history(DEFAULT_WEEKS, seed, TODAY)
    weeks = weekly_summaries(logs, start=story_start(DEFAULT_WEEKS, TODAY), end=TODAY)
    first = weeks[1]  # the first whole week of the story
    assert 4 <= first.mean <= 6
    assert all(4 <= entry.pain <= 6 for entry in logs[:7])
    fall = next(entry.day for entry in logs if entry.flags)
    before_fall = [week for week in weeks if week.end < fall and week.mean is not None]
    best = before_fall[-1]
    assert first.mean - best.mean >= 1.5  # a change a person would feel (Farrar 2001)
    # Regular exercise while improving: most days, several sessions a week.
    improving = [week for week in before_fall[3:] if week.days_logged >= 5]
    assert improving
    assert all(week.exercise_sessions >= week.days_logged for week in improving)
    assert first.exercise_sessions < improving[-1].exercise_sessions


@pytest.mark.parametrize("seed", SEEDS)
def test_a_bad_patch_follows_the_fall_then_the_pain_settles(seed):
    logs = demo_history(DEFAULT_WEEKS, seed, TODAY)
    fall = next(entry for entry in logs if entry.flags)
    bad = max(_runs(logs, lambda entry: entry.pain >= 6), key=len)
    assert len(bad) >= 5
    assert bad[0].day == fall.day
    assert any(entry.bed_rest for entry in bad)
    assert all(entry.worst is not None and entry.worst > entry.pain for entry in bad[:5])
    weeks = weekly_summaries(logs, end=TODAY)
    fall_week = next(i for i, w in enumerate(weeks) if w.start <= fall.day <= w.end)
    assert weeks[fall_week + 1].mean > weeks[fall_week - 1].mean + 1
    assert weeks[-1].mean < max(w.mean for w in weeks[-4:-1])


@pytest.mark.parametrize("seed", SEEDS)
def test_a_few_days_are_not_logged(seed):
    logs = demo_history(DEFAULT_WEEKS, seed, TODAY)
    missing = DEFAULT_WEEKS * 7 - len(logs)
    assert 3 <= missing <= 0.15 * DEFAULT_WEEKS * 7
    # One long weekend away: at least three days in a row.
    days = [entry.day for entry in logs]
    assert any((b - a).days >= 4 for a, b in pairwise(days))


@pytest.mark.parametrize(("weeks", "seed"), [(4, 1), (16, 1), (16, 9), (60, 2), (522, 7)])
def test_exactly_one_red_flag_day_and_never_an_emergency(weeks, seed):
    logs = demo_history(weeks, seed, TODAY)
    flagged = [entry for entry in logs if entry.flags]
    assert len(flagged) == 1
    assert flagged[0].flags == (RED_FLAG,)
    assert not catalogue().red_flag(RED_FLAG).emergency
    # Recent enough that the Today banner and Alerts screen show it (28-day rule).
    assert TODAY - flagged[0].day < timedelta(days=28)


def test_the_default_demo_shows_pain_going_down_this_week():
    weeks = weekly_summaries(demo_history(DEFAULT_WEEKS, 1, TODAY), end=TODAY)
    assert weeks[-1].mean < weeks[-2].mean


def test_years_before_the_story_end_pain_free_so_the_episode_starts_with_it():
    logs = demo_history(522, 1, TODAY)
    start = story_start(522, TODAY)
    found = episodes(logs, Profile())
    assert len(found) > 1  # earlier flare-ups, each closed
    assert found[-1].start == start and found[-1].is_open
    assert current_episode(logs, Profile(onset=start), TODAY).start == start


def test_ten_years_are_generated_in_well_under_a_second():
    started = time.perf_counter()
    logs = demo_history(522, 1, TODAY)
    elapsed = time.perf_counter() - started
    assert len(logs) > 3000
    assert elapsed < 1.0


@pytest.mark.parametrize("weeks", [3, 1041, 0, -5, True, "16"])
def test_weeks_outside_the_range_are_refused(weeks):
    with pytest.raises(InvalidInput) as refused:
        demo_history(weeks, 1, TODAY)
    assert refused.value.field == "weeks"


def test_fill_demo_inserts_the_history_and_sets_the_onset(diary):
    diary.save_profile(Profile(birth_year=1960), TODAY)
    count = fill_demo(diary, 16, 5, TODAY)
    assert count == diary.count_days() == len(demo_history(16, 5, TODAY))
    assert diary.days() == demo_history(16, 5, TODAY)
    assert diary.profile() == Profile(birth_year=1960, onset=story_start(16, TODAY))


def test_fill_demo_gives_a_birth_year_when_none_is_set(diary):
    fill_demo(diary, 8, 1, TODAY)
    profile = diary.profile()
    assert profile.birth_year is not None
    assert profile.onset == TODAY - timedelta(weeks=8) + timedelta(days=1)


def test_fill_demo_refuses_a_diary_that_holds_logs_and_changes_nothing(diary):
    mine = DayLog(TODAY - timedelta(days=3), 2)
    diary.save_day(mine, TODAY)
    with pytest.raises(InvalidInput) as refused:
        fill_demo(diary, 16, 1, TODAY)
    assert refused.value.field == "db"
    assert refused.value.accepted == "an empty database"
    assert diary.days() == [mine]
    assert diary.profile() == Profile()


def test_ten_years_fill_quickly(tmp_path):
    from painlog.store.diary import Diary

    with Diary.open(str(tmp_path / "ten.db")) as opened:
        started = time.perf_counter()
        fill_demo(opened, 522, 1, TODAY)
        elapsed = time.perf_counter() - started
        assert opened.count_days() == len(demo_history(522, 1, TODAY))
    assert elapsed < 5.0  # about 0.2 s here; bulk inserts, one transaction


@pytest.mark.parametrize("seed", SEEDS)
def test_some_recent_days_are_logged_by_check_ins_and_most_weeks_answer_the_peg(seed):
    from painlog.rules.checkins import checkin_pain
    from painlog.rules.entry import check_peg
    from painlog.rules.weekly import week_start
    from painlog.store.demo import demo_peg

    logs = demo_history(DEFAULT_WEEKS, seed, TODAY)
    checked_in = [x for x in logs if x.checkins]
    assert 3 <= len(checked_in) <= 5
    assert all(TODAY - timedelta(days=14) <= x.day < TODAY for x in checked_in)
    for log in checked_in:
        assert log.pain_from_checkins and log.worst_from_checkins
        assert log.pain == checkin_pain(log.checkins)
    answers = demo_peg(DEFAULT_WEEKS, seed, TODAY)
    weeks = {week_start(x.day) for x in answers}
    assert len(weeks) == len(answers) >= DEFAULT_WEEKS // 2
    assert week_start(TODAY) not in weeks  # this week's is left to answer
    for answer in answers:
        check_peg(answer, TODAY)


def test_fill_demo_stores_the_check_ins_and_the_peg_answers(diary):
    from painlog.store.demo import demo_peg

    fill_demo(diary, DEFAULT_WEEKS, 1, TODAY)
    assert diary.days() == demo_history(DEFAULT_WEEKS, 1, TODAY)
    assert diary.peg_answers() == demo_peg(DEFAULT_WEEKS, 1, TODAY)
