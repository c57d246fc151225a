"""Statements per operation: the same on a 3-month and a 10-year diary, on each engine
(an import: the same per batch of `BATCH_ROWS` days).

Counted with SQLAlchemy's `before_cursor_execute` event, so every statement painlog sends
is seen (SQLite's explicit BEGIN included; on PostgreSQL the driver begins implicitly).
A change that makes any of these grow with the diary, or adds statements, fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from painlog.rules.records import DayLog, Place
from painlog.store.alerting import current_alerts
from painlog.store.day_view import read_day_view
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.store.importer import BATCH_ROWS, import_daily

TODAY = date(2026, 11, 21)
SIZES = {"3 months": 13, "10 years": 522}

OPERATIONS: dict[str, Callable[[Diary], object]] = {
    "open Today": lambda diary: read_day_view(diary, TODAY, TODAY),
    "save a day": lambda diary: diary.save_day(
        DayLog(TODAY, 3, places=(Place("knee", "left"),)), TODAY
    ),
    # Only the note changes: the day's places, exercises and the rest are not rewritten.
    "change a day's note": lambda diary: diary.change_day(
        TODAY, lambda held: replace(held, note=held.note + " (changed)"), TODAY
    ),
    "alerts": lambda diary: current_alerts(diary, TODAY),
    "daily export": lambda diary: export_diary(diary, "daily", TODAY),
    "weekly export": lambda diary: export_diary(diary, "weekly", TODAY),
}

EXPECTED = {
    "sqlite": {
        "open Today": 35,
        "save a day": 14,
        "change a day's note": 13,
        "alerts": 13,
        "daily export": 11,
        "weekly export": 15,
        "import": 5,
    },
    "postgresql": {
        "open Today": 25,
        "save a day": 14,
        "change a day's note": 13,
        "alerts": 10,
        "daily export": 9,
        "weekly export": 11,
        "import": 6,
    },
}

IMPORT_PER_BATCH = 3
"""An import's statements per batch besides its children's; EXPECTED counts those it makes
once."""
CHILD_INSERTS = [
    ["INSERT", "INTO", table]
    for table in (
        "pain_place",
        "exercise_done",
        "flag_report",
        "intake",
        "treatment_done",
        "checkin",
        "checkin_place",
        "peg_answer",
    )
]
"""The bulk inserts a batch makes for what its rows hold besides the days: their children,
and the PEG answers."""


def counted(diary: Diary, operation: Callable[[Diary], object]) -> int:
    return len(listed(diary, operation))


def listed(diary: Diary, operation: Callable[[Diary], object]) -> list[str]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(diary.engine, "before_cursor_execute", count)
    try:
        operation(diary)
    finally:
        event.remove(diary.engine, "before_cursor_execute", count)
    return statements


@pytest.mark.parametrize("size", list(SIZES))
def test_each_operation_issues_a_fixed_number_of_statements(new_diary_location, engine_name, size):
    where = new_diary_location()
    with Diary.open(where) as diary:
        fill_demo(diary, SIZES[size], 1, TODAY)
        counts = {name: counted(diary, operation) for name, operation in OPERATIONS.items()}
        exported = export_diary(diary, "daily", TODAY).text.encode("utf-8")
    with Diary.open(new_diary_location()) as empty:
        statements = listed(empty, lambda diary: import_daily(diary, exported, TODAY))
        days = empty.count_days()
    # Per batch: the days logged, the logs and their ids; then one bulk insert for each
    # child table the batch's days have rows in (a batch without a sign has none for them).
    batches = -(-days // BATCH_ROWS)
    children = [s for s in statements if s.split()[:3] in CHILD_INSERTS]
    assert 0 < len(children) <= len(CHILD_INSERTS) * batches
    counts["import"] = len(statements) - len(children) - IMPORT_PER_BATCH * batches
    assert counts == EXPECTED[engine_name]
