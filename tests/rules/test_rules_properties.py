"""Properties of evaluate() over generated logs: pure, order-free, blind to the future, and a
pain-free day never makes pain look worse."""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from painlog.rules.alerts import evaluate
from painlog.rules.episodes import episodes
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.seeds.thresholds import thresholds

BASE = date(2024, 1, 1)
SPAN = 70
SIGNS = ("fever", "fever", "trauma", "saddle-numbness")
PLACES = (Place("lower-back", "left"), Place("hip-side", "right"), Place("thigh-front", "both"))
EXERCISES = (ExerciseDone("walking"), ExerciseDone("glute-bridge", sets=2, reps=10))

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# One integer per day encodes the whole log (pain, places, exercises, warning sign, bed
# rest): drawing one number per day keeps generation fast enough for 200 examples of ten
# weeks each, and still shrinks well.
_CODES = 11 * 2 ** len(PLACES) * 2 ** len(EXERCISES) * 100 * 5
CODE = st.integers(0, _CODES - 1)


def decode(offset: int, code: int, level: int | None = None) -> DayLog:
    """The log `offset` days after BASE described by `code`.

    With `level`, the pain is level - 1, level or level + 1 (clamped to 0-10) instead of
    anything from 0 to 10.
    """
    code, pain = divmod(code, 11)
    if level is not None:
        pain = min(10, max(0, level + pain % 3 - 1))
    code, place_bits = divmod(code, 2 ** len(PLACES))
    code, exercise_bits = divmod(code, 2 ** len(EXERCISES))
    code, flag = divmod(code, 100)  # signs on about 1 day in 25, emergencies rarer
    return DayLog(
        day=BASE + timedelta(days=offset),
        pain=pain,
        places=tuple(p for i, p in enumerate(PLACES) if place_bits >> i & 1),
        exercises=tuple(e for i, e in enumerate(EXERCISES) if exercise_bits >> i & 1),
        flags=(SIGNS[flag],) if flag < len(SIGNS) else (),
        bed_rest=code % 5 == 0,
    )


@st.composite
def scattered(draw) -> list[DayLog]:
    """Any days, any scores."""
    codes = draw(st.dictionaries(st.integers(0, SPAN), CODE, max_size=SPAN))
    return [decode(offset, code) for offset, code in codes.items()]


@st.composite
def weekly(draw) -> list[DayLog]:
    """Mostly daily logs whose score moves week by week, as real pain does, so the trend
    rules (worsening, not improving, severe) actually fire."""
    levels = draw(st.lists(st.integers(0, 10), min_size=SPAN // 7 + 1, max_size=SPAN // 7 + 1))
    codes = draw(st.lists(CODE, min_size=SPAN + 1, max_size=SPAN + 1))
    skipped = draw(st.sets(st.integers(0, SPAN), max_size=SPAN // 3))
    return [decode(n, codes[n], levels[n // 7]) for n in range(SPAN + 1) if n not in skipped]


@st.composite
def history(draw) -> tuple[list[DayLog], Profile, date]:
    logs = draw(st.one_of(scattered(), weekly()))
    onset = draw(st.none() | st.integers(-30, SPAN).map(lambda n: BASE + timedelta(days=n)))
    birth_year = draw(st.none() | st.integers(1930, 2020))
    today = BASE + timedelta(days=draw(st.integers(0, SPAN + 10)))
    return logs, Profile(birth_year=birth_year, onset=onset), today


@SETTINGS
@given(history())
def test_evaluate_is_pure_and_deterministic(case):
    logs, profile, today = case
    frozen = copy.deepcopy(logs)
    first = evaluate(logs, profile, today)
    assert evaluate(logs, profile, today) == first
    assert logs == frozen


@SETTINGS
@given(history(), st.randoms(use_true_random=False))
def test_the_order_of_the_logs_does_not_matter(case, rng: random.Random):
    logs, profile, today = case
    shuffled = logs[:]
    rng.shuffle(shuffled)
    assert evaluate(shuffled, profile, today) == evaluate(logs, profile, today)
    assert evaluate(tuple(shuffled), profile, today) == evaluate(logs, profile, today)
    assert episodes(shuffled, profile) == episodes(logs, profile)


@SETTINGS
@given(history(), st.data())
def test_logs_after_today_are_ignored(case, data):
    logs, profile, today = case
    later = data.draw(st.dictionaries(st.integers(1, 40), CODE, max_size=10))
    future = [decode((today - BASE).days + n, code) for n, code in later.items()]
    assert evaluate(logs + future, profile, today) == evaluate(logs, profile, today)


@SETTINGS
@given(history(), st.data())
def test_a_pain_free_day_never_raises_worsening(case, data):
    logs, profile, today = case
    last = max((entry.day for entry in logs if entry.day <= today), default=BASE)
    assume(last < today)
    new_day = last + timedelta(days=data.draw(st.integers(1, (today - last).days)))
    t = thresholds()
    this_week_start = today - timedelta(days=t.trend_window_days - 1)
    logged_this_week = sum(1 for entry in logs if this_week_start <= entry.day <= today)
    # The one exception, and a right one: a pain-free day that completes a week's minimum
    # of logged days can reveal a rise the earlier days already showed (see
    # test_a_pain_free_day_can_complete_a_week_that_already_shows_a_rise).
    assume(not (new_day >= this_week_start and logged_this_week == t.trend_min_logs - 1))
    before = {a.kind for a in evaluate(logs, profile, today)}
    after = {a.kind for a in evaluate([*logs, DayLog(new_day, 0)], profile, today)}
    assert "worsening" not in after - before


def test_a_pain_free_day_can_complete_a_week_that_already_shows_a_rise():
    today = BASE + timedelta(days=13)
    logs = [DayLog(BASE + timedelta(days=n), 1) for n in range(4)]  # last week: mean 1
    logs += [DayLog(today - timedelta(days=n), 8) for n in (6, 5, 4)]  # this week: 3 logs
    assert "worsening" not in {a.kind for a in evaluate(logs, Profile(), today)}
    logs.append(DayLog(today, 0))  # 4th log: the week now counts, mean 6 vs 1
    assert "worsening" in {a.kind for a in evaluate(logs, Profile(), today)}


@SETTINGS
@given(history())
def test_every_alert_is_well_formed(case):
    logs, profile, today = case
    for alert in evaluate(logs, profile, today):
        assert alert.since <= today
        assert alert.message.strip() and alert.reason.strip() and alert.source.strip()
        if alert.kind == "emergency":
            assert alert.advice is None and alert.suggestions == ()
