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

CHART_WIDTH = 640
CHART_HEIGHT = 90
_LEFT, _RIGHT, _TOP, _BOTTOM = 28, 8, 8, 22

STYLE = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
body { font: 9pt/1.2 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111;
       margin: 0 auto; max-width: 186mm; }
h1 { font-size: 14pt; margin: 0 0 2pt; }
h2 { font-size: 10pt; margin: 5pt 0 1.5pt; border-bottom: 1px solid #999; }
p { margin: 0 0 3pt; }
.small { font-size: 8.5pt; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: right; padding: 0 4pt; border-bottom: 1px solid #ddd;
         white-space: nowrap; font-size: 8.5pt; }
th:first-child, td:first-child { text-align: left; }
th { font-weight: 600; background: #f2f2f2; }
.columns { display: flex; gap: 10mm; }
.columns > div { flex: 1; }
ul { margin: 0; padding-left: 12pt; }
li { margin: 0; }
svg { width: 100%; height: auto; }
svg text { font: 9px "DejaVu Sans", Arial, sans-serif; fill: #333; }
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
        f'<p class="small">{report.days_in_range} days, {report.days_logged} logged. Made on '
        f"{escape(day_words(report.today))} with painlog. Pain is on a 0-10 scale as the "
        "person rated it each day (0 no pain, 10 the worst imaginable); worst is the "
        "highest pain of a day when given.</p>",
        "<h2>Summary</h2>",
        *(f"<p>{escape(sentence)}</p>" for sentence in summary_sentences(report)),
        f"<h2>Pain by {per}: mean (bars) and worst (dots)</h2>",
        chart_svg(report),
        _table(report),
        "<h2>Warning signs logged</h2>",
        _signs(report),
        "<h2>Alerts painlog raised</h2>",
        _alerts(report),
        '<div class="columns">',
    ]
    sections = list_sections(report)
    for half in (sections[:2], sections[2:]):
        parts.append("<div>")
        for title, items in half:
            parts.append(f"<h2>{escape(title)} (days)</h2>")
            if not items:
                parts.append('<p class="small">none logged</p>')
                continue
            parts.append("<ul>")
            for item in items:
                details = (
                    f" <span class='small'>({escape(item.details)})</span>" if item.details else ""
                )
                parts.append(f"<li>{escape(item.name)}: {item.days}{details}</li>")
            parts.append("</ul>")
        parts.append("</div>")
    parts.append("</div>")
    if report.notes:
        parts.append("<h2>Notes marked for this report</h2><ul>")
        for day, note in report.notes:
            parts.append(f"<li>{escape(day_words(day))}: {escape(note)}</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _range(report: Report) -> str:
    return escape(f"{day_words(report.start)} to {day_words(report.end)}")


def _table(report: Report) -> str:
    rows = [
        "<table><tr><th>From</th><th>To</th><th>Days logged</th><th>Mean pain</th>"
        "<th>Worst</th><th>Medication days</th><th>Exercise sessions</th></tr>"
    ]
    for row in report.rows:
        rows.append(
            f"<tr><td>{escape(day_words(row.start))}</td><td>{escape(day_words(row.end))}</td>"
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
