"""The notes a person marks for the clinician's report: kept with the day's log through
edits, gone with it, refused on a day without a note, and the upgrade from schema 4."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from test_contract_opening import downgrade, raw, tables

from painlog.rules.entry import InvalidInput
from painlog.rules.records import DayLog
from painlog.store.diary import Diary
from painlog.store.errors import NeedsUpgrade

TODAY = date(2026, 11, 21)
DAY = TODAY - timedelta(days=3)


def test_a_mark_puts_the_note_in_and_takes_it_out(diary):
    diary.save_day(DayLog(DAY, 5, note="Stairs were hard"), TODAY)
    assert diary.report_notes() == []
    assert diary.mark_for_report(DAY) is True
    assert diary.mark_for_report(DAY) is False  # already marked: nothing changes
    assert diary.report_notes() == [(DAY, "Stairs were hard")]
    assert diary.mark_for_report(DAY, marked=False) is True
    assert diary.mark_for_report(DAY, marked=False) is False
    assert diary.report_notes() == []


def test_the_mark_stays_through_an_edit_and_follows_the_new_note(diary):
    diary.save_day(DayLog(DAY, 5, note="Stairs were hard"), TODAY)
    diary.mark_for_report(DAY)
    diary.save_day(DayLog(DAY, 6, note="Stairs were very hard"), TODAY)
    assert diary.report_notes() == [(DAY, "Stairs were very hard")]
    # A note emptied since: nothing to show, and the mark waits for a new one.
    diary.save_day(DayLog(DAY, 6), TODAY)
    assert diary.report_notes() == []
    diary.save_day(DayLog(DAY, 6, note="Back again"), TODAY)
    assert diary.report_notes() == [(DAY, "Back again")]


def test_the_mark_goes_with_its_day(diary):
    diary.save_day(DayLog(DAY, 5, note="Stairs were hard"), TODAY)
    diary.mark_for_report(DAY)
    assert diary.delete_day(DAY) is True
    diary.save_day(DayLog(DAY, 4, note="A new log"), TODAY)
    assert diary.report_notes() == []


@pytest.mark.parametrize(("log", "accepted"), [(None, "a day that has a log"), ("", "a note")])
def test_a_day_without_a_log_or_a_note_is_refused(diary, log, accepted):
    if log is not None:
        diary.save_day(DayLog(DAY, 5, note=log), TODAY)
    with pytest.raises(InvalidInput, match=accepted) as refused:
        diary.mark_for_report(DAY)
    assert (refused.value.field, refused.value.value) == ("for-report", DAY.isoformat())
    assert diary.report_notes() == []


def test_notes_are_read_oldest_first_within_a_range(diary):
    for n in range(5):
        day = TODAY - timedelta(days=n)
        diary.save_day(DayLog(day, 3, note=f"note {n}"), TODAY)
        diary.mark_for_report(day)
    assert [note for _, note in diary.report_notes()] == [f"note {n}" for n in range(4, -1, -1)]
    inside = diary.report_notes(TODAY - timedelta(days=2), TODAY - timedelta(days=1))
    assert inside == [(TODAY - timedelta(days=2), "note 2"), (TODAY - timedelta(days=1), "note 1")]


def test_a_schema_4_diary_keeps_its_days_and_gains_no_marks(where):
    with Diary.open(where) as diary:
        diary.save_day(DayLog(DAY, 5, note="Stairs"), TODAY)
    downgrade(where, 4)
    assert "report_mark" not in tables(where)
    with pytest.raises(NeedsUpgrade, match="older painlog"):
        Diary.open(where, read_only=True)
    with Diary.open(where) as diary:
        assert diary.days() == [DayLog(DAY, 5, note="Stairs")]
        assert diary.report_notes() == []
        diary.mark_for_report(DAY)
    with raw(where) as connection:
        assert connection.execute(text("SELECT count(*) FROM report_mark")).scalar_one() == 1
