"""The alert rules at, just below and just above every threshold."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from fractions import Fraction
from itertools import product

import pytest

from painlog.rules import alerts as alerts_module
from painlog.rules.alerts import KEEP_MOVING, KEEP_MOVING_SOURCE, KINDS, Alert, evaluate
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.seeds import catalogue
from painlog.seeds.thresholds import thresholds

T = date(2024, 6, 30)  # "today" in every test
WALK = (ExerciseDone("walking"),)
NO_PROFILE = Profile()
ADULT = Profile(birth_year=1984)  # 40 in 2024: age does not count


def day(n: int) -> date:
    """The day `n` days before today."""
    return T - timedelta(days=n)


def log(n: int, pain: int, **fields) -> DayLog:
    """A log `n` days before today; exercise done unless told otherwise (keeps keep_moving out)."""
    fields.setdefault("exercises", WALK)
    return DayLog(day(n), pain, **fields)


def spread(total: int, count: int) -> list[int]:
    """`count` whole pain scores summing to `total`, as even as possible."""
    q, r = divmod(total, count)
    return [q + 1] * r + [q] * (count - r)


def two_weeks(before: list[int], this: list[int]) -> list[DayLog]:
    """Last week's scores from 13 days ago on, this week's from 6 days ago on."""
    return [log(13 - i, p) for i, p in enumerate(before)] + [
        log(6 - i, p) for i, p in enumerate(this)
    ]


def of(alerts: list[Alert], kind: str) -> Alert | None:
    found = [a for a in alerts if a.kind == kind]
    assert len(found) <= 1, found
    return found[0] if found else None


def kinds(alerts: list[Alert]) -> set[str]:
    return {a.kind for a in alerts}


# --- the Alert record ---


def test_kinds_are_most_serious_first():
    assert KINDS == (
        "emergency",
        "same_day",
        "see_clinician",
        "red_flag",
        "worsening",
        "duration",
        "keep_moving",
    )


def test_alert_key_is_kind_and_since_and_alerts_are_frozen():
    alert = Alert("worsening", "warning", T, "m", "r", "s", None)
    assert alert.key == ("worsening", T)
    with pytest.raises(dataclasses.FrozenInstanceError):
        alert.kind = "x"  # type: ignore[misc]


def test_nothing_logged_means_no_alerts():
    assert evaluate([], NO_PROFILE, T) == []
    assert evaluate([], Profile(birth_year=1940, onset=day(100)), T) == []


# --- worsening: 2 points ---


@pytest.mark.parametrize(
    ("before", "this", "rise", "raised"),
    [
        # Last week 4 logs, this week 5: means are exact in twentieths. Last week is high,
        # so 30% would need more than 2 points and only the 2-point rule is in play.
        ((30, 4), (47, 5), "1.9", False),  # 7.5 -> 9.4, +25%
        ((28, 4), (45, 5), "2.0", True),  # 7.0 -> 9.0, +28%
        ((30, 4), (48, 5), "2.1", True),  # 7.5 -> 9.6, +28%
    ],
)
def test_worsening_at_2_points(before, this, rise, raised):
    alerts = evaluate(two_weeks(spread(*before), spread(*this)), NO_PROFILE, T)
    alert = of(alerts, "worsening")
    assert (alert is not None) is raised
    if raised:
        assert f"+{rise} points" in alert.reason
        assert alert.severity == "warning"
        assert alert.source == "extension: Farrar et al., Pain 2001; Ostelo et al., Spine 2008"
        assert alert.advice == KEEP_MOVING


def test_exactly_2_points_counts_where_floating_point_says_1_999():
    # 68/7 - 54/7 is exactly 2, but 9.714285714285714 - 7.714285714285714 < 2.0 in floats.
    assert 68 / 7 - 54 / 7 < 2
    alerts = evaluate(two_weeks(spread(54, 7), spread(68, 7)), NO_PROFILE, T)
    assert of(alerts, "worsening") is not None


# --- worsening: 30% ---


@pytest.mark.parametrize(
    ("before", "this", "raised"),
    [
        ((40, 6), (43, 5), False),  # 6.67 -> 8.6: +29%, +1.93 points
        ((20, 6), (26, 6), True),  # 3.33 -> 4.33: +30% exactly, +1.0 point exactly
        ((31, 7), (29, 5), True),  # 4.43 -> 5.8: +31%, +1.37 points
    ],
)
def test_worsening_at_30_percent(before, this, raised):
    alerts = evaluate(two_weeks(spread(*before), spread(*this)), NO_PROFILE, T)
    assert (of(alerts, "worsening") is not None) is raised


def test_is_worse_agrees_with_exact_fractions_for_every_pair_of_weekly_sums():
    t = thresholds()
    for m, n in product(range(4, 8), repeat=2):
        for b, a in product(range(0, 10 * m + 1), range(0, 10 * n + 1)):
            before, this = Fraction(b, m), Fraction(a, n)
            rise = this - before
            expected = rise >= 2 or (before > 0 and rise / before >= Fraction(3, 10) and rise >= 1)
            assert alerts_module.is_worse((m, b, n, a), t) is expected, (m, b, n, a)


@pytest.mark.parametrize(("this_total", "raised"), [(7, False), (8, True), (9, True)])
def test_from_a_pain_free_week_only_the_2_point_rule_applies(this_total, raised):
    # Last week all 0: any rise is "infinite percent", so 1.75 points is not enough.
    alerts = evaluate(two_weeks([0, 0, 0, 0], spread(this_total, 4)), NO_PROFILE, T)
    alert = of(alerts, "worsening")
    assert (alert is not None) is raised
    if raised:
        assert "%" not in alert.reason


def test_small_wobbles_do_not_raise_worsening():
    alerts = evaluate(two_weeks([5, 6, 5, 6, 5, 6, 5], [6, 6, 5, 6, 6, 6, 6]), NO_PROFILE, T)
    assert of(alerts, "worsening") is None


def test_worsening_reason_gives_both_means_and_the_change():
    alerts = evaluate(two_weeks([4] * 7, [6] * 7), NO_PROFILE, T)
    assert of(alerts, "worsening").reason == (
        "mean 6.0 this week vs 4.0 last week (+2.0 points, +50%)"
    )


@pytest.mark.parametrize(("logged", "raised"), [(3, False), (4, True), (5, True)])
def test_this_week_needs_4_logged_days(logged, raised):
    alerts = evaluate(two_weeks([2] * 7, [8] * logged), NO_PROFILE, T)
    assert (of(alerts, "worsening") is not None) is raised


@pytest.mark.parametrize(("logged", "raised"), [(3, False), (4, True), (5, True)])
def test_last_week_needs_4_logged_days(logged, raised):
    alerts = evaluate(two_weeks([2] * logged, [8] * 7), NO_PROFILE, T)
    assert (of(alerts, "worsening") is not None) is raised


def test_worsening_since_is_the_first_day_of_the_unbroken_run_and_stays_put():
    logs = [log(n, 2) for n in range(20, 6, -1)] + [log(n, 8) for n in range(6, -1, -1)]
    first = of(evaluate(logs, NO_PROFILE, day(3)), "worsening")
    later = of(evaluate(logs, NO_PROFILE, T), "worsening")
    assert first is not None and later is not None
    assert first.since == later.since == first.key[1]
    assert first.since <= day(3)


# --- duration: 41 / 42 / 43 and 83 / 84 / 85 days ---


def _pain_every_day(since_days: int, pain: int = 3) -> list[DayLog]:
    return [log(n, pain) for n in range(since_days, -1, -1)]


@pytest.mark.parametrize(
    ("elapsed", "milestone"),
    [(41, None), (42, 6), (43, 6), (83, 6), (84, 12), (85, 12)],
)
def test_duration_alert_at_6_and_12_weeks(elapsed, milestone):
    alert = of(evaluate(_pain_every_day(elapsed), NO_PROFILE, T), "duration")
    if milestone is None:
        assert alert is None
        return
    assert alert.since == day(elapsed) + timedelta(weeks=milestone)
    assert f"{milestone} weeks" in alert.message
    assert alert.severity == "info"
    assert alert.source == "Chou et al., Ann Intern Med 2007;147:478-91 (ACP/APS guideline)"
    assert alert.advice == KEEP_MOVING


def test_duration_uses_the_profile_onset():
    logs = [log(n, 4) for n in range(5, -1, -1)]
    alert = of(evaluate(logs, Profile(onset=day(50)), T), "duration")
    assert alert is not None and alert.since == day(50) + timedelta(weeks=6)


@pytest.mark.parametrize(("last_pain", "raised"), [(5, True), (6, True), (7, False)])
def test_duration_only_while_pain_persists_in_the_last_7_days(last_pain, raised):
    # Pain up to `last_pain` days ago, pain-free logs after (fewer than 14: still open),
    # and unlogged days before them (fewer than 28: the episode goes on).
    logs = [log(n, 3 if n >= last_pain else 0) for n in range(60, -1, -1)]
    logs = [entry for entry in logs if entry.day >= day(last_pain) or entry.day <= day(30)]
    assert (of(evaluate(logs, NO_PROFILE, T), "duration") is not None) is raised


def test_no_logs_in_the_last_7_days_means_no_duration_alert():
    logs = [log(n, 5) for n in range(60, 7, -1)]
    assert of(evaluate(logs, NO_PROFILE, T), "duration") is None


# --- emergency ---


@pytest.mark.parametrize("pain", [0, 1])
@pytest.mark.parametrize("flag", ["saddle-numbness", "bladder-bowel-control", "urinary-retention"])
def test_emergency_whatever_the_pain_score_with_no_keep_moving_advice(pain, flag):
    alerts = evaluate([log(0, pain, flags=(flag,), exercises=())], NO_PROFILE, T)
    alert = alerts[0]
    assert alert.kind == "emergency"
    assert alert.severity == "emergency"
    assert alert.since == T
    assert alert.advice is None and alert.suggestions == ()
    assert "emergency" in alert.message and "now" in alert.message
    assert catalogue().red_flag(flag).name in alert.reason
    assert alert.reported == T
    assert "extension: red-flag screening framework (IFOMPT" in alert.source


def test_while_an_emergency_is_active_no_alert_tells_the_person_to_keep_moving():
    logs = [log(n, 4 if n > 6 else 8, exercises=(), bed_rest=True) for n in range(60, 0, -1)]
    logs.append(log(0, 9, flags=("saddle-numbness", "fever"), exercises=(), bed_rest=True))
    alerts = evaluate(logs, ADULT, T)
    assert alerts[0].kind == "emergency"
    assert "keep_moving" not in kinds(alerts)
    assert {"red_flag", "worsening", "duration", "see_clinician"} <= kinds(alerts)
    assert all(a.advice is None and a.suggestions == () for a in alerts)


@pytest.mark.parametrize(("ago", "active"), [(27, True), (28, False), (29, False)])
def test_emergency_stays_active_for_28_days(ago, active):
    logs = [log(ago, 0, flags=("bladder-bowel-control",))]
    assert (of(evaluate(logs, NO_PROFILE, T), "emergency") is not None) is active


def test_an_emergency_sign_logged_twice_within_28_days_is_one_alert():
    logs = [log(20, 0, flags=("saddle-numbness",)), log(0, 0, flags=("saddle-numbness",))]
    alert = of(evaluate(logs, NO_PROFILE, T), "emergency")
    assert alert.since == day(20)


def test_emergency_signs_do_not_also_raise_red_flag():
    alerts = evaluate([log(0, 2, flags=("saddle-numbness",))], NO_PROFILE, T)
    assert kinds(alerts) == {"emergency"}


# --- red flags: new in 28 days, active 28 days ---


@pytest.mark.parametrize(("ago", "active"), [(27, True), (28, False), (29, False)])
def test_red_flag_active_while_logged_in_the_last_28_days(ago, active):
    alert = of(evaluate([log(ago, 2, flags=("fever",))], NO_PROFILE, T), "red_flag")
    assert (alert is not None) is active
    if active:
        assert alert.since == day(ago)
        assert alert.severity == "warning"
        assert "Fever or feeling unwell" in alert.reason
        assert alert.advice == KEEP_MOVING


@pytest.mark.parametrize(("gap", "new"), [(27, False), (28, False), (29, True)])
def test_red_flag_is_new_only_when_not_logged_in_the_28_days_before(gap, new):
    logs = [log(gap, 2, flags=("weight-loss",)), log(0, 2, flags=("weight-loss",))]
    alert = of(evaluate(logs, NO_PROFILE, T), "red_flag")
    assert alert.since == (T if new else day(gap))


def test_a_sign_logged_every_day_keeps_one_alert_with_a_stable_key():
    logs = [log(n, 3, flags=("fever",)) for n in range(90, -1, -1)]
    assert of(evaluate(logs, NO_PROFILE, T), "red_flag").since == day(90)


def test_signs_first_logged_on_different_days_get_separate_alerts_newest_first():
    logs = [log(10, 2, flags=("fever",)), log(3, 2, flags=("trauma", "weight-loss"))]
    flagged = [a for a in evaluate(logs, NO_PROFILE, T) if a.kind == "red_flag"]
    assert [a.since for a in flagged] == [day(3), day(10)]
    assert "Recent fall or injury" in flagged[0].reason
    assert "Unexplained weight loss" in flagged[0].reason


def test_age_alone_raises_no_daily_alert():
    assert evaluate([log(0, 2)], Profile(birth_year=1930), T) == []


# --- see_clinician: the three-criteria rule ---


def clinician_case(
    elapsed: int = 50,
    baseline: int = 5,
    middle: int = 5,
    this_week: list[int] | None = None,
    flag_ago: int | None = None,
) -> list[DayLog]:
    """An episode `elapsed` days old: a first week of `baseline`, then `middle`, then this week."""
    this_week = [5] * 7 if this_week is None else this_week
    logs = []
    for n in range(elapsed, -1, -1):
        if n <= 6:
            if 6 - n >= len(this_week):
                continue
            pain = this_week[6 - n]
        elif n > elapsed - 7:
            pain = baseline
        else:
            pain = middle
        flags = ("fever",) if n == flag_ago else ()
        logs.append(log(n, pain, flags=flags))
    return logs


def test_all_three_criteria_raise_see_clinician():
    alerts = evaluate(clinician_case(flag_ago=30), ADULT, T)
    alert = of(alerts, "see_clinician")
    assert alert is not None
    assert alert.severity == "urgent"
    assert alerts[0] is alert  # no emergency: it leads
    assert "not improving" in alert.reason and "Fever or feeling unwell" in alert.reason
    assert alert.advice == KEEP_MOVING
    assert "Three-criteria rule of the low back pain articles" in alert.source
    assert "Chou" not in alert.source


@pytest.mark.parametrize(("elapsed", "raised"), [(41, False), (42, True), (43, True)])
def test_criterion_1_six_weeks(elapsed, raised):
    alerts = evaluate(clinician_case(elapsed=elapsed, flag_ago=20), ADULT, T)
    assert (of(alerts, "see_clinician") is not None) is raised


def test_criterion_2_missing_no_see_clinician():
    # Improved by more than 30% (5 -> 3), not severe, not rising.
    alerts = evaluate(clinician_case(middle=3, this_week=[3] * 7, flag_ago=20), ADULT, T)
    assert of(alerts, "see_clinician") is None


def test_criterion_3_missing_no_see_clinician():
    alerts = evaluate(clinician_case(), ADULT, T)
    assert of(alerts, "see_clinician") is None


def test_a_flag_before_the_episode_does_not_count():
    logs = [log(80, 2, flags=("fever",))] + [log(n, 0) for n in range(79, 64, -1)]
    logs += clinician_case(elapsed=50)
    assert of(evaluate(logs, ADULT, T), "see_clinician") is None


@pytest.mark.parametrize(
    ("age", "raised"),
    [(19, True), (20, True), (21, False), (40, False), (55, False), (56, True)],
)
def test_age_counts_as_the_red_flag_of_criterion_3(age, raised):
    alerts = evaluate(clinician_case(), Profile(birth_year=T.year - age), T)
    alert = of(alerts, "see_clinician")
    assert (alert is not None) is raised
    if raised:
        assert f"age {age}" in alert.reason


@pytest.mark.parametrize(
    ("this_week", "raised"),
    [
        (spread(48, 7), False),  # mean 6.86: not severe, and 31% below the baseline of 10
        (spread(49, 7), True),  # mean 7.0: severe (exactly 30% below 10 counts as improved)
        (spread(50, 7), True),  # mean 7.14
    ],
)
def test_severe_at_a_mean_of_7(this_week, raised):
    logs = clinician_case(baseline=10, middle=7, this_week=this_week, flag_ago=20)
    alert = of(evaluate(logs, ADULT, T), "see_clinician")
    assert (alert is not None) is raised
    if alert is not None and sum(this_week) == 49:
        assert "severe" in alert.reason and "not improving" not in alert.reason


@pytest.mark.parametrize(
    ("this_week", "raised"),
    [
        ([4, 4, 4, 4, 3, 3, 3], True),  # 25/7 = 3.57: 28.6% below 5, not improving
        ([4, 4, 3, 3], False),  # 3.5: exactly 30% below 5, improving
        ([4, 4, 4, 3, 3, 3, 3], False),  # 24/7 = 3.43: 31.4% below 5, improving
    ],
)
def test_not_improving_is_less_than_30_percent_below_the_first_week(this_week, raised):
    logs = clinician_case(baseline=5, middle=4, this_week=this_week, flag_ago=20)
    assert (of(evaluate(logs, ADULT, T), "see_clinician") is not None) is raised


def test_worsening_alone_satisfies_criterion_2():
    # Big improvement on the first week (10 -> 3.x), not severe, but up 2 points on last week.
    logs = clinician_case(baseline=10, middle=1, this_week=[3] * 7, flag_ago=20)
    alert = of(evaluate(logs, ADULT, T), "see_clinician")
    assert alert is not None
    assert "getting worse" in alert.reason and "not improving" not in alert.reason


def test_see_clinician_since_is_stable_from_day_to_day():
    logs = clinician_case(elapsed=60, flag_ago=40)
    yesterday = of(evaluate(logs, ADULT, day(1)), "see_clinician")
    now = of(evaluate(logs, ADULT, T), "see_clinician")
    assert yesterday.since == now.since == day(60) + timedelta(weeks=6)


# --- keep moving ---


@pytest.mark.parametrize(("idle", "raised"), [(2, False), (3, True), (4, True)])
def test_keep_moving_after_3_logged_days_without_exercise(idle, raised):
    logs = [log(n, 3, exercises=() if n < idle else WALK) for n in range(10, -1, -1)]
    alert = of(evaluate(logs, NO_PROFILE, T), "keep_moving")
    assert (alert is not None) is raised
    if raised:
        # It first held on the third idle log in a row.
        assert alert.since == day(idle - 3)
        assert alert.severity == "info"
        assert alert.source == KEEP_MOVING_SOURCE == "NINDS low back pain fact sheet"
        assert alert.advice == KEEP_MOVING
        assert len(alert.suggestions) == 2


def test_the_3_days_without_exercise_are_logged_days_not_calendar_days():
    logs = [log(30, 3), log(20, 3, exercises=()), log(10, 3, exercises=()), log(0, 3, exercises=())]
    assert of(evaluate(logs, NO_PROFILE, T), "keep_moving") is not None


@pytest.mark.parametrize(("ago", "raised"), [(6, True), (7, False)])
def test_no_exercise_reminder_needs_a_log_in_the_last_7_days(ago, raised):
    logs = [log(ago + 2, 3, exercises=()), log(ago + 1, 3, exercises=()), log(ago, 3, exercises=())]
    assert (of(evaluate(logs, NO_PROFILE, T), "keep_moving") is not None) is raised


@pytest.mark.parametrize(("ago", "raised"), [(0, True), (2, True), (3, False)])
def test_keep_moving_after_a_bed_rest_day_in_the_last_3_days(ago, raised):
    logs = [log(n, 3, bed_rest=n == ago) for n in range(5, -1, -1)]
    alert = of(evaluate(logs, NO_PROFILE, T), "keep_moving")
    assert (alert is not None) is raised
    if raised:
        assert alert.since == day(ago)
        assert "bed rest" in alert.reason and "bed" in alert.message


def test_suggestions_follow_the_latest_logged_days_places():
    hip = (Place("hip-side", "left"),)
    back = (Place("lower-back"),)
    logs = [log(2, 3, places=back, exercises=()), log(1, 3, exercises=()), log(0, 3, places=hip)]
    logs[-1] = dataclasses.replace(logs[-1], exercises=(), bed_rest=True)
    alert = of(evaluate(logs, NO_PROFILE, T), "keep_moving")
    seeds = catalogue()
    assert all("hip" in seeds.exercise(slug).regions for slug in alert.suggestions)


# --- ordering ---


def test_alerts_come_most_serious_first_then_newest_first():
    logs = [log(n, 4, exercises=()) for n in range(60, 7, -1)]
    logs += [log(n, 8, exercises=()) for n in range(7, 0, -1)]
    logs.append(log(0, 8, flags=("fever",), exercises=()))
    logs.append(log(45, 4, flags=("trauma",), exercises=()))
    alerts = evaluate(logs, ADULT, T)
    order = [KINDS.index(a.kind) for a in alerts]
    assert order == sorted(order)
    assert [a.kind for a in alerts][:2] == ["see_clinician", "red_flag"]
    for a in alerts:
        assert a.severity == alerts_module.SEVERITY[a.kind]
