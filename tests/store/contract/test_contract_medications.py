"""Medications and treatments in the diary: the person's lists, each day's intakes and
treatments, and the upgrade from schema 3 that brings them."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painlog.rules.entry import INTAKE_DOSE_MAX_CHARS, InvalidInput
from painlog.rules.naming import NAME_MAX_CHARS
from painlog.rules.records import DayLog, ExerciseDone, Intake
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)


def med_rows(diary: Diary) -> list[tuple]:
    return [(x.slug, x.name, x.dose, x.as_needed, x.retired) for x in diary.medications()]


def test_a_medication_is_kept_tidy_under_a_slug_made_from_its_name(diary):
    added = diary.add_medication("  Ibuprofen ", "400 mg", as_needed=True)
    assert added.slug == "ibuprofen"
    assert med_rows(diary) == [("ibuprofen", "Ibuprofen", "400 mg", True, False)]
    assert diary.catalogue().medication("ibuprofen") == added
    again = diary.add_medication("Ibuprofen gel")
    assert again.slug == "ibuprofen-gel" and not again.as_needed and again.dose == ""


def test_the_same_name_twice_gets_refused_and_a_clashing_slug_a_number(diary):
    diary.add_medication("Co-codamol")
    with pytest.raises(InvalidInput, match="name"):
        diary.add_medication("CO-CODAMOL")
    assert diary.add_medication("Co codamol!").slug == "co-codamol-2"


@pytest.mark.parametrize(
    ("name", "dose"),
    [
        ("", ""),
        ("x" * (NAME_MAX_CHARS + 1), ""),
        ("Naproxen", "d" * (INTAKE_DOSE_MAX_CHARS + 1)),
        ("Nap\x1b[31mroxen", ""),
    ],
)
def test_a_refused_medication_writes_nothing(diary, name, dose):
    diary.add_medication("Paracetamol", "1 g")
    before = med_rows(diary)
    with pytest.raises(InvalidInput):
        diary.add_medication(name, dose)
    assert med_rows(diary) == before


def test_a_dose_of_exactly_the_limit_is_kept(diary):
    dose = "d" * INTAKE_DOSE_MAX_CHARS
    assert diary.add_medication("Naproxen", dose).dose == dose


def test_rename_retire_and_restore_keep_the_slug_and_the_days(diary):
    med = diary.add_medication("Ibuprofen", "200 mg")
    day = DayLog(TODAY - timedelta(days=1), 4, took=(Intake(med.slug, "200 mg", time(8, 0)),))
    diary.save_day(day, TODAY)
    renamed = diary.change_medication(med.slug, name="Ibuprofen (Nurofen)", dose="400 mg")
    assert (renamed.slug, renamed.name, renamed.dose) == (
        "ibuprofen",
        "Ibuprofen (Nurofen)",
        "400 mg",
    )
    retired = diary.retire_medication(med.slug, TODAY)
    assert retired.retired and diary.catalogue().medications_in_use == ()
    assert diary.load_day(day.day) == day
    # A retired medication stays on the days that have it, and such a day can be saved again.
    diary.save_day(DayLog(day.day, 5, took=day.took), TODAY)
    assert diary.restore_medication(med.slug).retired is False
    with pytest.raises(InvalidInput, match="medication"):
        diary.retire_medication("aspirin", TODAY)


def test_a_day_keeps_each_intake_in_order_with_or_without_dose_and_time(diary):
    diary.add_medication("Ibuprofen")
    diary.add_medication("Paracetamol")
    took = (
        Intake("ibuprofen", "400mg", time(8, 0)),
        Intake("paracetamol"),
        Intake("ibuprofen", None, time(14, 30)),
        Intake("ibuprofen"),
    )
    log = DayLog(TODAY, 5, took=took, treated=("heat", "massage"))
    diary.save_day(log, TODAY)
    assert diary.load_day(TODAY) == log
    # Saving the day again replaces its intakes, it does not add to them.
    fewer = DayLog(TODAY, 4, took=took[:1])
    diary.save_day(fewer, TODAY)
    assert diary.load_day(TODAY) == fewer
    assert diary.days() == [fewer]


def test_taken_without_a_dose_is_not_the_same_as_not_taken(diary):
    diary.add_medication("Ibuprofen")
    diary.save_day(DayLog(TODAY, 3, took=(Intake("ibuprofen"),)), TODAY)
    diary.save_day(DayLog(TODAY - timedelta(days=1), 3), TODAY)
    taken, not_taken = diary.load_day(TODAY), diary.load_day(TODAY - timedelta(days=1))
    assert taken.took == (Intake("ibuprofen"),) and not_taken.took == ()


@pytest.mark.parametrize(
    ("log", "field"),
    [
        (DayLog(TODAY, 3, took=(Intake("aspirin"),)), "took"),
        (DayLog(TODAY, 3, took=(Intake("ibuprofen", "x" * 41),)), "dose"),
        (DayLog(TODAY, 3, took=(Intake("ibuprofen", ""),)), "dose"),
        (DayLog(TODAY, 3, took=(Intake("ibuprofen", None, time(8, 0, 30)),)), "time"),
        (DayLog(TODAY, 3, treated=("cupping",)), "treated"),
        (DayLog(TODAY, 3, treated=("heat", "heat")), "treated"),
    ],
)
def test_a_day_with_a_refused_intake_or_treatment_is_not_saved(diary, log, field):
    diary.add_medication("Ibuprofen")
    with pytest.raises(InvalidInput) as refused:
        diary.save_day(log, TODAY)
    assert refused.value.field == field
    assert diary.days() == []


def test_own_treatments_are_added_renamed_retired_and_kept_on_their_days(diary):
    taping = diary.add_treatment("Kinesio taping")
    assert taping.slug == "own-kinesio-taping" and taping.own
    with pytest.raises(InvalidInput, match="name"):
        diary.add_treatment("heat")  # the sources' own treatment
    log = DayLog(TODAY, 3, treated=(taping.slug, "tens"))
    diary.save_day(log, TODAY)
    assert diary.rename_treatment(taping.slug, "Taping").name == "Taping"
    diary.retire_treatment(taping.slug, TODAY)
    assert taping.slug not in [x.slug for x in diary.catalogue().treatments_in_use]
    assert diary.load_day(TODAY) == log
    with pytest.raises(InvalidInput, match="treatment"):
        diary.retire_treatment("heat", TODAY)  # the sources' cannot be changed
    assert diary.restore_treatment(taping.slug).retired is False


def test_forgetting_a_day_forgets_its_intakes_and_treatments(diary):
    diary.add_medication("Ibuprofen")
    diary.save_day(DayLog(TODAY, 3, took=(Intake("ibuprofen"),), treated=("cold",)), TODAY)
    assert diary.delete_day(TODAY)
    diary.save_day(DayLog(TODAY, 2), TODAY)
    assert diary.load_day(TODAY) == DayLog(TODAY, 2)


doses = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=40),
)
times = st.one_of(st.none(), st.builds(time, st.integers(0, 23), st.integers(0, 59)))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    took=st.lists(
        st.builds(Intake, st.sampled_from(["ibuprofen", "paracetamol"]), doses, times),
        max_size=6,
    ),
    treated=st.lists(st.sampled_from(["heat", "cold", "tens", "acupuncture"]), unique=True),
)
def test_any_days_intakes_and_treatments_read_back_as_saved(diary, took, treated):
    if not diary.medications():
        diary.add_medication("Ibuprofen")
        diary.add_medication("Paracetamol")
    log = DayLog(
        TODAY,
        3,
        exercises=(ExerciseDone("walking", minutes=5),),
        took=tuple(took),
        treated=tuple(treated),
    )
    diary.save_day(log, TODAY)
    assert diary.load_day(TODAY) == log
