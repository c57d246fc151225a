"""A fixed diary for the report tests: the demo's story (16 weeks to 21 Nov 2026, or more
weeks of its years before) with ibuprofen on the days of pain 6 or more, paracetamol on
bed-rest days and heat after the fall, so every part of the page has something to show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from painlog.rules.records import DayLog, Intake, Profile
from painlog.seeds import Medication, catalogue
from painlog.store.demo import demo_history, story_start

TODAY = date(2026, 11, 21)
MEDICATIONS = (
    Medication("ibuprofen", "Ibuprofen", "400 mg", as_needed=True),
    Medication("paracetamol", "Paracetamol", "1 g"),
)
SEEDS = catalogue().with_own((), MEDICATIONS)


def report_logs(weeks: int = 16) -> list[DayLog]:
    logs = []
    for log in demo_history(weeks, 1, TODAY):
        took: tuple[Intake, ...] = ()
        if log.pain >= 6:
            took = (Intake("ibuprofen", "400mg", time(8)), Intake("ibuprofen", "400mg", time(20)))
        if log.bed_rest:
            took += (Intake("paracetamol", "1g"),)
        treated = ("heat",) if log.bed_rest or log.flags else ()
        logs.append(replace(log, took=took, treated=treated))
    return logs


def report_profile(weeks: int = 16) -> Profile:
    return Profile(birth_year=1979, onset=story_start(weeks, TODAY))
