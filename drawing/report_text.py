"""The clinician's report as plain text: the same content as the HTML page, for a terminal,
an email or a printout from any editor, in at most 80 columns."""

from __future__ import annotations

from textwrap import wrap

from painlog.rules.report import (
    Report,
    dates_words,
    day_words,
    list_sections,
    mean_words,
    summary_sentences,
    when_words,
)

WIDTH = 80
BAR_CELLS = 20
"""Cells of the mean-pain bar for a score of 10."""


def report_text(report: Report) -> str:
    """The report as lines of plain text, ending in a newline."""
    lines: list[str] = []
    add = lines.append
    add(
        f"Pain diary report: {day_words(report.start)} to {day_words(report.end)} "
        f"({report.days_in_range} days, {report.days_logged} logged)"
    )
    lines += wrap(
        f"Made on {day_words(report.today)} with painlog. Pain is on a 0-10 scale as the "
        "person rated it each day (0 no pain, 10 the worst imaginable); worst is the "
        "highest pain of a day when given.",
        WIDTH,
    )
    add("")
    add("Summary")
    for sentence in summary_sentences(report):
        lines += wrap(sentence, WIDTH, initial_indent="  ", subsequent_indent="  ")
    add("")
    per = "week" if report.weeks_per_row == 1 else f"{report.weeks_per_row} weeks"
    add(f"Pain by {per}")
    add(f"  {'from':<12} {'days':>4} {'mean':>5} {'worst':>5}  {'medication':>10}  mean pain")
    for row in report.rows:
        bar = "" if row.mean is None else "█" * round(float(row.mean) * BAR_CELLS / 10)
        add(
            f"  {day_words(row.start):<12} {row.days_logged:>4} {mean_words(row.mean):>5} "
            f"{'-' if row.worst is None else row.worst:>5}  {row.medication_days:>10}  {bar}"
        )
    add("")
    add("Warning signs logged")
    if not report.signs:
        add("  none")
    for name, days in report.signs:
        lines += wrap(
            f"{name}: {dates_words(days)}",
            WIDTH,
            initial_indent="  ",
            subsequent_indent="    ",
        )
    add("")
    add("Alerts painlog raised")
    if not report.alerts:
        add("  none")
    for alert in report.alerts:
        when = when_words(alert.first, alert.last)
        lines += wrap(
            f"{alert.title}: {when} ({alert.days} day{'s' if alert.days != 1 else ''})",
            WIDTH,
            initial_indent="  ",
            subsequent_indent="    ",
        )
    for title, items in list_sections(report):
        add("")
        add(f"{title} (days)")
        if not items:
            add("  none logged")
        for item in items:
            details = f" ({item.details})" if item.details else ""
            lines += wrap(
                f"{item.name}: {item.days}{details}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
    if report.notes:
        add("")
        add("Notes marked for this report")
        for day, note in report.notes:
            lines += wrap(
                f"{day_words(day)}: {note}", WIDTH, initial_indent="  ", subsequent_indent="    "
            )
        if report.notes_left_out:
            add(f"  ({report.notes_left_out} earlier marked notes left out)")
    return "\n".join(lines) + "\n"
