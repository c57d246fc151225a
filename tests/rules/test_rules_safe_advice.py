"""Issue 16, safe advice at the edges: each rule at its thresholds (below, at, above), and the
property that no alert speaks of activity where it could harm."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import cases

from painlog.rules import alert_kinds as alert_kinds_module
from painlog.rules.advice import KEEP_MOVING, SOURCES
from painlog.rules.alerts import (
    KINDS,
    SEVERITY,
    Alert,
    acknowledgement_answers,
    evaluate,
    is_emergency_sign,
    review,
)
from painlog.rules.episodes import (
    Episode,
    EpisodeTracker,
    current_episode,
    episodes,
    profile_flags,
    split_episodes,
)
from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.seeds.thresholds import thresholds

T = date(2024, 6, 30)  # "today" in every test
WALK = (ExerciseDone("walking"),)
ADULT = Profile(birth_year=1984)  # 40 in 2024: no age rule applies
HIP = (Place("hip-side", "left"),)

ACTIVITY = re.compile(
    r"exercis|walk|stretch|\bmov(e|es|ing|ement)\b|programme|program\b|\bactiv(e|ity)\b",
    re.IGNORECASE,
)
"""Words of activity advice: exercise, walking, stretching, movement, a programme."""


def day(n: int) -> date:
    """The day `n` days before today."""
    return T - timedelta(days=n)


def log(n: int, pain: int, **fields) -> DayLog:
    """A log `n` days before today; exercise done unless told otherwise."""
    fields.setdefault("exercises", WALK)
    return DayLog(day(n), pain, **fields)


def of(alerts: list[Alert], kind: str) -> Alert | None:
    found = [a for a in alerts if a.kind == kind]
    assert len(found) <= 1, found
    return found[0] if found else None


def kinds(alerts: list[Alert]) -> set[str]:
    return {a.kind for a in alerts}


def whole_text(alert: Alert) -> str:
    """Everything an alert says: message, reason, advice, suggestions and source."""
    return " ".join(
        [alert.message, alert.reason, alert.advice or "", *alert.suggestions, alert.source]
    )


def born(age: int) -> Profile:
    """A profile whose age by birth year is `age` this year."""
    return Profile(birth_year=T.year - age)


# --- item 1: no activity advice where it could harm ---------------------------------------------

PROPERTY = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _logged_within(logs: list[DayLog], slugs, today: date, days: int) -> bool:
    return any(
        0 <= (today - entry.day).days < days and set(entry.flags) & set(slugs) for entry in logs
    )


@PROPERTY
@given(cases())
def test_no_alert_speaks_of_activity_beside_an_emergency_a_fall_or_a_same_day_alert(case):
    """Worked out from the logs here, not from the rules' own situation: an emergency sign
    in its active window, a fall or not bearing weight in the last 14 days, or a same_day
    alert. Then no keep_moving, and no alert's whole text speaks of activity."""
    logs, profile, days = case
    t = thresholds()
    emergency_slugs = {entry for log_ in logs for entry in log_.flags if is_emergency_sign(entry)}
    for today in days:
        alerts = evaluate(logs, profile, today)
        guarded = (
            _logged_within(logs, emergency_slugs, today, t.emergency_active_days)
            or _logged_within(logs, ("trauma", "cannot-bear-weight"), today, t.hip_quiet_days)
            or "same_day" in kinds(alerts)
        )
        if guarded:
            assert "keep_moving" not in kinds(alerts)
            for alert in alerts:
                assert alert.advice is None and alert.suggestions == (), alert
                assert not ACTIVITY.search(whole_text(alert)), whole_text(alert)
        else:
            # Otherwise the reminder to keep moving goes with every alert but the emergency.
            for alert in alerts:
                assert alert.advice == KEEP_MOVING, alert


def test_the_review_of_the_example_of_a_saddle_numbness_in_a_long_worsening_episode():
    """Saddle numbness logged today in a 13-week episode that is worsening."""
    logs = [log(n, 4 if n > 6 else 7) for n in range(91, 0, -1)]
    logs.append(log(0, 8, flags=("saddle-numbness",)))
    alerts = evaluate(logs, ADULT, T)
    assert [a.kind for a in alerts] == ["emergency", "see_clinician", "worsening", "duration"]
    for alert in alerts:
        assert not ACTIVITY.search(whole_text(alert)), whole_text(alert)
    assert "assesses you" in of(alerts, "worsening").message
    assert of(alerts, "duration").message == (
        "Your pain has lasted 12 weeks: tell whoever assesses you."
    )


