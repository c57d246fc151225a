"""The logs the alert rules need, read as little and as lightly as they allow.

`Diary.days` builds every field of every day; the rules read a day's date, pain, bed rest,
warning signs and whether any exercise was done, and the latest day's places (they choose
the exercises a keep-moving alert suggests). `alert_days` reads only those, and
`alert_history` reads only the recent ones when `rules.horizon.covers` says older logs
cannot change the alerts: the last `RECENT_DAYS` days usually, `WIDER_DAYS` for an episode
of pain that opened before them, everything for a longer one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, func, select

from painlog.rules.horizon import bounded_history, with_log
from painlog.rules.records import DayLog, Place, Profile
from painlog.store.diary import EXERCISES, FLAGS, LOGS, PLACES, Diary, slugs_by_log
from painlog.store.quick_read import alert_logs

__all__ = ["alert_days", "alert_history", "before_and_after"]


def alert_history(diary: Diary, profile: Profile, today: date) -> list[DayLog]:
    """The logs up to `today` that `evaluate` needs to give the whole history's answer
    (`rules.horizon.bounded_history` over `alert_days`)."""
    return bounded_history(_reader(diary, today), _first_logged(diary), profile, today)


def before_and_after(
    diary: Diary, profile: Profile, today: date, log: DayLog
) -> tuple[list[DayLog], list[DayLog]]:
    """What `alert_history` gives now, and the same once `log` has replaced its day.

    One read serves both (the rules are pure): the logs enough for both.
    """
    history = bounded_history(
        _reader(diary, today), _first_logged(diary), profile, today, replacing=log
    )
    return history, with_log(history, log)


def _reader(diary: Diary, today: date) -> Callable[[date | None, date], list[DayLog]]:
    """`alert_days` as `bounded_history` reads: places on the latest log up to today."""
    return lambda start, end: alert_days(diary, start, end, latest_places=end == today)


def alert_days(
    diary: Diary, start: date | None, end: date, latest_places: bool = True
) -> list[DayLog]:
    """The logs from `start` (None: the first) to `end`, with only what alerts read.

    The records hold the date, pain, bed rest, warning signs and exercise slugs (without
    dose); the latest one also holds its places, unless `latest_places` is False (a read
    of older days, before the latest log). No worst score, no note: they are for the
    rules, never for display or export.
    """
    conditions = [LOGS.c.day <= end]
    if start is not None:
        conditions.append(LOGS.c.day >= start)
    in_range = select(LOGS.c.id).where(*conditions).scalar_subquery()
    with diary.engine.connect() as connection:
        rows = connection.execute(
            select(LOGS.c.id, LOGS.c.day, LOGS.c.pain, LOGS.c.bed_rest)
            .where(*conditions)
            .order_by(LOGS.c.day)
        ).all()
        if not rows:
            return []
        exercises = slugs_by_log(connection, EXERCISES, in_range)
        flags = slugs_by_log(connection, FLAGS, in_range)
        places = _places(connection, rows[-1][0]) if latest_places else ()
    return alert_logs(rows, exercises, flags, places)


def _places(connection: Connection, log_id: int) -> tuple[Place, ...]:
    """The places of one log, in logged order."""
    return tuple(
        Place(location, side, character)
        for location, side, character in connection.execute(
            select(PLACES.c.location, PLACES.c.side, PLACES.c.character)
            .where(PLACES.c.log_id == log_id)
            .order_by(PLACES.c.position)
        ).all()
    )


def _first_logged(diary: Diary) -> date | None:
    with diary.engine.connect() as connection:
        return connection.execute(select(func.min(LOGS.c.day))).scalar()
