"""The coded export: logged days as an HL7 FHIR R4 Bundle of Observations.

`fhir_bundle` is pure: day logs and the diary's catalogue in, the JSON text out. Each day
becomes a few Observations, all `final`, dated with the day itself (a FHIR `date` is
allowed in `effectiveDateTime`; painlog keeps no time zone, so it never claims an instant):

- pain: LOINC 72514-3, the 0-10 numeric rating, as `valueInteger`;
- worst pain, the places, warning signs, exercises (with sets, reps and minutes),
  medication intakes (with the dose as written and the time), treatments and a day in bed:
  each named by `code.text` alone, since no code was confirmed to mean exactly that.

Choices, and why:
- No Patient and no `subject`: the diary is anonymous, and `subject` is optional on an R4
  Observation. For the same reason intakes are Observations, not MedicationStatements,
  whose `subject` R4 requires.
- Stable output: ids come from the day and the item's place in it (`pain-2026-11-21`,
  `exercise-2026-11-21-2`); the Bundle has no `timestamp` and its entries no `fullUrl`
  (both optional in a `collection`): a time of export would change the file every run, and
  a `urn:uuid` made up from the content would claim a uniqueness two diaries could share.
  The same days give the same bytes.
- The note is left out: free text the person wrote for themselves (the daily CSV has it).
- A day not in bed has no bed-rest Observation: the app cannot tell "no" from "not said".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from painlog.rules.records import DayLog, ExerciseDone, Intake, Place
from painlog.seeds import Catalogue

LOINC = "http://loinc.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"

PAIN_CODE = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
"""Used for this score by the HL7 Belgium patient-monitoring and French ANS FHIR guides
(SOURCE_RULES.md section 11); not checked against LOINC's own tables, and the README says
so."""

SURVEY = {"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}
ACTIVITY = {"system": CATEGORY_SYSTEM, "code": "activity", "display": "Activity"}
"""Two codes of FHIR R4's own observation-category code system."""

Json = dict[str, Any]
Details = tuple[Json, Sequence[Json], Json]
"""An item's code, categories and the rest of its Observation (value, body site, parts)."""


def fhir_bundle(logs: Iterable[DayLog], seeds: Catalogue) -> str:
    """The days as a FHIR R4 `collection` Bundle, as JSON text ending in a newline.

    Args:
        logs: The days to export, in any order (they are written oldest first).
        seeds: The diary's catalogue (`Diary.catalogue()`), for the names of its own
            exercises, medications and treatments; a slug it does not know is written as
            it is.
    """
    entries = [
        {"resource": resource}
        for log in sorted(logs, key=lambda log: log.day)
        for resource in day_observations(log, seeds)
    ]
    # The PEG (three 0-10 questions on the past week; LOINC panel 91148-7, score 91147-9,
    # not confirmed against LOINC's own tables) is not recorded by painlog yet. When it
    # is, each week's answers go here as one Observation per week, after the days: until
    # then nothing stands in for it.
    bundle: Json = {"resourceType": "Bundle", "type": "collection"}
    if entries:
        # FHIR JSON has no empty lists: a Bundle with nothing in it has no `entry`.
        bundle["entry"] = entries
    return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"


def day_observations(log: DayLog, seeds: Catalogue) -> list[Json]:
    """One day's Observations: pain, worst, places, signs, exercises, intakes, treatments,
    bed rest, in that order."""
    day = log.day.isoformat()
    pain = _observation(f"pain-{day}", day, _coded(PAIN_CODE, "Pain that day, 0-10"), [SURVEY])
    pain["valueInteger"] = log.pain
    found = [pain]
    if log.worst is not None:
        worst = _observation(f"worst-{day}", day, _text("Worst pain that day, 0-10"), [SURVEY])
        worst["valueInteger"] = log.worst
        found.append(worst)
    found += _numbered("place", day, log.places, lambda place: _place(place, seeds))
    found += _numbered("sign", day, log.flags, lambda slug: _sign(slug, seeds))
    found += _numbered("exercise", day, log.exercises, lambda done: _exercise(done, seeds))
    found += _numbered("medication", day, log.took, lambda intake: _intake(intake, seeds))
    found += _numbered("treatment", day, log.treated, lambda slug: _treatment(slug, seeds))
    if log.bed_rest:
        bed = _observation(f"bed-rest-{day}", day, _text("Spent most of the day resting in bed"))
        bed["valueBoolean"] = True
        found.append(bed)
    return found


