"""Plain records of what a person logged: the currency between every layer.

The store turns database rows into these, the rules reason over them and the screens
edit them. They are frozen so a rule can never change what was logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

# The scale's ends live with its bands (the pain score widget needs no more than that);
# the records name them too, as every layer has read them from here.
from painlog.rules.scale import PAIN_MAX as PAIN_MAX
from painlog.rules.scale import PAIN_MIN as PAIN_MIN


@dataclass(frozen=True, slots=True)
class Place:
    """Where it hurt: a location slug, with side and character when the person gave them."""

    location: str
    side: str | None = None
    character: str | None = None


@dataclass(frozen=True, slots=True)
class ExerciseDone:
    """An exercise or activity done that day, with the dose when the person gave it."""

    slug: str
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Intake:
    """One taking of a medication on a day: a medication may be taken several times a day,
    and taken without a dose given is still taken.

    Attributes:
        slug: The medication's slug.
        dose: What was taken, as the person wrote it ("400 mg", "2 tablets"), or None.
        at: The time of day it was taken (minutes, no seconds), or None.
    """

    slug: str
    dose: str | None = None
    at: time | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A moment of a day the person logged on its own: the pain then, where, and a note.

    A day may hold several (a bad afternoon after a fair morning); each is known by its
    time, to the minute, and a day holds one a minute.

    Attributes:
        at: The time of day, to the minute.
        pain: The pain at that time, 0-10.
        places: Where it hurt then; they are also among the day's places.
        note: Free text.
    """

    at: time
    pain: int
    places: tuple[Place, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class DayLog:
    """One calendar day's log.

    Attributes:
        day: The local calendar date the log is for.
        pain: Usual pain that day on the 0-10 numeric rating scale.
        worst: Worst pain that day, 0-10, when given.
        places: Where it hurt.
        exercises: Exercises and activities done.
        flags: Slugs of the warning signs noticed that day.
        bed_rest: Whether the day was spent mostly resting in bed.
        note: Free text, any length, any Unicode.
        took: Each intake of a medication, in the order given.
        treated: Slugs of the treatments done that day (heat, massage, ...).
        checkins: The day's check-ins, earliest first.
        pain_from_checkins: The person gave no pain for the day: `pain` is the rounded
            mean of the check-ins (`rules.checkins`), and follows them as they change.
        worst_from_checkins: The person gave no worst pain: `worst` is the highest
            check-in (when at least `pain`), and follows them.
    """

    day: date
    pain: int
    worst: int | None = None
    places: tuple[Place, ...] = ()
    exercises: tuple[ExerciseDone, ...] = ()
    flags: tuple[str, ...] = ()
    bed_rest: bool = False
    note: str = ""
    took: tuple[Intake, ...] = ()
    treated: tuple[str, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    pain_from_checkins: bool = False
    worst_from_checkins: bool = False


@dataclass(frozen=True, slots=True)
class PegAnswer:
    """The three answers of the PEG for a week (Krebs et al., J Gen Intern Med 2009), each
    0-10, about the week before the day they were given.

    Attributes:
        day: The day the answers are for; they stand for the diary week holding it.
        pain: Average pain in the past week.
        enjoyment: How much pain interfered with enjoyment of life.
        activity: How much pain interfered with general activity.
    """

    day: date
    pain: int
    enjoyment: int
    activity: int


@dataclass(frozen=True, slots=True)
class Profile:
    """What the person told painlog about themselves; every field is optional.

    Attributes:
        birth_year: For the age red flags.
        onset: The day this episode of pain started.
        cancer_history: Whether they have ever had cancer (a red flag of the three-criteria
            rule); None while not answered.
    """

    birth_year: int | None = None
    onset: date | None = None
    cancer_history: bool | None = None


CANCER_HISTORY_FLAG = "cancer-history"
"""The warning-sign slug a history of cancer was logged under, day by day, before it became
part of the profile (schema 2 and older). Kept so an upgrade and an old daily CSV can move
it into `Profile.cancer_history`; no day takes it any more."""
