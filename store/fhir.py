"""The coded export: logged days and weekly PEG answers as an HL7 FHIR R4 Bundle of
Observations.

`fhir_bundle` is pure: day logs, PEG answers and the diary's catalogue in, the JSON text
out. Each day becomes a few Observations, all `final`, dated with the day itself (a FHIR
`date` is allowed in `effectiveDateTime`; painlog keeps no time zone, so it never claims
an instant):

- pain: LOINC 72514-3, the 0-10 numeric rating, as `valueInteger`;
- worst pain, the check-ins (with their local time as a `valueTime` component, as an
  intake's), the places, warning signs, exercises (with sets, reps and minutes),
  medication intakes (with the dose as written and the time), treatments and a day in bed:
  each named by `code.text` alone, since no code was confirmed to mean exactly that.

Each diary week's PEG answers (the set standing for the week, `rules.peg.answers_by_week`)
become one Observation after the days: LOINC 91147-9, the PEG score, as a `valueQuantity`
of the mean, with the three answers as components, over the week (`effectivePeriod`).

Choices, and why:
- No Patient and no `subject`: the diary is anonymous, and `subject` is optional on an R4
  Observation. For the same reason intakes are Observations, not MedicationStatements,
  whose `subject` R4 requires.
- Stable output: ids come from the day and the item's place in it (`pain-2026-11-21`,
  `exercise-2026-11-21-2`); the Bundle has no `timestamp` and its entries no `fullUrl`
  (both optional in a `collection`): a time of export would change the file every run, and
  a `urn:uuid` made up from the content would claim a uniqueness two diaries could share.
  The same days give the same bytes.
- The notes (the day's and the check-ins') are left out: free text the person wrote for
  themselves (the daily CSV has them).
- A check-in's pain is named by text, not coded as 72514-3: a reader taking "the pain of
  the day" from that code would find several on one date.
- A day not in bed has no bed-rest Observation: the app cannot tell "no" from "not said".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from painlog.rules.peg import PEG_ITEMS, answers_by_week, peg_score
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Intake, PegAnswer, Place
from painlog.rules.weekly import DEFAULT_FIRST_WEEKDAY, week_bounds
from painlog.rules.windows import format_mean
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

PEG_SCORE_CODE = {"system": LOINC, "code": "91147-9"}
"""The PEG score, as LOINC's published forms are quoted by two code sources
(SOURCE_RULES.md section 11); not checked against LOINC's own tables, and the README says
so. No `display`: its exact wording there is not confirmed either; `code.text` says what
the value is."""

SURVEY = {"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}
ACTIVITY = {"system": CATEGORY_SYSTEM, "code": "activity", "display": "Activity"}
"""Two codes of FHIR R4's own observation-category code system."""

Json = dict[str, Any]
Details = tuple[Json, Sequence[Json], Json]
"""An item's code, categories and the rest of its Observation (value, body site, parts)."""


def fhir_bundle(
    logs: Iterable[DayLog],
    seeds: Catalogue,
    answers: Sequence[PegAnswer] = (),
    first_weekday: int = DEFAULT_FIRST_WEEKDAY,
) -> str:
    """The days and the weeks' PEG answers as a FHIR R4 `collection` Bundle, as JSON text
    ending in a newline.

    Args:
        logs: The days to export, in any order (they are written oldest first).
        seeds: The diary's catalogue (`Diary.catalogue()`), for the names of its own
            exercises, medications and treatments; a slug it does not know is written as
            it is.
        answers: PEG answers, in any order: one Observation for each diary week's.
        first_weekday: Which days make a diary week (0 for Monday through 6 for Sunday).
    """
    entries = [
        {"resource": resource}
        for log in sorted(logs, key=lambda log: log.day)
        for resource in day_observations(log, seeds)
    ]
    weeks = answers_by_week(answers, first_weekday)
    entries += [
        {"resource": peg_observation(answer, first_weekday)}
        for _start, answer in sorted(weeks.items())
    ]
    bundle: Json = {"resourceType": "Bundle", "type": "collection"}
    if entries:
        # FHIR JSON has no empty lists: a Bundle with nothing in it has no `entry`.
        bundle["entry"] = entries
    return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"


def day_observations(log: DayLog, seeds: Catalogue) -> list[Json]:
    """One day's Observations: pain, worst, check-ins, places, signs, exercises, intakes,
    treatments, bed rest, in that order."""
    day = log.day.isoformat()
    pain = _observation(f"pain-{day}", day, _coded(PAIN_CODE, "Pain that day, 0-10"), [SURVEY])
    pain["valueInteger"] = log.pain
    found = [pain]
    if log.worst is not None:
        worst = _observation(f"worst-{day}", day, _text("Worst pain that day, 0-10"), [SURVEY])
        worst["valueInteger"] = log.worst
        found.append(worst)
    found += _numbered("checkin", day, log.checkins, lambda checkin: _checkin(checkin, seeds))
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


def peg_observation(answer: PegAnswer, first_weekday: int) -> Json:
    """The PEG answers standing for a diary week: the score as the value, each answer a
    component named by painlog's question, over the week (id `peg-WEEKSTART`)."""
    start, end = (day.isoformat() for day in week_bounds(answer.day, first_weekday))
    code = _coded(PEG_SCORE_CODE, "PEG score: the mean of the three answers, 0-10")
    week = {"start": start, "end": end}
    observation = _observation(f"peg-{start}", week, code, [SURVEY])
    # One decimal place, as the weekly CSV gives the score.
    score = float(format_mean(peg_score(answer)))
    observation["valueQuantity"] = {
        "value": score,
        "unit": "{score}",
        "system": UCUM,
        "code": "{score}",
    }
    observation["component"] = [
        _component(item.question, "valueInteger", getattr(answer, item.name)) for item in PEG_ITEMS
    ]
    return observation


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


def _observation(ident: str, when: str | Json, code: Json, categories: Sequence[Json] = ()) -> Json:
    """The parts every Observation has, in the order FHIR lists them; `when` is a day
    (`effectiveDateTime`) or a period (`effectivePeriod`)."""
    observation: Json = {"resourceType": "Observation", "id": ident, "status": "final"}
    if categories:
        observation["category"] = [{"coding": [category]} for category in categories]
    observation["code"] = code
    if isinstance(when, str):
        observation["effectiveDateTime"] = when
    else:
        observation["effectivePeriod"] = when
    return observation


def _coded(coding: Json, text: str) -> Json:
    return {"coding": [coding], "text": text}


def _text(text: str) -> Json:
    """A CodeableConcept of text alone: what the item is, without claiming a code."""
    return {"text": text}


def _component(label: str, value_kind: str, value: Any) -> Json:
    return {"code": _text(label), value_kind: value}


def _checkin(checkin: CheckIn, seeds: Catalogue) -> Details:
    # A FHIR `time` is a time of day with no zone: the person's local time, as logged.
    parts = [_component("Time of the check-in, local", "valueTime", f"{checkin.at:%H:%M:%S}")]
    parts += [
        _component("Where it hurt then", "valueCodeableConcept", _text(_place_words(x, seeds)))
        for x in checkin.places
    ]
    values: Json = {"valueInteger": checkin.pain, "component": parts}
    return _text("Pain at a check-in during the day, 0-10"), (SURVEY,), values


def _place_words(place: Place, seeds: Catalogue) -> str:
    """`Lower back, left: ache`: the place in the catalogue's words."""
    location = seeds.location(place.location)
    words = location.name if location else place.location
    if place.side:
        words += f", {place.side}"
    if place.character:
        character = seeds.character(place.character)
        words += f": {(character.name if character else place.character).lower()}"
    return words


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
