"""`painlog export`: the clinician's weekly CSV, every day to move or keep, or the coded
(FHIR) export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from painlog.cli import EXIT_BAD_INPUT, EXIT_OK, CommandFactory, say


def register(command: CommandFactory) -> None:
    """Add the `export` subcommand."""
    export = command(
        "export",
        "write a CSV (weekly, or --daily) or a coded FHIR file (--fhir)",
        "examples:\n"
        "  painlog export -o for-my-gp.csv             weekly summary of the current episode\n"
        "  painlog export --from 2026-09-01 --to 2026-11-21 -o summary.csv\n"
        "  painlog export --daily -o painlog-all.csv    every logged day, to move or keep\n"
        "  painlog export --daily --from '4 weeks ago'  to the terminal\n"
        "  painlog export --fhir -o painlog-fhir.json   every logged day, coded (HL7 FHIR)\n"
        "\nThe weekly summary has one row per week; by default it covers the current\n"
        "episode of pain, or the last 12 weeks when there is none. --daily has one row per\n"
        "day and by default every logged day; `painlog import` reads it back. --fhir\n"
        "writes the same days as an HL7 FHIR R4 Bundle of Observations (JSON), for health\n"
        "record systems. Columns and codes are listed in the README. Without -o the file\n"
        "goes to standard output. An existing file is only overwritten with --force. Files\n"
        "are written readable by you alone.",
    )
    export.add_argument("--from", dest="start", metavar="DATE", help="first day wanted")
    export.add_argument("--to", dest="end", metavar="DATE", help="last day wanted (default today)")
    kind = export.add_mutually_exclusive_group()
    kind.add_argument(
        "--daily", action="store_true", help="one row per day with every field, for import"
    )
    kind.add_argument(
        "--fhir", action="store_true", help="every day as coded FHIR Observations (JSON)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(handler=run)


def checked_range(args: argparse.Namespace, today, problems: list[str]):
    """`--from` and `--to` read as the command line reads dates, or None when not given;
    each problem found is added to `problems` (so every one is listed at once)."""
    from painlog.rules.entry import InvalidInput
    from painlog.rules.parsing import parse_date
    from painlog.store.export import check_range

    dates = {}
    for option, text in (("from", args.start), ("to", args.end)):
        try:
            dates[option] = None if text is None else parse_date(text, today)
        except InvalidInput as error:
            problems.append(str(InvalidInput(option, text, error.accepted)))
            dates[option] = None
    try:
        check_range(dates["from"], dates["to"], today)
    except InvalidInput as error:
        problems.append(str(error))
    return dates["from"], dates["to"]


def checked_target(args: argparse.Namespace, problems: list[str]) -> Path | None:
    """The `-o` file as an absolute path (None: standard output); a folder, a file that
    exists without `--force` or a missing folder is added to `problems`."""
    if args.output is None or args.output == "-":
        return None
    target = Path(args.output).expanduser().absolute()
    if target.is_dir():
        problems.append(f"output: {target} is a folder; expected a file name")
    elif target.exists() and not args.force:
        problems.append(
            f"output: {target} already exists; painlog does not overwrite it unless "
            "--force is given (or choose another name)"
        )
    elif not target.parent.is_dir():
        problems.append(f"output: the folder {target.parent} does not exist")
    return target


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today

    today = local_today()
    problems: list[str] = []
    start, end = checked_range(args, today, problems)
    target = checked_target(args, problems)
    if problems:
        for problem in problems:
            say(problem)
        return EXIT_BAD_INPUT

    from painlog.cli import read_diary
    from painlog.store.export import export_diary

    to_terminal = target is None and sys.stdout.isatty()
    kind = "fhir" if args.fhir else "daily" if args.daily else "weekly"
    with read_diary(args) as diary:
        # No byte order mark on a terminal, where a person reads it; everywhere else one,
        # so `> file.csv` and `-o file.csv` give the same bytes. (JSON never has one.)
        export = export_diary(diary, kind, today, start, end, bom=not to_terminal)
    if target is None:
        text = export.text
        if to_terminal:
            from painlog.rules.text import shown_text

            # A note from an older diary may hold an ESC sequence: shown escaped, never
            # written raw to a terminal. Files and pipes get the exact bytes.
            text = shown_text(text)
        _to_stdout(text)
        # On standard error, so the file stays whole: the range the dates given came to.
        say(f"exported {export.description} to standard output")
        return EXIT_OK
    from painlog.store.files import write_private

    try:
        write_private(target, export.text, overwrite=args.force)
    except FileExistsError:
        say(
            f"output: {target} appeared while exporting; painlog does not overwrite it "
            "unless --force is given"
        )
        return EXIT_BAD_INPUT
    print(f"Wrote {export.description} to {target} (readable by you only).")
    return EXIT_OK


def _to_stdout(text: str) -> None:
    """Write the export to standard output (a reader that leaves early is main's affair)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        # Bytes, so CRLF line ends reach the file unchanged on every platform.
        stream.write(text.encode("utf-8"))
        stream.flush()
