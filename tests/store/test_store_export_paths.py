"""The exports' fast paths write what the plain per-log functions write, cell for cell."""

from __future__ import annotations

import io
from dataclasses import fields
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEEDS, exercises, places

from painlog.rules.alert_kinds import alert_kinds
from painlog.rules.episodes import duration_class, episode_week, split_episodes
from painlog.rules.records import PAIN_MAX, PAIN_MIN, DayLog, ExerciseDone, Place, Profile
from painlog.rules.weekly import WEEK_START_SETTING, WEEKDAYS, WeekFigures, weekly_summaries
from painlog.rules.windows import day_logs as day_logs_until
from painlog.store import weekly_read
from painlog.store.csv_format import FORMULA_STARTS, QUOTE_PREFIX, escaped
from painlog.store.diary import Diary
from painlog.store.export import (
    daily_cells,
    default_weekly_range,
    export_diary,
    weekly_rows,
    write_daily,
    write_weekly,
)
from painlog.store.weekly_read import DayFacts, day_facts, week_figures

TODAY = date(2026, 11, 21)

# Notes and own words that a spreadsheet would run, or that start with the escape itself.
hostile = st.sampled_from([*FORMULA_STARTS, QUOTE_PREFIX, "", "a"]).flatmap(
    lambda first: st.text(max_size=8).map(lambda rest: first + rest)
)


DAYS = st.dates(date(2020, 1, 1), TODAY)
PAINS = st.integers(PAIN_MIN, PAIN_MAX)
NOTES = hostile | st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


@st.composite
def day_logs(
    draw,
    days=DAYS,
    pains=PAINS,
    notes=NOTES,
    max_flags: int | None = None,
) -> DayLog:
    pain = draw(pains)
    return DayLog(
        day=draw(days),
        pain=pain,
        worst=draw(st.none() | st.integers(pain, PAIN_MAX)),
        places=tuple(
            draw(st.lists(places(), max_size=3, unique_by=lambda p: (p.location, p.side)))
        ),
        exercises=tuple(draw(st.lists(exercises, max_size=3, unique_by=lambda e: e.slug))),
        flags=tuple(
            draw(
                st.lists(
                    st.sampled_from([x.slug for x in SEEDS.red_flags]),
                    max_size=max_flags,
                    unique=True,
                )
            )
        ),
        bed_rest=draw(st.booleans()),
        note=draw(notes),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(day_logs(), max_size=12, unique_by=lambda log: log.day))
def test_the_daily_export_is_the_daily_cells_of_every_log(logs):
    with Diary.open(":memory:") as diary:
        diary.insert_days(logs)
        loaded = diary.days()
        export = export_diary(diary, "daily", TODAY)
    assert export.rows == [escaped(daily_cells(log)) for log in loaded]
    buffer = io.StringIO(newline="")
    write_daily(buffer, loaded)
    assert export.text == buffer.getvalue()


def test_repeated_places_and_exercises_are_shared_and_kept_in_order():
    walk, bridge = ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)
    back, hip = Place("lower-back", "left", "ache"), Place("hip-side", "right")
    logs = [
        DayLog(date(2026, 11, 1), 3, places=(back, hip), exercises=(walk, bridge)),
        DayLog(date(2026, 11, 2), 4, places=(hip, back), exercises=(bridge, walk)),
        DayLog(date(2026, 11, 3), 5, places=(back, hip), exercises=(walk, bridge)),
    ]
    with Diary.open(":memory:") as diary:
        diary.insert_days(logs)
        loaded = diary.days()
        rows = export_diary(diary, "daily", TODAY).rows
    assert loaded == logs
    assert loaded[0].places[0] is loaded[2].places[0]
    assert [row[3] for row in rows] == [
        "lower-back:left:ache | hip-side:right",
        "hip-side:right | lower-back:left:ache",
        "lower-back:left:ache | hip-side:right",
    ]
    assert rows[1][4] == "glute-bridge:3x10 | walking:30min"


# -- the weekly summary from figures the database adds up --------------------------------

# Dense enough for weeks of several days, runs of pain-free days that close an episode,
# and logs after the export's today (which neither path may read).
LATEST = TODAY + timedelta(days=4)


recent_logs = day_logs(
    days=st.dates(TODAY - timedelta(days=90), LATEST),
    pains=st.sampled_from([0, 0, 0, 1, 3, 5, 8, 10]),
    notes=st.just(""),
    max_flags=2,
)


@st.composite
def weekly_requests(draw):
    logs = draw(st.lists(recent_logs, max_size=60, unique_by=lambda log: log.day))
    profile = Profile(
        birth_year=draw(st.none() | st.sampled_from([1950, 1975, 2000])),
        onset=draw(st.none() | st.dates(TODAY - timedelta(days=100), TODAY)),
    )
    end = draw(st.none() | st.dates(TODAY - timedelta(days=100), TODAY))
    start = draw(st.none() | st.dates(TODAY - timedelta(days=120), end or TODAY))
    return logs, profile, draw(st.integers(0, 6)), start, end


