"""`painlog export` and `painlog import`: the clinician's CSV, and moving a diary whole."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """Add the `export` and `import` subcommands."""
    export = command(
        "export",
        "write a CSV: the weekly summary for a clinician, or every day (--daily)",
        "examples:\n"
        "  painlog export -o for-my-gp.csv             weekly summary of the current episode\n"
        "  painlog export --from 2026-09-01 --to 2026-11-21 -o summary.csv\n"
        "  painlog export --daily -o painlog-all.csv    every logged day, to move or keep\n"
        "  painlog export --daily --from '4 weeks ago'  to the terminal\n"
        "\nThe weekly summary has one row per week; by default it covers the current\n"
        "episode of pain, or the last 12 weeks when there is none. --daily has one row per\n"
        "day and by default every logged day; `painlog import` reads it back. Columns are\n"
        "listed in the README. Without -o the CSV goes to standard output. An existing\n"
        "file is only overwritten with --force. Files are written readable by you alone.",
    )
    export.add_argument("--from", dest="start", metavar="DATE", help="first day wanted")
    export.add_argument("--to", dest="end", metavar="DATE", help="last day wanted (default today)")
    export.add_argument(
        "--daily", action="store_true", help="one row per day with every field, for import"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(handler=run_export)

    importer = command(
        "import",
        "read a daily export (painlog export --daily) into the diary",
        "examples:\n"
        "  painlog import painlog-all.csv\n"
        "  painlog import old-laptop.csv --skip-existing\n"
        "  painlog import corrected.csv --replace\n"
        "\nThe whole file is checked first: if any row is wrong, every problem is listed\n"
        "with its line number and nothing is imported. Dates that are already logged are\n"
        "listed and nothing is imported, unless --replace (the file's day replaces the\n"
        "logged one) or --skip-existing (the logged day is kept) is given.\n"
        "\nMove a diary to a new machine:\n"
        "  old$ painlog export --daily -o painlog-all.csv\n"
        "  new$ painlog import painlog-all.csv",
    )
    importer.add_argument("file", metavar="FILE", help="a CSV written by painlog export --daily")
    choice = importer.add_mutually_exclusive_group()
    choice.add_argument(
        "--replace", action="store_true", help="replace days already logged with the file's"
    )
    choice.add_argument(
        "--skip-existing", action="store_true", help="keep days already logged; import the rest"
    )
    importer.set_defaults(handler=run_import)


def _say(line: str) -> None:
    print(f"painlog: {line}", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput
    from painlog.rules.parsing import parse_date
    from painlog.store.export import check_range
    from painlog.tui.cli import local_today

    today = local_today()
    problems: list[str] = []
    dates = {}
    for option, text in (("from", args.start), ("to", args.end)):
        if text is None:
            dates[option] = None
            continue
        try:
            dates[option] = parse_date(text, today)
        except InvalidInput as error:
            problems.append(str(InvalidInput(option, text, error.accepted)))
            dates[option] = None
    start, end = dates["from"], dates["to"]
    try:
        check_range(start, end, today)
    except InvalidInput as error:
        problems.append(str(error))
    target = None
    if args.output is not None and args.output != "-":
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
    if problems:
        for problem in problems:
            _say(problem)
        return EXIT_BAD_INPUT

    from painlog.store.export import export_diary
    from painlog.tui.cli import open_diary

    to_terminal = target is None and sys.stdout.isatty()
    kind = "daily" if args.daily else "weekly"
    with open_diary(args) as diary:
        # No byte order mark on a terminal, where a person reads it; everywhere else one,
        # so `> file.csv` and `-o file.csv` give the same bytes.
        export = export_diary(diary, kind, today, start, end, bom=not to_terminal)
    if target is None:
        return _to_stdout(export.text)
    from painlog.store.csv_format import write_private

    try:
        write_private(target, export.text, overwrite=args.force)
    except FileExistsError:
        _say(
            f"output: {target} appeared while exporting; painlog does not overwrite it "
            "unless --force is given"
        )
        return EXIT_BAD_INPUT
    print(f"Wrote {export.description} to {target} (readable by you only).")
    return EXIT_OK


def _to_stdout(text: str) -> int:
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            # Bytes, so CRLF line ends reach the file unchanged on every platform.
            stream.write(text.encode("utf-8"))
            stream.flush()
    except BrokenPipeError:
        # `painlog export | head`: the reader left; that is not an error.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from painlog.store.importer import ImportConflict, ImportRefused, import_days, parse_daily
    from painlog.tui.cli import local_today

    today = local_today()
    source = Path(args.file).expanduser()
    try:
        data = source.read_bytes()
    except OSError as error:
        _say(f"cannot read {source}: {error.strerror or error}; nothing was imported")
        return EXIT_BAD_INPUT
    try:
        parsed = parse_daily(data, today)
    except ImportRefused as refused:
        for problem in refused.problems:
            _say(f"{source} {problem}")
        count = len(refused.problems)
        _say(f"nothing was imported ({count} problem{'' if count == 1 else 's'} in {source})")
        return EXIT_BAD_INPUT

    from painlog.tui.cli import open_diary

    mode = "replace" if args.replace else "skip" if args.skip_existing else "refuse"
    with open_diary(args) as diary:
        try:
            result = import_days(diary, parsed, mode)
        except ImportConflict as conflict:
            for problem in conflict.problems:
                _say(f"{source} {problem}")
            count = len(conflict.dates)
            _say(
                f"nothing was imported: {count} date{'' if count == 1 else 's'} in the file "
                f"{'is' if count == 1 else 'are'} already logged; add --replace to replace "
                "them with the file's days, or --skip-existing to keep them"
            )
            return EXIT_BAD_INPUT
        except ImportRefused as refused:
            for problem in refused.problems:
                _say(f"{source} {problem}")
            return EXIT_BAD_INPUT
    written = result.added + result.replaced
    parts = []
    if result.replaced:
        parts.append(f"{result.replaced} of them replaced what was logged")
    if result.skipped:
        parts.append(f"{result.skipped} already logged and kept")
    detail = f" ({'; '.join(parts)})" if parts else ""
    print(f"Imported {written} day{'' if written == 1 else 's'} from {source}{detail}.")
    if result.exercises_added:
        # A CSV carries only an own exercise's slug: say what was made of it.
        added = result.exercises_added
        print(
            f"Added {len(added)} exercise{'' if len(added) == 1 else 's'} of your own that the "
            "file names, with category other and no dose: "
            + ", ".join(f"{x.slug} ({x.name})" for x in added)
            + ". Change them with `painlog exercises rename` or in Settings, Your exercises."
        )
    return EXIT_OK
