"""Day logs in calendar order, and the mean pain over a window of days.

Every rule starts here: `day_logs` puts the logs in order with one log per day and drops the
ones after `today`, and `PainSeries` answers "how many days were logged between these dates,
and what was their mean pain" in O(log n), so a rule that looks at many windows stays linear.
Means are exact fractions: a rule that turns on "2 points" or "30%" must not flip because
6.4 - 4.4 is 1.9999999999999996 in floating point.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from operator import lt

from painlog.rules.records import DayLog

__all__ = ["PainSeries", "Window", "day_logs", "format_mean", "with_log"]


def day_logs(logs: Iterable[DayLog], until: date | None = None) -> tuple[DayLog, ...]:
    """Return the logs sorted by day, one per day, leaving out days after `until`.

    The store keeps one log per day, so duplicates should not occur; if they do, they are
    merged rather than one being dropped (highest pain, every place, exercise and warning sign,
    bed rest if either says so), so an emergency sign can never be lost and the result does not
    depend on the order the logs came in.

    Args:
        logs: Day logs in any order.
        until: The last day to keep (normally today); None keeps every log.

    Returns:
        The logs in calendar order.
    """
    if isinstance(logs, list | tuple) and _ascending(logs):
        # The store's usual answer: already one per day, in order. Checking that is a few
        # times cheaper than grouping and sorting, which every rule would pay for.
        end = len(logs)
        if until is not None:
            while end and logs[end - 1].day > until:
                end -= 1
        return tuple(logs[:end])
    by_day: dict[date, list[DayLog]] = {}
    for log in logs:
        if until is None or log.day <= until:
            by_day.setdefault(log.day, []).append(log)
    return tuple(
        group[0] if len(group) == 1 else _merge(group)
        for _, group in sorted(by_day.items(), key=lambda item: item[0])
    )


def with_log(logs: Sequence[DayLog], log: DayLog) -> list[DayLog]:
    """`logs` (in calendar order, one per day) with `log` in place of any log of its day:
    the history as it reads once `log` is saved, without reading it again."""
    return sorted([x for x in logs if x.day != log.day] + [log], key=lambda x: x.day)


def _ascending(logs: Sequence[DayLog]) -> bool:
    """Whether every log is for a later day than the one before it."""
    days = [log.day for log in logs]
    return all(map(lt, days, days[1:]))


def _union(parts: Iterable[tuple]) -> tuple:
    # Sorted by repr so the merge is the same whichever order the duplicates arrived in.
    return tuple(sorted({item for part in parts for item in part}, key=repr))


def _merge(group: Sequence[DayLog]) -> DayLog:
    worsts = [log.worst for log in group if log.worst is not None]
    return DayLog(
        day=group[0].day,
        pain=max(log.pain for log in group),
        worst=max(worsts) if worsts else None,
        places=_union(log.places for log in group),
        exercises=_union(log.exercises for log in group),
        flags=_union(log.flags for log in group),
        bed_rest=any(log.bed_rest for log in group),
        note="\n".join(sorted({log.note for log in group if log.note})),
        took=_union(log.took for log in group),
        treated=_union(log.treated for log in group),
        checkins=tuple(sorted(_union(log.checkins for log in group), key=lambda x: x.at)),
    )


@dataclass(frozen=True, slots=True)
class Window:
    """The logged days in a span of calendar days.

    Attributes:
        first: First day of the span.
        last: Last day of the span (inclusive).
        count: How many of its days were logged.
        total: Sum of their pain scores.
    """

    first: date
    last: date
    count: int
    total: int

    @property
    def mean(self) -> Fraction | None:
        """Exact mean pain of the logged days, or None when none was logged."""
        return Fraction(self.total, self.count) if self.count else None

    def has(self, minimum: int) -> bool:
        """Whether at least `minimum` days were logged, so the mean can be trusted."""
        return self.count >= minimum


class PainSeries:
    """Sorted day logs with prefix sums, for O(log n) window queries.

    Build it once from `day_logs(...)` output and ask as many windows as needed.
    """

    __slots__ = ("_ordinals", "_sums", "logs")

    def __init__(self, logs: Sequence[DayLog]) -> None:
        """Index logs that are already sorted with one per day (see `day_logs`)."""
        self.logs = tuple(logs)
        self._ordinals = [log.day.toordinal() for log in self.logs]
        sums = [0]
        for log in self.logs:
            sums.append(sums[-1] + log.pain)
        self._sums = sums

    def span(self, first: date, last: date) -> tuple[int, int]:
        """Index range [lo, hi) of the logs with first <= day <= last."""
        lo = bisect_left(self._ordinals, first.toordinal())
        hi = bisect_right(self._ordinals, last.toordinal())
        return lo, max(lo, hi)

    def stats(self, first: int, last: int) -> tuple[int, int]:
        """(count, total pain) of the logs with day ordinals first..last inclusive.

        The int form of `window`, for rules that scan day by day and must stay cheap.
        """
        ordinals = self._ordinals
        lo = bisect_left(ordinals, first)
        hi = bisect_right(ordinals, last, lo)
        return hi - lo, self._sums[hi] - self._sums[lo]

    def latest_stats(self, last: int, count: int, first: int) -> tuple[int, int, int]:
        """(count, total pain, first ordinal) of the `count` latest logs with day ordinals
        first..last inclusive (fewer when fewer were logged there); the ordinal is of the
        earliest of them, or `last` + 1 when there is none."""
        ordinals = self._ordinals
        hi = bisect_right(ordinals, last)
        lo = max(bisect_left(ordinals, first, 0, hi), hi - count)
        earliest = ordinals[lo] if lo < hi else last + 1
        return hi - lo, self._sums[hi] - self._sums[lo], earliest

    def window(self, first: date, last: date) -> Window:
        """The logged days from `first` to `last` inclusive."""
        lo, hi = self.span(first, last)
        return Window(first, last, hi - lo, self._sums[hi] - self._sums[lo])

    def ending(self, day: date, days: int) -> Window:
        """The window of `days` calendar days that ends on `day` (inclusive)."""
        return self.window(day - timedelta(days=days - 1), day)

    def latest_index(self, day: date | int) -> int:
        """Index of the latest log on or before `day` (a date or ordinal), or -1 if none."""
        ordinal = day if isinstance(day, int) else day.toordinal()
        return bisect_right(self._ordinals, ordinal) - 1


def format_mean(value: Fraction) -> str:
    """A mean as people read it: one decimal place."""
    return format_ratio(value.numerator, value.denominator)


def format_ratio(numerator: int, denominator: int) -> str:
    """`format_mean` of the fraction `numerator / denominator`, without making it.

    Dividing one int by another gives the float nearest the exact value, as
    `float(Fraction)` does, without the generic conversion that goes through for every
    one of years of weekly rows.
    """
    return f"{numerator / denominator:.1f}"
