"""Intakes and treatments written as text: `ibuprofen:400mg@08:00`, `heat`.

One grammar for every place a person or a file writes them: an intake is the medication's
slug, then optionally `:` and a dose, then optionally `@` and a time as HH:MM. The time is
read off the end first, so a dose may hold a colon (`1:1 mix`); a dose never holds `@`, `|`
or `,`, which separate the parts and the items.
"""

from __future__ import annotations

import re
from datetime import time

from painlog.rules.entry import (
    INTAKE_DOSE_MAX_CHARS,
    InvalidInput,
    check_intake_dose,
    medications_accepted,
)
from painlog.rules.parsing import read_time
from painlog.rules.records import Intake
from painlog.rules.text import shown_text
from painlog.rules.vocabulary import OWN_MARK, Candidate, NotOneMatch, resolve
from painlog.seeds import Catalogue

INTAKE_FORM = "MEDICATION[:DOSE][@HH:MM], e.g. ibuprofen:400mg@08:00"

_AT = re.compile(r"^(.*)@([^@]*)$")


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


# -- the command line and the pickers: names, prefixes, words -------------------------------

_TRAILING_TIME = re.compile(r"^(.*?)(?:\s*@\s*|\s+)(\d{1,2}:\d{2})$")


def medication_candidates(seeds: Catalogue, retired: bool = False) -> list[Candidate]:
    """The person's medications to offer (retired ones left out unless `retired`)."""
    offered = seeds.medications if retired else seeds.medications_in_use
    return [
        Candidate(x.slug, x.name, f"{x.name} {x.slug}".lower(), shown_text(x.name)) for x in offered
    ]


def treatment_candidates(seeds: Catalogue, retired: bool = False) -> list[Candidate]:
    """The treatments to offer: the sources' first, then the person's own."""
    offered = seeds.treatments if retired else seeds.treatments_in_use
    return [
        Candidate(
            x.slug,
            x.name,
            (f"{x.name} {x.slug}" + (" yours" if x.own else "")).lower(),
            shown_text(x.name) + (OWN_MARK if x.own else ""),
        )
        for x in offered
    ]


def read_intake(item: str, seeds: Catalogue, allow_retired: bool = False) -> Intake:
    """One `--took` item: `ibuprofen:400mg@08:00`, `ibuprofen@14:00`, or words as the
    Today picker takes them, `ibu 400mg 8:00` (the name, then a dose, then a time).

    Raises:
        InvalidInput: for a medication that is not one of the person's (with the closest),
            a time that is not HH:MM, or a dose over 40 characters.
    """
    text = item.strip()
    at = None
    if (match := _TRAILING_TIME.match(text)) is not None:
        text, at = match.group(1).strip(), read_time("time", match.group(2))
    elif "@" in text:
        text, _at, when = text.rpartition("@")
        at = read_time("time", when)
    candidates = medication_candidates(seeds, retired=allow_retired)
    if not seeds.medications:
        raise InvalidInput("took", text or item, medications_accepted(seeds))
    if ":" in text:
        name, _colon, dose = (part.strip() for part in text.partition(":"))
        if not dose:
            raise InvalidInput("dose", item, "a dose after the colon, or no colon")
        return intake_from(_medication(name, candidates, seeds).slug, dose, at)
    words = text.split()
    if not words:
        raise InvalidInput("took", item, INTAKE_FORM)
    # The longest run of first words that names one medication; the rest is the dose.
    for cut in range(len(words), 1, -1):
        try:
            found = resolve(" ".join(words[:cut]), candidates, "took", "medication")
        except NotOneMatch:
            continue
        return intake_from(found.slug, " ".join(words[cut:]) or None, at)
    found = _medication(words[0], candidates, seeds)
    return intake_from(found.slug, " ".join(words[1:]) or None, at)


