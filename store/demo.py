"""A made-up but believable diary, so a newcomer can see every screen before logging a day.

`demo_history` is a pure function of (weeks, seed, today): the same arguments always give
the same logs, so the snapshot tests and the benchmarks can rely on it. The story told by
its last 16 weeks (or all of them, when fewer are asked for):

* an episode of low back pain starts at a moderate level (about 5/10) with little exercise;
* exercise becomes a habit (walking, bridges, hip stretches) and the pain eases to 2-3;
* about three and a half weeks before `today` a fall starts a bad patch: a week at 6-8,
  pain down the back of the thigh, a day or two mostly in bed, fewer exercises, and the
  one warning sign of the whole history (a recent fall, on the day it happened);
* the pain settles again, so this week's mean is below last week's;
* a few days are not logged (odd days and one long weekend away);
* some days of the last two weeks are logged by check-ins, a morning and an evening one
  (their mean is the day's pain), and the PEG is answered most weeks of the story
  (`demo_peg`), its answers near the week's mean pain.

Weeks before the story hold years of mostly pain-free days with a few milder flare-ups,
ending in at least three pain-free weeks, so the story's episode starts on its own first
day (also set as the profile's onset by `fill_demo`).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time, timedelta

from painlog.rules.entry import InvalidInput, check_day
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, PegAnswer, Place

DEFAULT_WEEKS = 16
DEFAULT_SEED = 1
MIN_WEEKS = 4
MAX_WEEKS = 1040
STORY_WEEKS = 16
DEMO_BIRTH_YEAR = 1979
RED_FLAG = "trauma"

# Fractions of the story: when exercise becomes a habit and when the fall happens.
_HABIT_FROM = 0.15
_FALL_AT = 0.78
_BAD_PATCH_DAYS = 8

_NOTES_START = ("Stiff getting out of bed.", "Long day at the desk.", "Hard to sit through dinner.")
_NOTES_BETTER = ("Walked to work.", "Good day.", "Slept well for once.", "Long drive; stiff after.")


def demo_history(weeks: int, seed: int, today: date) -> list[DayLog]:
    """`weeks` weeks of logs ending on `today` (inclusive), oldest first.

    Args:
        weeks: How many weeks of history, from 4 to 1040 (20 years); `DEFAULT_WEEKS` is 16.
        seed: Any whole number (`DEFAULT_SEED` is 1); the same seed gives the same history.
        today: The last day of the history (painlog never reads the clock here).

    Raises:
        InvalidInput: for a number of weeks outside 4..1040.
    """
    check_weeks(weeks)
    rng = random.Random(seed)
    total_days = weeks * 7
    first = today - timedelta(days=total_days - 1)
    begins = story_start(weeks, today)
    logs = _background(rng, first, begins)
    logs += _story(rng, begins, (today - begins).days + 1)
    return _with_checkins(logs, seed, today)


def demo_peg(weeks: int, seed: int, today: date) -> list[PegAnswer]:
    """The PEG answers of the demo: one on the last logged day of most weeks of the story
    (not this week, left for a newcomer to answer), oldest first. Each answer's pain is
    the week's mean pain rounded; the other two stay within a point or two of it."""
    return _peg_answers(demo_history(weeks, seed, today), weeks, seed, today)


def _peg_answers(history: list[DayLog], weeks: int, seed: int, today: date) -> list[PegAnswer]:
    """`demo_peg` of the `history` `demo_history` gave for the same arguments."""
    from fractions import Fraction

    from painlog.rules.weekly import week_start

    rng = random.Random(f"peg-{seed}")
    logs = [x for x in history if x.day >= story_start(weeks, today)]
    by_week: dict[date, list[DayLog]] = {}
    for log in logs:
        by_week.setdefault(week_start(log.day), []).append(log)
    answers = []
    for start, week in sorted(by_week.items()):
        if start == week_start(today) or rng.random() < 0.2:
            continue
        pain = int(Fraction(sum(x.pain for x in week), len(week)) + Fraction(1, 2))
        answers.append(
            PegAnswer(
                week[-1].day,
                pain,
                max(0, min(10, pain + rng.choice((-1, 0, 1, 1, 2)))),
                max(0, min(10, pain + rng.choice((-1, 0, 0, 1, 2)))),
            )
        )
    return answers


def story_start(weeks: int, today: date) -> date:
    """The first day of the demo's current episode (set as the profile's onset)."""
    return today - timedelta(days=min(weeks, STORY_WEEKS) * 7 - 1)


