"""A week's counts read in the order `Counter.most_common` gives: most days first, ties in
the order first counted (screens list them as they come)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import exercises, places

from painlog.rules.records import DayLog
from painlog.rules.weekly import summarise_week, weekly_summaries

MONDAY = date(2024, 6, 3)

week_logs = st.lists(
    st.builds(
        DayLog,
        day=st.integers(0, 6).map(lambda n: MONDAY + timedelta(days=n)),
        pain=st.integers(0, 10),
        places=st.lists(places(), max_size=3).map(tuple),
        exercises=st.lists(exercises, max_size=3).map(tuple),
        bed_rest=st.booleans(),
    ),
    max_size=7,
    unique_by=lambda log: log.day,
)


def most_common(logs: list[DayLog], items) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for log in sorted(logs, key=lambda log: log.day):
        counts.update(items(log))
    return counts.most_common()


@settings(max_examples=200, deadline=None)
@given(week_logs)
def test_counts_are_most_common_first_ties_as_first_counted(logs):
    for week in (summarise_week(MONDAY, logs), *weekly_summaries(logs, 0, MONDAY, MONDAY)):
        assert list(week.exercise_counts.items()) == most_common(
            logs, lambda log: {done.slug for done in log.exercises}
        )
        assert list(week.place_days.items()) == most_common(
            logs, lambda log: {place.location for place in log.places}
        )
        assert week.bed_rest_days == sum(log.bed_rest for log in logs)
        assert week.exercise_sessions == sum(week.exercise_counts.values())
