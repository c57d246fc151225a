"""`alert_kinds` answers for many days in one pass exactly what `evaluate` says day by day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import BASE, cases

from painlog.rules.alert_kinds import alert_kinds
from painlog.rules.alerts import KINDS, evaluate
from painlog.rules.records import DayLog, ExerciseDone, Profile
from painlog.seeds.thresholds import thresholds

WALK = (ExerciseDone("walking"),)

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def kinds_by_evaluate(logs, profile: Profile, day: date) -> tuple[str, ...]:
    found = {alert.kind for alert in evaluate(logs, profile, day)}
    return tuple(kind for kind in KINDS if kind in found)


@SETTINGS
@given(cases())
def test_the_same_kinds_as_evaluate_on_every_day(case):
    logs, profile, days = case
    assert alert_kinds(logs, profile, days) == [
        kinds_by_evaluate(logs, profile, day) for day in days
    ]


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_the_logs_does_not_matter(case, rng):
    logs, profile, days = case
    shuffled = logs[:]
    rng.shuffle(shuffled)
    assert alert_kinds(shuffled, profile, days) == alert_kinds(logs, profile, days)


# -- at the thresholds where alert_kinds has its own code --------------------------------------


def test_an_emergency_sign_stays_active_for_exactly_its_window():
    t = thresholds()
    logs = [DayLog(BASE, 0, exercises=WALK, flags=("saddle-numbness",))]
    last = BASE + timedelta(days=t.emergency_active_days - 1)
    assert alert_kinds(logs, Profile(), [last, last + timedelta(days=1)]) == [
        ("emergency",),
        (),
    ]


def test_a_red_flag_stays_active_for_exactly_its_window():
    t = thresholds()
    logs = [DayLog(BASE, 0, exercises=WALK, flags=("fever",))]
    last = BASE + timedelta(days=t.flag_active_days - 1)
    assert alert_kinds(logs, Profile(), [last, last + timedelta(days=1)]) == [("red_flag",), ()]


def test_an_episode_closes_after_exactly_the_gap_of_pain_free_logs():
    t = thresholds()
    painful = [
        DayLog(BASE + timedelta(days=n), 5, exercises=WALK) for n in range(t.subacute_weeks * 7 + 1)
    ]
    after = painful[-1].day
    pain_free = [
        DayLog(after + timedelta(days=n), 0, exercises=WALK)
        for n in range(1, t.episode_gap_days + 1)
    ]
    logs = painful + pain_free
    # Pain persists for `persisting_days`, so ask on the day the gap completes and the
    # day before it, with a painful log kept inside the window by a later one.
    closing = pain_free[-1].day
    days = [closing - timedelta(days=1), closing]
    logs.append(DayLog(closing + timedelta(days=1), 3, exercises=WALK))
    expected = [kinds_by_evaluate(logs, Profile(), day) for day in days]
    assert alert_kinds(logs, Profile(), days) == expected


def test_duration_starts_on_the_42nd_day_and_needs_recent_pain():
    t = thresholds()
    logs = [DayLog(BASE + timedelta(days=n), 4, exercises=WALK) for n in range(50)]
    milestone = BASE + timedelta(days=t.subacute_weeks * 7)
    assert alert_kinds(logs, Profile(), [milestone - timedelta(days=1), milestone]) == [
        (),
        ("duration",),
    ]
    # No painful log among the last `persisting_days`: the episode is still open, no alert.
    quiet = logs[:40] + [DayLog(BASE + timedelta(days=n), 0, exercises=WALK) for n in range(40, 50)]
    day = BASE + timedelta(days=39 + t.persisting_days)
    assert alert_kinds(quiet, Profile(), [day]) == [kinds_by_evaluate(quiet, Profile(), day)]
    assert alert_kinds(quiet, Profile(), [day]) == [()]


def test_an_onset_after_the_day_is_ignored_and_counts_from_it_on():
    logs = [DayLog(BASE + timedelta(days=n), 4, exercises=WALK) for n in range(120)]
    profile = Profile(onset=BASE + timedelta(days=70))
    days = [BASE + timedelta(days=n) for n in (69, 70, 111, 112)]
    assert alert_kinds(logs, profile, days) == [
        kinds_by_evaluate(logs, profile, day) for day in days
    ]
    assert alert_kinds(logs, profile, days) == [("duration",), (), (), ("duration",)]


def test_age_counts_by_the_calendar_year_of_the_day():
    t = thresholds()
    # Severe pain for months with no warning sign: only age can meet criterion 3.
    start = date(2023, 10, 1)
    logs = [DayLog(start + timedelta(days=n), 8, exercises=WALK) for n in range(150)]
    profile = Profile(birth_year=2024 - t.age_over - 1)  # over 55 from 2024 on
    days = [date(2023, 12, 31), date(2024, 1, 1)]
    assert alert_kinds(logs, profile, days) == [("duration",), ("see_clinician", "duration")]


def test_keep_moving_from_bed_rest_and_from_days_without_exercise():
    t = thresholds()
    logs = [DayLog(BASE, 2, exercises=WALK, bed_rest=True)]
    last = BASE + timedelta(days=t.bed_rest_days - 1)
    assert alert_kinds(logs, Profile(), [last, last + timedelta(days=1)]) == [
        ("keep_moving",),
        (),
    ]
    idle = [DayLog(BASE + timedelta(days=n), 2) for n in range(t.no_exercise_logs)]
    latest = idle[-1].day
    days = [latest, latest + timedelta(days=t.recent_log_days - 1)]
    days.append(latest + timedelta(days=t.recent_log_days))
    assert alert_kinds(idle, Profile(), days) == [("keep_moving",), ("keep_moving",), ()]
    assert alert_kinds(idle[1:], Profile(), [latest]) == [()]


def test_no_keep_moving_while_an_emergency_sign_is_active():
    logs = [DayLog(BASE, 2, bed_rest=True, flags=("bladder-bowel-control",))]
    assert alert_kinds(logs, Profile(), [BASE]) == [("emergency",)]


def test_no_logs_and_no_days():
    assert alert_kinds([], Profile(birth_year=1950), [BASE]) == [()]
    assert alert_kinds([DayLog(BASE, 5)], Profile(), []) == []


def test_a_new_episode_has_its_own_baseline_and_warning_signs():
    t = thresholds()
    first = [
        DayLog(BASE + timedelta(days=n), 9, exercises=WALK, flags=("fever",)) for n in range(10)
    ]
    gap = [
        DayLog(BASE + timedelta(days=n), 0, exercises=WALK)
        for n in range(10, 10 + t.episode_gap_days)
    ]
    start = gap[-1].day + timedelta(days=1)
    # Pain 3 from the start: not improving against its own baseline (mean 3), though it
    # would count as improved against the first episode's 9s.
    second = [DayLog(start + timedelta(days=n), 3, exercises=WALK) for n in range(60)]
    day = start + timedelta(weeks=t.check_after_weeks)
    # The first episode's sign does not count for the second; one logged early in the
    # second does (long enough ago that its own red_flag alert is over).
    assert alert_kinds(first + gap + second, Profile(), [day]) == [("duration",)]
    signed = [*second[:5], DayLog(second[5].day, 3, flags=("fever",)), *second[6:]]
    logs = first + gap + signed
    assert alert_kinds(logs, Profile(), [day]) == [("see_clinician", "duration")]
    assert alert_kinds(logs, Profile(), [day]) == [kinds_by_evaluate(logs, Profile(), day)]