def check_weeks(weeks: object) -> int:
    """The number of weeks as an int, or InvalidInput naming what is accepted."""
    accepted = f"a whole number of weeks from {MIN_WEEKS} to {MAX_WEEKS}"
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise InvalidInput("weeks", str(weeks), accepted)
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise InvalidInput("weeks", str(weeks), accepted)
    return weeks


def fill_demo(diary, weeks: int, seed: int, today: date) -> int:
    """Fill an empty diary with `demo_history` and set the profile's onset to its episode.

    Args:
        diary: An open `Diary` that holds no logs yet.
        weeks, seed, today: As for `demo_history`.

    Returns:
        How many days were logged.

    Raises:
        InvalidInput: when the diary already holds logs (nothing is changed), or for a
            number of weeks outside 4..1040.
    """
    check_weeks(weeks)
    if diary.count_days():
        raise InvalidInput("db", diary.location.display, "an empty database")
    logs = demo_history(weeks, seed, today)
    for log in logs:
        check_day(log, today)
    diary.insert_days(logs)
    for answer in _peg_answers(logs, weeks, seed, today):
        diary.answer_peg(answer, today)
    profile = diary.profile()
    diary.save_profile(
        replace(
            profile,
            birth_year=profile.birth_year or DEMO_BIRTH_YEAR,
            onset=story_start(weeks, today),
        ),
        today,
    )
    return len(logs)


# -- the story ---------------------------------------------------------------------------


