"""Which kinds of alert were active on each of many days, in one pass over the history.

The weekly summary lists, for every week, the alert kinds `evaluate` finds on the week's
last day. Calling `evaluate` once per week reads the whole history before each week, so
ten years of weeks cost ten years of logs 500 times over. `alert_kinds` gives the same
answer for every day asked about in one walk through the logs.

Only the *kinds* are worked out, not the alerts: whether a rule holds on a day is what
decides its kind, while its `since` (the start of the unbroken run of days on which it
held) is what makes `evaluate` walk back, and the kinds do not need it. Each rule, as of
a day D with the logs up to D:

* emergency: an emergency sign was logged within `emergency_active_days` of D (the latest
  report of a sign ends its latest run, and a run stays active that long after it).
* red_flag: the same for any other warning sign, with `flag_active_days`.
* worsening: the rise from last week to this week holds on D itself.
* duration: the episode open on D is at least `subacute_weeks` old and a day among D and
  the `persisting_days - 1` before was logged with pain.
* see_clinician: the episode open on D is at least `check_after_weeks` old, a warning
  sign was logged in it or age counts in D's year, and criterion 2 holds on D.
* keep_moving: no emergency sign is active, and bed rest was logged within
  `bed_rest_days` of D or the `no_exercise_logs` latest logs had no exercise while the
  latest is within `recent_log_days`.

The signs, the thresholds and the comparisons behind worsening and criterion 2 are the
public rule functions `evaluate` itself uses (`is_emergency_sign`, `last_two_weeks`,
`is_worse`, `criterion2_reasons`), so the two cannot disagree on a number; a property test
checks the rest against `evaluate` day by day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from painlog.rules.alerts import (
    KINDS,
    criterion2_reasons,
    is_emergency_sign,
    is_worse,
    last_two_weeks,
)
from painlog.rules.episodes import age_flag
from painlog.rules.records import DayLog, Profile
from painlog.rules.windows import PainSeries, day_logs
from painlog.seeds.thresholds import Thresholds, thresholds

__all__ = ["alert_kinds"]


class _OpenEpisode:
    """The episode `split_episodes` would leave open after the logs fed so far.

    Mirrors `split_episodes` step by step (logs before the onset skipped, 14 logged
    pain-free days close the episode) and keeps what the alerts ask of the open episode:
    its start, whether a warning sign was logged in it, and the count and pain total of
    its first `baseline_logs` logs.
    """

    __slots__ = ("base_count", "base_total", "flagged", "gap", "onset", "pain_free", "start")

    def __init__(self, onset: date | None, t: Thresholds) -> None:
        self.onset = onset
        self.gap = t.episode_gap_days
        self.start = onset
        self.pain_free = 0
        self.flagged = False
        self.base_count = 0
        self.base_total = 0

    def feed(self, log: DayLog, baseline_logs: int) -> None:
        """Take the next log (logs must come in calendar order, one per day)."""
        if self.onset is not None and log.day < self.onset:
            return
        if log.pain >= 1:
            if self.start is None:
                self.start = log.day
            self.pain_free = 0
        elif self.start is not None:
            self.pain_free += 1
            if self.pain_free >= self.gap:
                # The episode closed on this log: what it held says nothing about the next.
                self.start = None
                self.pain_free = 0
                self.flagged = False
                self.base_count = self.base_total = 0
                return
        if self.start is None:
            return  # a pain-free log with no episode open
        if log.flags:
            self.flagged = True
        if self.base_count < baseline_logs:
            self.base_count += 1
            self.base_total += log.pain


def alert_kinds(
    logs: Iterable[DayLog], profile: Profile, days: Sequence[date]
) -> list[tuple[str, ...]]:
    """For each day in `days`, the kinds `evaluate(logs, profile, day)` returns.

    Args:
        logs: Day logs in any order (each day's answer uses only the logs up to it). Only
            their day, pain, flags, bed_rest and whether exercises is empty are read, so
            the weekly export passes lighter records with those names.
        profile: Birth year and onset, as given to `evaluate`.
        days: The days asked about, in any order.

    Returns:
        One tuple per day of `days`, in the same order: the distinct alert kinds active on
        that day, in `KINDS` order.
    """
    t = thresholds()
    ordered = day_logs(logs)
    series = PainSeries(ordered)
    onset = profile.onset
    # evaluate() ignores an onset after its `today`: days before the onset see the
    # episodes as if none were set, days from it on see them with it.
    without_onset = _OpenEpisode(None, t)
    with_onset = _OpenEpisode(onset, t) if onset is not None else None
    baseline_logs = t.baseline_logs
    # The 6-week alert, or the 12-week one that replaces it: either way, a duration alert.
    duration_days = min(t.subacute_weeks, t.chronic_weeks) * 7

    last_emergency = last_sign = last_painful = last_bed = None
    no_exercise_run = 0  # logs in a row, up to the latest fed, with no exercise
    latest = None  # the latest log fed
    age_by_year: dict[int, bool] = {}
    answers: list[tuple[str, ...]] = [()] * len(days)
    fed = 0
    for position in sorted(range(len(days)), key=days.__getitem__):
        day = days[position]
        while fed < len(ordered) and ordered[fed].day <= day:
            log = ordered[fed]
            fed += 1
            without_onset.feed(log, baseline_logs)
            if with_onset is not None:
                with_onset.feed(log, baseline_logs)
            for slug in log.flags:
                if is_emergency_sign(slug):
                    last_emergency = log.day
                else:
                    last_sign = log.day
            if log.pain >= 1:
                last_painful = log.day
            if log.bed_rest:
                last_bed = log.day
            no_exercise_run = 0 if log.exercises else no_exercise_run + 1
            latest = log

        ordinal = day.toordinal()
        kinds = set()
        emergency = (
            last_emergency is not None and (day - last_emergency).days < t.emergency_active_days
        )
        if emergency:
            kinds.add("emergency")
        if last_sign is not None and (day - last_sign).days < t.flag_active_days:
            kinds.add("red_flag")
        if is_worse(last_two_weeks(series, ordinal, t), t):
            kinds.add("worsening")

        episode = with_onset if onset is not None and onset <= day else without_onset
        if episode.start is not None:
            elapsed = (day - episode.start).days
            if (
                elapsed >= duration_days
                and last_painful is not None
                and (day - last_painful).days < t.persisting_days
            ):
                kinds.add("duration")
            if elapsed >= t.check_after_weeks * 7:
                if day.year not in age_by_year:
                    age_by_year[day.year] = age_flag(profile, day) is not None
                if episode.flagged or age_by_year[day.year]:
                    baseline = (
                        (episode.base_count, episode.base_total)
                        if episode.base_count >= t.trend_min_logs
                        else None
                    )
                    if criterion2_reasons(series, ordinal, baseline, t, explain=False):
                        kinds.add("see_clinician")

        if not emergency and latest is not None:
            in_bed = last_bed is not None and (day - last_bed).days < t.bed_rest_days
            idle = (
                day - latest.day
            ).days < t.recent_log_days and no_exercise_run >= t.no_exercise_logs
            if in_bed or idle:
                kinds.add("keep_moving")

        answers[position] = tuple(kind for kind in KINDS if kind in kinds)
    return answers