@pytest.mark.parametrize(("ago", "quiet"), [(13, True), (14, False), (15, False)])
@pytest.mark.parametrize("sign", ["trauma", "cannot-bear-weight"])
def test_no_activity_advice_for_14_days_after_a_fall_or_not_bearing_weight(ago, quiet, sign):
    # Days without exercise and rising pain: keep_moving and worsening would both speak.
    logs = [log(n, 2 if n > 6 else 6, exercises=()) for n in range(20, -1, -1)]
    logs = [
        DayLog(entry.day, entry.pain, flags=(sign,)) if entry.day == day(ago) else entry
        for entry in logs
    ]
    alerts = evaluate(logs, ADULT, T)
    assert ("keep_moving" not in kinds(alerts)) is quiet
    worsening = of(alerts, "worsening")
    assert (worsening.advice is None) is quiet
    assert bool(ACTIVITY.search(worsening.message)) is not quiet


# --- item 2: same_day --------------------------------------------------------------------------


def test_same_day_comes_right_after_emergency_and_is_urgent():
    assert KINDS[:2] == ("emergency", "same_day")
    assert SEVERITY["same_day"] == "urgent"
    assert "Hip-pain articles" in SOURCES["same_day"]
    assert "extension: the age cut-off" in SOURCES["same_day"]


@pytest.mark.parametrize(("apart", "raised"), [(2, True), (3, True), (4, False)])
def test_a_fall_and_not_bearing_weight_no_more_than_3_days_apart(apart, raised):
    logs = [log(apart, 3, flags=("trauma",)), log(0, 6, flags=("cannot-bear-weight",))]
    alert = of(evaluate(logs, ADULT, T), "same_day")
    assert (alert is not None) is raised
    if raised:
        assert alert.severity == "urgent" and alert.advice is None and not alert.suggestions
        assert "today" in alert.message and "same day" in alert.message
        assert "Recent fall or injury logged on" in alert.reason
        assert "Can't put weight on the leg logged on" in alert.reason


@pytest.mark.parametrize(("ago", "raised"), [(1, True), (2, True), (3, False)])
def test_the_later_of_the_two_logged_in_the_last_3_days(ago, raised):
    # Not bearing weight first, the fall after it: either order pairs.
    logs = [log(ago + 1, 5, flags=("cannot-bear-weight",)), log(ago, 5, flags=("trauma",))]
    assert (of(evaluate(logs, ADULT, T), "same_day") is not None) is raised


@pytest.mark.parametrize("sign", ["trauma", "cannot-bear-weight"])
@pytest.mark.parametrize(("age", "raised"), [(64, False), (65, True), (66, True)])
def test_either_sign_alone_from_65_by_birth_year(sign, age, raised):
    alert = of(evaluate([log(0, 4, flags=(sign,))], born(age), T), "same_day")
    assert (alert is not None) is raised
    if raised:
        assert "at 65 or over" in alert.message
        assert f"age {age} by birth year (65 or over)" in alert.reason


@pytest.mark.parametrize(("ago", "raised"), [(2, True), (3, False)])
def test_a_single_sign_at_65_counts_while_logged_in_the_last_3_days(ago, raised):
    alerts = evaluate([log(ago, 4, flags=("trauma",))], born(80), T)
    assert (of(alerts, "same_day") is not None) is raised


def test_the_example_of_a_fall_at_85_unable_to_bear_weight_a_day_in_bed():
    logs = [
        log(1, 5, places=HIP),
        log(0, 8, places=HIP, flags=("trauma", "cannot-bear-weight"), bed_rest=True),
    ]
    alerts = evaluate(logs, born(85), T)
    assert [a.kind for a in alerts] == ["same_day", "red_flag"]
    red_flag = of(alerts, "red_flag")
    assert red_flag.message == "Tell whoever assesses you about this warning sign too."
    for alert in alerts:
        assert alert.advice is None and not alert.suggestions
        assert not ACTIVITY.search(whole_text(alert))


def test_same_day_since_is_the_first_day_it_held_and_stays_put():
    logs = [log(2, 4, flags=("trauma",)), log(1, 6, flags=("cannot-bear-weight",)), log(0, 6)]
    yesterday = of(evaluate(logs, ADULT, day(1)), "same_day")
    now = of(evaluate(logs, ADULT, T), "same_day")
    assert yesterday.since == now.since == day(1)


# --- item 3: the signs --------------------------------------------------------------------------


