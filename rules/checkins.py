"""A day's check-ins, and the day's pain and worst pain when the person gave them only
through check-ins.

The day stays the unit every rule and chart uses. When the person sets the day's pain, it
is theirs whatever the check-ins say; a day logged only by check-ins takes their mean,
rounded half up (3.5 is 4). A day without a worst the person gave takes the highest
check-in as its worst (when at least the day's pain), so a bad afternoon counts as the
day's worst. Both follow the check-ins as they are added, changed and removed, until the
person sets them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from fractions import Fraction

from painlog.rules.records import CheckIn, DayLog, Place


def checkin_pain(checkins: tuple[CheckIn, ...]) -> int:
    """The mean pain of `checkins` rounded half up: 3 and 4 give 4, 3 3 4 give 3.

    Raises:
        ValueError: when there is no check-in.
    """
    if not checkins:
        raise ValueError("a day's pain from check-ins needs at least one check-in")
    mean = Fraction(sum(x.pain for x in checkins), len(checkins))
    return int(mean + Fraction(1, 2))  # floor(mean + 1/2): exact, and half goes up


def checkin_worst(checkins: tuple[CheckIn, ...], pain: int) -> int | None:
    """The highest check-in when it is at least the day's `pain` (a worst below the day's
    pain is no worst), else None."""
    highest = max((x.pain for x in checkins), default=None)
    return highest if highest is not None and highest >= pain else None


def settled(log: DayLog) -> DayLog:
    """`log` with its pain and worst worked out again from its check-ins where they come
    from them; a day left without check-ins keeps the last values as its own."""
    if not log.checkins:
        if not (log.pain_from_checkins or log.worst_from_checkins):
            return log
        return replace(log, pain_from_checkins=False, worst_from_checkins=False)
    pain = checkin_pain(log.checkins) if log.pain_from_checkins else log.pain
    worst = checkin_worst(log.checkins, pain) if log.worst_from_checkins else log.worst
    if (pain, worst) == (log.pain, log.worst):
        return log
    return replace(log, pain=pain, worst=worst)


def with_checkin(held: DayLog | None, day: date, checkin: CheckIn) -> DayLog:
    """The day once `checkin` is added to it (`held`, or a day not logged yet, which then
    takes its pain and worst from its check-ins; a day without a worst takes the highest
    check-in as its worst). A check-in at the same minute as one already there replaces
    it. The check-in's places join the day's."""
    if held is None:
        held = DayLog(day, checkin.pain, pain_from_checkins=True, worst_from_checkins=True)
    elif held.worst is None and not held.worst_from_checkins:
        # A day without a worst takes the highest check-in as its worst, even when its
        # pain is the person's own: a bad afternoon is the day's worst.
        held = replace(held, worst_from_checkins=True)
    others = tuple(x for x in held.checkins if x.at != checkin.at)
    checkins = tuple(sorted((*others, checkin), key=_at))
    return settled(
        replace(held, checkins=checkins, places=joined_places(held.places, checkin.places))
    )


def without_checkin(held: DayLog, at: time) -> DayLog:
    """The day once its check-in at `at` is removed. Its places stay among the day's (the
    person may have meant them for the day too); removing the last check-in of a day
    logged only by check-ins leaves its pain as the day's own.

    Raises:
        KeyError: when the day has no check-in at `at`.
    """
    if not any(x.at == at for x in held.checkins):
        raise KeyError(at)
    return settled(replace(held, checkins=tuple(x for x in held.checkins if x.at != at)))


def edited_checkin(held: DayLog, day: date, at: time, checkin: CheckIn) -> DayLog:
    """The day once its check-in at `at` is changed to `checkin` (maybe at another time).

    It is taken out and put back without the scores worked out in between, so a day whose
    pain follows its only check-in keeps following it.

    Raises:
        KeyError: when the day has no check-in at `at`.
    """
    if checkin_at(held, at) is None:
        raise KeyError(at)
    others = tuple(x for x in held.checkins if x.at != at)
    return with_checkin(replace(held, checkins=others), day, checkin)


def checkin_at(log: DayLog | None, at: time) -> CheckIn | None:
    """The check-in of `log` at `at`, or None."""
    return next((x for x in log.checkins if x.at == at), None) if log else None


def joined_places(day: tuple[Place, ...], more: tuple[Place, ...]) -> tuple[Place, ...]:
    """The day's places with those of `more` it lacks (the same location and side) after
    them, in their order."""
    have = {(x.location, x.side) for x in day}
    added = []
    for place in more:
        if (place.location, place.side) not in have:
            have.add((place.location, place.side))
            added.append(place)
    return (*day, *added) if added else day


def from_checkins_kept(held: DayLog | None, pain: int, worst: int | None) -> tuple[bool, bool]:
    """Whether a day edited whole (the Today form, an import) still takes its pain and
    worst from its check-ins: each does while it reads as the check-ins give it, so a
    day saved with other changes keeps following them, and one the person sets is theirs.
    """
    if held is None or not held.checkins:
        return False, False
    pain_follows = held.pain_from_checkins and pain == held.pain
    worst_follows = held.worst_from_checkins and worst == held.worst
    return pain_follows, worst_follows


def _at(checkin: CheckIn) -> time:
    return checkin.at


def as_read(log: DayLog) -> DayLog:
    """A day read whole from a file: its pain and worst take their values from its
    check-ins where they equal what the check-ins give (a file carries values, not where
    they came from), so they follow later check-ins as they did before the export."""
    if not log.checkins:
        return log
    pain = log.pain == checkin_pain(log.checkins)
    worst = log.worst is not None and log.worst == checkin_worst(log.checkins, log.pain)
    if (pain, worst) == (log.pain_from_checkins, log.worst_from_checkins):
        return log
    return replace(log, pain_from_checkins=pain, worst_from_checkins=worst)
