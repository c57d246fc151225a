"""Intakes and treatments written as text: `ibuprofen:400mg@08:00`, `heat`.

One grammar for every place a person or a file writes them: an intake is the medication's
slug, then optionally `:` and a dose, then optionally `@` and a time as HH:MM. The time is
read off the end first, so a dose may hold a colon (`1:1 mix`); a dose never holds `@`, `|`
or `,`, which separate the parts and the items.
"""

from __future__ import annotations

import re
from datetime import time

from painlog.rules.entry import InvalidInput, check_intake_dose
from painlog.rules.records import Intake

INTAKE_FORM = "MEDICATION[:DOSE][@HH:MM], e.g. ibuprofen:400mg@08:00"

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_AT = re.compile(r"^(.*)@([^@]*)$")


def read_time(field: str, text: str) -> time:
    """A time of day written `HH:MM` (`8:05` too), to the minute.

    Raises:
        InvalidInput: naming `field`, for anything else (`25:00`, `8h`, `08:00:30`).
    """
    match = _TIME.match(text.strip())
    if match is None:
        raise InvalidInput(field, text, "a time of day as HH:MM, from 00:00 to 23:59")
    return time(int(match.group(1)), int(match.group(2)))


def split_intake(item: str) -> tuple[str, str | None, time | None]:
    """The name, dose and time an intake item writes, unchecked but the time.

    Raises:
        InvalidInput: for a time after `@` that is not HH:MM, or an empty name.
    """
    text = item.strip()
    at = None
    if (match := _AT.match(text)) is not None:
        text, at = match.group(1).strip(), read_time("time", match.group(2))
    name, colon, dose = text.partition(":")
    name = name.strip()
    if not name:
        raise InvalidInput("took", item, INTAKE_FORM)
    dose = dose.strip()
    if colon and not dose:
        raise InvalidInput("dose", item, "a dose after the colon, or no colon")
    return name, (dose or None), at


def intake_from(slug: str, dose: str | None, at: time | None) -> Intake:
    """The intake of a known medication's `slug`, its dose checked.

    Raises:
        InvalidInput: for a dose over 40 characters or one holding `@`, `|` or `,`.
    """
    return Intake(slug, None if dose is None else check_intake_dose(dose), at)


def intake_text(intake: Intake) -> str:
    """`slug[:dose][@HH:MM]`, as `split_intake` reads it."""
    text = intake.slug
    if intake.dose is not None:
        text += ":" + intake.dose
    if intake.at is not None:
        text += "@" + intake.at.strftime("%H:%M")
    return text
