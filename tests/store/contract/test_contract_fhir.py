"""The coded export read from a diary: its range, its names, and the same bytes each time."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from painlog.rules.entry import InvalidInput
from painlog.rules.records import DayLog, ExerciseDone, Intake, PegAnswer
from painlog.rules.weekly import WEEK_START_SETTING
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.store.fhir import fhir_bundle

TODAY = date(2026, 11, 21)


@pytest.fixture
def own_diary(where):
    with Diary.open(where) as diary:
        diary.add_medication("Ibuprofen", "400 mg")
        band_row = diary.add_exercise("Band row", "strength")
        taping = diary.add_treatment("Kinesio taping")
        diary.insert_days(
            [
                DayLog(date(2026, 11, 2), 5, worst=7),
                DayLog(
                    date(2026, 11, 10),
                    4,
                    exercises=(ExerciseDone(band_row.slug, 3, 12),),
                    took=(Intake("ibuprofen", "400 mg", time(8, 0)),),
                    treated=(taping.slug,),
                ),
                DayLog(date(2026, 11, 20), 2, flags=("fever",)),
            ]
        )
        yield diary


def ids(text: str) -> list[str]:
    return [entry["resource"]["id"] for entry in json.loads(text).get("entry", [])]


def test_every_logged_day_by_default_with_the_diarys_own_names(own_diary):
    export = export_diary(own_diary, "fhir", TODAY)
    assert export.text == fhir_bundle(own_diary.days(), own_diary.catalogue())
    assert (export.start, export.end) == (date(2026, 11, 2), date(2026, 11, 20))
    assert export.description == "3 days (2026-11-02 to 2026-11-20)"
    assert export.header == () and export.rows == []
    names = [
        entry["resource"].get("valueCodeableConcept", {}).get("text")
        for entry in json.loads(export.text)["entry"]
    ]
    assert {"Band row", "Ibuprofen", "Kinesio taping"} <= set(names)


def test_a_range_keeps_its_days_only(own_diary):
    export = export_diary(own_diary, "fhir", TODAY, date(2026, 11, 3), date(2026, 11, 10))
    assert {day.split("-", 1)[1][:10] for day in ids(export.text)} == {"2026-11-10"}
    assert export.description == "1 day (2026-11-03 to 2026-11-10)"


def test_the_same_diary_gives_the_same_bytes(own_diary):
    first = export_diary(own_diary, "fhir", TODAY).text
    assert export_diary(own_diary, "fhir", date(2027, 1, 1)).text == first
    # No byte order mark, whatever the CSV exports are asked for.
    assert export_diary(own_diary, "fhir", TODAY, bom=True).text == first
    assert not first.startswith("\ufeff")


def test_an_empty_diary_gives_an_empty_bundle(diary):
    export = export_diary(diary, "fhir", TODAY)
    assert json.loads(export.text) == {"resourceType": "Bundle", "type": "collection"}
    assert export.description == "0 days"


def test_a_range_after_today_is_refused(own_diary):
    with pytest.raises(InvalidInput, match=r"^to: "):
        export_diary(own_diary, "fhir", TODAY, end=date(2026, 11, 22))


def test_the_peg_answers_of_the_range_go_in_by_the_diarys_weeks(own_diary):
    own_diary.set_setting(WEEK_START_SETTING, "sunday")
    own_diary.answer_peg(PegAnswer(date(2026, 11, 17), 3, 4, 5), TODAY)
    export = export_diary(own_diary, "fhir", TODAY)
    assert ids(export.text)[-1] == "peg-2026-11-15"
    assert export.text == fhir_bundle(
        own_diary.days(), own_diary.catalogue(), own_diary.peg_answers(), first_weekday=6
    )
    assert export.description == "3 days (2026-11-02 to 2026-11-20)"
    before = export_diary(own_diary, "fhir", TODAY, end=date(2026, 11, 16))
    assert not [x for x in ids(before.text) if x.startswith("peg-")]
