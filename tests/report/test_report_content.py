"""What the clinician's report holds, checked by hand on a fixed diary and at its edges."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from report_diary import SEEDS, TODAY, report_logs, report_profile

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.rules.report import (
    DATES_LISTED,
    MAX_ITEMS,
    MAX_ROWS,
    build_report,
    dates_words,
    when_words,
)
from painlog.seeds import catalogue

START = date(2026, 10, 26)  # a Monday, four weeks before today


def small_report(logs):
    return build_report(logs, Profile(), catalogue(), START, TODAY, TODAY)


def test_figures_of_a_few_days_worked_by_hand():
    logs = [
        DayLog(date(2026, 11, 16), 4, worst=7, places=(Place("lower-back", "left", "ache"),)),
        DayLog(date(2026, 11, 17), 6, exercises=(ExerciseDone("walking", minutes=30),)),
        DayLog(date(2026, 11, 18), 5, bed_rest=True, flags=("fever",)),
        DayLog(date(2026, 10, 1), 9),  # before the range: not counted
    ]
    report = small_report(logs)
    assert (report.days_in_range, report.days_logged) == (27, 3)
    assert report.mean == Fraction(15, 3)
    assert report.bed_rest_days == 1
    week = next(row for row in report.rows if row.start == date(2026, 11, 16))
    assert (week.days_logged, week.mean, week.worst) == (3, Fraction(5), 7)
    assert [row.start for row in report.rows] == [
        date(2026, 10, 26) + timedelta(weeks=n) for n in range(4)
    ]
    assert report.rows[-1].end == TODAY
    assert report.signs == (("Fever or feeling unwell", (date(2026, 11, 18),)),)
    assert [(x.name, x.days, x.details) for x in report.places] == [("Lower back, left", 1, "ache")]
    assert [(x.name, x.days, x.details) for x in report.exercises] == [("Walking", 1, "30 min")]


def test_the_fixed_diary_lists_medication_treatments_and_alerts():
    report = build_report(report_logs(), report_profile(), SEEDS, date(2026, 8, 31), TODAY, TODAY)
    assert len(report.rows) == 12
    assert report.weeks_per_row == 1
    names = [x.name for x in report.medications]
    assert names == ["Ibuprofen", "Paracetamol"]
    ibuprofen = report.medications[0]
    assert ibuprofen.details.startswith(f"{2 * ibuprofen.days} intakes, 400mg")
    assert [x.name for x in report.treatments] == ["Heat"]
    assert report.medication_days == sum(row.medication_days for row in report.rows)
    kinds = [alert.kind for alert in report.alerts]
    assert "red_flag" in kinds and "duration" in kinds
    fall = next(alert for alert in report.alerts if alert.kind == "red_flag")
    assert fall.first == report.signs[0][1][0]
    assert report.episode is not None
    assert report.episode_text.startswith("Current episode began 2 Aug 2026")


def test_a_long_range_is_listed_in_spans_of_whole_weeks():
    logs = report_logs(60)
    start = TODAY - timedelta(weeks=52)
    report = build_report(logs, report_profile(60), SEEDS, start, TODAY, TODAY)
    assert len(report.rows) <= MAX_ROWS
    assert report.weeks_per_row == 5
    assert sum(row.days_logged for row in report.rows) == report.days_logged
    assert report.rows[0].start == start and report.rows[-1].end == TODAY


def test_lists_keep_the_most_logged_few():
    logs = [
        DayLog(
            TODAY - timedelta(days=n),
            3,
            exercises=tuple(ExerciseDone(x.slug) for x in catalogue().exercises[: n % 9 + 1]),
        )
        for n in range(20)
    ]
    report = small_report(logs)
    assert len(report.exercises) == MAX_ITEMS
    assert [x.days for x in report.exercises] == sorted(
        (x.days for x in report.exercises), reverse=True
    )


def test_an_empty_range_says_so():
    report = small_report([])
    assert report.days_logged == 0 and report.mean is None
    assert report.alerts == () and report.signs == ()
    assert report.episode_text == "No episode of pain open on 21 Nov 2026."


def test_dates_in_words():
    days = [date(2026, 10, 1) + timedelta(days=n) for n in range(DATES_LISTED + 1)]
    assert dates_words(days[:2]) == "1 Oct 2026, 2 Oct 2026"
    assert dates_words(days) == f"{DATES_LISTED + 1} days, 1 Oct to 6 Oct 2026"
    assert when_words(days[0], days[0]) == "1 Oct 2026"
    assert when_words(days[0], days[1]) == "1 Oct to 2 Oct 2026"
    assert when_words(date(2025, 12, 30), days[1]) == "30 Dec 2025 to 2 Oct 2026"