def weekly_diary(logs, profile, first_weekday) -> Diary:
    diary = Diary.open(":memory:")
    diary.insert_days(logs)
    diary.save_profile(profile, TODAY)
    diary.set_setting(WEEK_START_SETTING, WEEKDAYS[first_weekday])
    return diary


@settings(max_examples=120, deadline=None)
@given(weekly_requests())
def test_the_weekly_export_is_the_weekly_rows_of_every_log(request):
    logs, profile, first_weekday, start, end = request
    with weekly_diary(logs, profile, first_weekday) as diary:
        export = export_diary(diary, "weekly", TODAY, start, end)
        loaded = diary.days()
    if start is None:
        start, default_end = default_weekly_range(loaded, profile, end or TODAY, first_weekday)
        end = end or default_end
    end = end or TODAY
    rows = weekly_rows(loaded, profile, TODAY, start, end, first_weekday)
    assert (export.start, export.end) == (start, end)
    assert export.rows == [escaped(row.cells()) for row in rows]
    buffer = io.StringIO(newline="")
    write_weekly(buffer, rows)
    assert export.text == buffer.getvalue()


@settings(max_examples=120, deadline=None)
@given(weekly_requests())
def test_week_figures_are_the_weekly_summaries_without_their_logs(request):
    logs, profile, first_weekday, start, end = request
    start, end = start or TODAY - timedelta(days=100), end or TODAY
    with weekly_diary(logs, profile, first_weekday) as diary:
        loaded = diary.days()
        with diary.engine.connect() as connection:
            facts = day_facts(connection, TODAY)
            figures = week_figures(connection, facts, first_weekday, start, end, TODAY)
    ordered = day_logs_until(loaded, until=TODAY)
    assert facts == [
        DayFacts(log.day, log.pain, log.worst, log.flags, log.bed_rest, bool(log.exercises))
        for log in ordered
    ]
    summaries = weekly_summaries(ordered, first_weekday, start, end)
    assert figures == [
        WeekFigures(**{name.name: getattr(week, name.name) for name in fields(WeekFigures)})
        for week in summaries
    ]
    # Equal dicts may differ in order: the figures list the most days first, like the
    # summaries (whose ties come in first-counted order, the figures' in slug order).
    for figure in figures:
        for counts in (figure.place_days, figure.exercise_counts):
            assert list(counts.values()) == sorted(counts.values(), reverse=True)


def test_the_weekly_export_falls_back_to_the_day_logs_without_sqlite(monkeypatch):
    """On a database that cannot add the figures up, the rows come from every day's log."""
    logs = [
        DayLog(TODAY - timedelta(days=offset), offset % 6, flags=("fever",) if offset == 3 else ())
        for offset in range(30)
    ]
    with weekly_diary(logs, Profile(), 0) as diary:
        expected = export_diary(diary, "weekly", TODAY)
        monkeypatch.setattr(weekly_read, "day_facts", lambda connection, until: None)
        assert export_diary(diary, "weekly", TODAY) == expected


@settings(max_examples=120, deadline=None)
@given(weekly_requests())
def test_weekly_rows_are_the_plain_per_week_reading_of_the_rules(request):
    """Each row against the rules asked week by week: the episode each week falls in, its
    duration class and the changes of the mean as Fractions of the means."""
    logs, profile, first_weekday, start, end = request
    start, end = start or TODAY - timedelta(days=100), end or TODAY
    rows = weekly_rows(logs, profile, TODAY, start, end, first_weekday)
    ordered = day_logs_until(logs, until=TODAY)
    onset = profile.onset if profile.onset is not None and profile.onset <= TODAY else None
    episodes = split_episodes(ordered, onset)
    means = [row.summary.mean for row in rows]
    before = weekly_summaries(ordered, first_weekday, start - timedelta(days=7), end)[0].mean
    base = next((mean for mean in means if mean is not None), None)
    for row, mean, previous in zip(rows, means, [before, *means], strict=False):
        week = row.summary
        last = min(week.end, TODAY)
        covering = [
            episode
            for episode in episodes
            if episode.start <= last and (episode.end is None or episode.end >= week.start)
        ]
        episode = covering[-1] if covering else None
        if episode is None:
            assert (row.episode_week, row.duration_class) == (None, None)
        else:
            assert row.episode_week == episode_week(episode, min(week.end, episode.end or week.end))
            assert row.duration_class == duration_class(episode, min(last, episode.end or last))
        both = mean is not None and previous is not None
        assert row.change_vs_previous == (mean - previous if both else None)
        since = mean - base if mean is not None and base is not None else None
        assert row.change_since_first == since
        percent = since * 100 / base if since is not None and base else None
        assert row.change_since_first_percent == percent
        assert row.alerts == alert_kinds(ordered, profile, [last])[0]
