"""`painlog report`: one page for a clinician, as HTML to print or as text."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_BAD_INPUT, EXIT_OK, CommandFactory, say

FORMATS = ("html", "text")


def register(command: CommandFactory) -> None:
    """Add the `report` subcommand."""
    report = command(
        "report",
        "write a one-page report for a clinician (HTML to print, or text)",
        "examples:\n"
        "  painlog report                           the current episode, as text\n"
        "  painlog report -o visit.html             the same as a page to print\n"
        "  painlog report --from 2026-09-01 --to 2026-11-21 -o visit.html\n"
        "\nBy default the report covers the current episode of pain, or the last 12 weeks\n"
        "when there is none. Without --format it is text on standard output, and HTML in a\n"
        "file (text when FILE ends in .txt). The HTML page needs no network and no script,\n"
        "and prints on one A4 or Letter page whatever the range: up to 12 weeks one row per\n"
        "week, longer ranges in spans of whole weeks. An existing file is only overwritten\n"
        "with --force. Files are written readable by you alone.",
    )
    report.add_argument("--from", dest="start", metavar="DATE", help="first day wanted")
    report.add_argument("--to", dest="end", metavar="DATE", help="last day wanted (default today)")
    report.add_argument("--format", metavar="FORMAT", help="html or text (see below)")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    report.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    report.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today, read_diary
    from painlog.cli.export import checked_range, checked_target
    from painlog.rules.entry import InvalidInput

    today = local_today()
    problems: list[str] = []
    start, end = checked_range(args, today, problems)
    target = checked_target(args, problems)
    kind = None if args.format is None else args.format.strip().lower()
    if kind is None:
        kind = "text" if target is None or target.suffix.lower() == ".txt" else "html"
    elif kind not in FORMATS:
        problems.append(str(InvalidInput("format", args.format, "html or text")))
    if problems:
        for problem in problems:
            say(problem)
        return EXIT_BAD_INPUT

    from painlog.store.report import read_report

    with read_diary(args) as diary:
        report = read_report(diary, today, start, end)
    if kind == "html":
        from painlog.drawing.report_html import report_html

        text = report_html(report)
    else:
        from painlog.drawing.report_text import report_text

        text = report_text(report)
    if target is None:
        from painlog.rules.text import shown_text

        print(shown_text(text) if kind == "text" else text, end="")
        return EXIT_OK
    from painlog.store.files import write_private

    try:
        write_private(target, text, overwrite=args.force)
    except FileExistsError:
        say(f"output: {target} appeared meanwhile; painlog does not overwrite it without --force")
        return EXIT_BAD_INPUT
    print(f"Wrote the report on {report.start} to {report.end} to {target} (readable by you only).")
    return EXIT_OK
