"""What goes with lower or higher pain: each factor's days against the days without it.

For bed rest, any exercise, each exercise, each medication and each treatment logged in a
range, the logged days with it and the logged days without it are compared: how many, their
mean pain, the difference (with minus without) and its 95% confidence interval; then the
same for the pain of the day after. A factor needs at least `MIN_DAYS` days with it and as
many without, or it is left out; the next-day comparison needs as many pairs of days, or
it is not given.

The interval is Welch's (Welch 1947; Satterthwaite 1946): it does not assume both groups
vary alike. Means and variances are exact fractions; only the square root and the t
quantile are floats. This shows what went together in a diary, never what caused what: a
pill is taken on a bad day, so it goes with higher pain.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.intakes import treatment_words
from painlog.rules.records import DayLog
from painlog.rules.text import shown_text
from painlog.seeds import Catalogue

MIN_DAYS = 5
"""Days with a factor, and days without it, that a comparison needs."""
DEFAULT_WEEKS = 12
MAX_WEEKS = 520
CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Comparison:
    """Days with a factor against days without it.

    Attributes:
        with_days: How many days with it.
        with_mean: Their mean pain.
        without_days: How many days without it.
        without_mean: Theirs.
        difference: `with_mean - without_mean`: below zero, less pain with it.
        low: The lower end of the 95% interval of the difference.
        high: Its upper end.
    """

    with_days: int
    with_mean: Fraction
    without_days: int
    without_mean: Fraction
    difference: Fraction
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Insight:
    """One factor and how the pain went with it.

    Attributes:
        factor: A stable key: `bed-rest`, `any-exercise`, `exercise:SLUG`,
            `medication:SLUG` or `treatment:SLUG`.
        name: The factor in words ("Bed rest", "Walking", the person's medication name).
        same_day: The day's pain on days with it and without it.
        next_day: The next day's pain after days with it and without it; None when fewer
            than `MIN_DAYS` pairs of consecutive logged days are on either side.
    """

    factor: str
    name: str
    same_day: Comparison
    next_day: Comparison | None


def insights_range(weeks: int, today: date) -> tuple[date, date]:
    """The first and last day of the `weeks` weeks ending `today`."""
    return today - timedelta(days=7 * weeks - 1), today


@dataclass(frozen=True, slots=True)
class Insights:
    """The factors of a range.

    Attributes:
        found: The factors with enough days, the largest same-day difference (either way)
            first.
        too_few: The names of the factors logged in the range without enough days with
            them or without them, in the order they were met.
        logged_days: The days logged in the range.
    """

    found: tuple[Insight, ...]
    too_few: tuple[str, ...]
    logged_days: int


def find_insights(logs: Sequence[DayLog], seeds: Catalogue) -> Insights:
    """Every factor logged in `logs`, compared where there are enough days.

    Args:
        logs: The logged days of the range, any order, one per day.
        seeds: The catalogue with the person's own lists, for the factors' names.
    """
    pain = {log.day: log.pain for log in logs}
    found = []
    too_few = []
    for factor, name, holds in _factors(logs, seeds):
        with_days = [log.day for log in logs if holds(log)]
        without_days = [log.day for log in logs if not holds(log)]
        same_day = compare([pain[d] for d in with_days], [pain[d] for d in without_days])
        if same_day is None:
            if with_days:
                too_few.append(name)
            continue
        one = timedelta(days=1)
        next_day = compare(
            [pain[d + one] for d in with_days if d + one in pain],
            [pain[d + one] for d in without_days if d + one in pain],
        )
        found.append(Insight(factor, name, same_day, next_day))
    found.sort(key=lambda x: (-abs(x.same_day.difference), x.name.lower(), x.factor))
    return Insights(tuple(found), tuple(too_few), len(logs))


def _factors(
    logs: Sequence[DayLog], seeds: Catalogue
) -> Iterable[tuple[str, str, Callable[[DayLog], bool]]]:
    """(key, name, test) for each factor logged at least once in `logs`."""
    yield "bed-rest", "Bed rest", lambda log: log.bed_rest
    yield "any-exercise", "Any exercise", lambda log: bool(log.exercises)
    exercises = dict.fromkeys(x.slug for log in logs for x in log.exercises)
    for slug in exercises:
        found = seeds.exercise(slug)
        yield (
            f"exercise:{slug}",
            shown_text(found.name if found else slug),
            lambda log, slug=slug: any(x.slug == slug for x in log.exercises),
        )
    medications = dict.fromkeys(x.slug for log in logs for x in log.took)
    for slug in medications:
        found = seeds.medication(slug)
        yield (
            f"medication:{slug}",
            shown_text(found.name if found else slug),
            lambda log, slug=slug: any(x.slug == slug for x in log.took),
        )
    treatments = dict.fromkeys(slug for log in logs for slug in log.treated)
    for slug in treatments:
        yield (
            f"treatment:{slug}",
            treatment_words(slug, seeds),
            lambda log, slug=slug: slug in log.treated,
        )


def compare(with_pain: Sequence[int], without_pain: Sequence[int]) -> Comparison | None:
    """Two groups of pain scores compared, or None when either has fewer than `MIN_DAYS`."""
    if len(with_pain) < MIN_DAYS or len(without_pain) < MIN_DAYS:
        return None
    with_mean, with_var = _mean_variance(with_pain)
    without_mean, without_var = _mean_variance(without_pain)
    difference = with_mean - without_mean
    low, high = welch_interval(
        difference,
        with_var / len(with_pain),
        len(with_pain),
        without_var / len(without_pain),
        len(without_pain),
    )
    return Comparison(
        len(with_pain), with_mean, len(without_pain), without_mean, difference, low, high
    )


def _mean_variance(values: Sequence[int]) -> tuple[Fraction, Fraction]:
    """The mean and the sample variance (divided by n - 1), exactly."""
    n = len(values)
    mean = Fraction(sum(values), n)
    return mean, sum((Fraction(v) - mean) ** 2 for v in values) / (n - 1)


def welch_interval(
    difference: Fraction, v1: Fraction, n1: int, v2: Fraction, n2: int
) -> tuple[float, float]:
    """Welch's 95% interval of a difference of means, from each mean's squared standard
    error (`v1`, `v2`: the group's variance over its size) and the group sizes."""
    spread = v1 + v2
    if spread == 0:  # every score alike on both sides: no uncertainty to show
        return float(difference), float(difference)
    freedom = spread**2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    half = t_quantile((1 + CONFIDENCE) / 2, float(freedom)) * math.sqrt(spread)
    return float(difference) - half, float(difference) + half


def t_quantile(p: float, freedom: float) -> float:
    """The `p` quantile (p > 0.5) of Student's t distribution with `freedom` degrees of
    freedom (any real > 0), by bisection on its distribution function."""
    low, high = 0.0, 1.0
    while t_cdf(high, freedom) < p:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if t_cdf(middle, freedom) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def t_cdf(t: float, freedom: float) -> float:
    """Student's t distribution function at `t` >= 0 (Abramowitz and Stegun 26.7.1, through
    the regularized incomplete beta function)."""
    x = freedom / (freedom + t * t)
    return 1 - 0.5 * _incomplete_beta(freedom / 2, 0.5, x)


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), by its continued fraction
    (Press et al., Numerical Recipes, 3rd ed., 6.4), evaluated where it converges fast."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < 1e-15:
            break
    return result


# -- in words -------------------------------------------------------------------------------

CAVEAT = (
    "These days went together in your diary; that does not show one caused the other. "
    "A pill or a day in bed often follows a bad day, so it goes with higher pain."
)


def signed(value: float | Fraction) -> str:
    """`-0.8`, `+1.2`, `0.0`: a difference to one decimal, with its sign."""
    text = f"{float(value):+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def mean_with_days(mean: Fraction, days: int) -> str:
    """`2.6 (41)`: a group's mean pain and its number of days."""
    return f"{float(mean):.1f} ({days})"


def difference_text(comparison: Comparison | None) -> str:
    """`-0.8 (-1.3 to -0.3)`: the difference and its 95% interval ("-" when not given)."""
    if comparison is None:
        return "-"
    return (
        f"{signed(comparison.difference)} ({signed(comparison.low)} to {signed(comparison.high)})"
    )


def could_be_chance(comparison: Comparison) -> bool:
    """True when the 95% interval takes in no difference at all."""
    return comparison.low <= 0 <= comparison.high


def insight_sentence(insight: Insight) -> str:
    """One factor in a sentence: "Walking went with pain 0.8 lower (2.6 on 41 days with
    it, 3.4 on 37 without)", and whether chance alone could give that."""
    same = insight.same_day
    size = abs(float(same.difference))
    if f"{size:.1f}" == "0.0":
        how = "went with no difference in pain"
    else:
        how = f"went with pain {size:.1f} {'lower' if same.difference < 0 else 'higher'}"
    text = (
        f"{insight.name} {how} ({float(same.with_mean):.1f} on {same.with_days} days with "
        f"it, {float(same.without_mean):.1f} on {same.without_days} without)"
    )
    return text + ("; chance alone could give that" if could_be_chance(same) else "")
