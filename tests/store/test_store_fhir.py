"""The coded export (`store.fhir`): a golden file, every resource valid FHIR, stable bytes.

Validation uses the `fhir.resources` models of FHIR R4B (4.3), the release nearest R4 the
library ships (its default is R5): Bundle and Observation are the same there as in R4.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, time
from pathlib import Path

import pytest

from painlog.rules.checkins import with_checkin
from painlog.rules.naming import SLUG_BODY_MAX
from painlog.rules.own_exercises import own_exercise
from painlog.rules.own_treatments import own_treatment
from painlog.rules.peg import PEG_ITEMS
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Intake, PegAnswer, Place
from painlog.seeds import Medication, catalogue
from painlog.seeds.catalogue import OWN_PREFIX
from painlog.store.fhir import PAIN_CODE, PEG_SCORE_CODE, fhir_bundle

r4b = pytest.importorskip("fhir.resources.R4B")
from fhir.resources.R4B.bundle import Bundle  # noqa: E402
from fhir.resources.R4B.observation import Observation  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PAINLOG_UPDATE_GOLDEN") == "1"
FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
"""FHIR's `id` type."""

SEEDS = catalogue().with_own(
    [own_exercise("own-band-row", "Band row", "strength", "3 x 12")],
    medications=(
        Medication("ibuprofen", "Ibuprofen", "400 mg", True),
        Medication("paracetamol", "Paracétamol 500", ""),
    ),
    treatments=(own_treatment("own-kinesio-taping", "Kinesio taping"),),
)


def fixed_days() -> list[DayLog]:
    """A week with every kind of field, a gap, an emergency sign, check-ins and notes left
    out."""
    return [
        DayLog(date(2026, 11, 16), 3, places=(Place("lower-back", "left", "ache"),)),
        DayLog(
            date(2026, 11, 17),
            6,
            worst=8,
            places=(Place("hip-side", "right"), Place("upper-back", None, "sharp")),
            exercises=(
                ExerciseDone("walking", minutes=30),
                ExerciseDone("glute-bridge", 3, 10),
                ExerciseDone("pigeon-pose", reps=12),
                ExerciseDone("own-band-row", sets=2),
            ),
            took=(
                Intake("ibuprofen", "400mg", time(8, 0)),
                Intake("paracetamol"),
                Intake("ibuprofen", "2 tablets", time(14, 30)),
            ),
            treated=("heat", "own-kinesio-taping"),
            bed_rest=True,
            note="not for the export",
        ),
        # 18 Nov: nothing logged
        checked_in(),
        DayLog(date(2026, 11, 20), 1, flags=("saddle-numbness", "fever")),
        DayLog(date(2026, 11, 21), 0, worst=2, exercises=(ExerciseDone("swimming", 2, None, 20),)),
    ]


def checked_in() -> DayLog:
    """19 Nov, logged through two check-ins alone (their notes stay out of the export)."""
    day = date(2026, 11, 19)
    morning = CheckIn(time(7, 30), 2, (Place("lower-back", "left", "stiff"),), "not exported")
    evening = CheckIn(time(21, 5), 5, (Place("hip-side", "right"), Place("buttock")))
    return with_checkin(with_checkin(None, day, morning), day, evening)


ANSWERS = [
    PegAnswer(date(2026, 11, 9), 6, 7, 7),  # the week before: only its answers
    PegAnswer(date(2026, 11, 18), 4, 6, 4),  # a day not logged
]
"""PEG answers for two diary weeks (Monday to Sunday)."""


def full_bundle() -> str:
    return fhir_bundle(fixed_days(), SEEDS, ANSWERS)


def resources(text: str) -> list[dict]:
    return [entry["resource"] for entry in json.loads(text).get("entry", [])]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE:
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} changed; PAINLOG_UPDATE_GOLDEN=1 rewrites it"


