"""Which kinds of alert were active on each of many days, in one pass over the history.

The weekly summary lists, for every week, the alert kinds `evaluate` finds on the week's
last day. Calling `evaluate` once per week reads the whole history before each week, so
ten years of weeks cost ten years of logs 500 times over. `alert_kinds` gives the same
answer for every day asked about in one walk through the logs.

Only the *kinds* are worked out, not the alerts: whether a rule holds on a day is what
decides its kind, while its `since` (the start of the unbroken run of days on which it
held) is what makes `evaluate` walk back, and the kinds do not need it. As of a day D with
the logs up to D, the walk keeps each sign's latest report, the days a fall and not bearing
weight were logged, the latest bed rest, the runs of logs without exercise and without
pain, and the episode tracker; it then asks the very conditions `evaluate` asks
(`sign_active`, `same_day_reports`, `situation_on`, `is_worse`, `duration_weeks`,
`pain_persists`, the three criteria, `keep_moving_holds`, all in `rules.alerts`), with the
episode from the same `EpisodeTracker`, so the two cannot disagree on a rule; a property
test checks the whole against `evaluate` day by day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from painlog.rules.advice import CALM
from painlog.rules.alerts import (
    FALL,
    KINDS,
    NO_WEIGHT,
    criterion1_holds,
    criterion2_reasons,
    criterion3_holds,
    duration_weeks,
    is_emergency_sign,
    is_worse,
    keep_moving_holds,
    last_two_weeks,
    pain_persists,
    same_day_aged,
    same_day_reports,
    sign_active,
    situation_on,
)
from painlog.rules.episodes import EpisodeTracker, profile_flags
from painlog.rules.records import DayLog, Profile
from painlog.rules.windows import PainSeries, day_logs
from painlog.seeds.thresholds import thresholds

__all__ = ["alert_kinds"]


def alert_kinds(
    logs: Iterable[DayLog], profile: Profile, days: Sequence[date]
) -> list[tuple[str, ...]]:
    """For each day in `days`, the kinds `evaluate(logs, profile, day)` returns.

    Args:
        logs: Day logs in any order (each day's answer uses only the logs up to it). Only
            their day, pain, flags, bed_rest and whether exercises is empty are read.
        profile: Birth year, cancer history and onset, as given to `evaluate`.
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
    without_onset = EpisodeTracker(None, t)
    with_onset = EpisodeTracker(onset, t) if onset is not None else None

    last_emergency = last_sign = last_hip = last_painful = last_bed = None
    falls: list[int] = []
    no_weight: list[int] = []
    idle_run = well_run = 0  # logs in a row, up to the latest fed, without exercise / pain
    latest = None  # the ordinal of the latest log fed
    by_year: dict[int, tuple[bool, bool]] = {}  # year -> (profile flags count, same-day age)
    answers: list[tuple[str, ...]] = [()] * len(days)
    fed = 0
    for position in sorted(range(len(days)), key=days.__getitem__):
        day = days[position]
        while fed < len(ordered) and ordered[fed].day <= day:
            log = ordered[fed]
            fed += 1
            without_onset.feed(log)
            if with_onset is not None:
                with_onset.feed(log)
            ordinal = log.day.toordinal()
            for slug in log.flags:
                if is_emergency_sign(slug):
                    last_emergency = ordinal
                else:
                    last_sign = ordinal
                if slug == FALL:
                    falls.append(ordinal)
                elif slug == NO_WEIGHT:
                    no_weight.append(ordinal)
                if slug in (FALL, NO_WEIGHT):
                    last_hip = ordinal
            if log.pain >= 1:
                last_painful = ordinal
            if log.bed_rest:
                last_bed = ordinal
            idle_run = 0 if log.exercises else idle_run + 1
            well_run = 0 if log.pain else well_run + 1
            latest = ordinal

        ordinal = day.toordinal()
        if day.year not in by_year:
            year_end = date(day.year, 12, 31)
            by_year[day.year] = (
                bool(profile_flags(profile, year_end)),
                same_day_aged(profile, year_end, t),
            )
        counts, aged = by_year[day.year]
        kinds = set()
        emergency = sign_active(last_emergency, ordinal, True, t)
        if emergency:
            kinds.add("emergency")
        same_day = bool(same_day_reports(falls, no_weight, ordinal, aged, t))
        if same_day:
            kinds.add("same_day")
        if sign_active(last_sign, ordinal, False, t):
            kinds.add("red_flag")
        if is_worse(last_two_weeks(series, ordinal, t), t):
            kinds.add("worsening")

        tracker = with_onset if onset is not None and onset <= day else without_onset
        start = tracker.open_start(day)
        if start is not None:
            elapsed = (day - start).days
            # The 6-week alert, or the 12-week one that replaces it: either way, duration.
            if duration_weeks(elapsed, t) is not None and pain_persists(last_painful, ordinal, t):
                kinds.add("duration")
            first_sign = tracker.first_sign.toordinal() if tracker.first_sign else None
            if (
                criterion1_holds(elapsed, t)
                and criterion3_holds(first_sign, ordinal, counts)
                and criterion2_reasons(series, ordinal, tracker.first_pains, t, explain=False)
            ):
                kinds.add("see_clinician")

        if situation_on(emergency, same_day, last_hip, ordinal, t) == CALM and any(
            keep_moving_holds(ordinal, last_bed, latest, idle_run, well_run, t)
        ):
            kinds.add("keep_moving")

        answers[position] = tuple(kind for kind in KINDS if kind in kinds)
    return answers
