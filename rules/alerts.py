"""The alerts the source rules call for, derived from the logs as of a given day.

`evaluate` is the one entry point: it takes the logs, the profile and `today`, and returns
the active alerts, most serious first. Alerts are never stored; only an acknowledgement is,
against `Alert.key` = (kind, since). So `since` must stay the same from one day to the next
while a condition keeps holding: for the rules that are re-checked every day (worsening,
see_clinician, keep_moving) it is the first day of the unbroken run of days, ending today,
on which the condition held; for the others it is the milestone or the first report.

Decisions where the source rules leave a choice (numbers in seeds/thresholds.toml):

* Windows: "this week" is today and the 6 days before; "last week" the 7 days before that.
  A window's mean is used only when at least 4 of its days were logged.
* worsening: this week's mean is at least 2 points, or at least 30%, above last week's.
  When last week's mean is 0 a percentage means nothing, so only the 2-point rule applies.
  Comparisons are on exact fractions, so exactly 2.0 points or exactly 30% counts.
* not improving (criterion 2, after 6 weeks): this week's mean is not at least 30% below
  the mean of the episode's first 7 logged days (at least 4 needed, else unknown: no).
  Severe: this week's mean is 7 or more.
* duration: raised when the open episode has lasted 42 (then 84) days, while pain persists
  (a day logged with pain >= 1 among today and the 6 days before; no log there: no alert).
  Only the latest milestone shows, so the 12-week alert replaces the 6-week one.
* emergency and red_flag: per warning sign, reports no more than 28 days apart form one
  run; `since` is the run's first report (the *new* report: not logged in the 28 days
  before). The alert stays active while the sign was last logged within the last 28 days
  (today and the 27 days before), so a sign that keeps being logged keeps its alert, and a
  sign logged again after a 28-day break raises a new one. Signs starting on the same day
  share one alert. Emergency signs raise `emergency`, not `red_flag`, but count as red
  flags for the three-criteria rule.
* see_clinician: open episode at least 42 days old, AND (severe, not improving or
  worsening) this week, AND a warning sign logged between the episode start and today, or
  age over 55 / under 20 in that year.
* keep_moving: a bed-rest day among today and the 2 days before, or no exercise on the 3
  most recent logged days provided the latest is within the last 7 days (older logs say
  nothing about now). Suggestions come from the latest logged day's places.
* While an emergency alert is active, no alert carries the keep-moving reminder or
  exercise suggestions and no keep_moving alert is raised: the advice to give then is the
  emergency one, and activity advice should come from whoever examines the person.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from painlog.rules.advice import (
    EMERGENCY_SLUGS,
    KEEP_MOVING,
    KEEP_MOVING_SOURCE,
    MESSAGES,
    SOURCES,
    keep_moving_suggestions,
)
from painlog.rules.episodes import Episode, age_flag, split_episodes
from painlog.rules.records import DayLog, Profile
from painlog.rules.text import shown_text
from painlog.rules.windows import PainSeries, day_logs, format_mean
from painlog.seeds import catalogue
from painlog.seeds.thresholds import Thresholds, thresholds

__all__ = [
    "KEEP_MOVING",
    "KEEP_MOVING_SOURCE",
    "KINDS",
    "SEVERITY",
    "Alert",
    "evaluate",
    "keep_moving_suggestions",
]

KINDS = ("emergency", "see_clinician", "red_flag", "worsening", "duration", "keep_moving")
"""Alert kinds, most serious first."""

SEVERITY: dict[str, str] = {
    "emergency": "emergency",
    "see_clinician": "urgent",
    "red_flag": "warning",
    "worsening": "warning",
    "duration": "info",
    "keep_moving": "info",
}
"""The severity each kind is raised with."""


@dataclass(frozen=True, slots=True)
class Alert:
    """One active alert.

    Attributes:
        kind: One of `KINDS`.
        severity: "emergency", "urgent", "warning" or "info" (see `SEVERITY`).
        since: The date the condition first held (see the module docstring).
        message: One short sentence: what to do.
        reason: The numbers behind it.
        source: The publication or body the rule comes from.
        advice: The keep-moving reminder, or None (always None for emergency).
        suggestions: Exercise slugs from the catalogue (keep_moving only).
    """

    kind: str
    severity: str
    since: date
    message: str
    reason: str
    source: str
    advice: str | None
    suggestions: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, date]:
        """What an acknowledgement is stored against."""
        return (self.kind, self.since)


def evaluate(logs: Sequence[DayLog], profile: Profile, today: date) -> list[Alert]:
    """All active alerts as of `today`, using only logs with day <= today.

    Args:
        logs: Day logs in any order; logs after `today` are ignored.
        profile: Birth year (for the age red flag) and onset (start of the episode).
        today: The person's local date.

    Returns:
        Active alerts, most serious first (KINDS order, then newest `since` first).
    """
    t = thresholds()
    days = day_logs(logs, until=today)
    series = PainSeries(days)

    alerts = _emergency_alerts(days, today, t)
    calm = not alerts  # no emergency sign active: activity advice may be given
    advice = KEEP_MOVING if calm else None
    alerts += _red_flag_alerts(days, today, t, advice)

    worsening = _worsening(series, today, t, advice)
    if worsening is not None:
        alerts.append(worsening)

    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    found = split_episodes(days, onset)
    episode = found[-1] if found and found[-1].is_open else None
    if episode is not None:
        for alert in (
            _duration(episode, series, today, t, advice),
            _see_clinician(episode, series, profile, today, t, advice),
        ):
            if alert is not None:
                alerts.append(alert)

    if calm:
        moving = _keep_moving(series, today, t)
        if moving is not None:
            alerts.append(moving)

    alerts.sort(key=lambda alert: (KINDS.index(alert.kind), -alert.since.toordinal()))
    return alerts


# --- helpers ----------------------------------------------------------------------------------
#
# The rules that are re-checked every day walk back from today one day at a time to find
# `since`. They work on day ordinals (ints) and integer sums so that walk stays cheap even
# for ten years of a condition that never lets up.


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


def _flag_name(slug: str) -> str:
    found = catalogue().red_flag(slug)
    # An unknown slug comes from a diary edited by hand: shown, but escaped.
    return found.name if found is not None else shown_text(slug)


def is_emergency_sign(slug: str) -> bool:
    """Whether the warning sign `slug` calls for emergency care (SOURCE_RULES 3a)."""
    found = catalogue().red_flag(slug)
    return slug in EMERGENCY_SLUGS or (found is not None and found.emergency)


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
    active_days = t.emergency_active_days if emergency else t.flag_active_days
    grouped: dict[date, list[tuple[str, date]]] = {}
    for slug, (first, last) in _flag_runs(days, t.flag_new_days).items():
        if is_emergency_sign(slug) is emergency and (today - last).days < active_days:
            grouped.setdefault(first, []).append((slug, last))
    for runs in grouped.values():
        runs.sort()
    return grouped


def _emergency_alerts(days: Sequence[DayLog], today: date, t: Thresholds) -> list[Alert]:
    """Emergency alerts: raised whatever the pain score, with no keep-moving advice."""
    alerts = []
    for first, runs in _active_runs(days, today, t, emergency=True).items():
        signs = "; ".join(f"{_flag_name(slug)} logged on {last.isoformat()}" for slug, last in runs)
        alerts.append(
            Alert(
                kind="emergency",
                severity=SEVERITY["emergency"],
                since=first,
                message=MESSAGES["emergency"],
                reason=f"{signs}: an emergency sign, whatever the pain score",
                source=SOURCES["emergency"],
                advice=None,
            )
        )
    return alerts


def _red_flag_alerts(
    days: Sequence[DayLog], today: date, t: Thresholds, advice: str | None
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
                message=MESSAGES["red_flag"],
                reason=signs,
                source=SOURCES["red_flag"],
                advice=advice,
            )
        )
    return alerts


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
    """Whether last week -> this week is a rise a person would feel (2 points or 30%).

    Works on integer cross-products of the sums and counts: exact (no float error at
    exactly 2 points or 30%) and cheaper than Fraction in the daily walk.
    """
    if weeks is None:
        return False
    m, b, n, a = weeks
    rise_nm = a * m - b * n  # (this week's mean - last week's mean) * n * m
    if rise_nm >= t.change_points * n * m:
        return True
    # From a mean of 0 any rise is "infinite percent"; only the 2-point rule can speak.
    return b > 0 and rise_nm * 100 >= t.change_percent * b * n


def _change_text(weeks: tuple[int, int, int, int]) -> str:
    m, b, n, a = weeks
    before, this = Fraction(b, m), Fraction(a, n)
    rise = this - before
    # Rounded down, so a 29.9% rise never reads as "+30%" next to a rule that did not fire.
    points = f"{math.floor(rise * 10) / 10:+.1f} points"
    change = f"{points}, {math.floor(rise * 100 / before):+d}%" if before > 0 else points
    return f"mean {format_mean(this)} this week vs {format_mean(before)} last week ({change})"


def _worsening(series: PainSeries, today: date, t: Thresholds, advice: str | None) -> Alert | None:
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
        message=MESSAGES["worsening"],
        reason=_change_text(last_two_weeks(series, today.toordinal(), t)),
        source=SOURCES["worsening"],
        advice=advice,
    )


def _duration(
    episode: Episode, series: PainSeries, today: date, t: Thresholds, advice: str | None
) -> Alert | None:
    elapsed = (today - episode.start).days
    if elapsed >= t.chronic_weeks * 7:
        weeks, variant = t.chronic_weeks, "duration_chronic"
    elif elapsed >= t.subacute_weeks * 7:
        weeks, variant = t.subacute_weeks, "duration_subacute"
    else:
        return None
    lo, hi = series.span(today - timedelta(days=t.persisting_days - 1), today)
    painful = [log for log in series.logs[lo:hi] if log.pain >= 1]
    if not painful:
        return None
    latest = painful[-1]
    return Alert(
        kind="duration",
        severity=SEVERITY["duration"],
        since=episode.start + timedelta(weeks=weeks),
        message=MESSAGES[variant].format(weeks=weeks),
        reason=(
            f"pain since {episode.start.isoformat()} ({elapsed} days, {elapsed // 7} weeks); "
            f"{latest.pain}/10 on {latest.day.isoformat()}"
        ),
        source=SOURCES["duration"],
        advice=advice,
    )


def criterion2_reasons(
    series: PainSeries,
    day: int,
    baseline: tuple[int, int] | None,
    t: Thresholds,
    explain: bool,
) -> list[str]:
    """Severe, not improving, or worsening as of ordinal `day`: the reasons that hold.

    Args:
        series: The logs.
        day: The day, as an ordinal.
        baseline: (count, total) of the episode's first logged days, or None if too few.
        t: Thresholds.
        explain: False stops at the first reason that holds (the daily walk only needs
            yes or no); True words every reason that holds.
    """
    n, a = series.stats(day - t.trend_window_days + 1, day)
    if n < t.trend_min_logs:
        return []
    held: list[str] = []
    this = Fraction(a, n) if explain else None
    if a >= t.severe_mean * n:
        if not explain:
            return ["severe"]
        held.append(f"severe: mean {format_mean(this)} this week")
    # Improved means at least change_percent below the baseline, exactly 30% lower included:
    # not improving is a/n > (bt/bc) * (100 - pct)/100, cross-multiplied to stay exact.
    if baseline is not None:
        bc, bt = baseline
        if a * 100 * bc > bt * (100 - t.change_percent) * n:
            if not explain:
                return ["not improving"]
            held.append(
                f"not improving: mean {format_mean(this)} this week vs "
                f"{format_mean(Fraction(bt, bc))} over the first logged days of this episode"
            )
    weeks = last_two_weeks(series, day, t)
    if is_worse(weeks, t):
        held.append("getting worse: " + _change_text(weeks))
    return held


def _see_clinician(
    episode: Episode,
    series: PainSeries,
    profile: Profile,
    today: date,
    t: Thresholds,
    advice: str | None,
) -> Alert | None:
    first_check = (episode.start + timedelta(weeks=t.check_after_weeks)).toordinal()
    if today.toordinal() < first_check:
        return None
    lo, hi = series.span(episode.start, today)
    in_episode = series.logs[lo:hi]
    flagged = [log for log in in_episode if log.flags]
    first_flag = flagged[0].day.toordinal() if flagged else None
    if first_flag is None and age_flag(profile, today) is None:
        return None  # criterion 3 cannot hold today
    start_logs = in_episode[: t.baseline_logs]
    baseline = (
        (len(start_logs), sum(log.pain for log in start_logs))
        if len(start_logs) >= t.trend_min_logs
        else None
    )
    # Age counts by calendar year, so remember the answer per year during the walk.
    age_by_year: dict[int, bool] = {}

    def age_counts(day: int) -> bool:
        year = date.fromordinal(day).year
        if year not in age_by_year:
            age_by_year[year] = age_flag(profile, date(year, 12, 31)) is not None
        return age_by_year[year]

    def holds(day: int) -> bool:
        if (first_flag is None or first_flag > day) and not age_counts(day):
            return False
        return bool(criterion2_reasons(series, day, baseline, t, explain=False))

    since = _since(holds, today.toordinal(), first_check)
    if since is None:
        return None

    # Criterion 3 in words: each sign once, with the day it was first logged this episode.
    first_seen: dict[str, date] = {}
    for log in flagged:
        for slug in log.flags:
            first_seen.setdefault(slug, log.day)
    signs = [f"{_flag_name(slug)} ({day.isoformat()})" for slug, day in first_seen.items()]
    age = age_flag(profile, today)
    if age is not None:
        signs.append(age)
    elapsed = (today - episode.start).days
    reasons = [
        f"pain since {episode.start.isoformat()} ({elapsed // 7} weeks)",
        *criterion2_reasons(series, today.toordinal(), baseline, t, explain=True),
        "warning signs: " + ", ".join(signs),
    ]
    return Alert(
        kind="see_clinician",
        severity=SEVERITY["see_clinician"],
        since=since,
        message=MESSAGES["see_clinician"].format(weeks=t.check_after_weeks),
        reason="; ".join(reasons),
        source=SOURCES["see_clinician"],
        advice=advice,
    )


def _keep_moving(series: PainSeries, today: date, t: Thresholds) -> Alert | None:
    logs = series.logs
    if not logs:
        return None
    ordinals = [log.day.toordinal() for log in logs]
    # streak[i]: how many logs in a row, up to and including log i, had no exercise.
    streak: list[int] = []
    run = 0
    for log in logs:
        run = 0 if log.exercises else run + 1
        streak.append(run)
    bed = PainSeries([log for log in logs if log.bed_rest])

    def bed_day(day: int) -> int | None:
        index = bed.latest_index(day)
        if index < 0:
            return None
        found = bed.logs[index].day.toordinal()
        return found if day - found < t.bed_rest_days else None

    def idle_index(day: int) -> int | None:
        index = series.latest_index(day)
        if index < 0 or day - ordinals[index] >= t.recent_log_days:
            return None
        return index if streak[index] >= t.no_exercise_logs else None

    now = today.toordinal()
    since = _since(
        lambda day: bed_day(day) is not None or idle_index(day) is not None, now, ordinals[0]
    )
    if since is None:
        return None
    reasons = []
    in_bed = bed_day(now)
    if in_bed is not None:
        reasons.append(f"bed rest logged on {date.fromordinal(in_bed).isoformat()}")
    idle = idle_index(now)
    if idle is not None:
        first = logs[idle - t.no_exercise_logs + 1].day
        reasons.append(
            f"no exercise logged on your last {t.no_exercise_logs} logged days "
            f"({first.isoformat()} to {logs[idle].day.isoformat()})"
        )
    return Alert(
        kind="keep_moving",
        severity=SEVERITY["keep_moving"],
        since=since,
        message=MESSAGES["keep_moving_bed" if in_bed is not None else "keep_moving_exercise"],
        reason="; ".join(reasons),
        source=SOURCES["keep_moving"],
        advice=KEEP_MOVING,
        suggestions=keep_moving_suggestions(logs[-1].places),
    )