def empty_parts(value, where: str = "") -> list[str]:
    """Where `value` holds a null, an empty string, list or object: FHIR JSON allows none."""
    if value is None or value in ("", [], {}):
        return [where]
    if isinstance(value, dict):
        return [
            found for key, item in value.items() for found in empty_parts(item, f"{where}.{key}")
        ]
    if isinstance(value, list):
        return [
            found for n, item in enumerate(value) for found in empty_parts(item, f"{where}[{n}]")
        ]
    return []


def test_the_library_validates_fhir_4():
    # fhir.resources 8 defaults to R5; the tests must use its 4.x models.
    assert r4b.__fhir_version__.startswith("4.")


def test_the_export_matches_the_golden_file():
    check_golden("fhir.json", full_bundle())


def test_the_bundle_and_every_resource_are_valid_fhir():
    text = full_bundle()
    bundle = Bundle.model_validate_json(text)
    assert bundle.type == "collection"
    # Nothing the models do not know was dropped on the way: they give back the same JSON.
    assert json.loads(bundle.model_dump_json()) == json.loads(text)
    found = resources(text)
    for resource in found:
        Observation.model_validate(resource)
    assert {resource["resourceType"] for resource in found} == {"Observation"}
    assert empty_parts(json.loads(text)) == []


def test_every_observation_is_final_and_dated_by_its_day_or_week_with_a_unique_id():
    logs = fixed_days()
    found = resources(full_bundle())
    ids = [resource["id"] for resource in found]
    assert len(set(ids)) == len(ids)
    logged = {log.day.isoformat() for log in logs}
    for resource in found:
        assert FHIR_ID.match(resource["id"]), resource["id"]
        assert resource["status"] == "final"
        if resource["id"].startswith("peg-"):
            assert "effectiveDateTime" not in resource
            assert resource["id"] == f"peg-{resource['effectivePeriod']['start']}"
        else:
            assert resource["effectiveDateTime"] in logged
            assert resource["effectiveDateTime"] in resource["id"]
        # Anonymous: no one is named, and nothing points at a Patient.
        assert "subject" not in resource and "performer" not in resource


def test_each_days_pain_is_loinc_72514_3_as_a_survey():
    found = resources(fhir_bundle(fixed_days(), SEEDS))
    pains = {r["id"]: r for r in found if r["id"].startswith("pain-")}
    assert sorted(pains) == [f"pain-{log.day.isoformat()}" for log in fixed_days()]
    for log in fixed_days():
        pain = pains[f"pain-{log.day.isoformat()}"]
        assert pain["code"]["coding"] == [PAIN_CODE]
        assert PAIN_CODE["code"] == "72514-3" and PAIN_CODE["system"] == "http://loinc.org"
        assert pain["valueInteger"] == log.pain
        assert pain["category"][0]["coding"][0]["code"] == "survey"
        assert pain["category"][0]["coding"][0]["system"] == (
            "http://terminology.hl7.org/CodeSystem/observation-category"
        )


def test_everything_but_the_pain_and_peg_scores_is_named_by_text_alone():
    for resource in resources(full_bundle()):
        if not resource["id"].startswith(("pain-", "peg-")):
            assert set(resource["code"]) == {"text"}, resource["id"]