def _medication(name: str, candidates: list[Candidate], seeds: Catalogue) -> Candidate:
    """The medication `name` names among `candidates`; a retired one is refused saying how
    to restore it."""
    every = "a name or slug that `painlog meds` lists (painlog meds add NAME adds one)"
    try:
        return resolve(name, candidates, "took", "medication", every)
    except NotOneMatch as error:
        if not error.matches:
            _refuse_retired("took", name, medication_candidates(seeds, retired=True), "meds")
        raise


def read_treatment(item: str, seeds: Catalogue, allow_retired: bool = False) -> str:
    """One `--treated` item, by slug, name or the start of a word of it (`phys`)."""
    every = "a name or slug that `painlog treatments` lists"
    candidates = treatment_candidates(seeds, retired=allow_retired)
    try:
        return resolve(item.strip(), candidates, "treated", "treatment", every).slug
    except NotOneMatch as error:
        if not error.matches:
            every_one = treatment_candidates(seeds, retired=True)
            _refuse_retired("treated", item.strip(), every_one, "treatments")
        raise


def _refuse_retired(field: str, name: str, every_one: list[Candidate], command: str) -> None:
    """Refuse `name` when it names a retired item (found among `every_one`), saying how to
    bring it back; return when it does not."""
    try:
        found = resolve(name, every_one, field, "item")
    except NotOneMatch:
        return
    raise InvalidInput(
        field,
        name,
        f"one in use (this one is retired; `painlog {command} restore {found.slug}` brings "
        "it back)",
    )


def parse_took(text: str, seeds: Catalogue) -> tuple[Intake, ...]:
    """The intakes of a `--took` value: items separated by commas."""
    return tuple(read_intake(item, seeds) for item in text.split(",") if item.strip())


def parse_treated(text: str, seeds: Catalogue) -> tuple[str, ...]:
    """The treatments of a `--treated` value: items separated by commas."""
    return tuple(read_treatment(item, seeds) for item in text.split(",") if item.strip())


def intake_words(intake: Intake, seeds: Catalogue | None = None) -> str:
    """`Ibuprofen 400mg at 08:00`: an intake in plain words, the name escaped."""
    found = seeds.medication(intake.slug) if seeds is not None else None
    text = found.name if found else intake.slug
    if intake.dose is not None:
        text += f" {intake.dose}"
    if intake.at is not None:
        text += f" at {intake.at:%H:%M}"
    return shown_text(text)


def treatment_words(slug: str, seeds: Catalogue | None = None) -> str:
    """A treatment's name (its slug when the catalogue given does not know it)."""
    from painlog.seeds import catalogue

    found = (seeds or catalogue()).treatment(slug)
    return shown_text(found.name if found else slug)


# -- the Today picker: lenient, since it shows what Enter will add --------------------------

_TIME_WORD = re.compile(r"^@?([01]?\d|2[0-3]):([0-5]\d)$")


def split_intake_words(text: str) -> tuple[str, list[str]]:
    """The words naming a medication, and the rest (a dose, then a time): the name ends at
    the first word holding a digit or `@`, so `ibu 400mg 8:00` gives `("ibu", ["400mg",
    "8:00"])`."""
    words = text.split()
    for index, word in enumerate(words):
        if any(ch.isdigit() for ch in word) or word.startswith("@"):
            return " ".join(words[:index]), words[index:]
    return " ".join(words), []


def intake_of_words(slug: str, extras: list[str]) -> Intake:
    """The intake a picker adds: a last word that is a time is the time, the words before
    it the dose (kept to what a dose may hold, so what the preview shows is what is saved)."""
    at = None
    if extras and (match := _TIME_WORD.match(extras[-1])) is not None:
        at = time(int(match.group(1)), int(match.group(2)))
        extras = extras[:-1]
    dose = " ".join("".join(ch for ch in " ".join(extras) if ch not in "@|,").split())
    dose = dose[:INTAKE_DOSE_MAX_CHARS].strip()
    return Intake(slug, dose or None, at)
