"""Hypothesis strategies for the records a person logs, shared by the property tests."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import strategies as st

from painlog.rules.checkins import with_checkin
from painlog.rules.records import (
    PAIN_MAX,
    PAIN_MIN,
    CheckIn,
    DayLog,
    ExerciseDone,
    PegAnswer,
    Place,
    Profile,
)
from painlog.rules.text import REFUSED_CONTROLS
from painlog.seeds import catalogue
from painlog.seeds.thresholds import thresholds

SEEDS = catalogue()

doses = st.none() | st.integers(1, 10_000)


@st.composite
def places(draw) -> Place:
    """Any catalogue location, with a side only where it has one, and any character."""
    location = draw(st.sampled_from(SEEDS.locations))
    side = draw(st.none() | st.sampled_from(SEEDS.sides)) if location.has_side else None
    character = draw(st.none() | st.sampled_from([x.slug for x in SEEDS.characters]))
    return Place(location.slug, side, character)


exercises = st.builds(
    ExerciseDone,
    slug=st.sampled_from([x.slug for x in SEEDS.exercises]),
    sets=doses,
    reps=doses,
    minutes=doses,
)


note_characters = st.characters(codec="utf-8", exclude_characters="".join(sorted(REFUSED_CONTROLS)))
"""Any character a note may hold: every Unicode character but the control characters
painlog refuses (C0 but tab and line breaks, DEL, C1) and lone surrogates (not text)."""

pains = st.integers(PAIN_MIN, PAIN_MAX)

# -- check-ins and PEG answers ---------------------------------------------------------------

minutes = st.builds(time, st.integers(0, 23), st.integers(0, 59))
"""A time of day to the minute, as check-ins are kept."""

checkin_notes = st.text(note_characters, max_size=20)


@st.composite
def with_checkins(draw, held: DayLog | None, day: date, notes=checkin_notes) -> DayLog:
    """`held` with one to four check-ins added as the app adds them
    (`rules.checkins.with_checkin`): at distinct minutes, each with its own places (which
    join the day's) and note. With `held` None, a day logged through check-ins alone: its
    pain and worst are theirs."""
    drawn = draw(st.lists(minutes, min_size=1, max_size=4, unique=True))
    log = held
    for at in drawn:
        where = draw(st.lists(places(), max_size=2, unique_by=lambda p: (p.location, p.side)))
        checkin = CheckIn(at, draw(pains), tuple(where), draw(notes))
        log = with_checkin(log, day, checkin)
    assert log is not None
    return log


def peg_answers(day: date) -> st.SearchStrategy[PegAnswer]:
    """Any PEG answers given for `day`."""
    return st.builds(PegAnswer, st.just(day), pains, pains, pains)


# -- whole diaries, for the alert properties ------------------------------------------------

BASE = date(2023, 1, 1)
"""The first day a generated diary can start on."""

SIGNS = (
    "saddle-numbness",
    "bladder-bowel-control",
    "urinary-retention",
    "fever",
    "trauma",
    "cannot-bear-weight",
    "hip-swelling",
    "not-in-catalogue",
)
"""Emergency signs, the two same-day signs, ordinary ones, and a slug the catalogue does
not know (a red flag)."""

_SPARSE = "mon-wed-fri"


@st.composite
def spells(draw) -> list[DayLog]:
    """Runs of painful and pain-free days, long and short, with unlogged days: long open
    episodes, episodes that close after 14 pain-free logs or a long silence, gaps longer
    than every look-back, logging three days a week, warning signs (emergency or not)
    that recur or not, a fall and not bearing weight a few days apart, bed rest, and runs
    of days without exercise."""
    logs: list[DayLog] = []
    day = 0
    for _ in range(draw(st.integers(1, 7))):
        painful = draw(st.booleans())
        length = draw(st.integers(1, 80))
        level = draw(st.integers(1, 10)) if painful else 0
        rise = draw(st.integers(-2, 2)) if painful else 0
        skip = draw(st.sampled_from((0, 0, 2, 3, 7, 40, _SPARSE)))
        signs = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(SIGNS),
                    st.sampled_from((1, 7, 20, 30, 1000)),
                    st.integers(0, 5),
                ),
                max_size=2,
            )
        )
        exercise = draw(st.sampled_from((0, 1, 2, 4)))
        bed = draw(st.sampled_from((0, 3, 11)))
        where = draw(st.lists(places(), max_size=2).map(tuple))
        did = draw(st.lists(exercises, min_size=1, max_size=2).map(tuple))
        for n in range(length):
            if skip == _SPARSE:
                if n % 7 not in (0, 2, 4):
                    continue
            elif skip and n % skip == skip - 1:
                continue
            pain = min(10, max(1 if painful else 0, level + rise * (n // 7)))
            due = [slug for slug, every, at in signs if n >= at and (n - at) % every == 0]
            flags = tuple(dict.fromkeys(due))
            logs.append(
                DayLog(
                    day=BASE + timedelta(days=day + n),
                    pain=pain,
                    places=where,
                    exercises=did if exercise and n % exercise == 0 else (),
                    flags=flags,
                    bed_rest=bool(bed) and n % bed == bed - 1,
                )
            )
        day += length + draw(st.sampled_from((0, 0, 1, 5, 13, 28, 29, 30, 60)))
    return logs


@st.composite
def cases(draw) -> tuple[list[DayLog], Profile, list[date]]:
    """A diary (`spells`), a profile and the days to ask about."""
    logs = draw(spells())
    last = logs[-1].day if logs else BASE
    span = (last - BASE).days
    onset = draw(st.none() | st.integers(-10, span + 10))
    t = thresholds()
    # Birth years that put the person just inside or outside an age threshold at some
    # point of the history, and any other.
    birth_year = draw(
        st.none()
        | st.sampled_from(
            [
                BASE.year + offset - age
                for age in (t.age_under, t.age_over, t.same_day_age)
                for offset in (-1, 0, 1, 2)
            ]
        )
        | st.integers(1930, 2030)
    )
    # Every week's end, as the weekly summary asks, or any days at all (repeats too).
    if draw(st.booleans()):
        first = BASE - timedelta(days=draw(st.integers(0, 6)))
        days = [first + timedelta(days=n) for n in range(0, span + 60, 7)]
    else:
        days = draw(
            st.lists(
                st.integers(-5, span + 60).map(lambda n: BASE + timedelta(days=n)),
                max_size=40,
            )
        )
    profile = Profile(
        birth_year=birth_year,
        onset=None if onset is None else BASE + timedelta(days=onset),
        cancer_history=draw(st.sampled_from((None, False, True))),
    )
    return logs, profile, days
