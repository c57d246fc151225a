"""The report as a page: one printed A4 or Letter page at 12 and at 52 weeks, rendered by
a real engine (WeasyPrint); self-contained; and its text form against a golden file."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import weasyprint
from report_diary import SEEDS, TODAY, report_logs, report_profile

from painlog.drawing.report_html import report_html
from painlog.drawing.report_text import report_text
from painlog.rules.report import build_report
from painlog.seeds import Medication

GOLDEN = Path(__file__).parent / "golden"


def report_for(weeks: int, seeds=SEEDS, logs=None):
    history = max(weeks + 4, 16)
    logs = report_logs(history) if logs is None else logs
    start = TODAY - timedelta(weeks=weeks) + timedelta(days=1)
    return build_report(logs, report_profile(history), seeds, start, TODAY, TODAY)


def pages(html: str, size: str) -> int:
    sheet = weasyprint.CSS(string=f"@page {{ size: {size}; }}")
    document = weasyprint.HTML(string=html).render(stylesheets=[sheet])
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF")
    return len(document.pages)


@pytest.mark.parametrize("weeks", [12, 52])
@pytest.mark.parametrize("size", ["A4", "letter"])
def test_the_page_prints_on_one_sheet(weeks, size):
    assert pages(report_html(report_for(weeks)), size) == 1


def test_the_fullest_page_still_prints_on_one_sheet():
    """Every warning sign logged on many days, long names everywhere: still one page."""
    from painlog.seeds import catalogue

    long = "A medication with a rather long name for testing"
    medications = tuple(Medication(f"med-{n}", f"{long} {n}", "400 mg") for n in range(8))
    seeds = catalogue().with_own((), medications)
    signs = tuple(flag.slug for flag in catalogue().red_flags if flag.slug != "cancer-history")
    logs = [
        replace(
            log,
            flags=signs if log.day.day % 3 == 0 else (),
            took=tuple(replace(intake, slug=f"med-{n}") for n, intake in enumerate(log.took * 4)),
        )
        for log in report_logs(16)
    ]
    notes = [(log.day, "A long note about the day. " * 40) for log in logs[-8:]]
    history = 16
    start = TODAY - timedelta(weeks=12) + timedelta(days=1)
    report = build_report(logs, report_profile(history), seeds, start, TODAY, TODAY, 0, notes)
    assert len(report.notes) == 5 and report.notes_left_out == 3
    assert pages(report_html(report), "letter") == 1


def test_the_page_asks_for_nothing_from_the_network_and_runs_no_script():
    html = report_html(report_for(12))
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "url(" not in html.lower()
    # The only address in the page is the SVG namespace, which is a name, not a request.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "@page" in html


def test_names_are_text_never_markup():
    from painlog.seeds import catalogue

    seeds = catalogue().with_own((), (Medication("ibuprofen", "<b>Ibu</b> & co"),))
    html = report_html(report_for(12, seeds))
    assert "&lt;b&gt;Ibu&lt;/b&gt; &amp; co" in html
    assert "<b>Ibu</b>" not in html


def test_the_text_report_matches_its_golden_file():
    text = report_text(report_for(12))
    golden = GOLDEN / "report-12-weeks.txt"
    if os.environ.get("PAINLOG_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        "the report changed; PAINLOG_UPDATE_GOLDEN=1 rewrites it"
    )
    assert max(len(line) for line in text.splitlines()) <= 80
