"""The clinician's report as one self-contained HTML page: no request, no script, styles
for print, and a chart of the weekly pain drawn as inline SVG.

The layout is sized to fit one A4 or US Letter page (the smaller of each: A4's width,
Letter's height) whatever the range, since the report lists at most `MAX_ROWS` rows and
`MAX_ITEMS` items per list.
"""

from __future__ import annotations

from html import escape

from painlog.rules.report import (
    Report,
    dates_words,
    day_words,
    list_sections,
    mean_words,
    summary_sentences,
    when_words,
)

CHART_WIDTH = 400
CHART_HEIGHT = 200
_LEFT, _RIGHT, _TOP, _BOTTOM = 28, 8, 8, 22

STYLE = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
body { font: 9pt/1.2 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111;
       margin: 0 auto; max-width: 186mm; }
h1 { font-size: 14pt; margin: 0 0 2pt; }
h2 { font-size: 9.5pt; margin: 4pt 0 1pt; border-bottom: 1px solid #999; }
h3 { font-size: 9pt; margin: 3pt 0 0; }
p { margin: 0 0 3pt; }
.small { font-size: 8.5pt; color: #444; }
table { border-collapse: collapse; }
.pain { display: flex; gap: 4mm; align-items: flex-start; }
.pain table { flex: 0 0 auto; }
.chart { flex: 1; }
th, td { text-align: right; padding: 0 4pt; border-bottom: 1px solid #ddd;
         white-space: nowrap; font-size: 8pt; line-height: 1.1; }
th:first-child, td:first-child { text-align: left; }
th { font-weight: 600; background: #f2f2f2; }
.columns { display: flex; gap: 10mm; }
.columns > div { flex: 1; }
ul { margin: 0; padding-left: 12pt; }
li { margin: 0; }
svg { width: 100%; height: auto; }
svg text { font: 7.5px "DejaVu Sans", Arial, sans-serif; fill: #333; }
@media print { body { max-width: none; } }
"""


def report_html(report: Report) -> str:
    """The report as a complete HTML document."""
    per = "week" if report.weeks_per_row == 1 else f"{report.weeks_per_row} weeks"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Pain diary report, {_range(report)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Pain diary report: {_range(report)}</h1>",
        f'<p class="small">{report.days_in_range} days, {report.days_logged} logged; made on '
        f"{escape(day_words(report.today))} with painlog. Pain: 0-10 as the person rated each "
        "day (0 none, 10 worst imaginable); worst: the day's highest, when given.</p>",
        "<h2>Summary</h2>",
        *(f"<p>{escape(sentence)}</p>" for sentence in summary_sentences(report)),
        f"<h2>Pain by {per}: the table, and the chart of mean (bars) and worst (dots)</h2>",
        '<div class="pain">',
        _table(report),
        f'<div class="chart">{chart_svg(report)}</div>',
        "</div>",
        "<h2>Warning signs logged</h2>",
        _signs(report),
        "<h2>Alerts painlog raised</h2>",
        _alerts(report),
    ]
    sections = list_sections(report)
    parts.append('<h2>What was logged (days with each)</h2><div class="columns">')
    for half in (sections[:2], sections[2:]):
        parts.append("<div>")
        for title, items in half:
            # Run-in lists: each item in a sentence-long line, so four lists take few lines.
            listed = "; ".join(
                escape(item.name)
                + f": {item.days}"
                + (f" <span class='small'>({escape(item.details)})</span>" if item.details else "")
                for item in items
            )
            parts.append(f"<h3>{escape(title)}</h3><p>{listed or 'none logged'}</p>")
        parts.append("</div>")
    parts.append("</div>")
    if report.notes:
        parts.append("<h2>Notes marked for this report</h2>")
        notes = [
            f"<li class='small'>{escape(day_words(day))}: {escape(note)}</li>"
            for day, note in report.notes
        ]
        half = -(-len(notes) // 2)
        parts.append(
            f'<div class="columns"><div><ul>{"".join(notes[:half])}</ul></div>'
            f"<div><ul>{''.join(notes[half:])}</ul></div></div>"
        )
        if report.notes_left_out:
            parts.append(
                f'<p class="small">{report.notes_left_out} earlier marked notes left out.</p>'
            )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _range(report: Report) -> str:
    return escape(f"{day_words(report.start)} to {day_words(report.end)}")


def _table(report: Report) -> str:
    rows = [
        "<table><tr><th>From</th><th>Days<br>logged</th><th>Mean<br>pain</th>"
        "<th>Worst</th><th>Medication<br>days</th><th>Exercise<br>sessions</th></tr>"
    ]
    for row in report.rows:
        rows.append(
            f"<tr><td>{escape(f'{row.start.day} {row.start:%b}')}</td>"
            f"<td>{row.days_logged}</td><td>{mean_words(row.mean)}</td>"
            f"<td>{'-' if row.worst is None else row.worst}</td>"
            f"<td>{row.medication_days}</td><td>{row.exercise_sessions}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _signs(report: Report) -> str:
    if not report.signs:
        return '<p class="small">none</p>'
    # One paragraph rather than a list: every sign is named, and many take few lines.
    return (
        "<p>"
        + "; ".join(
            f"<b>{escape(name)}</b>: {escape(dates_words(days))}" for name, days in report.signs
        )
        + ".</p>"
    )


def _alerts(report: Report) -> str:
    if not report.alerts:
        return '<p class="small">none</p>'
    items = []
    for alert in report.alerts:
        when = when_words(alert.first, alert.last)
        days = f"{alert.days} day{'s' if alert.days != 1 else ''}"
        items.append(f"<li>{escape(alert.title)}: {escape(when)} ({days})</li>")
    return f"<ul>{''.join(items)}</ul>"


def chart_svg(report: Report) -> str:
    """The weekly mean pain as bars and the worst as dots, on a 0-10 axis."""
    width, height = CHART_WIDTH, CHART_HEIGHT
    plot_w = width - _LEFT - _RIGHT
    plot_h = height - _TOP - _BOTTOM

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - value / 10)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Mean and worst pain by period">'
    ]
    for value in (0, 5, 10):
        parts.append(
            f'<line x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#ccc" stroke-width="0.5"/>'
            f'<text x="{_LEFT - 4}" y="{y(value) + 3:.1f}" text-anchor="end">{value}</text>'
        )
    count = max(1, len(report.rows))
    slot = plot_w / count
    step = -(-count // 7)
    for index, row in enumerate(report.rows):
        left = _LEFT + index * slot
        middle = left + slot / 2
        if row.mean is not None:
            top = y(float(row.mean))
            parts.append(
                f'<rect x="{left + slot * 0.2:.1f}" y="{top:.1f}" width="{slot * 0.6:.1f}" '
                f'height="{y(0) - top:.1f}" fill="#7a9cc6"/>'
            )
        if row.worst is not None:
            parts.append(f'<circle cx="{middle:.1f}" cy="{y(row.worst):.1f}" r="3" fill="#b33"/>')
        if index % step == 0:  # every bar's date would overlap on a narrow chart
            parts.append(
                f'<text x="{middle:.1f}" y="{height - 8}" text-anchor="middle">'
                f"{escape(f'{row.start.day} {row.start:%b}')}</text>"
            )
        if row.days_logged == 0:
            parts.append(
                f'<text x="{middle:.1f}" y="{y(0) - 3:.1f}" text-anchor="middle">none</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