def test_new_difficulty_passing_urine_is_an_emergency_and_hip_swelling_a_red_flag():
    assert of(evaluate([log(0, 0, flags=("urinary-retention",))], ADULT, T), "emergency")
    alerts = evaluate([log(0, 3, flags=("hip-swelling",))], ADULT, T)
    assert kinds(alerts) == {"red_flag"} and "Swelling around the hip" in alerts[0].reason
    assert not is_emergency_sign("urination-trouble")


# --- item 4: criterion 2 when few days a week are logged ----------------------------------------


def mon_wed_fri(weeks: int, pain: int, sign_first: str | None = "foot-drop") -> list[DayLog]:
    """Logs on three days a week (today is a Sunday), the first one with a warning sign."""
    start = T - timedelta(weeks=weeks)
    found = []
    current = start
    while current <= T:
        if current.weekday() in (0, 2, 4):
            flags = (sign_first,) if sign_first and not found else ()
            found.append(DayLog(current, pain, exercises=WALK, flags=flags))
        current += timedelta(days=1)
    return found


def test_the_example_of_severe_pain_three_days_a_week_for_nine_weeks_with_foot_drop():
    assert T.weekday() == 6
    logs = mon_wed_fri(9, 9)
    found = review(logs, ADULT, T)
    alert = of(found.alerts, "see_clinician")
    assert alert is not None and found.notes == ()
    assert "severe: mean 9.0 over your 4 latest logged days" in alert.reason
    assert "it is severe" in alert.message and "Dragging toe or foot drop" in alert.message
    # Never a week with 4 logged days: no worsening, whatever the numbers.
    assert "worsening" not in kinds(found.alerts)


def sparse_case(recent: list[int], first: list[int] | None = None) -> list[DayLog]:
    """An episode 50 days old with a sign: its first logged days, then `recent` as the only
    logs of the last 14 days, 3 of them in the last 7 (so the week alone cannot tell)."""
    first = [5, 5, 5, 5] if first is None else first
    logs = [log(50 - i, p, flags=("fever",) if i == 0 else ()) for i, p in enumerate(first)]
    logs += [log(n, 3) for n in range(40, 14, -3)]
    spots = [13, 10, 6, 3, 0][-len(recent) :]
    return logs + [log(n, p) for n, p in zip(spots, recent, strict=True)]


@pytest.mark.parametrize(("logged", "known"), [(3, False), (4, True), (5, True)])
def test_fewer_than_4_logged_days_in_14_leave_criterion_2_unknown(logged, known):
    found = review(sparse_case([9] * logged), ADULT, T)
    assert (of(found.alerts, "see_clinician") is not None) is known
    assert bool(found.notes) is not known
    if not known:
        assert "fewer than 4 of the last 14 days logged" in found.notes[0]


def test_no_note_when_criterion_3_cannot_hold():
    logs = [entry for entry in sparse_case([9, 9, 9]) if not entry.flags]
    assert review(logs, ADULT, T).notes == ()


