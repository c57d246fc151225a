"""How far back the alerts look: whether the logs since some day are enough to evaluate them.

Years of logs make `evaluate` read years of rows, yet most alerts only look at the last
weeks. `covers` answers, from the recent logs and the alerts `evaluate` found in them,
whether older logs could have changed anything; when they could not, a caller may read
only the recent logs. Every condition below follows from how a rule in `rules.alerts`
uses the days before today:

* A warning sign's alert counts its run back to a report with no report in the
  `flag_new_days` before it: those days must have been read (and, for the alert to be
  found at all, the last `flag_active_days`).
* worsening, see_clinician and keep_moving walk back from today while their condition
  holds. The walk's last step must have compared two whole weeks (worsening), had
  `no_exercise_logs` logs and `bed_rest_days` days to look at (keep_moving) inside what
  was read; see_clinician never walks past its episode's start plus six weeks.
* The episode of pain: what was read must hold `episode_gap_days` consecutive pain-free
  logs (any episode open before them closed there, so the state machine agrees from then
  on), or start no later than the onset (the logs before it are ignored anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from painlog.rules.alerts import Alert, evaluate
from painlog.rules.records import DayLog, Profile
from painlog.seeds.thresholds import thresholds

__all__ = [
    "READ_SPANS",
    "RECENT_DAYS",
    "WIDER_DAYS",
    "bounded_history",
    "covers",
    "read_spans",
    "with_log",
]

RECENT_DAYS = 120
"""Days a bounded read tries first: a few weeks past the longest fixed look-back."""
WIDER_DAYS = 730
"""Days it tries next. An episode of pain that opened before the recent days needs the
logs back to the pain-free days before it; two years hold them for most episodes, at a
fraction of the read of a diary kept for ten."""
READ_SPANS = (RECENT_DAYS, WIDER_DAYS)
"""The spans a bounded read tries in turn, before it reads everything."""


def bounded_history(
    read: Callable[[date | None, date], list[DayLog]],
    first_logged: date | None,
    profile: Profile,
    today: date,
    replacing: DayLog | None = None,
) -> list[DayLog]:
    """The logs up to `today` that `evaluate` needs to give the whole history's answer.

    Each store (SQLAlchemy, or the standard library's read-only reader) supplies its own
    `read`; the choice of how far back to read is made here, once. Each wider read
    fetches only the days before the last one, so an episode too long for every span
    costs one pass over the history, as reading it whole would.

    Args:
        read: Returns the logs from a first day (None: the first log) to a last day, in
            calendar order, with what `evaluate` reads. The first call's last day is
            `today`; later calls ask for the days just before what was read.
        first_logged: The date of the first log there is, or None when there is none.
        profile: The person's profile.
        today: The day the alerts are for.
        replacing: A log about to be saved: the logs returned are then also enough
            once it has replaced its day (`with_log`), so one read gives the alerts
            before and after it.

    Returns:
        The logs of the first span of `READ_SPANS` that is enough, else every log up to
        `today`. `evaluate` of the result equals `evaluate` of every log up to `today`.
    """
    logs: list[DayLog] = []
    for start, end in read_spans(today):
        logs = read(start, end) + logs
        if first_logged is None or first_logged >= start:
            return logs
        if _enough(logs, profile, start, today) and (
            replacing is None
            or (
                replacing.day >= start and _enough(with_log(logs, replacing), profile, start, today)
            )
        ):
            return logs
    return read(None, start - timedelta(days=1)) + logs


def _enough(logs: list[DayLog], profile: Profile, start: date, today: date) -> bool:
    return covers(logs, evaluate(logs, profile, today), profile, start, today)


def with_log(logs: list[DayLog], log: DayLog) -> list[DayLog]:
    """The logs with `log` in place of any log of its day, in calendar order."""
    return sorted([x for x in logs if x.day != log.day] + [log], key=lambda x: x.day)


def read_spans(today: date) -> list[tuple[date, date]]:
    """The (first, last) days each read of `READ_SPANS` adds, newest first."""
    found = []
    end = today
    for span in READ_SPANS:
        start = today - timedelta(days=span - 1)
        found.append((start, end))
        end = start - timedelta(days=1)
    return found


def covers(
    days: Sequence[DayLog], alerts: Sequence[Alert], profile: Profile, start: date, today: date
) -> bool:
    """Whether `evaluate` gives the same alerts from `days` as from the whole history.

    Args:
        days: Every log from `start` to `today`, in calendar order, one per day.
        alerts: What `evaluate(days, profile, today)` returned.
        profile: The profile given to `evaluate`.
        start: The first day read; logs before it may exist but were not read.
        today: The day the alerts are for.

    Returns:
        True when no log before `start` could change the alerts; False when an earlier
        start is needed (reading everything always answers correctly).
    """
    t = thresholds()
    reach = max(t.emergency_active_days, t.flag_active_days, 2 * t.trend_window_days)
    if (today - start).days + 1 < max(reach, t.persisting_days, t.bed_rest_days):
        return False
    calm = True
    moving = None
    for alert in alerts:
        before = (alert.since - start).days
        if alert.kind in ("emergency", "red_flag") and before < t.flag_new_days:
            return False
        if alert.kind == "worsening" and before < 2 * t.trend_window_days:
            return False
        if alert.kind == "emergency":
            calm = False
        if alert.kind == "keep_moving":
            moving = alert
    if calm and not _walk_inside(days, moving, start, today):
        return False
    return _episode_inside(days, profile, start, today)


def _walk_inside(days: Sequence[DayLog], moving: Alert | None, start: date, today: date) -> bool:
    """Whether every day the keep-moving walk judged had its logs inside what was read."""
    t = thresholds()
    # The walk judged each day from `since` to today, and the day before `since` (or only
    # today, when nothing holds).
    earliest = moving.since - timedelta(days=1) if moving is not None else today
    needed = t.no_exercise_logs
    return (
        len(days) >= needed
        and days[needed - 1].day <= earliest
        and (earliest - start).days >= t.bed_rest_days - 1
    )


def _episode_inside(days: Sequence[DayLog], profile: Profile, start: date, today: date) -> bool:
    """Whether the episodes found in `days` end the same as those of the whole history."""
    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    if onset is not None and onset >= start:
        return True
    gap = thresholds().episode_gap_days
    pain_free = 0
    for log in days:
        pain_free = pain_free + 1 if log.pain == 0 else 0
        if pain_free >= gap:
            return True
    return False
