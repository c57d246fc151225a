"""A day's log in plain words, for the command line and the history list."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from painlog.rules.scale import pain_band
from painlog.rules.text import counted, shown_text

if TYPE_CHECKING:
    from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Place
    from painlog.seeds import Catalogue

# The catalogue is imported where a name is looked up, not here: Today's first frame needs
# only `day_heading`, and the catalogue's module is a tenth of that frame's own imports.


def day_heading(day: date) -> str:
    """`Sat 21 Nov 2026`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def place_text(place: Place) -> str:
    """`Outer hip (left, sharp)`."""
    from painlog.seeds import catalogue

    location = catalogue().location(place.location)
    name = location.name if location else place.location
    details = [part for part in (place.side, place.character) if part]
    # Shown escaped: an older diary, or one edited by hand, may hold anything in a slug.
    return shown_text(f"{name} ({', '.join(details)})" if details else name)


def exercise_text(done: ExerciseDone, seeds: Catalogue | None = None) -> str:
    """`Glute bridge 3x10` or `Walking 30 min` (own exercises need `seeds` for their name)."""
    from painlog.seeds import catalogue

    exercise = (seeds or catalogue()).exercise(done.slug)
    text = exercise.name if exercise else done.slug
    if done.sets is not None and done.reps is not None:
        text += f" {done.sets}x{done.reps}"
    elif done.reps is not None:
        text += f" {done.reps} reps"
    elif done.sets is not None:
        text += f" {done.sets} sets"
    if done.minutes is not None:
        text += f" {done.minutes} min"
    # An own exercise's name, or an unknown slug, as an older diary may hold it.
    return shown_text(text)


def flag_text(slug: str) -> str:
    from painlog.seeds import catalogue

    flag = catalogue().red_flag(slug)
    return flag.name if flag else shown_text(slug)


def pain_text(log: DayLog, sources: bool = False) -> str:
    """`4/10 (moderate), worst 6`; with `sources`, which of them the day's check-ins give
    (`rules.checkins`): `4/10 (moderate), worst 6, both from 2 check-ins`."""
    text = f"{log.pain}/10 ({pain_band(log.pain)})"
    pain = worst = ""
    if sources and log.checkins:
        given = f" from {counted(len(log.checkins), 'check-in')}"
        if log.pain_from_checkins and log.worst_from_checkins and log.worst is not None:
            return f"{text}, worst {log.worst}, both{given}"
        pain = given if log.pain_from_checkins else ""
        worst = given if log.worst_from_checkins else ""
    text += pain
    if log.worst is not None:
        text += f", worst {log.worst}{worst}"
    return text


def checkin_text(checkin: CheckIn) -> str:
    """`08:10  pain 3  Lower back (left) · stiff in the morning`, on one line (a break in
    the note shows as ⏎, any control character in it escaped)."""
    parts = [f"{checkin.at:%H:%M}  pain {checkin.pain}"]
    if checkin.places:
        parts.append(", ".join(place_text(place) for place in checkin.places))
    line = "  ".join(parts)
    note = shown_text(checkin.note.strip(), breaks=" ⏎ ")
    return f"{line} · {note}" if note else line


def summary_text(log: DayLog, seeds: Catalogue | None = None) -> str:
    """One line: `pain 4/10 (moderate); Lower back (left); Walking, Glute bridge`."""
    from painlog.rules.intakes import intake_words, treatment_words

    parts = [f"pain {pain_text(log)}"]
    if log.places:
        parts.append(", ".join(place_text(p) for p in log.places))
    if log.exercises:
        parts.append(", ".join(exercise_text(e, seeds) for e in log.exercises))
    if log.took:
        parts.append("took " + ", ".join(intake_words(x, seeds) for x in log.took))
    if log.treated:
        parts.append("treated with " + ", ".join(treatment_words(x, seeds) for x in log.treated))
    if log.flags:
        parts.append("signs: " + ", ".join(flag_text(f) for f in log.flags))
    if log.bed_rest:
        parts.append("bed rest")
    return "; ".join(parts)


VALUE_INDENT = " " * 13
"""Where the values of `day_lines` start, after the field names."""


def day_lines(log: DayLog, seeds: Catalogue | None = None) -> list[str]:
    """The whole log, one field per line, for `painlog show`: the check-ins, when the day
    has any, come under its pain, one a line."""
    from painlog.rules.intakes import intake_words, treatment_words

    did = ", ".join(exercise_text(e, seeds) for e in log.exercises)
    lines = [
        day_heading(log.day),
        f"  Pain:      {pain_text(log, sources=True)}",
        *_checkin_lines(log.checkins),
        "  Where:     " + (", ".join(place_text(p) for p in log.places) or "not given"),
        "  Did:       " + (did or "nothing logged"),
        "  Took:      "
        + (", ".join(intake_words(x, seeds) for x in log.took) or "no medication logged"),
        "  Treated:   "
        + (", ".join(treatment_words(x, seeds) for x in log.treated) or "no treatment logged"),
        "  Signs:     " + (", ".join(flag_text(f) for f in log.flags) or "none"),
        "  Bed rest:  " + ("yes, mostly in bed" if log.bed_rest else "no"),
    ]
    if log.note:
        # Escaped: a note from an older diary may hold an ESC sequence.
        note_lines = shown_text(log.note).splitlines() or [""]
        lines.append("  Note:      " + note_lines[0])
        lines += [VALUE_INDENT + line for line in note_lines[1:]]
    return lines


def _checkin_lines(checkins: tuple[CheckIn, ...]) -> list[str]:
    """`  Check-ins: 08:10  pain 3  Lower back (left) · stiff`, then one a line below."""
    return [
        ("  Check-ins: " if index == 0 else VALUE_INDENT) + checkin_text(checkin)
        for index, checkin in enumerate(checkins)
    ]