def test_each_weeks_peg_is_one_observation_of_its_score_and_answers():
    found = [r for r in resources(full_bundle()) if r["id"].startswith("peg-")]
    assert [r["id"] for r in found] == ["peg-2026-11-09", "peg-2026-11-16"]
    assert resources(full_bundle())[-2:] == found  # after the days
    peg = found[1]
    assert peg["code"]["coding"] == [PEG_SCORE_CODE]
    assert PEG_SCORE_CODE == {"system": "http://loinc.org", "code": "91147-9"}
    assert peg["code"]["text"].startswith("PEG score")
    assert peg["category"][0]["coding"][0]["code"] == "survey"
    assert peg["effectivePeriod"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert peg["valueQuantity"] == {
        "value": 4.7,  # (4 + 6 + 4) / 3, to one decimal as in the weekly CSV
        "unit": "{score}",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    }
    assert peg["component"] == [
        {"code": {"text": item.question}, "valueInteger": value}
        for item, value in zip(PEG_ITEMS, (4, 6, 4), strict=True)
    ]
    assert found[0]["valueQuantity"]["value"] == 6.7


def test_the_answers_standing_for_a_week_are_its_latest_by_the_first_weekday():
    answers = [PegAnswer(date(2026, 11, 15), 9, 9, 9), PegAnswer(date(2026, 11, 16), 1, 2, 3)]
    by_monday = [r for r in resources(fhir_bundle([], SEEDS, answers)) if "peg" in r["id"]]
    assert [r["id"] for r in by_monday] == ["peg-2026-11-09", "peg-2026-11-16"]
    # Weeks from Sunday: both in the week of 15 Nov, which the later one stands for.
    (by_sunday,) = resources(fhir_bundle([], SEEDS, answers, first_weekday=6))
    assert by_sunday["id"] == "peg-2026-11-15"
    assert by_sunday["effectivePeriod"] == {"start": "2026-11-15", "end": "2026-11-21"}
    assert [c["valueInteger"] for c in by_sunday["component"]] == [1, 2, 3]


def test_each_check_in_is_its_pain_with_its_local_time_and_places():
    found = {r["id"]: r for r in resources(full_bundle())}
    morning, evening = found["checkin-2026-11-19-1"], found["checkin-2026-11-19-2"]
    assert morning["code"] == {"text": "Pain at a check-in during the day, 0-10"}
    assert morning["effectiveDateTime"] == "2026-11-19"  # the day alone: no zone is kept
    assert morning["valueInteger"] == 2
    assert morning["component"] == [
        {"code": {"text": "Time of the check-in, local"}, "valueTime": "07:30:00"},
        {
            "code": {"text": "Where it hurt then"},
            "valueCodeableConcept": {"text": "Lower back, left: stiff"},
        },
    ]
    assert [
        c.get("valueTime") or c["valueCodeableConcept"]["text"] for c in evening["component"]
    ] == [
        "21:05:00",
        "Outer hip, right",
        "Buttock",
    ]
    # The day's own pain comes first, then its check-ins, then its places.
    ids = [r["id"] for r in resources(full_bundle()) if "2026-11-19" in r["id"]]
    assert ids[:5] == [
        "pain-2026-11-19",
        "worst-2026-11-19",
        "checkin-2026-11-19-1",
        "checkin-2026-11-19-2",
        "place-2026-11-19-1",
    ]


def test_worst_pain_only_when_given():
    found = {r["id"]: r for r in resources(fhir_bundle(fixed_days(), SEEDS))}
    worst = [key for key in found if key.startswith("worst-")]
    assert worst == ["worst-2026-11-17", "worst-2026-11-19", "worst-2026-11-21"]
    assert found["worst-2026-11-17"]["valueInteger"] == 8


def test_exercise_doses_are_components():
    found = {r["id"]: r for r in resources(fhir_bundle(fixed_days(), SEEDS))}
    walk, bridge, pigeon, row = (found[f"exercise-2026-11-17-{n}"] for n in (1, 2, 3, 4))
    assert walk["valueCodeableConcept"] == {"text": "Walking"}
    assert walk["category"][0]["coding"][0]["code"] == "activity"
    assert walk["component"] == [
        {
            "code": {"text": "Duration"},
            "valueQuantity": {
                "value": 30,
                "unit": "min",
                "system": "http://unitsofmeasure.org",
                "code": "min",
            },
        }
    ]
    assert [(c["code"]["text"], c["valueInteger"]) for c in bridge["component"]] == [
        ("Sets", 3),
        ("Repetitions", 10),
    ]
    assert [c["code"]["text"] for c in pigeon["component"]] == ["Repetitions"]
    # An own exercise goes by the person's name for it.
    assert row["valueCodeableConcept"] == {"text": "Band row"}
    swim = found["exercise-2026-11-21-1"]
    assert [c["code"]["text"] for c in swim["component"]] == ["Sets", "Duration"]


def test_each_intake_is_one_observation_with_its_dose_and_time():
    found = {r["id"]: r for r in resources(fhir_bundle(fixed_days(), SEEDS))}
    first, second, third = (found[f"medication-2026-11-17-{n}"] for n in (1, 2, 3))
    assert first["valueCodeableConcept"] == {"text": "Ibuprofen"}
    assert [
        (c["code"]["text"], c.get("valueString", c.get("valueTime"))) for c in first["component"]
    ] == [
        ("Dose, as the person wrote it", "400mg"),
        ("Time taken, local", "08:00:00"),
    ]
    assert second == {
        "resourceType": "Observation",
        "id": "medication-2026-11-17-2",
        "status": "final",
        "code": {"text": "Medication taken"},
        "effectiveDateTime": "2026-11-17",
        "valueCodeableConcept": {"text": "Paracétamol 500"},
    }
    assert third["component"][1]["valueTime"] == "14:30:00"


def test_warning_signs_say_which_are_emergencies():
    found = {r["id"]: r for r in resources(fhir_bundle(fixed_days(), SEEDS))}
    saddle, fever = found["sign-2026-11-20-1"], found["sign-2026-11-20-2"]
    assert saddle["valueCodeableConcept"] == {"text": SEEDS.red_flag("saddle-numbness").name}
    assert saddle["component"][0]["valueBoolean"] is True
    assert fever["valueCodeableConcept"] == {"text": SEEDS.red_flag("fever").name}
    assert fever["component"][0]["valueBoolean"] is False


def test_places_treatments_and_bed_rest():
    found = {r["id"]: r for r in resources(fhir_bundle(fixed_days(), SEEDS))}
    assert found["place-2026-11-16-1"]["bodySite"] == {"text": "Lower back, left"}
    assert found["place-2026-11-16-1"]["valueCodeableConcept"] == {"text": "Ache"}
    assert "valueCodeableConcept" not in found["place-2026-11-17-1"]
    assert found["place-2026-11-17-2"]["bodySite"] == {"text": "Mid/upper back"}
    assert [found[f"treatment-2026-11-17-{n}"]["valueCodeableConcept"] for n in (1, 2)] == [
        {"text": "Heat"},
        {"text": "Kinesio taping"},
    ]
    assert found["bed-rest-2026-11-17"]["valueBoolean"] is True
    # A day not in bed says nothing: "no" and "not said" look the same in the diary.
    assert [key for key in found if key.startswith("bed-rest-")] == ["bed-rest-2026-11-17"]


def test_the_notes_and_any_time_of_export_are_left_out():
    text = full_bundle()
    assert "not for the export" not in text and "not exported" not in text
    assert "timestamp" not in json.loads(text)
    assert "fullUrl" not in text


def test_the_same_days_give_the_same_bytes_in_any_order():
    logs = fixed_days()
    text = full_bundle()
    assert full_bundle() == text
    assert fhir_bundle(reversed(logs), SEEDS, ANSWERS[::-1]) == text
    assert text.endswith("}\n") and not text.startswith("\ufeff")


def test_no_days_is_a_valid_empty_bundle():
    text = fhir_bundle([], SEEDS)
    assert json.loads(text) == {"resourceType": "Bundle", "type": "collection"}
    Bundle.model_validate_json(text)


def test_a_slug_the_catalogue_does_not_know_is_written_as_it_is():
    log = DayLog(
        date(2026, 11, 21),
        4,
        exercises=(ExerciseDone("own-gone"),),
        took=(Intake("naproxen"),),
        treated=("own-gone",),
    )
    found = resources(fhir_bundle([log], catalogue()))
    assert [r["valueCodeableConcept"]["text"] for r in found[1:]] == [
        "own-gone",
        "naproxen",
        "own-gone",
    ]
    Bundle.model_validate_json(fhir_bundle([log], catalogue()))


def test_ids_fit_with_the_longest_own_slug():
    slug = OWN_PREFIX + "x" * SLUG_BODY_MAX
    log = DayLog(
        date(2026, 11, 21),
        4,
        exercises=tuple(ExerciseDone(f"{slug[:-1]}{n}") for n in range(10)),
        treated=(slug,),
    )
    for resource in resources(fhir_bundle([log], catalogue())):
        assert FHIR_ID.match(resource["id"]), resource["id"]
