"""The alerts the source rules call for, derived from the logs as of a given day.

`review` is the one entry point: it takes the logs, the profile and `today`, and returns
the active alerts, most serious first, with a note of anything the rules could not judge
(`evaluate` returns just the alerts). Alerts are never stored; only an acknowledgement is,
against `Alert.key` = (kind, since). So `since` must stay the same from one day to the next
while a condition keeps holding: for the rules that are re-checked every day (same_day,
worsening, see_clinician, keep_moving) it is the first day of the unbroken run of days,
ending today, on which the condition held; for the others it is the milestone or the first
report.

Each condition is a public function below, used by `review` here and by the one-pass
weekly `rules.alert_kinds`, so the two cannot disagree; the episode is the one
`rules.episodes.EpisodeTracker` finds. Decisions where the source rules leave a choice
(numbers in seeds/thresholds.toml):

* Windows: "this week" is today and the 6 days before; "last week" the 7 days before that.
* emergency and red_flag: per warning sign, reports no more than 28 days apart form one
  run; `since` is the run's first report (the *new* report: not logged in the 28 days
  before). The alert stays active while the sign was last logged within the last 28 days
  (today and the 27 days before), so a sign that keeps being logged keeps its alert, and a
  sign logged again after a 28-day break raises a new one. Signs starting on the same day
  share one alert. Emergency signs raise `emergency`, not `red_flag`, but count as red
  flags for the three-criteria rule. On the day its sign was last logged, the emergency
  alert says to get care now; after that day it asks whether the person has been assessed
  since (`Alert.reported`, and `acknowledgement_answers`).
* same_day (a suspected hip fracture, SOURCE_RULES 9): `trauma` and `cannot-bear-weight`
  logged no more than 3 days apart, the later of them today or in the 2 days before; or
  either of them today or in the 2 days before at 65 or over (by birth year: the year
  minus the birth year, since a person who turns 65 this year may already be 65).
* worsening: this week's mean is at least 2 points above last week's, or at least 30% and
  at least 1 point above it (30% of a tiny mean is no change a person feels). When last
  week's mean is 0 a percentage means nothing, so only the 2-point rule applies. Each week
  needs at least 4 logged days. Comparisons are on exact integers, so exactly 2.0 points
  or exactly 30% counts.
* duration: raised when the open episode has lasted 42 (then 84) days, while pain persists
  (a day logged with pain >= 1 among today and the 6 days before; no log there: no alert).
  Only the latest milestone shows, so the 12-week alert replaces the 6-week one.
* see_clinician, the three-criteria rule: (1) the open episode is at least 42 days old;
  (2) the pain is severe, not improving or getting worse; (3) a warning sign was logged
  between the episode's start and the day, or the profile brings one (age over 55 or under
  20, by birth year; a history of cancer). Criterion 2 reads this week when at least 4 of
  its days were logged: severe is a mean of 7 or more, not improving is not at least 30%
  below the mean of the episode's first 7 logged days, worse is `is_worse` against last
  week. With fewer than 4 of the last 7 days logged it reads the 4 latest logged days of
  the last 14 instead, against the episode's first 4 logged days (for both not improving
  and worse). With fewer than 4 logged days in those 14 it is unknown: no alert, and
  `Review.notes` says so when criteria 1 and 3 hold.
* keep_moving: a bed-rest day among today and the 2 days before, or no exercise on the 3
  most recent logged days provided the latest is within the last 7 days (older logs say
  nothing about now); never when the 3 most recent logged days had pain 0 (nothing to
  nag about). Suggestions come from the latest logged day's places.
* The situation (`situation_on`): SEEN while an emergency sign is active or same_day holds,
  QUIET while `trauma` or `cannot-bear-weight` was logged in the last 14 days, CALM
  otherwise. Only in CALM is keep_moving raised and do alerts carry the keep-moving
  reminder, exercise suggestions or any word about activity: the advice to give beside an
  emergency or a suspected fracture is the examiner's. The other alerts' sentences are
  built from the situation (`rules.advice.message`): in SEEN they say to tell whoever
  assesses the person, not to book a visit in the coming days.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.advice import (
    CALM,
    EMERGENCY_SLUGS,
    KEEP_MOVING,
    KEEP_MOVING_SOURCE,
    QUIET,
    SEEN,
    SOURCES,
    criteria_text,
    emergency_message,
    keep_moving_suggestions,
    message,
    same_day_message,
    unknown_note,
)
from painlog.rules.episodes import EpisodeTracker, age_label, age_on, profile_flags
from painlog.rules.records import DayLog, Profile
from painlog.rules.text import shown_text
from painlog.rules.windows import PainSeries, day_logs, format_mean
from painlog.seeds import catalogue
from painlog.seeds.thresholds import Thresholds, thresholds

__all__ = [
    "FALL",
    "KEEP_MOVING",
    "KEEP_MOVING_SOURCE",
    "KINDS",
    "NOT_IMPROVING",
    "NO_WEIGHT",
    "SEVERE",
    "SEVERITY",
    "WORSE",
    "Alert",
    "Review",
    "acknowledgement_answers",
    "criterion1_holds",
    "criterion2_reasons",
    "criterion3_holds",
    "duration_weeks",
    "evaluate",
    "hip_sign_recent",
    "is_emergency_sign",
    "is_worse",
    "keep_moving_holds",
    "keep_moving_suggestions",
    "last_two_weeks",
    "pain_persists",
    "review",
    "same_day_aged",
    "same_day_reports",
    "sign_active",
    "situation_on",
]

KINDS = (
    "emergency",
    "same_day",
    "see_clinician",
    "red_flag",
    "worsening",
    "duration",
    "keep_moving",
)
"""Alert kinds, most serious first."""

SEVERITY: dict[str, str] = {
    "emergency": "emergency",
    "same_day": "urgent",
    "see_clinician": "urgent",
    "red_flag": "warning",
    "worsening": "warning",
    "duration": "info",
    "keep_moving": "info",
}
"""The severity each kind is raised with."""

FALL = "trauma"
"""The warning sign of a fall or injury."""
NO_WEIGHT = "cannot-bear-weight"
"""The warning sign of not being able to put weight on the leg because of hip pain."""

SEVERE = "severe"
NOT_IMPROVING = "not improving"
WORSE = "getting worse"
"""The ways criterion 2 of the three-criteria rule can hold (`criterion2_reasons`)."""


@dataclass(frozen=True, slots=True)
class Alert:
    """One active alert.

    Attributes:
        kind: One of `KINDS`.
        severity: "emergency", "urgent", "warning" or "info" (see `SEVERITY`).
        since: The date the condition first held (see the module docstring).
        message: One short sentence: what to do, worded for the situation.
        reason: The numbers behind it.
        source: The publication or body the rule comes from.
        advice: The keep-moving reminder, or None (always None outside CALM).
        suggestions: Exercise slugs from the catalogue (keep_moving only).
        reported: For an emergency, the day its sign was last logged; None otherwise.
    """

    kind: str
    severity: str
    since: date
    message: str
    reason: str
    source: str
    advice: str | None
    suggestions: tuple[str, ...] = ()
    reported: date | None = None

    @property
    def key(self) -> tuple[str, date]:
        """What an acknowledgement is stored against."""
        return (self.kind, self.since)


@dataclass(frozen=True, slots=True)
class Review:
    """What the rules say as of a day.

    Attributes:
        alerts: The active alerts, most serious first.
        notes: What the rules could not judge and the person should know, in words (today:
            criterion 2 of the three-criteria rule, when too few days were logged).
    """

    alerts: list[Alert]
    notes: tuple[str, ...] = ()


def evaluate(logs: Sequence[DayLog], profile: Profile, today: date) -> list[Alert]:
    """All active alerts as of `today`, using only logs with day <= today (see `review`)."""
    return review(logs, profile, today).alerts


def review(logs: Sequence[DayLog], profile: Profile, today: date) -> Review:
    """The alerts active as of `today`, and what could not be judged.

    Args:
        logs: Day logs in any order; logs after `today` are ignored.
        profile: Birth year and cancer history (red flags), onset (start of the episode).
        today: The person's local date.

    Returns:
        Active alerts, most serious first (KINDS order, then newest `since` first), and
        notes.
    """
    t = thresholds()
    days = day_logs(logs, until=today)
    series = PainSeries(days)
    now = today.toordinal()
    reports = _reports(days)
    aged = _AgeByYear(profile, t)
    falls, no_weight = reports.get(FALL, []), reports.get(NO_WEIGHT, [])

    alerts = _emergency_alerts(days, today, t)
    same_day = _same_day(falls, no_weight, aged, today, t)
    if same_day is not None:
        alerts.append(same_day)
    last_hip = max((found[-1] for found in (falls, no_weight) if found), default=None)
    situation = situation_on(bool(alerts), same_day is not None, last_hip, now, t)
    advice = KEEP_MOVING if situation == CALM else None
    alerts += _red_flag_alerts(days, today, t, situation, advice)

    worsening = _worsening(series, today, t, situation, advice)
    if worsening is not None:
        alerts.append(worsening)

    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    tracker = EpisodeTracker(onset, t)
    for log in days:
        tracker.feed(log)
    notes: list[str] = []
    start = tracker.open_start(today)
    if start is not None:
        duration = _duration(start, series, today, t, situation, advice)
        if duration is not None:
            alerts.append(duration)
        clinician = _see_clinician(
            start, tracker, series, profile, today, t, situation, advice, notes
        )
        if clinician is not None:
            alerts.append(clinician)

    if situation == CALM:
        moving = _keep_moving(series, today, t)
        if moving is not None:
            alerts.append(moving)

    alerts.sort(key=lambda alert: (KINDS.index(alert.kind), -alert.since.toordinal()))
    return Review(alerts, tuple(notes))


def acknowledgement_answers(alert: Alert, acknowledged_on: date | None, today: date) -> bool:
    """Whether an acknowledgement given on `acknowledged_on` answers `alert` as it reads on
    `today`.

    Any acknowledgement answers an alert of any kind but emergency. An emergency asks
    "get care now" on the day its sign was last logged, answered by an acknowledgement that
    day or later ("I understand"); after that day it asks whether the person has been
    assessed since, answered only by one given after it ("I have been assessed"). So a new
    report of the sign asks again.

    Args:
        alert: The alert.
        acknowledged_on: The day the person last acknowledged it, or None if never.
    """
    if acknowledged_on is None:
        return False
    if alert.kind != "emergency" or alert.reported is None:
        return True
    return acknowledged_on > alert.reported or acknowledged_on == alert.reported == today


# --- the conditions, shared with rules.alert_kinds -------------------------------------------
#
# They work on day ordinals (ints) and integer sums so that a walk back over many days, or
# one pass over ten years of logs, stays cheap.


def is_emergency_sign(slug: str) -> bool:
    """Whether the warning sign `slug` calls for emergency care (SOURCE_RULES 3a)."""
    found = catalogue().red_flag(slug)
    return slug in EMERGENCY_SLUGS or (found is not None and found.emergency)


def sign_active(last_report: int | None, day: int, emergency: bool, t: Thresholds) -> bool:
    """Whether a sign last logged on ordinal `last_report` still has its alert on `day`."""
    if last_report is None:
        return False
    return day - last_report < (t.emergency_active_days if emergency else t.flag_active_days)


def hip_sign_recent(last_report: int | None, day: int, t: Thresholds) -> bool:
    """Whether a fall or not bearing weight, last logged on `last_report`, is recent enough
    on `day` that no activity advice is given (`hip_quiet_days`)."""
    return last_report is not None and day - last_report < t.hip_quiet_days


def same_day_aged(profile: Profile, day: date, t: Thresholds) -> bool:
    """Whether either same-day sign alone calls for same-day care in the year of `day`:
    the year minus the birth year is `same_day_age` or more (the birthday is not known;
    for this warning, a wrong "maybe" is the safer error)."""
    age = age_on(profile, day)
    return age is not None and age >= t.same_day_age


def situation_on(
    emergency: bool, same_day: bool, last_hip_sign: int | None, day: int, t: Thresholds
) -> str:
    """The situation the alerts are worded for on `day` (module docstring): SEEN when an
    emergency sign is active or same_day holds, QUIET when a fall or not bearing weight
    is recent, else CALM."""
    if emergency or same_day:
        return SEEN
    if hip_sign_recent(last_hip_sign, day, t):
        return QUIET
    return CALM


def same_day_reports(
    falls: Sequence[int], no_weight: Sequence[int], day: int, aged: bool, t: Thresholds
) -> tuple[tuple[str, int], ...]:
    """The reports that make same_day hold on `day`, or () when it does not.

    Args:
        falls: Ordinals of the days `trauma` was logged, ascending (later days ignored).
        no_weight: The same for `cannot-bear-weight`.
        day: The day, as an ordinal.
        aged: Whether the person is `same_day_age` or over (by birth year) that year.

    Returns:
        ((FALL, day), (NO_WEIGHT, day)) for the latest pair logged close enough together;
        else, at `same_day_age` or over, ((slug, day),) for the latest of either sign.
    """
    recent = day - t.same_day_recent_days + 1
    # A pair's later report is recent, so its earlier one is at most pair_days before that.
    near = recent - t.same_day_pair_days
    fell = _between(falls, near, day)
    weight = _between(no_weight, near, day)
    pairs = [
        (max(f, w), f, w)
        for f in fell
        for w in weight
        if abs(f - w) <= t.same_day_pair_days and max(f, w) >= recent
    ]
    if pairs:
        _, f, w = max(pairs)
        return ((FALL, f), (NO_WEIGHT, w))
    if aged:
        either = [(report, FALL) for report in fell] + [(report, NO_WEIGHT) for report in weight]
        latest = max(either, default=None)
        if latest is not None and latest[0] >= recent:
            return ((latest[1], latest[0]),)
    return ()


def duration_weeks(elapsed: int, t: Thresholds) -> int | None:
    """The duration milestone an episode `elapsed` days old has reached: `chronic_weeks`,
    else `subacute_weeks`, else None (Chou et al. 2007's classes)."""
    if elapsed >= t.chronic_weeks * 7:
        return t.chronic_weeks
    if elapsed >= t.subacute_weeks * 7:
        return t.subacute_weeks
    return None


def pain_persists(last_painful: int | None, day: int, t: Thresholds) -> bool:
    """Whether pain persists on `day`: a log with pain >= 1 on it or in the
    `persisting_days - 1` days before (`last_painful`: the latest such log, an ordinal)."""
    return last_painful is not None and day - last_painful < t.persisting_days


def criterion1_holds(elapsed: int, t: Thresholds) -> bool:
    """Criterion 1 of the three-criteria rule: the episode has lasted `check_after_weeks`."""
    return elapsed >= t.check_after_weeks * 7


def criterion3_holds(first_sign: int | None, day: int, profile_counts: bool) -> bool:
    """Criterion 3 of the three-criteria rule on `day`: a warning sign logged in the episode
    by then (`first_sign`, an ordinal), or a red flag of the profile (`profile_flags`)."""
    return (first_sign is not None and first_sign <= day) or profile_counts


def last_two_weeks(series: PainSeries, day: int, t: Thresholds) -> tuple[int, int, int, int] | None:
    """(count, total) of last week then this week as of ordinal `day`, or None.

    None when either week has fewer logged days than a mean needs.
    """
    length = t.trend_window_days
    n, a = series.stats(day - length + 1, day)
    if n < t.trend_min_logs:
        return None
    m, b = series.stats(day - 2 * length + 1, day - length)
    if m < t.trend_min_logs:
        return None
    return m, b, n, a


def is_worse(weeks: tuple[int, int, int, int] | None, t: Thresholds) -> bool:
    """Whether a mean of b/m before -> a/n after is a rise a person would feel: at least
    `change_points`, or at least `change_percent` and at least `change_min_points`.

    `weeks` is (m, b, n, a) as `last_two_weeks` gives it. Works on integer
    cross-products of the sums and counts: exact (no float error at exactly 2 points or
    30%) and cheaper than Fraction in the daily walk.
    """
    if weeks is None:
        return False
    m, b, n, a = weeks
    rise_nm = a * m - b * n  # (mean after - mean before) * n * m
    if rise_nm >= t.change_points * n * m:
        return True
    # From a mean of 0 any rise is "infinite percent"; only the 2-point rule can speak.
    return (
        b > 0
        and rise_nm * 100 >= t.change_percent * b * n
        and rise_nm >= t.change_min_points * n * m
    )


def criterion2_reasons(
    series: PainSeries,
    day: int,
    first_pains: Sequence[int],
    t: Thresholds,
    explain: bool,
) -> list[tuple[str, str]] | None:
    """Criterion 2 of the three-criteria rule as of ordinal `day`: the ways it holds.

    Args:
        series: The logs.
        day: The day, as an ordinal.
        first_pains: Pain of the episode's first logged days (`EpisodeTracker.first_pains`).
        t: Thresholds.
        explain: False stops at the first way that holds (the daily walk only needs yes or
            no) and leaves the words out; True words every way that holds.

    Returns:
        (SEVERE, NOT_IMPROVING or WORSE, the numbers in words) for each way that holds
        ([] when none does), or None when too few days were logged to tell (module
        docstring).
    """
    n, a = series.stats(day - t.trend_window_days + 1, day)
    if n >= t.trend_min_logs:
        base = first_pains[: t.baseline_logs]
        weeks = last_two_weeks(series, day, t)
        over = "this week"
        against = "last week"
    else:
        # Sparse logging: the latest logged days of a longer window stand in for the week,
        # and the episode's first as many logged days for last week.
        n, a, first = series.latest_stats(day, t.trend_min_logs, day - t.sparse_window_days + 1)
        if n < t.trend_min_logs:
            return None
        base = first_pains[: t.trend_min_logs]
        weeks = (len(base), sum(base), n, a) if len(base) >= t.trend_min_logs else None
        over = f"over your {n} latest logged days (since {date.fromordinal(first).isoformat()})"
        against = "the first logged days of this episode"
    held: list[tuple[str, str]] = []
    this = Fraction(a, n) if explain else None
    if a >= t.severe_mean * n:
        if not explain:
            return [(SEVERE, "")]
        held.append((SEVERE, f"mean {format_mean(this)} {over}"))
    # Improved means at least change_percent below the baseline, exactly 30% lower included:
    # not improving is a/n > (bt/bc) * (100 - pct)/100, cross-multiplied to stay exact.
    if len(base) >= t.trend_min_logs:
        bc, bt = len(base), sum(base)
        if a * 100 * bc > bt * (100 - t.change_percent) * n:
            if not explain:
                return [(NOT_IMPROVING, "")]
            held.append(
                (
                    NOT_IMPROVING,
                    f"mean {format_mean(this)} {over} vs {format_mean(Fraction(bt, bc))} "
                    "over the first logged days of this episode",
                )
            )
    if is_worse(weeks, t):
        if not explain:
            return [(WORSE, "")]
        held.append((WORSE, _change_text(weeks, over, against)))
    return held


def keep_moving_holds(
    day: int,
    last_bed: int | None,
    latest: int | None,
    idle_run: int,
    well_run: int,
    t: Thresholds,
) -> tuple[bool, bool]:
    """Whether keep_moving holds on `day`, for bed rest and for days without exercise.

    Args:
        day: The day, as an ordinal.
        last_bed: Ordinal of the latest bed-rest log on or before `day`, or None.
        latest: Ordinal of the latest log on or before `day`, or None.
        idle_run: How many logs in a row, up to that latest one, had no exercise.
        well_run: How many logs in a row, up to that latest one, had pain 0.

    Returns:
        (in bed, idle); both False when the latest logs were pain-free (nothing to nag
        about) or there is no log. The situation is the caller's to check.
    """
    if latest is None or well_run >= t.well_logs:
        return False, False
    in_bed = last_bed is not None and day - last_bed < t.bed_rest_days
    idle = day - latest < t.recent_log_days and idle_run >= t.no_exercise_logs
    return in_bed, idle


# --- helpers ----------------------------------------------------------------------------------


def _since(holds: Callable[[int], bool], today: int, floor: int) -> date | None:
    """First day of the unbroken run of days ending today on which `holds`, or None.

    Walks back one day at a time, never before `floor` (a day before which nothing can
    hold), so the cost is the length of the run.

    Args:
        holds: The condition, as of a day ordinal.
        today: Today's ordinal.
        floor: The earliest ordinal the run may start on.
    """
    if not holds(today):
        return None
    day = today
    while day > floor and holds(day - 1):
        day -= 1
    return date.fromordinal(day)


def _between(ordinals: Sequence[int], first: int, last: int) -> Sequence[int]:
    """The ordinals from `first` to `last` inclusive, of an ascending sequence."""
    return ordinals[bisect_left(ordinals, first) : bisect_right(ordinals, last)]


class _AgeByYear:
    """Per calendar year, whether the profile's red flags count and whether the person is
    `same_day_age` or over: age goes by year, so a walk over many days asks once a year."""

    __slots__ = ("_flags", "_old", "profile", "t")

    def __init__(self, profile: Profile, t: Thresholds) -> None:
        self.profile = profile
        self.t = t
        self._flags: dict[int, bool] = {}
        self._old: dict[int, bool] = {}

    def flags(self, day: int) -> bool:
        """Whether the profile brings a red flag to criterion 3 on ordinal `day`."""
        year = date.fromordinal(day).year
        if year not in self._flags:
            self._flags[year] = bool(profile_flags(self.profile, date(year, 12, 31)))
        return self._flags[year]

    def old(self, day: int) -> bool:
        """Whether the person is `same_day_age` or over in the year of ordinal `day`."""
        year = date.fromordinal(day).year
        if year not in self._old:
            self._old[year] = same_day_aged(self.profile, date(year, 12, 31), self.t)
        return self._old[year]


def _reports(days: Sequence[DayLog]) -> dict[str, list[int]]:
    """Per warning sign, the ordinals of the days it was logged, ascending."""
    found: dict[str, list[int]] = {}
    for log in days:
        for slug in log.flags:
            found.setdefault(slug, []).append(log.day.toordinal())
    return found


def _flag_name(slug: str) -> str:
    found = catalogue().red_flag(slug)
    # An unknown slug comes from a diary edited by hand: shown, but escaped.
    return found.name if found is not None else shown_text(slug)


def _flag_runs(days: Sequence[DayLog], new_days: int) -> dict[str, tuple[date, date]]:
    """Per warning sign, (first, last) report of its latest run, in one pass."""
    runs: dict[str, tuple[date, date]] = {}
    for log in days:
        for slug in log.flags:
            run = runs.get(slug)
            # New when not logged in the `new_days` days before this one.
            if run is None or (log.day - run[1]).days > new_days:
                runs[slug] = (log.day, log.day)
            else:
                runs[slug] = (run[0], log.day)
    return runs


def _active_runs(
    days: Sequence[DayLog], today: date, t: Thresholds, emergency: bool
) -> dict[date, list[tuple[str, date]]]:
    """Active runs of emergency (or other) signs, grouped by their first day."""
    grouped: dict[date, list[tuple[str, date]]] = {}
    now = today.toordinal()
    for slug, (first, last) in _flag_runs(days, t.flag_new_days).items():
        if is_emergency_sign(slug) is emergency and sign_active(
            last.toordinal(), now, emergency, t
        ):
            grouped.setdefault(first, []).append((slug, last))
    for runs in grouped.values():
        runs.sort()
    return grouped


def _emergency_alerts(days: Sequence[DayLog], today: date, t: Thresholds) -> list[Alert]:
    """Emergency alerts: raised whatever the pain score, with no keep-moving advice."""
    alerts = []
    for first, runs in _active_runs(days, today, t, emergency=True).items():
        signs = "; ".join(f"{_flag_name(slug)} logged on {last.isoformat()}" for slug, last in runs)
        reported = max(last for _slug, last in runs)
        alerts.append(
            Alert(
                kind="emergency",
                severity=SEVERITY["emergency"],
                since=first,
                message=emergency_message(reported, today),
                reason=f"{signs}: an emergency sign, whatever the pain score",
                source=SOURCES["emergency"],
                advice=None,
                reported=reported,
            )
        )
    return alerts


def _same_day(
    falls: Sequence[int],
    no_weight: Sequence[int],
    aged: _AgeByYear,
    today: date,
    t: Thresholds,
) -> Alert | None:
    now = today.toordinal()

    def held(day: int) -> tuple[tuple[str, int], ...]:
        return same_day_reports(falls, no_weight, day, aged.old(day), t)

    found = held(now)
    if not found:
        return None
    since = _since(lambda day: bool(held(day)), now, min(falls[:1] + no_weight[:1]))
    signs = " and ".join(
        f"{_flag_name(slug)} logged on {date.fromordinal(day).isoformat()}" for slug, day in found
    )
    if len(found) == 1:
        signs += f"; age {age_on(aged.profile, today)} by birth year ({t.same_day_age} or over)"
    return Alert(
        kind="same_day",
        severity=SEVERITY["same_day"],
        since=since,
        message=same_day_message(len(found) == 2, found[0][0], t.same_day_age),
        reason=signs,
        source=SOURCES["same_day"],
        advice=None,
    )


def _red_flag_alerts(
    days: Sequence[DayLog], today: date, t: Thresholds, situation: str, advice: str | None
) -> list[Alert]:
    alerts = []
    for first, runs in _active_runs(days, today, t, emergency=False).items():
        signs = "; ".join(
            f"{_flag_name(slug)}: first logged {first.isoformat()}"
            + (f", last {last.isoformat()}" if last != first else "")
            for slug, last in runs
        )
        alerts.append(
            Alert(
                kind="red_flag",
                severity=SEVERITY["red_flag"],
                since=first,
                message=message("red_flag", situation),
                reason=signs,
                source=SOURCES["red_flag"],
                advice=advice,
            )
        )
    return alerts


def _change_text(weeks: tuple[int, int, int, int], over: str, against: str) -> str:
    m, b, n, a = weeks
    before, this = Fraction(b, m), Fraction(a, n)
    rise = this - before
    # Rounded down, so a 29.9% rise never reads as "+30%" next to a rule that did not fire.
    points = f"{math.floor(rise * 10) / 10:+.1f} points"
    change = f"{points}, {math.floor(rise * 100 / before):+d}%" if before > 0 else points
    return f"mean {format_mean(this)} {over} vs {format_mean(before)} {against} ({change})"


def _worsening(
    series: PainSeries, today: date, t: Thresholds, situation: str, advice: str | None
) -> Alert | None:
    if not series.logs:
        return None
    since = _since(
        lambda day: is_worse(last_two_weeks(series, day, t), t),
        today.toordinal(),
        series.logs[0].day.toordinal(),
    )
    if since is None:
        return None
    return Alert(
        kind="worsening",
        severity=SEVERITY["worsening"],
        since=since,
        message=message("worsening", situation),
        reason=_change_text(last_two_weeks(series, today.toordinal(), t), "this week", "last week"),
        source=SOURCES["worsening"],
        advice=advice,
    )


def _duration(
    start: date,
    series: PainSeries,
    today: date,
    t: Thresholds,
    situation: str,
    advice: str | None,
) -> Alert | None:
    elapsed = (today - start).days
    weeks = duration_weeks(elapsed, t)
    if weeks is None:
        return None
    variant = "duration_chronic" if weeks == t.chronic_weeks else "duration_subacute"
    # Only the latest painful log can make pain persist, and it is within the window if any.
    lo, hi = series.span(today - timedelta(days=t.persisting_days - 1), today)
    painful = [log for log in series.logs[lo:hi] if log.pain >= 1]
    latest = painful[-1] if painful else None
    if latest is None or not pain_persists(latest.day.toordinal(), today.toordinal(), t):
        return None
    return Alert(
        kind="duration",
        severity=SEVERITY["duration"],
        since=start + timedelta(weeks=weeks),
        message=message(variant, situation, weeks=weeks),
        reason=(
            f"pain since {start.isoformat()} ({elapsed} days, {elapsed // 7} weeks); "
            f"{latest.pain}/10 on {latest.day.isoformat()}"
        ),
        source=SOURCES["duration"],
        advice=advice,
    )


def _see_clinician(
    start: date,
    tracker: EpisodeTracker,
    series: PainSeries,
    profile: Profile,
    today: date,
    t: Thresholds,
    situation: str,
    advice: str | None,
    notes: list[str],
) -> Alert | None:
    now = today.toordinal()
    if not criterion1_holds((today - start).days, t):
        return None
    # The first day criterion 1 held: the walk for `since` goes back no further.
    first_check = (start + timedelta(weeks=t.check_after_weeks)).toordinal()
    first_sign = tracker.first_sign.toordinal() if tracker.first_sign is not None else None
    aged = _AgeByYear(profile, t)

    def third(day: int) -> bool:
        return criterion3_holds(first_sign, day, aged.flags(day))

    if not third(now):
        return None  # criterion 3 cannot hold today
    first_pains = tuple(tracker.first_pains)
    held = criterion2_reasons(series, now, first_pains, t, explain=True)
    if held is None:
        notes.append(unknown_note(t))
        return None

    def holds(day: int) -> bool:
        return third(day) and bool(criterion2_reasons(series, day, first_pains, t, explain=False))

    since = _since(holds, now, first_check)
    if since is None:
        return None

    # Criterion 3 in words: each sign once, with the day it was first logged this episode.
    lo, hi = series.span(start, today)
    first_seen: dict[str, date] = {}
    for log in series.logs[lo:hi]:
        for slug in log.flags:
            first_seen.setdefault(slug, log.day)
    signs = [f"{_flag_name(slug)} ({day.isoformat()})" for slug, day in first_seen.items()]
    weeks = (today - start).days // 7
    reasons = [
        f"pain since {start.isoformat()} ({weeks} weeks)",
        *(f"{key}: {words}" for key, words in held),
        "warning signs: " + ", ".join([*signs, *profile_flags(profile, today)]),
    ]
    criteria = criteria_text(
        weeks,
        [key for key, _words in held],
        [_flag_name(slug) for slug in first_seen],
        age_label(profile, today),
        bool(profile.cancer_history),
    )
    return Alert(
        kind="see_clinician",
        severity=SEVERITY["see_clinician"],
        since=since,
        message=message("see_clinician", situation, criteria=criteria),
        reason="; ".join(reasons),
        source=SOURCES["see_clinician"],
        advice=advice,
    )


def _keep_moving(series: PainSeries, today: date, t: Thresholds) -> Alert | None:
    logs = series.logs
    if not logs:
        return None
    ordinals = [log.day.toordinal() for log in logs]
    # idle[i] / well[i]: how many logs in a row, up to and including log i, had no
    # exercise / had pain 0.
    idle: list[int] = []
    well: list[int] = []
    idle_run = well_run = 0
    for log in logs:
        idle_run = 0 if log.exercises else idle_run + 1
        well_run = 0 if log.pain else well_run + 1
        idle.append(idle_run)
        well.append(well_run)
    bed = PainSeries([log for log in logs if log.bed_rest])

    def holds(day: int) -> tuple[bool, bool]:
        index = series.latest_index(day)
        if index < 0:
            return False, False
        in_bed = bed.latest_index(day)
        return keep_moving_holds(
            day,
            bed.logs[in_bed].day.toordinal() if in_bed >= 0 else None,
            ordinals[index],
            idle[index],
            well[index],
            t,
        )

    now = today.toordinal()
    since = _since(lambda day: any(holds(day)), now, ordinals[0])
    if since is None:
        return None
    in_bed, is_idle = holds(now)
    reasons = []
    if in_bed:
        reasons.append(f"bed rest logged on {bed.logs[bed.latest_index(now)].day.isoformat()}")
    if is_idle:
        index = series.latest_index(now)
        first = logs[index - t.no_exercise_logs + 1].day
        reasons.append(
            f"no exercise logged on your last {t.no_exercise_logs} logged days "
            f"({first.isoformat()} to {logs[index].day.isoformat()})"
        )
    return Alert(
        kind="keep_moving",
        severity=SEVERITY["keep_moving"],
        since=since,
        message=message("keep_moving_bed" if in_bed else "keep_moving_exercise"),
        reason="; ".join(reasons),
        source=SOURCES["keep_moving"],
        advice=KEEP_MOVING,
        suggestions=keep_moving_suggestions(logs[-1].places),
    )
