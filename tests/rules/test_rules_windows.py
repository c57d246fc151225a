"""Day logs in order and exact window means."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.rules.windows import PainSeries, day_logs, format_mean

D0 = date(2024, 3, 1)


def test_day_logs_sorts_and_drops_days_after_until():
    logs = [DayLog(D0 + timedelta(days=n), n) for n in (3, 1, 2, 5)]
    assert [log.day for log in day_logs(logs)] == [D0 + timedelta(days=n) for n in (1, 2, 3, 5)]
    assert [log.pain for log in day_logs(logs, until=D0 + timedelta(days=3))] == [1, 2, 3]


def test_duplicate_days_merge_without_losing_a_warning_sign_in_any_order():
    a = DayLog(D0, 3, places=(Place("hip-side", "left"),), flags=("saddle-numbness",))
    b = DayLog(D0, 5, worst=8, exercises=(ExerciseDone("walking"),), bed_rest=True, note="x")
    merged_ab = day_logs([a, b])
    assert merged_ab == day_logs([b, a])
    (merged,) = merged_ab
    assert merged.pain == 5 and merged.worst == 8 and merged.bed_rest
    assert merged.flags == ("saddle-numbness",)
    assert merged.places == a.places and merged.exercises == b.exercises


def test_window_counts_only_logged_days_and_means_are_exact():
    logs = day_logs([DayLog(D0, 1), DayLog(D0 + timedelta(days=2), 2)])
    series = PainSeries(logs)
    window = series.window(D0, D0 + timedelta(days=6))
    assert (window.count, window.total, window.mean) == (2, 3, Fraction(3, 2))
    assert series.ending(D0 + timedelta(days=1), 7).count == 1
    assert series.window(D0 + timedelta(days=10), D0 + timedelta(days=20)).mean is None
    assert series.stats(D0.toordinal(), D0.toordinal() + 2) == (2, 3)
    assert series.latest_index(D0 + timedelta(days=1)) == 0
    assert series.latest_index(D0 - timedelta(days=1)) == -1


def test_format_mean_uses_one_decimal():
    assert format_mean(Fraction(45, 7)) == "6.4"