def _story(rng: random.Random, start: date, days: int) -> list[DayLog]:
    habit = round(days * _HABIT_FROM)
    fall = min(days - 7, round(days * _FALL_AT))
    patch_end = fall + min(_BAD_PATCH_DAYS, max(3, days // 12))
    # A long weekend away during the improving phase: three days in a row unlogged.
    away = habit + (fall - habit) // 2
    logs = []
    for index in range(days):
        day = start + timedelta(days=index)
        if away <= index < away + 3 and away + 3 < fall:
            rng.random()  # keep the draws aligned whatever the phase lengths
            continue
        odd_gap = rng.random() < 0.05
        if odd_gap and index not in (0, fall, days - 1) and not fall <= index < patch_end:
            continue
        if index < habit:
            logs.append(_early_day(rng, day))
        elif index < fall:
            progress = (index - habit) / max(1, fall - habit)
            logs.append(_improving_day(rng, day, 4.6 - 2.2 * progress))
        elif index < patch_end:
            logs.append(_bad_day(rng, day, first=index == fall, depth=index - fall))
        else:
            settle = (index - patch_end) / max(1, days - 1 - patch_end)
            logs.append(_improving_day(rng, day, 5.2 - 2.6 * settle))
    return logs


def _pain(rng: random.Random, base: float, spread: float = 0.6) -> int:
    return max(0, min(10, round(base + rng.gauss(0, spread))))


def _early_day(rng: random.Random, day: date) -> DayLog:
    pain = max(4, min(6, _pain(rng, 5.2, 0.7)))
    places = [Place("lower-back", None, rng.choice(("ache", "stiff")))]
    if rng.random() < 0.5:
        places.append(Place("buttock", "left"))
    exercises = []
    if rng.random() < 0.4:
        exercises.append(ExerciseDone("walking", minutes=rng.choice((10, 15, 20))))
    return DayLog(
        day=day,
        pain=pain,
        worst=min(10, pain + rng.choice((1, 2))) if rng.random() < 0.6 else None,
        places=tuple(places),
        exercises=tuple(exercises),
        bed_rest=rng.random() < 0.15,
        note=rng.choice(_NOTES_START) if rng.random() < 0.25 else "",
    )


def _improving_day(rng: random.Random, day: date, base: float) -> DayLog:
    pain = _pain(rng, base)
    places = [Place("lower-back", None, rng.choice(("ache", "stiff", "ache")))]
    if rng.random() < 0.35:
        places.append(Place("hip-side", "left"))
    if rng.random() < 0.15:
        places.append(Place("buttock", "left"))
    exercises = []
    if rng.random() < 0.85:
        exercises.append(ExerciseDone("walking", minutes=rng.choice((20, 30, 30, 40))))
    if rng.random() < 0.65:
        exercises.append(ExerciseDone("glute-bridge", sets=rng.choice((2, 3)), reps=10))
    if rng.random() < 0.45:
        exercises.append(ExerciseDone(rng.choice(("pigeon-pose", "figure-four-stretch"))))
    if rng.random() < 0.3:
        exercises.append(ExerciseDone("kneeling-hip-flexor-stretch"))
    if day.weekday() == 5 and rng.random() < 0.7:
        exercises.append(ExerciseDone("swimming", minutes=30))
    return DayLog(
        day=day,
        pain=pain,
        worst=min(10, pain + rng.choice((1, 1, 2))) if rng.random() < 0.3 else None,
        places=tuple(places),
        exercises=tuple(exercises),
        note=rng.choice(_NOTES_BETTER) if rng.random() < 0.12 else "",
    )


def _bad_day(rng: random.Random, day: date, first: bool, depth: int) -> DayLog:
    pain = max(6, min(8, _pain(rng, 7.4 - 0.2 * depth, 0.6)))
    places = [
        Place("lower-back", None, "sharp"),
        Place("thigh-back", "left", "shooting"),
    ]
    exercises = []
    if depth >= 2 and rng.random() < 0.6:
        exercises.append(ExerciseDone("walking", minutes=rng.choice((10, 15))))
    if depth >= 4 and rng.random() < 0.5:
        exercises.append(ExerciseDone("glute-bridge", sets=1, reps=10))
    return DayLog(
        day=day,
        pain=pain,
        worst=min(10, pain + rng.choice((1, 2))),
        places=tuple(places),
        exercises=tuple(exercises),
        flags=(RED_FLAG,) if first else (),
        bed_rest=1 <= depth <= 2,
        note="Slipped on the stairs and landed hard." if first else "",
    )


_CHECKIN_DAYS = 14
"""Check-ins go on some days of this many before today (not today, left to log)."""


def _with_checkins(logs: list[DayLog], seed: int, today: date) -> list[DayLog]:
    """`logs` with a morning and an evening check-in on every third day of the last two
    weeks but today. Their mean is the day's pain and the evening's its worst, both from
    them; the check-ins name the day's first place."""
    rng = random.Random(f"checkins-{seed}")
    first = today - timedelta(days=_CHECKIN_DAYS)
    changed = []
    for log in logs:
        if not first <= log.day < today or (today - log.day).days % 3 != 1:
            changed.append(log)
            continue
        low, high = max(0, log.pain - 1), min(10, log.pain + 1)
        if (low + high) % 2:  # at an end of the scale: keep the mean the day's pain
            low = high = log.pain
        where = log.places[:1]
        morning = CheckIn(time(7, rng.choice((15, 30, 45))), low, where, "Stiff on waking.")
        evening = CheckIn(time(21, rng.choice((0, 10, 20))), high, where, rng.choice(_EVENINGS))
        changed.append(
            replace(
                log,
                worst=high,
                checkins=(morning, evening),
                pain_from_checkins=True,
                worst_from_checkins=True,
            )
        )
    return changed


_EVENINGS = ("Sore after sitting all afternoon.", "Eased off after a walk.", "Tired.")


# -- the years before ----------------------------------------------------------------------


def _background(rng: random.Random, first: date, story: date) -> list[DayLog]:
    """Mostly pain-free years with a few flare-ups, ending in three pain-free weeks."""
    days = (story - first).days
    quiet_from = days - 21
    logs = []
    flare_left = 0
    flare_peak = 0.0
    flare_length = 1
    for index in range(days):
        day = first + timedelta(days=index)
        if index < quiet_from and flare_left == 0 and rng.random() < 1 / 150:
            flare_length = flare_left = rng.randint(10, 35)
            flare_peak = rng.uniform(3, 6)
        if rng.random() < 0.08 and index < quiet_from:
            flare_left = max(0, flare_left - 1)
            continue
        if flare_left and index < quiet_from:
            done = 1 - flare_left / flare_length
            pain = _pain(rng, flare_peak * (1 - 0.6 * done), 0.7)
            flare_left -= 1
            places = (Place("lower-back", None, "ache"),)
        else:
            pain = 0 if index >= quiet_from or rng.random() < 0.85 else 1
            places = (Place("lower-back", None, "stiff"),) if pain else ()
        exercises = (ExerciseDone("walking", minutes=30),) if rng.random() < 0.5 else ()
        logs.append(DayLog(day=day, pain=pain, places=places, exercises=exercises))
    return logs
