"""Turning what a person types into records: dates, places, exercises and warning signs.

The command line and the forms share these, so `lower-back:left:sharp` or `3 days ago`
mean the same wherever they are typed. Each parser refuses with `InvalidInput`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from painlog.rules.entry import InvalidInput, flags_accepted
from painlog.rules.records import ExerciseDone, Place
from painlog.seeds import Catalogue, catalogue

DATE_ACCEPTED = (
    "an ISO date (2026-11-03), today, yesterday, 'N days ago', 'N weeks ago' or a date like '3 Nov'"
)
_AGO = re.compile(r"^(\d{1,5})\s+(day|week)s?\s+ago$")
_SETS_REPS = re.compile(r"^(\d{1,5})x(\d{1,5})$")
_MINUTES = re.compile(r"^(\d{1,5})\s*(?:m|min|mins|minutes)$")
_REPS = re.compile(r"^(\d{1,5})\s*(?:r|reps?)$")


_ISO_LIKE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,2}$")
_FOUR_DIGITS = re.compile(r"\d{4}")


def parse_date(text: str, today: date, field: str = "date") -> date:
    """Read a date the way people write it, relative to `today`.

    Args:
        text: `2026-11-03`, `today`, `yesterday`, `tomorrow`, `3 days ago`, `2 weeks ago`,
            or anything python-dateutil understands (`3 Nov`, `Nov 3 2026`).
        today: The person's local date.
        field: The name of the field in a refusal (`date`, `onset`, `as-of`).

    Returns:
        The calendar date meant. Future dates are returned; refusing them is the
        caller's rule (see `check_day`).

    Raises:
        InvalidInput: when the text is not a date, or names one that does not exist.
    """
    cleaned = " ".join(text.strip().lower().split())
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if match := _AGO.match(cleaned):
        unit = 7 if match.group(2) == "week" else 1
        try:
            return today - timedelta(days=int(match.group(1)) * unit)
        except OverflowError:
            raise InvalidInput(field, text, DATE_ACCEPTED) from None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        if _ISO_LIKE.match(cleaned):
            # An ISO date with an impossible month or day is a typo, not a date to guess.
            raise InvalidInput(field, text, DATE_ACCEPTED) from None
    if not cleaned or (not any(ch.isdigit() for ch in cleaned) and len(cleaned) < 3):
        raise InvalidInput(field, text, DATE_ACCEPTED)
    # dateutil costs ~15 ms to import; most dates typed are ISO or relative and never get here.
    from dateutil import parser as dateutil_parser

    try:
        parsed = dateutil_parser.parse(
            cleaned, default=datetime(today.year, today.month, today.day), dayfirst=True
        )
    except (ValueError, OverflowError) as error:
        raise InvalidInput(field, text, DATE_ACCEPTED) from error
    if parsed.year != today.year and not _FOUR_DIGITS.search(cleaned):
        # dateutil reads "80 Nov" as 1980: refuse a year nobody typed.
        raise InvalidInput(field, text, DATE_ACCEPTED)
    return parsed.date()


def parse_places(text: str) -> tuple[Place, ...]:
    """Read `LOC[:SIDE][:CHARACTER],...`; the side may be left out (`hip-side:sharp`)."""
    seeds = catalogue()
    places = []
    for item in _items(text):
        location, *rest = item.split(":")
        if seeds.location(location) is None:
            raise InvalidInput(
                "where", location, "one of " + ", ".join(x.slug for x in seeds.locations)
            )
        side = character = None
        if len(rest) > 2:
            raise InvalidInput("where", item, "LOCATION[:SIDE][:CHARACTER]")
        for part in rest:
            if part in seeds.sides and side is None and character is None:
                side = part
            elif seeds.character(part) is not None and character is None:
                character = part
            else:
                raise InvalidInput(
                    "where",
                    item,
                    "LOCATION[:SIDE][:CHARACTER] with SIDE one of "
                    + ", ".join(seeds.sides)
                    + " and CHARACTER one of "
                    + ", ".join(x.slug for x in seeds.characters),
                )
        places.append(Place(location, side, character))
    return tuple(places)


def parse_exercises(
    text: str, seeds: Catalogue | None = None, allow_retired: bool = False
) -> tuple[ExerciseDone, ...]:
    """Read `SLUG[:DOSE...],...` where a dose is `3x10` (sets x reps), `12r` or `30min`.

    Args:
        text: What was typed.
        seeds: The catalogue with the person's own exercises (the packaged one when None).
        allow_retired: Accept retired own exercises (an import restoring old days does;
            logging a new day does not).
    """
    seeds = seeds or catalogue()
    done = []
    for item in _items(text):
        slug, *doses = item.split(":")
        exercise = seeds.exercise(slug)
        if exercise is None:
            raise InvalidInput("did", slug, "an exercise slug from `painlog exercises`")
        if exercise.retired and not allow_retired:
            raise InvalidInput(
                "did",
                slug,
                "an exercise in use (this one is retired; `painlog exercises restore "
                f"{slug}` brings it back)",
            )
        sets = reps = minutes = None
        for dose in doses:
            if (match := _SETS_REPS.match(dose)) and sets is None:
                sets, reps = int(match.group(1)), int(match.group(2))
            elif (match := _REPS.match(dose)) and reps is None:
                reps = int(match.group(1))
            elif (match := _MINUTES.match(dose)) and minutes is None:
                minutes = int(match.group(1))
            else:
                raise InvalidInput("did", item, "SLUG[:SETSxREPS][:MINUTESmin], e.g. walking:30min")
        done.append(ExerciseDone(slug, sets, reps, minutes))
    return tuple(done)


def parse_flags(text: str) -> tuple[str, ...]:
    """Read `SLUG,...` of warning signs noticed."""
    seeds = catalogue()
    flags = []
    for slug in _items(text):
        if seeds.red_flag(slug) is None:
            raise InvalidInput("flag", slug, flags_accepted(seeds, slug))
        flags.append(slug)
    return tuple(flags)


def _items(text: str) -> list[str]:
    return [item.strip().lower() for item in text.split(",") if item.strip()]
