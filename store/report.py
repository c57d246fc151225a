"""The clinician's report read from a diary: the range, the logs around it and the
settings it needs, handed to `rules.report.build_report`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from painlog.rules.report import Report, build_report
from painlog.store.export import check_range, read_weeks

if TYPE_CHECKING:
    from painlog.store.diary import Diary


def read_report(
    diary: Diary, today: date, start: date | None = None, end: date | None = None
) -> Report:
    """The report on `start` to `end`; by default, as the weekly export: the current
    episode, or the last 12 weeks, to today.

    Raises:
        InvalidInput: when the range ends after today or starts after its end.
    """
    check_range(start, end, today)
    read = read_weeks(diary, today, start, end)
    return build_report(
        read.logs,
        read.profile,
        diary.catalogue(),
        read.start,
        read.end,
        today,
        read.first_weekday,
        diary.report_notes(read.start, read.end),
    )


@dataclass(frozen=True, slots=True)
class ReportFile:
    """The report ready to be written, as the Export screen handles an export.

    Attributes:
        kind: Always "report".
        start, end: The range reported on.
        text: The HTML page.
        preview: The same report as plain text.
    """

    kind: str
    start: date
    end: date
    text: str
    preview: str

    @property
    def description(self) -> str:
        """`the report on 2026-09-01 to 2026-11-21`."""
        return f"the report on {self.start.isoformat()} to {self.end.isoformat()}"


def report_file(
    diary: Diary, today: date, start: date | None = None, end: date | None = None
) -> ReportFile:
    """`read_report` laid out as the HTML page, with its text for a preview."""
    from painlog.drawing.report_html import report_html
    from painlog.drawing.report_text import report_text

    report = read_report(diary, today, start, end)
    return ReportFile("report", report.start, report.end, report_html(report), report_text(report))
