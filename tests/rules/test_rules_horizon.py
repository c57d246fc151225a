"""A bounded read gives the same alerts: whenever `covers` accepts the logs since some day,
`evaluate` of those logs equals `evaluate` of the whole history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from painlog.rules.alerts import evaluate
from painlog.rules.horizon import covers
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.rules.windows import day_logs

BASE = date(2023, 1, 1)
SIGNS = ("fever", "trauma", "saddle-numbness", "weight-loss")
PLACE = (Place("lower-back", "left"),)
WALK = (ExerciseDone("walking"),)

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@st.composite
def spells(draw) -> list[DayLog]:
    """Alternating runs of painful and pain-free days, long and short, with unlogged days,
    warning signs that recur, bed rest and days without exercise: long open episodes,
    episodes that close, and walks that run far back."""
    logs: list[DayLog] = []
    day = 0
    for _ in range(draw(st.integers(1, 8))):
        painful = draw(st.booleans())
        length = draw(st.integers(1, 90))
        level = draw(st.integers(1, 10)) if painful else 0
        rise = draw(st.integers(-1, 1)) if painful else 0
        skip = draw(st.sampled_from((0, 0, 3, 7, 40)))
        sign = draw(st.none() | st.sampled_from(SIGNS))
        every = draw(st.sampled_from((2, 7, 20, 30)))
        exercise = draw(st.sampled_from((0, 1, 2, 5)))
        for n in range(length):
            if skip and n % skip == skip - 1:
                continue
            pain = min(10, max(0 if not painful else 1, level + rise * (n // 7)))
            logs.append(
                DayLog(
                    day=BASE + timedelta(days=day + n),
                    pain=pain,
                    places=PLACE if n % 3 else (),
                    exercises=WALK if exercise and n % exercise == 0 else (),
                    flags=(sign,) if sign and n % every == 0 else (),
                    bed_rest=n % 11 == 10,
                )
            )
        day += length + draw(st.sampled_from((0, 0, 1, 5, 30)))
    return logs


@st.composite
def cases(draw) -> tuple[list[DayLog], Profile, date, date]:
    logs = draw(spells())
    last = logs[-1].day if logs else BASE
    today = last + timedelta(days=draw(st.integers(0, 40)))
    start = today - timedelta(days=draw(st.integers(0, (today - BASE).days + 5)))
    onset = draw(st.none() | st.integers(-10, (today - BASE).days + 10))
    profile = Profile(
        birth_year=draw(st.none() | st.integers(1940, 2015)),
        onset=None if onset is None else BASE + timedelta(days=onset),
    )
    return logs, profile, today, start


@SETTINGS
@given(cases())
def test_a_covered_bounded_read_gives_the_same_alerts(case):
    logs, profile, today, start = case
    bounded = [log for log in day_logs(logs, until=today) if log.day >= start]
    found = evaluate(bounded, profile, today)
    accepted = covers(bounded, found, profile, start, today)
    event("covered" if accepted else "needs earlier logs")
    if accepted:
        assert found == evaluate(logs, profile, today)


def test_a_recent_read_covers_a_closed_episode():
    """After 14 pain-free days, nothing older matters: the recent read is accepted."""
    today = BASE + timedelta(days=400)
    logs = [DayLog(BASE + timedelta(days=n), 5, exercises=WALK) for n in range(300)]
    logs += [DayLog(BASE + timedelta(days=n), 0, exercises=WALK) for n in range(300, 401)]
    start = today - timedelta(days=119)
    bounded = [log for log in logs if log.day >= start]
    found = evaluate(bounded, Profile(), today)
    assert covers(bounded, found, Profile(), start, today)
    assert found == evaluate(logs, Profile(), today)


def test_an_episode_open_before_the_read_needs_the_older_logs():
    today = BASE + timedelta(days=400)
    logs = [DayLog(BASE + timedelta(days=n), 5, exercises=WALK) for n in range(401)]
    start = today - timedelta(days=119)
    bounded = [log for log in logs if log.day >= start]
    assert not covers(bounded, evaluate(bounded, Profile(), today), Profile(), start, today)


def test_day_logs_keeps_sorted_logs_and_cuts_after_until():
    logs = [DayLog(BASE + timedelta(days=n), n % 11) for n in range(10)]
    assert day_logs(logs) == tuple(logs)
    assert day_logs(logs, until=BASE + timedelta(days=4)) == tuple(logs[:5])
    assert day_logs(tuple(reversed(logs))) == tuple(logs)
