"""Alerts as the person sees them: recomputed from the logs, marked with their acknowledgement.

Alerts are never stored (the rules derive them); only the person's acknowledgement is, so
an alert dismissed from the banner stays dismissed and still shows in lists and exports.
An emergency is the exception to "dismissed": on the day its sign was logged it stays in
the banner whatever the person answered; after that day it asks whether they have been
assessed, and only an answer given after that day takes it off the banner
(`rules.alerts.acknowledgement_answers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from painlog.rules.alerts import Alert, acknowledgement_answers, review
from painlog.rules.records import DayLog, Profile

if TYPE_CHECKING:
    from painlog.store.diary import Diary


@dataclass(frozen=True, slots=True)
class AlertView:
    """An active alert and whether the person has acknowledged it.

    Attributes:
        alert: The alert.
        acknowledged: Whether the person's acknowledgement answers it as it reads now (for
            an emergency after its sign's day: whether they said they have been assessed).
        reported_today: An emergency whose sign was logged on the day asked about: it says
            "get care now", and no acknowledgement takes it off the banner.
    """

    alert: Alert
    acknowledged: bool
    reported_today: bool = False

    @property
    def asks_assessed(self) -> bool:
        """Whether it is an emergency asking if the person has been assessed since its
        sign's day (answered by acknowledging it)."""
        return self.alert.kind == "emergency" and not self.reported_today

    def as_json(self) -> dict[str, object]:
        """The alert as plain JSON types, for `painlog alerts --json`."""
        alert = self.alert
        return {
            "kind": alert.kind,
            "severity": alert.severity,
            "since": alert.since.isoformat(),
            "message": alert.message,
            "reason": alert.reason,
            "source": alert.source,
            "advice": alert.advice,
            "suggestions": list(alert.suggestions),
            "reported": None if alert.reported is None else alert.reported.isoformat(),
            "acknowledged": self.acknowledged,
        }


@dataclass(frozen=True, slots=True)
class AlertsRead:
    """The alerts as of a day, and what the rules could not judge (`rules.alerts.Review`).

    Attributes:
        views: The active alerts, most serious first, marked with their acknowledgement.
        notes: Sentences for the person, such as too few days logged to check a rule.
    """

    views: list[AlertView]
    notes: tuple[str, ...] = ()


def current_alerts(diary: Diary, today: date) -> list[AlertView]:
    """Every alert active as of `today` (from logs up to `today`), most serious first."""
    return current_review(diary, today).views


def current_review(diary: Diary, today: date) -> AlertsRead:
    """The alerts active as of `today`, with the notes of what could not be judged."""
    return alerts_read(diary.days(end=today), diary.profile(), diary.acknowledged(), today)


def alert_views(
    logs: Sequence[DayLog],
    profile: Profile,
    acknowledged: Mapping[tuple[str, date], date],
    today: date,
) -> list[AlertView]:
    """The alerts of already-loaded logs, marked with the acknowledgements given."""
    return alerts_read(logs, profile, acknowledged, today).views


def alerts_read(
    logs: Sequence[DayLog],
    profile: Profile,
    acknowledged: Mapping[tuple[str, date], date],
    today: date,
) -> AlertsRead:
    """`current_review` of already-loaded logs.

    Args:
        logs: Day logs up to `today`.
        profile: The person's profile.
        acknowledged: `Diary.acknowledged()`: each acknowledged (kind, since) with the day
            it was last acknowledged.
        today: The day asked about.
    """
    found = review(logs, profile, today)
    views = [
        AlertView(
            alert,
            acknowledgement_answers(alert, acknowledged.get(alert.key), today),
            alert.kind == "emergency" and alert.reported == today,
        )
        for alert in found.alerts
    ]
    return AlertsRead(views, found.notes)


def banner_alert(views: list[AlertView]) -> AlertView | None:
    """The alert the Today banner shows: the most serious one not yet acknowledged.

    An emergency stays in the banner on the day its sign was logged, even once
    acknowledged: it must be unmissable then. After that day it asks whether the person
    has been assessed, and leaves the banner once they say so.
    """
    for view in views:
        if not view.acknowledged or view.reported_today:
            return view
    return None
