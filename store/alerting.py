"""Alerts as the person sees them: recomputed from the logs, marked with their acknowledgement.

Alerts are never stored (the rules derive them); only the person's acknowledgement is, so
an alert dismissed from the banner stays dismissed and still shows in lists and exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from painlog.rules.alerts import Alert, evaluate
from painlog.rules.records import DayLog, Profile

if TYPE_CHECKING:
    from painlog.store.diary import Diary


@dataclass(frozen=True, slots=True)
class AlertView:
    """An active alert and whether the person has acknowledged it."""

    alert: Alert
    acknowledged: bool

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
            "acknowledged": self.acknowledged,
        }


def current_alerts(diary: Diary, today: date) -> list[AlertView]:
    """Every alert active as of `today` (from logs up to `today`), most serious first."""
    return alert_views(diary.days(end=today), diary.profile(), diary.acknowledged(), today)


def alert_views(
    logs: Sequence[DayLog],
    profile: Profile,
    acknowledged: set[tuple[str, date]],
    today: date,
) -> list[AlertView]:
    """The alerts of already-loaded logs, marked with the acknowledgements given."""
    return [AlertView(alert, alert.key in acknowledged) for alert in evaluate(logs, profile, today)]


def banner_alert(views: list[AlertView]) -> AlertView | None:
    """The alert the Today banner shows: the most serious one not yet acknowledged.

    An emergency stays in the banner even once acknowledged: it must be unmissable for as
    long as the sign is active.
    """
    for view in views:
        if not view.acknowledged or view.alert.kind == "emergency":
            return view
    return None
