"""What goes with lower pain: hand-worked means and intervals, the minimum-days edge, the
factors found and their order, and the t quantiles against published tables."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painlog.rules.insights import (
    MIN_DAYS,
    compare,
    could_be_chance,
    difference_text,
    find_insights,
    insight_sentence,
    insights_range,
    signed,
    t_quantile,
)
from painlog.rules.records import DayLog, ExerciseDone, Intake
from painlog.seeds import Medication, catalogue

START = date(2026, 9, 1)
SEEDS = catalogue().with_own((), medications=(Medication("ibuprofen", "Ibuprofen", "400mg"),))


def day(index: int, pain: int, **parts) -> DayLog:
    return DayLog(START + timedelta(days=index), pain, **parts)


# -- the t distribution --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freedom", "table"),
    # Two-sided 95% critical values, as printed in every statistics table.
    [(1, 12.706), (2, 4.303), (4, 2.776), (5, 2.571), (8, 2.306), (10, 2.228), (30, 2.042)],
)
def test_t_quantiles_match_the_tables(freedom, table):
    assert round(t_quantile(0.975, freedom), 3) == table


def test_t_quantile_approaches_the_normal_for_many_degrees_of_freedom():
    assert round(t_quantile(0.975, 100_000), 2) == 1.96


@given(st.floats(1, 200), st.floats(1, 200))
def test_t_quantile_falls_as_freedom_grows(a, b):
    low, high = sorted((a, b))
    assert t_quantile(0.975, high) <= t_quantile(0.975, low) + 1e-9


# -- one comparison, worked by hand --------------------------------------------------------


def test_a_comparison_worked_by_hand():
    # With: 2 2 3 3 4, mean 14/5; without: 4 5 5 6 6, mean 26/5. Each sample variance is
    # 2.8 / 4 = 0.7, each squared standard error 0.14; Welch's freedom is
    # 0.28^2 / (2 * 0.14^2 / 4) = 8, t(0.975, 8) = 2.306004, half width
    # 2.306004 * sqrt(0.28) = 1.220223.
    found = compare([2, 2, 3, 3, 4], [4, 5, 5, 6, 6])
    assert (found.with_days, found.with_mean) == (5, Fraction(14, 5))
    assert (found.without_days, found.without_mean) == (5, Fraction(26, 5))
    assert found.difference == Fraction(-12, 5)
    assert found.low == pytest.approx(-3.620223, abs=1e-6)
    assert found.high == pytest.approx(-1.179777, abs=1e-6)
    assert difference_text(found) == "-2.4 (-3.6 to -1.2)"
    assert not could_be_chance(found)


def test_unequal_groups_use_welchs_freedom():
    # With: 1 2 3 4 5 (variance 5/2), without: 3 3 3 3 4 4 4 4 (variance 2/7). Squared
    # errors 1/2 and 1/28, together 15/28; Welch's freedom
    # (15/28)^2 / ((1/2)^2 / 4 + (1/28)^2 / 7) = 4.5785...
    found = compare([1, 2, 3, 4, 5], [3, 3, 3, 3, 4, 4, 4, 4])
    assert found.difference == Fraction(-1, 2)
    freedom = Fraction(15, 28) ** 2 / (Fraction(1, 16) + Fraction(1, 784 * 7))
    assert float(freedom) == pytest.approx(4.5785, abs=1e-4)
    half = t_quantile(0.975, float(freedom)) * (15 / 28) ** 0.5
    assert found.low == pytest.approx(-0.5 - half, abs=1e-5)
    assert found.high == pytest.approx(-0.5 + half, abs=1e-5)
    assert could_be_chance(found)


def test_alike_scores_give_an_interval_of_one_point():
    found = compare([3] * 5, [5] * 6)
    assert (found.difference, found.low, found.high) == (-2, -2.0, -2.0)


@pytest.mark.parametrize(
    ("with_days", "without_days", "compared"),
    [
        (MIN_DAYS - 1, MIN_DAYS, False),
        (MIN_DAYS, MIN_DAYS - 1, False),
        (MIN_DAYS, MIN_DAYS, True),
        (MIN_DAYS + 1, MIN_DAYS + 1, True),
    ],
)
def test_the_minimum_days_on_each_side(with_days, without_days, compared):
    with_pain = [2 + i % 2 for i in range(with_days)]
    found = compare(with_pain, [5 + i % 2 for i in range(without_days)])
    assert (found is not None) == compared


# -- the factors of a diary ----------------------------------------------------------------


def _fortnight() -> list[DayLog]:
    """Ten walking days at 2-3, then ten days without at 5-6; ibuprofen on the bad ones,
    bed rest twice."""
    logs = [day(i, 2 + i % 2, exercises=(ExerciseDone("walking", minutes=30),)) for i in range(10)]
    logs += [
        day(10 + i, 5 + i % 2, took=(Intake("ibuprofen", "400mg"),), bed_rest=i < 2)
        for i in range(10)
    ]
    return logs


def test_each_factor_with_enough_days_is_compared_and_sorted_by_size():
    found = find_insights(_fortnight(), SEEDS)
    assert found.logged_days == 20
    # Three differences of 3 (either way): by name.
    assert [x.factor for x in found.found] == [
        "any-exercise",
        "medication:ibuprofen",
        "exercise:walking",
    ]
    any_exercise, ibuprofen, walking = found.found
    assert ibuprofen.same_day.difference == 3
    assert any_exercise.same_day.difference == -3
    assert walking.same_day == any_exercise.same_day
    assert found.too_few == ("Bed rest",)


def test_the_next_day_pairs_only_consecutive_logged_days():
    found = find_insights(_fortnight(), SEEDS)
    walking = next(x for x in found.found if x.factor == "exercise:walking")
    # Walking days 0-9 have next days 1-10 (day 10 without walking, pain 5); days 10-18
    # without have next days 11-19 (day 19 has no next day logged).
    nxt = walking.next_day
    assert (nxt.with_days, nxt.without_days) == (10, 9)
    assert nxt.with_mean == Fraction(3 + 2 + 3 + 2 + 3 + 2 + 3 + 2 + 3 + 5, 10)


def test_a_next_day_comparison_needs_the_minimum_pairs():
    # Walking every other day: no walking day is followed by a logged day.
    logs = [day(2 * i, 3, exercises=(ExerciseDone("walking"),)) for i in range(6)]
    logs += [day(20 + i, 5) for i in range(6)]
    (walking,) = [x for x in find_insights(logs, SEEDS).found if x.factor == "exercise:walking"]
    assert walking.next_day is None


def test_an_empty_range_has_no_insights():
    found = find_insights([], SEEDS)
    assert (found.found, found.too_few, found.logged_days) == ((), (), 0)


def test_the_range_is_whole_weeks_ending_today():
    assert insights_range(12, date(2026, 12, 3)) == (date(2026, 9, 11), date(2026, 12, 3))
    assert insights_range(1, date(2026, 12, 3)) == (date(2026, 11, 27), date(2026, 12, 3))


# -- in words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"), [(-0.04, "0.0"), (0.04, "0.0"), (0.05, "+0.1"), (-2.46, "-2.5"), (3, "+3.0")]
)
def test_signed(value, text):
    assert signed(value) == text


def test_the_sentence_says_goes_with_never_causes():
    found = find_insights(_fortnight(), SEEDS)
    sentences = [insight_sentence(x) for x in found.found]
    assert sentences[:2] == [
        "Any exercise went with pain 3.0 lower (2.5 on 10 days with it, 5.5 on 10 without)",
        "Ibuprofen went with pain 3.0 higher (5.5 on 10 days with it, 2.5 on 10 without)",
    ]
    assert all("caus" not in s and "because" not in s for s in sentences)