def _numbered(
    kind: str, day: str, items: Sequence[Any], details: Callable[[Any], Details]
) -> list[Json]:
    """An Observation per item, with ids `KIND-DAY-1`, `KIND-DAY-2`, ... in the day's order.

    A number rather than the slug: an own item's slug can be long enough to pass the 64
    characters a FHIR id may have, and the same medication is often taken twice a day.
    """
    found = []
    for number, item in enumerate(items, start=1):
        code, categories, values = details(item)
        observation = _observation(f"{kind}-{day}-{number}", day, code, categories)
        observation.update(values)
        found.append(observation)
    return found


def _observation(ident: str, day: str, code: Json, categories: Sequence[Json] = ()) -> Json:
    """The parts every Observation has, in the order FHIR lists them."""
    observation: Json = {"resourceType": "Observation", "id": ident, "status": "final"}
    if categories:
        observation["category"] = [{"coding": [category]} for category in categories]
    observation["code"] = code
    observation["effectiveDateTime"] = day
    return observation


def _coded(coding: Json, text: str) -> Json:
    return {"coding": [coding], "text": text}


def _text(text: str) -> Json:
    """A CodeableConcept of text alone: what the item is, without claiming a code."""
    return {"text": text}


def _component(label: str, value_kind: str, value: Any) -> Json:
    return {"code": _text(label), value_kind: value}


def _place(place: Place, seeds: Catalogue) -> Details:
    location = seeds.location(place.location)
    where = location.name if location else place.location
    values: Json = {}
    if place.character:
        character = seeds.character(place.character)
        values["valueCodeableConcept"] = _text(character.name if character else place.character)
    # After the value: FHIR's own order of an Observation's elements, kept for readers.
    values["bodySite"] = _text(f"{where}, {place.side}" if place.side else where)
    return _text("Where it hurt, and how it felt"), (), values


def _sign(slug: str, seeds: Catalogue) -> Details:
    flag = seeds.red_flag(slug)
    values: Json = {"valueCodeableConcept": _text(flag.name if flag else slug)}
    if flag is not None:
        values["component"] = [
            _component("Emergency sign: get help the same day", "valueBoolean", flag.emergency)
        ]
    return _text("Warning sign noticed"), (), values


def _exercise(done: ExerciseDone, seeds: Catalogue) -> Details:
    exercise = seeds.exercise(done.slug)
    values: Json = {"valueCodeableConcept": _text(exercise.name if exercise else done.slug)}
    parts = []
    if done.sets is not None:
        parts.append(_component("Sets", "valueInteger", done.sets))
    if done.reps is not None:
        parts.append(_component("Repetitions", "valueInteger", done.reps))
    if done.minutes is not None:
        minutes = {"value": done.minutes, "unit": "min", "system": UCUM, "code": "min"}
        parts.append(_component("Duration", "valueQuantity", minutes))
    if parts:
        values["component"] = parts
    return _text("Exercise done"), (ACTIVITY,), values


def _intake(intake: Intake, seeds: Catalogue) -> Details:
    medication = seeds.medication(intake.slug)
    values: Json = {"valueCodeableConcept": _text(medication.name if medication else intake.slug)}
    parts = []
    if intake.dose:
        parts.append(_component("Dose, as the person wrote it", "valueString", intake.dose))
    if intake.at is not None:
        # A FHIR `time` is a time of day with no zone: the person's local time, as logged.
        parts.append(_component("Time taken, local", "valueTime", f"{intake.at:%H:%M:%S}"))
    if parts:
        values["component"] = parts
    return _text("Medication taken"), (), values


def _treatment(slug: str, seeds: Catalogue) -> Details:
    treatment = seeds.treatment(slug)
    values = {"valueCodeableConcept": _text(treatment.name if treatment else slug)}
    return _text("Treatment tried"), (), values
