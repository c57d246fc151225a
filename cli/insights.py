"""`painlog insights`: what went with lower or higher pain, as numbers, never as causes."""

from __future__ import annotations

import argparse

from painlog.cli import CommandFactory

NAME_WIDTH = 22
"""A factor's name is cut (with …) beyond this, so the table fits 80 columns."""
TEXT_WIDTH = 80


def register(command: CommandFactory) -> None:
    """Add the `insights` subcommand."""
    from painlog.rules.insights import DEFAULT_WEEKS, MAX_WEEKS, MIN_DAYS

    insights = command(
        "insights",
        "compare the pain on days with bed rest, exercise, a medication or a treatment "
        "and on days without",
        "examples:\n"
        "  painlog insights\n"
        "  painlog insights --weeks 26\n"
        "  painlog insights --json > insights.json\n"
        f"\nEach factor needs at least {MIN_DAYS} logged days with it and {MIN_DAYS} without in\n"
        "the range. The difference is the mean pain with it minus without (below zero: less\n"
        "pain with it), with its 95% interval (Welch's); then the same for the next day's\n"
        "pain. It shows what went together, not what caused what.",
    )
    insights.add_argument(
        "--weeks",
        metavar="N",
        default=str(DEFAULT_WEEKS),
        help=f"how many weeks back from today, 1 to {MAX_WEEKS} (default {DEFAULT_WEEKS})",
    )
    insights.add_argument("--json", action="store_true", help="print the numbers as JSON")
    insights.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today, read_diary, whole_number
    from painlog.rules.insights import MAX_WEEKS, find_insights, insights_range

    today = local_today()
    weeks = whole_number("weeks", args.weeks, 1, MAX_WEEKS)
    start, end = insights_range(weeks, today)
    with read_diary(args) as diary:
        found = find_insights(diary.days(start, end), diary.catalogue())
    if args.json:
        import json

        print(json.dumps(as_json(found, start, end), indent=2, ensure_ascii=False))
    else:
        print(as_text(found, weeks, start, end))
    return 0


def as_text(found, weeks: int, start, end) -> str:
    """The report a person reads: the range, a table, what it means and what was left out."""
    from textwrap import wrap

    from painlog.rules.describe import day_heading
    from painlog.rules.insights import (
        CAVEAT,
        MIN_DAYS,
        difference_text,
        mean_with_days,
    )

    span = "week" if weeks == 1 else f"{weeks} weeks"
    days = "day" if found.logged_days == 1 else "days"
    lines = [
        f"The {span} from {day_heading(start)} to {day_heading(end)}: "
        f"{found.logged_days} {days} logged."
    ]
    if not found.found:
        lines.append(
            f"No factor has {MIN_DAYS} logged days with it and {MIN_DAYS} without in this "
            "range yet."
        )
    else:
        lines += [
            "Mean pain on the days with each factor and on the days without it (how many",
            "days in brackets); the difference is with minus without, so below zero means",
            "less pain with it, and its 95% interval.",
            "",
        ]
        rows = [("factor", "with", "without", "difference (95%)", "next day (95%)")]
        for insight in found.found:
            same = insight.same_day
            rows.append(
                (
                    _cut(insight.name),
                    mean_with_days(same.with_mean, same.with_days),
                    mean_with_days(same.without_mean, same.without_days),
                    difference_text(same),
                    difference_text(insight.next_day),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            lines.append("  ".join(cells).rstrip())
        lines += ["", *wrap(CAVEAT, TEXT_WIDTH)]
    if found.too_few:
        left_out = (
            f"Too few days to compare ({MIN_DAYS} with and {MIN_DAYS} without needed): "
            + ", ".join(found.too_few)
            + "."
        )
        lines += wrap(left_out, TEXT_WIDTH)
    return "\n".join(lines)


def _cut(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def as_json(found, start, end) -> dict:
    """The same numbers for a program: means and differences to 3 decimals."""
    from painlog.rules.insights import CONFIDENCE, MIN_DAYS

    def comparison(value) -> dict | None:
        if value is None:
            return None
        return {
            "with_days": value.with_days,
            "with_mean": round(float(value.with_mean), 3),
            "without_days": value.without_days,
            "without_mean": round(float(value.without_mean), 3),
            "difference": round(float(value.difference), 3),
            "interval": [round(value.low, 3), round(value.high, 3)],
        }

    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "logged_days": found.logged_days,
        "minimum_days": MIN_DAYS,
        "confidence": CONFIDENCE,
        "insights": [
            {
                "factor": insight.factor,
                "name": insight.name,
                "same_day": comparison(insight.same_day),
                "next_day": comparison(insight.next_day),
            }
            for insight in found.found
        ],
        "too_few": list(found.too_few),
    }
