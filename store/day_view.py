"""What the Today form shows for a day, read from the `Diary` in one call.

The app reads it in a worker when the diary opens and whenever the logs change; moving
to another day reads only that day's log (`for_day`), since nothing around it changed.
Each part is one `Diary` method, so the form never reads a table any other way than the
rest of painlog does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from painlog.rules.recent import recent_window
from painlog.rules.records import DayLog
from painlog.seeds import Catalogue
from painlog.store.alerting import AlertView, current_alerts

if TYPE_CHECKING:
    from painlog.store.diary import Diary
    from painlog.store.peg_answers import PegWeek


@dataclass(frozen=True)
class DayView:
    """A day's saved log with what the form needs around it.

    Attributes:
        day: The day whose log was read.
        log: That day's log, or None when it has none.
        version: The version of that log (None when it has none), so that a save can be
            refused when someone else wrote the day since.
        place_usage: How many times each location was logged (any side), for the picker.
        exercise_usage: How many days each exercise was logged, for the picker.
        catalogue: The packaged catalogue with the person's own exercises.
        alerts: The alerts active as of today, most serious first.
        days_logged: How many days the diary holds.
        recent_days: The days logged among the seven ending today.
        peg: The weekly PEG for the week holding today: its answers, and whether Today
            offers it.
    """

    day: date
    log: DayLog | None
    version: datetime | None
    place_usage: dict[str, int]
    exercise_usage: dict[str, int]
    catalogue: Catalogue
    alerts: list[AlertView]
    days_logged: int
    recent_days: frozenset[date]
    peg: PegWeek


def read_day_view(diary: Diary, day: date, today: date) -> DayView:
    """The form's view of `day`, with the alerts as of `today`."""
    places: dict[str, int] = {}
    for (location, _side), count in diary.place_counts().items():
        places[location] = places.get(location, 0) + count
    saved = diary.saved_day(day)
    return DayView(
        day=day,
        log=saved.log if saved else None,
        version=saved.version if saved else None,
        place_usage=places,
        exercise_usage=diary.exercise_counts(),
        catalogue=diary.catalogue(),
        alerts=current_alerts(diary, today),
        days_logged=diary.count_days(),
        recent_days=frozenset(diary.logged_days(*recent_window(today))),
        peg=diary.peg_week(today),
    )


def for_day(diary: Diary, view: DayView, day: date) -> DayView:
    """`view` moved to `day`: the day's log is read, the rest (usage, catalogue, alerts,
    the PEG) is kept, as it only changes when something is saved."""
    saved = diary.saved_day(day)
    return replace(
        view,
        day=day,
        log=saved.log if saved else None,
        version=saved.version if saved else None,
    )
