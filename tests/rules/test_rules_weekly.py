"""Weeks: ISO weeks and other first days, year ends and DST, weekly figures by hand, gaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from painlog.rules.records import DayLog, ExerciseDone, Intake, Place
from painlog.rules.weekly import (
    WEEKDAYS,
    DayTotals,
    WeekSummary,
    add_up_days,
    change_text,
    combine_weeks,
    daily_exercises,
    daily_pain,
    daily_worst,
    days_so_far,
    downsample,
    episode_sentence,
    first_weekday_of,
    mean_change,
    segments,
    summarise_week,
    trend_sentence,
    week_bounds,
    week_days,
    week_sentence,
    week_start,
    weekday_labels,
    weekly_summaries,
)

MON = date(2025, 11, 3)  # a Monday: "Week of 3 Nov"


def log(day: date, pain: int, **fields) -> DayLog:
    return DayLog(day, pain, **fields)


# --- week arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "iso_year", "iso_week"),
    [
        (date(2020, 12, 31), 2020, 53),  # Thursday of a 53-week year
        (date(2021, 1, 3), 2020, 53),  # Sunday: still 2020's last ISO week
        (date(2021, 1, 4), 2021, 1),
        (date(2024, 12, 30), 2025, 1),  # Monday of 2025's first ISO week, still in 2024
        (date(2025, 12, 28), 2025, 52),
        (date(2026, 1, 1), 2026, 1),
        (date(2026, 12, 31), 2026, 53),
        (date(2027, 1, 3), 2026, 53),
        (date(2024, 2, 29), 2024, 9),  # leap day
    ],
)
def test_monday_weeks_are_iso_weeks_across_year_ends(day, iso_year, iso_week):
    assert day.isocalendar()[:2] == (iso_year, iso_week)
    assert week_start(day) == date.fromisocalendar(iso_year, iso_week, 1)
    assert week_bounds(day) == (
        date.fromisocalendar(iso_year, iso_week, 1),
        date.fromisocalendar(iso_year, iso_week, 7),
    )


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2199, 12, 24)))
def test_every_day_falls_in_its_iso_week(day):
    year, week, _ = day.isocalendar()
    assert week_start(day, 0) == date.fromisocalendar(year, week, 1)


@given(
    st.dates(min_value=date(1900, 1, 8), max_value=date(2199, 12, 24)),
    st.integers(min_value=0, max_value=6),
)
def test_a_week_starts_on_the_chosen_weekday_and_holds_the_day(day, first):
    start, end = week_bounds(day, first)
    assert start.weekday() == first
    assert start <= day <= end
    assert (end - start).days == 6
    assert week_start(end, first) == start
    assert week_start(end + timedelta(days=1), first) == start + timedelta(days=7)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (0, date(2026, 11, 16)),  # Monday
        (6, date(2026, 11, 15)),  # Sunday
        (5, date(2026, 11, 21)),  # Saturday: the day itself
        (4, date(2026, 11, 20)),  # Friday
    ],
)
def test_first_day_setting_moves_the_week(first, expected):
    saturday = date(2026, 11, 21)
    assert week_start(saturday, first) == expected
    assert weekday_labels(first)[0] == WEEKDAYS[first][:3].capitalize()
    assert len(set(weekday_labels(first))) == 7


def test_sunday_weeks_cross_the_year_end_whole():
    start = week_start(date(2027, 1, 1), 6)
    assert start == date(2026, 12, 27)
    assert week_days(start)[-1] == date(2027, 1, 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("monday", 0),
        ("Sunday", 6),
        (" SATURDAY ", 5),
        ("3", 3),
        ("7", 0),
        ("-1", 0),
        ("someday", 0),
        ("", 0),
        (None, 0),
        ("٣", 0),  # a non-ASCII digit is not a weekday number
    ],
)
def test_week_start_setting_is_read_leniently(value, expected):
    assert first_weekday_of(value) == expected


@pytest.mark.parametrize(
    ("zone", "change"),
    [
        ("Europe/London", date(2026, 3, 29)),  # clocks forward: a 23-hour Sunday
        ("Europe/London", date(2026, 10, 25)),  # clocks back: a 25-hour Sunday
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Australia/Sydney", date(2026, 4, 5)),
    ],
)
def test_weeks_holding_a_dst_change_are_seven_calendar_days(zone, change):
    """Weeks are counted in calendar dates, so a 23- or 25-hour day changes nothing."""
    tz = ZoneInfo(zone)
    for first in range(7):
        start, end = week_bounds(change, first)
        assert (end - start).days == 6
        assert len(set(week_days(start))) == 7
    # Every hour of that week, seen on the local clock, lands in the same Monday week.
    monday = week_start(change)
    moment = datetime.combine(monday, datetime.min.time(), tz).astimezone(UTC)
    seen = set()
    while True:
        local = moment.astimezone(tz).date()
        if local > monday + timedelta(days=6):
            break
        seen.add(local)
        assert week_start(local) == monday
        moment += timedelta(hours=1)
    assert len(seen) == 7


def test_days_so_far_counts_the_current_week_only_up_to_today():
    week = WeekSummary(date(2026, 11, 16), date(2026, 11, 22))
    assert days_so_far(week, date(2026, 11, 21)) == 6
    assert days_so_far(week, date(2026, 11, 16)) == 1
    assert days_so_far(week, date(2026, 12, 1)) == 7


# --- weekly figures, computed by hand ----------------------------------------------------------

WEEK = [
    log(
        MON,
        4,
        worst=6,
        places=(Place("lower-back", "left"), Place("hip-side", "right")),
        exercises=(ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)),
    ),
    # Tuesday not logged
    log(MON + timedelta(days=2), 6, places=(Place("lower-back"),), bed_rest=True),
    log(
        MON + timedelta(days=3),
        5,
        worst=5,
        places=(Place("lower-back", "left"), Place("lower-back", "right")),
        exercises=(ExerciseDone("walking"),),
        flags=("fever",),
    ),
    # Friday not logged
    log(MON + timedelta(days=5), 0, exercises=(ExerciseDone("swimming", minutes=30),)),
    log(
        MON + timedelta(days=6),
        7,
        worst=9,
        places=(Place("buttock", "left"),),
        exercises=(ExerciseDone("walking"), ExerciseDone("pigeon-pose")),
        flags=("trauma", "fever"),
    ),
]


def test_weekly_aggregates_match_hand_computed_values():
    week = summarise_week(MON, reversed(WEEK))
    assert (week.start, week.end) == (MON, MON + timedelta(days=6))
    assert week.days_logged == 5
    assert week.pain_total == 4 + 6 + 5 + 0 + 7 == 22
    assert week.mean == Fraction(22, 5)
    assert (week.min_pain, week.max_pain, week.max_worst) == (0, 7, 9)
    # Sessions: Mon 2, Thu 1, Sat 1, Sun 2.
    assert week.exercise_sessions == 6
    assert week.exercise_counts == {
        "walking": 3,
        "glute-bridge": 1,
        "swimming": 1,
        "pigeon-pose": 1,
    }
    # Lower back on Mon, Wed, Thu (twice that day: counted once).
    assert week.place_days == {"lower-back": 3, "hip-side": 1, "buttock": 1}
    assert week.bed_rest_days == 1
    assert week.flags == ("fever", "trauma")
    assert [entry.day for entry in week.daily] == sorted(entry.day for entry in WEEK)


def test_gaps_stay_gaps_in_every_daily_series():
    week = summarise_week(MON, WEEK)
    assert daily_pain(week) == (4, None, 6, 5, None, 0, 7)
    assert daily_worst(week) == (6, None, None, 5, None, None, 9)
    assert daily_exercises(week) == (2, None, 0, 1, None, 1, 2)
    # A logged zero is a point; an unlogged day splits the line.
    assert segments(daily_pain(week)) == [
        [(0, 4.0)],
        [(2, 6.0), (3, 5.0)],
        [(5, 0.0), (6, 7.0)],
    ]


def test_unlogged_weeks_are_listed_with_no_mean():
    logs = [log(MON, 4), log(MON + timedelta(days=21), 2)]
    weeks = weekly_summaries(logs)
    assert [w.start for w in weeks] == [MON + timedelta(days=7 * i) for i in range(4)]
    assert [w.mean for w in weeks] == [4, None, None, 2]
    assert [w.days_logged for w in weeks] == [1, 0, 0, 1]
    assert segments([w.mean for w in weeks]) == [[(0, 4.0)], [(3, 2.0)]]


def test_weekly_summaries_follow_the_first_day_setting():
    logs = [log(date(2026, 11, 15), 8), log(date(2026, 11, 16), 2)]  # Sunday, Monday
    monday_weeks = weekly_summaries(logs, 0)
    sunday_weeks = weekly_summaries(logs, 6)
    assert [w.mean for w in monday_weeks] == [8, 2]
    assert [w.mean for w in sunday_weeks] == [5]
    assert sunday_weeks[0].start == date(2026, 11, 15)


def test_combined_weeks_give_the_exact_mean_of_all_their_days():
    weeks = weekly_summaries(
        [log(MON, 2), log(MON + timedelta(days=1), 3), log(MON + timedelta(days=8), 9)]
    )
    span = combine_weeks(weeks)
    assert span.mean == Fraction(14, 3)  # not the mean of the weekly means (2.5 and 9)
    assert (span.start, span.end) == (MON, MON + timedelta(days=13))
    assert (span.min_pain, span.max_pain, span.days_logged) == (2, 9, 3)


@given(st.integers(min_value=1, max_value=600), st.integers(min_value=1, max_value=80))
@settings(max_examples=60, deadline=None)
def test_downsampling_keeps_every_day_and_the_newest_week_last(count, points):
    logs = [log(MON + timedelta(days=7 * i), i % 11) for i in range(count)]
    weeks = weekly_summaries(logs)
    spans = downsample(weeks, points)
    assert len(spans) <= points
    assert sum(span.days_logged for span in spans) == count
    assert sum(span.pain_total for span in spans) == sum(entry.pain for entry in logs)
    assert spans[-1].end == weeks[-1].end
    assert spans[0].start == weeks[0].start
    if count <= points:
        assert spans == weeks


# --- plain words ---------------------------------------------------------------------------


def _week_with(start: date, pains: list[int | None], **fields) -> list[DayLog]:
    return [
        log(start + timedelta(days=i), pain, **fields)
        for i, pain in enumerate(pains)
        if pain is not None
    ]


def test_week_sentence_reads_like_the_issue():
    today = date(2025, 11, 12)  # the week after: every day of 3-9 Nov has happened
    previous = _week_with(MON - timedelta(days=7), [5, 6, None, 5, None, 6, 5])  # 27/5 = 5.4
    current = [
        log(
            MON + timedelta(days=i),
            pain,
            places=(Place("lower-back"),),
            exercises=tuple(ExerciseDone(slug) for slug in slugs),
        )
        for i, (pain, slugs) in enumerate(
            [
                (5, ["walking", "glute-bridge"]),
                (4, ["walking"]),
                (4, ["walking", "pigeon-pose"]),
                (4, ["walking"]),
                (4, ["walking", "swimming"]),
                (4, ["walking"]),
            ]
        )
    ]
    weeks = weekly_summaries(previous + current, start=MON - timedelta(days=7), end=MON)
    # 25/6 = 4.1666 -> "4.2"; 25/6 - 27/5 = -1.2333 -> "down 1.2".
    assert week_sentence(weeks[1], weeks[0], date(2025, 11, 30)) == (
        "Week of 3 Nov: mean 4.2 (down 1.2 from last week), 6 of 7 days logged, "
        "9 exercise sessions, lower back on 6 days"
    )
    # In the current week only the days so far count; another year's week names its year.
    assert week_sentence(weeks[1], weeks[0], today) == week_sentence(
        weeks[1], weeks[0], date(2025, 11, 30)
    )
    assert week_sentence(weeks[1], weeks[0], date(2025, 11, 8)).startswith(
        "Week of 3 Nov: mean 4.2 (down 1.2 from last week), 6 of 6 days logged so far"
    )
    assert week_sentence(weeks[1], weeks[0], date(2026, 1, 5)).startswith("Week of 3 Nov 2025:")


def test_week_sentence_counts_bed_rest_and_names_warning_signs():
    week = summarise_week(MON, WEEK)
    text = week_sentence(week, None, date(2025, 12, 1))
    assert text == (
        "Week of 3 Nov: mean 4.4, 5 of 7 days logged, 6 exercise sessions, "
        "lower back on 3 days, 1 day mostly in bed, "
        "warning sign: fever or feeling unwell, recent fall or injury"
    )


def test_week_sentence_for_an_empty_week_says_nothing_was_logged():
    empty = WeekSummary(MON, MON + timedelta(days=6))
    assert week_sentence(empty, None, date(2025, 11, 5)) == (
        "Week of 3 Nov: nothing logged (0 of 3 days so far)"
    )


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        ([3, 3], [5, 5], "down 2.0 from last week"),
        ([5], [4], "up 1.0 from last week"),
        ([4, 5], [4, 5], "same as last week"),
        ([4], [], "last week not logged"),
        ([4, 4, 5], [4], "up 0.3 from last week"),  # exactly 1/3
        ([4, 4, 4, 4, 4, 4, 5], [4], "up 0.1 from last week"),  # 1/7
        ([4] * 6 + [4], [4] * 6 + [5], "down 0.1 from last week"),
    ],
)
def test_change_from_last_week(now, before, expected):
    weeks = weekly_summaries(
        _week_with(MON - timedelta(days=7), before) + _week_with(MON, now),
        start=MON - timedelta(days=7),
        end=MON,
    )
    assert change_text(mean_change(weeks[1], weeks[0])) == expected


def test_trend_sentence_compares_first_and_last_logged_week_and_counts_gaps():
    logs = _week_with(MON, [6, 6]) + _week_with(MON + timedelta(days=21), [3, 3, 4])
    weeks = weekly_summaries(logs, start=MON - timedelta(days=7), end=MON + timedelta(days=28))
    assert len(weeks) == 6
    assert trend_sentence(weeks) == (
        "6-week trend: weekly mean 6.0 -> 3.3 (down 2.7), 2 of 6 weeks logged"
    )
    assert trend_sentence(weeks[:2]) == "2-week trend: weekly mean 6.0 (only 1 week logged)"
    assert trend_sentence(weeks[2:3]) == "1-week trend: nothing logged"


def test_episode_sentence():
    from painlog.rules.episodes import Episode

    today = date(2026, 11, 21)
    episode = Episode(date(2026, 8, 2))
    assert episode_sentence(episode, today, today) == (
        "Episode week 16, chronic (12 weeks or more), since 2 Aug"
    )
    assert episode_sentence(episode, date(2026, 8, 20), today) == (
        "Episode week 3 as of 20 Aug, acute (under 6 weeks), since 2 Aug"
    )
    assert episode_sentence(None, today, today) == "No open episode of pain"


def test_add_up_days_reads_pain_worst_signs_and_bed_rest_in_the_order_given():
    days = [
        DayLog(date(2026, 11, 16), 4, worst=None, flags=("fever", "trauma")),
        DayLog(date(2026, 11, 17), 0, worst=2, bed_rest=True),
        DayLog(date(2026, 11, 18), 7, worst=9, flags=("weight-loss", "fever")),
    ]
    assert add_up_days(days) == DayTotals(11, 0, 7, 9, ("fever", "trauma", "weight-loss"), 1)
    # One day: its pain is both ends; no worst given stays None.
    assert add_up_days(days[:1]) == DayTotals(4, 4, 4, None, ("fever", "trauma"), 0)


# -- days with medication, in the week's sentence and over the weeks -----------------------


def _week_of(took_on: int, logged: int = 7, start: date = date(2026, 11, 16)) -> WeekSummary:
    """A week of `logged` days, the first `took_on` of them with a medication taken."""
    logs = [
        DayLog(
            start + timedelta(days=n),
            3,
            took=(Intake("ibuprofen"), Intake("ibuprofen")) if n < took_on else (),
        )
        for n in range(logged)
    ]
    return summarise_week(start, logs)


@pytest.mark.parametrize(("took_on", "said"), [(0, None), (1, "1 day"), (2, "2 days")])
def test_the_week_says_on_how_many_days_medication_was_taken(took_on, said):
    week = _week_of(took_on)
    assert week.medication_days == took_on
    assert week.medication_counts == ({"ibuprofen": took_on} if took_on else {})
    sentence = week_sentence(week, None, date(2026, 11, 22))
    if said is None:
        assert "medication" not in sentence
    else:
        assert f"medication on {said}" in sentence


def test_the_trend_counts_medication_days_of_the_logged_days():
    weeks = [
        _week_of(0, 5, date(2026, 11, 2)),
        _week_of(3, 7, date(2026, 11, 9)),
        _week_of(1, 4, date(2026, 11, 16)),
    ]
    assert trend_sentence(weeks).endswith(", medication on 4 of 16 logged days")
    assert "medication" not in trend_sentence(weeks[:1])