@pytest.mark.parametrize(("total", "raised"), [(27, False), (28, True), (29, True)])
def test_sparse_severe_at_a_mean_of_7_of_the_4_latest(total, raised):
    # The first logged days high (10), so only severity can hold: 7 is 30% below 10.
    scores = [total // 4 + (1 if i < total % 4 else 0) for i in range(4)]
    alert = of(evaluate(sparse_case(scores, first=[10] * 4), ADULT, T), "see_clinician")
    assert (alert is not None) is raised
    if raised:
        assert "it is severe" in alert.message


@pytest.mark.parametrize(("total", "raised"), [(13, False), (14, False), (15, True)])
def test_sparse_not_improving_against_the_first_4_logged_days(total, raised):
    # First days mean 5: 3.5 is exactly 30% below (improved), 3.75 is not.
    scores = [total // 4 + (1 if i < total % 4 else 0) for i in range(4)]
    alert = of(evaluate(sparse_case(scores), ADULT, T), "see_clinician")
    assert (alert is not None) is raised
    if raised:
        assert "not easing" in alert.message
        assert "vs 5.0 over the first logged days of this episode" in alert.reason


def test_sparse_getting_worse_against_the_first_4_logged_days():
    alert = of(evaluate(sparse_case([6, 6, 6, 6], first=[4, 4, 4, 4]), ADULT, T), "see_clinician")
    assert "getting worse: mean 6.0 over your 4 latest logged days" in alert.reason
    assert "(+2.0 points, +50%)" in alert.reason


# --- item 5: worsening a person would feel -------------------------------------------------------


def two_weeks(before: list[int], this: list[int]) -> list[DayLog]:
    return [log(13 - i, p) for i, p in enumerate(before)] + [
        log(6 - i, p) for i, p in enumerate(this)
    ]


def test_the_example_of_a_quarter_point_doubling():
    # 0.25 -> 0.5: +100%, but a quarter of a point.
    assert of(evaluate(two_weeks([1, 0, 0, 0], [1, 1, 0, 0]), ADULT, T), "worsening") is None


@pytest.mark.parametrize(
    ("before", "this", "raised"),
    [
        ([2] * 5, [3, 3, 3, 3, 2], False),  # 2.0 -> 2.8: +40%, +0.8 points
        ([2] * 5, [3] * 5, True),  # 2.0 -> 3.0: +50%, +1.0 point exactly
        ([2] * 5, [4, 3, 3, 3, 3], True),  # 2.0 -> 3.2: +60%, +1.2 points
    ],
)
def test_a_30_percent_rise_needs_at_least_1_point(before, this, raised):
    assert (of(evaluate(two_weeks(before, this), ADULT, T), "worsening") is not None) is raised


# --- item 6: words from what held; the emergency after its day -----------------------------------


def clinician_case(sign: str | None = "fever") -> list[DayLog]:
    """Pain 5 for 50 days (not improving), a sign logged 30 days ago if any."""
    return [log(n, 5, flags=(sign,) if sign and n == 30 else ()) for n in range(50, -1, -1)]


def test_see_clinician_names_how_long_how_and_which_sign():
    alert = of(evaluate(clinician_case(), ADULT, T), "see_clinician")
    assert alert.message == (
        "Book an appointment with a doctor to have your pain checked: it has lasted 7 weeks, "
        "it is not easing, and you logged a warning sign (Fever or feeling unwell)."
    )


def test_the_example_of_criterion_3_met_by_age_alone():
    alert = of(evaluate(clinician_case(None), born(60), T), "see_clinician")
    assert "you logged" not in alert.message
    assert alert.message.endswith("and your age (over 55) counts as a warning sign.")
    assert "age 60 (over 55)" in alert.reason


def test_emergency_says_now_on_its_day_then_asks_about_being_assessed():
    logs = [log(3, 0, flags=("saddle-numbness",)), log(0, 2)]
    on_the_day = of(evaluate(logs, ADULT, day(3)), "emergency")
    assert on_the_day.message.startswith("Get emergency care now")
    later = of(evaluate(logs, ADULT, T), "emergency")
    assert later.message.startswith(f"Have you been assessed by a doctor since {day(3)}?")
    assert "If not, get emergency care now" in later.message
    assert later.reported == day(3) and later.key == on_the_day.key


def test_a_new_report_of_the_sign_says_now_again():
    logs = [log(5, 0, flags=("saddle-numbness",)), log(0, 0, flags=("saddle-numbness",))]
    alert = of(evaluate(logs, ADULT, T), "emergency")
    assert alert.since == day(5) and alert.reported == T
    assert alert.message.startswith("Get emergency care now")


@pytest.mark.parametrize(
    ("reported", "acknowledged_on", "today", "answers"),
    [
        (3, None, 3, False),
        (3, 3, 3, True),  # "I understand" on the day
        (3, 3, 2, False),  # ... does not answer "have you been assessed since?"
        (3, 2, 2, True),  # "I have been assessed", given after the day
        (3, 4, 0, False),  # given before a new report: asks again
    ],
)
def test_what_an_acknowledgement_answers(reported, acknowledged_on, today, answers):
    emergency = Alert(
        "emergency", "emergency", day(10), "m", "r", "s", None, reported=day(reported)
    )
    on = None if acknowledged_on is None else day(acknowledged_on)
    assert acknowledgement_answers(emergency, on, day(today)) is answers
    other = Alert("worsening", "warning", day(10), "m", "r", "s", None)
    assert acknowledgement_answers(other, on, day(today)) is (on is not None)


# --- item 7: cancer history in the profile -------------------------------------------------------


def test_a_history_of_cancer_counts_for_criterion_3_as_age_does():
    assert of(evaluate(clinician_case(None), ADULT, T), "see_clinician") is None
    with_cancer = Profile(birth_year=1984, cancer_history=True)
    alert = of(evaluate(clinician_case(None), with_cancer, T), "see_clinician")
    assert "your history of cancer counts as a warning sign" in alert.message
    assert "warning signs: a history of cancer" in alert.reason
    assert profile_flags(with_cancer, T) == ("a history of cancer",)
    assert profile_flags(Profile(cancer_history=False), T) == ()


def test_a_history_of_cancer_raises_no_alert_on_its_own():
    assert evaluate([log(0, 2)], Profile(birth_year=1930, cancer_history=True), T) == []


# --- item 8: quiet when well ---------------------------------------------------------------------


@pytest.mark.parametrize(("pain_free", "raised"), [(2, True), (3, False), (4, False)])
def test_no_keep_moving_when_the_3_latest_logged_days_were_pain_free(pain_free, raised):
    logs = [log(n, 0 if n < pain_free else 3, exercises=()) for n in range(6, -1, -1)]
    logs[-1] = DayLog(T, 0, bed_rest=True)
    assert (of(evaluate(logs, ADULT, T), "keep_moving") is not None) is raised


# --- item 9: episodes across gaps ----------------------------------------------------------------


@pytest.mark.parametrize(("silent", "same"), [(27, True), (28, True), (29, False)])
def test_more_than_28_days_without_a_log_end_an_episode(silent, same):
    first, later = date(2024, 1, 1), date(2024, 1, 1) + timedelta(days=silent + 1)
    found = episodes([DayLog(first, 5), DayLog(later, 4)], Profile())
    if same:
        assert found == [Episode(first)]
    else:
        assert found == [Episode(first, first), Episode(later)]


@pytest.mark.parametrize(("silent", "open_"), [(28, True), (29, False)])
def test_silence_up_to_today_ends_the_current_episode(silent, open_):
    logs = [DayLog(day(40 + n), 5) for n in range(5)] + [DayLog(day(silent + 1), 5)]
    assert (current_episode(logs, Profile(), T) is not None) is open_
    assert split_episodes(logs, None, T)[-1].is_open is open_


def test_an_onset_in_the_profile_still_starts_the_current_episode_across_a_silence():
    onset = day(120)
    logs = [DayLog(day(110), 6), DayLog(day(60), 5), DayLog(day(2), 5)]
    assert current_episode(logs, Profile(onset=onset), T) == Episode(onset)
    assert current_episode(logs, Profile(), T) == Episode(day(2))
    alert = of(evaluate(logs, Profile(onset=onset), T), "duration")
    assert alert.reason.startswith(f"pain since {onset}")


def test_the_tracker_keeps_what_the_alerts_ask_of_the_open_episode():
    tracker = EpisodeTracker(None)
    for entry in [DayLog(day(60), 0), DayLog(day(50), 4, flags=("fever",)), DayLog(day(49), 6)]:
        tracker.feed(entry)
    assert tracker.open_start(day(49)) == day(50)
    assert tracker.first_sign == day(50) and tracker.first_pains == [4, 6]
    assert tracker.open_start(day(49) + timedelta(days=30)) is None
    assert tracker.feed(DayLog(day(10), 3)) == Episode(day(50), day(49))
    assert tracker.first_sign is None and tracker.first_pains == [3]


# --- item 10: age by birth year ------------------------------------------------------------------


@pytest.mark.parametrize(("age", "counts"), [(19, True), (20, True), (21, False)])
def test_under_20_counts_while_the_year_minus_the_birth_year_is_20_or_less(age, counts):
    assert (of(evaluate(clinician_case(None), born(age), T), "see_clinician") is not None) is (
        counts
    )


# --- item 11: sources ----------------------------------------------------------------------------

OUTSIDE = ("IFOMPT", "Finucane", "Farrar", "Ostelo", "Serlin", "Agency for Healthcare")
"""Works painlog cites that are not among the source documents."""


def _sources() -> dict[str, str]:
    t = thresholds()
    found = {f"threshold {name}": source for name, source in t.sources.items()}
    found.update({f"alert {kind}": source for kind, source in SOURCES.items()})
    return found


@pytest.mark.parametrize(("where", "source"), sorted(_sources().items()))
def test_every_work_outside_the_source_documents_is_marked_extension(where, source):
    for work in OUTSIDE:
        at = source.find(work)
        if at >= 0:
            assert "extension:" in source[:at], (where, source)


def test_chou_is_credited_for_the_duration_classes_only():
    credited = sorted(where for where, source in _sources().items() if "Chou" in source)
    assert credited == ["alert duration", "threshold chronic_weeks", "threshold subacute_weeks"]
    assert SOURCES["see_clinician"].startswith("Three-criteria rule of the low back pain articles")


# --- item 12: one place per rule -----------------------------------------------------------------


def test_one_episode_tracker_serves_every_caller():
    """The one-pass kinds define nothing of their own (no episode mirror, no condition):
    everything they ask comes from rules.alerts and rules.episodes."""
    module = alert_kinds_module
    own = [
        name
        for name, value in vars(module).items()
        if getattr(value, "__module__", None) == module.__name__
    ]
    assert own == ["alert_kinds"]
    assert module.EpisodeTracker is EpisodeTracker
