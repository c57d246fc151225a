"""`painlog import`: read a daily export back, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from painlog.cli import EXIT_BAD_INPUT, EXIT_OK, CommandFactory, say


def register(command: CommandFactory) -> None:
    """Add the `import` subcommand."""
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
        "logged one) or --skip-existing (the logged day is kept) is given; so are PEG\n"
        "answers for a week that already has some.\n"
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
    importer.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today
    from painlog.store.importer import ImportRefused

    today = local_today()
    source = Path(args.file).expanduser()
    try:
        # A stream, never read whole into memory (see `_opened` for when it is read twice).
        stream = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        say(f"cannot read {source}: {error.strerror or error}; nothing was imported")
        return EXIT_BAD_INPUT
    with stream:
        try:
            return _write(args, source, stream, today)
        except _PipeRefused:
            say(
                f"cannot read {source} twice (it is a pipe), as a file is checked whole "
                "before a diary is created or upgraded for it: save it to a file and import "
                "that; nothing was imported"
            )
            return EXIT_BAD_INPUT
        except ImportRefused as refused:
            _list(source, refused)
            say(f"nothing was imported ({_count(refused.total, 'problem')} in {source})")
            return EXIT_BAD_INPUT
        except OSError as error:
            say(f"cannot read {source}: {error.strerror or error}; nothing was imported")
            return EXIT_BAD_INPUT


class _PipeRefused(Exception):
    """The file must be read twice and cannot be: it is a pipe."""


def _opened(args: argparse.Namespace, stream, today):
    """The diary to import into, opened so that a refused file changes nothing.

    A diary already there, as this painlog keeps it, is opened untouched: the file is
    read once (a pipe will do), written in one transaction, and the day's backup copy is
    made only if it commits. Where opening would create the diary or change it first (an
    upgrade), the file is checked whole before, so a file that cannot be imported does
    not even create one; that reads it twice, which a pipe cannot be.

    Raises:
        _PipeRefused: when the file must be read twice and is a pipe.
    """
    from painlog.cli import open_diary, open_untouched
    from painlog.store.importer import check_daily

    diary = open_untouched(args)
    if diary is None:
        if not stream.seekable():
            raise _PipeRefused
        check_daily(stream, today)
        diary = open_diary(args)
    return diary


def _write(args: argparse.Namespace, source: Path, stream, today) -> int:
    from painlog.store.importer import ImportConflict, import_daily

    mode = "replace" if args.replace else "skip" if args.skip_existing else "refuse"
    with _opened(args, stream, today) as diary:
        try:
            result = import_daily(diary, stream, today, mode)
        except ImportConflict as conflict:
            count = conflict.total
            if conflict.answered:
                _list(source, conflict)
                what = (
                    f"{count:,} of the file's days and weeks of PEG answers "
                    f"{'is' if count == 1 else 'are'} already in the diary"
                )
                theirs = "the file's"
            else:
                _list(source, conflict, "more date")
                what = f"{_count(count, 'date')} in the file {'is' if count == 1 else 'are'}"
                what += " already logged"
                theirs = "the file's days"
            say(
                f"nothing was imported: {what}; add --replace to replace them with {theirs}, "
                "or --skip-existing to keep them"
            )
            return EXIT_BAD_INPUT
    written = result.added + result.replaced
    parts = []
    if result.replaced:
        parts.append(f"{result.replaced} of them replaced what was logged")
    if result.skipped:
        parts.append(f"{result.skipped} already logged and kept")
    answers = result.answers_added + result.answers_replaced
    if result.answers_replaced:
        parts.append(f"the PEG answers of {_count(result.answers_replaced, 'week')} replaced")
    if result.answers_skipped:
        parts.append(
            f"the PEG answers of {_count(result.answers_skipped, 'week')} already given and kept"
        )
    detail = f" ({'; '.join(parts)})" if parts else ""
    pegs = f" and PEG answers for {_count(answers, 'week')}" if answers else ""
    print(f"Imported {_count(written, 'day')}{pegs} from {source}{detail}.")
    if result.exercises_added:
        from painlog.rules.text import shown_text

        # A CSV carries only an own exercise's slug: say what was made of it.
        added = result.exercises_added
        print(
            f"Added {_count(len(added), 'exercise')} of your own that the file names, with "
            "category other and no dose: "
            + ", ".join(shown_text(f"{x.slug} ({x.name})") for x in added)
            + ". Change them with `painlog exercises rename` or in Settings, Your exercises."
        )
    if result.cancer_history_set:
        # Older exports logged it as a sign of the day; it is the profile's now.
        print(
            "The file logs a history of cancer as a warning sign: your profile now says "
            "yes to it (`painlog profile --cancer-history no` changes that)."
        )
    return EXIT_OK


def _list(source: Path, refused, more: str = "more problem") -> None:
    """Each problem listed on its own line; any past those listed counted in one more."""
    for problem in refused.problems:
        # "FILE line 3: ..." for a row; "FILE: ..." for the file as a whole.
        say(f"{source} {problem}" if problem.line is not None else f"{source}: {problem}")
    unlisted = refused.total - len(refused.problems)
    if unlisted:
        last = refused.problems[-1].line
        after = f" after line {last:,}" if last is not None else ""
        say(f"{source}: and {_count(unlisted, more)}{after}")


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
