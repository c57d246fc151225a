"""The `painlog` command: the TUI with no arguments, or one subcommand per shell task.

Only argparse is imported at module level; each command imports what it needs, so
`painlog log` never pays for Textual and `painlog --help` pays for nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from painlog.store.clock import local_today

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 70

EPILOG = """\
examples:
  painlog                                   open today's log in the terminal app (F1: help)
  painlog log 4 --where lower-back:left --did walking,glute-bridge
  painlog log 6 --date yesterday --worst 8 --bed-rest --note "bad night"
  painlog log 7 --at 14:30 --note "after the stairs"   a check-in within the day
  painlog peg 4 6 5                         the weekly PEG: pain, enjoyment, activity
  painlog show --date "3 days ago"
  painlog profile --birth-year 1968 --onset 2026-10-01
  painlog alerts                            what the source rules say about your logs
  painlog export -o for-my-gp.csv           the weekly summary for a clinician
  painlog status                            one line for a shell prompt or tmux
  eval "$(painlog completion bash)"         Tab completion (also zsh and fish)

`painlog COMMAND --help` shows a command's options, with examples.
The database is in your user data folder unless --db PATH or PAINLOG_DB says otherwise;
PAINLOG_TODAY=YYYY-MM-DD pins the date painlog takes as today. NO_COLOR is honoured.
"""


COMMANDS = {
    "log": "log",
    "peg": "peg",
    "show": "show",
    "profile": "profile",
    "exercises": "exercises",
    "meds": "meds",
    "treatments": "treatments",
    "alerts": "alerts",
    "backup": "backup",
    "export": "export",
    "report": "report",
    "import": "importing",
    "status": "status",
    "chart": "chart",
    "insights": "insights",
    "remind": "remind",
    "demo": "demo",
    "completion": "completion",
}
"""Each subcommand and the module of `painlog.cli` that adds it, in the order `--help`
lists them (`import` is a keyword, so its module is `importing`)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def _get_values(self, action, arg_strings):
        # Python 3.11's argparse drops a value of exactly "--" (`--date=--`) and hands the
        # command an empty list instead of text; kept, it is refused like any other value.
        if action.nargs is None and arg_strings == ["--"]:
            return self._get_value(action, "--")
        return super()._get_values(action, arg_strings)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line, with every subcommand and its help.

    Args:
        only: Build just this subcommand: the one being run. Each command's module (and
            what it imports) is then loaded only when that command runs.
    """
    parser = _Parser(
        prog="painlog",
        description="A private pain diary for low back and hip pain.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="database file or SQLAlchemy URL")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    command = _command_factory(commands)
    # One module per command, each adding its own subcommand, in the order `--help` lists them.
    from importlib import import_module

    for name, module in COMMANDS.items():
        if only in (None, name):
            import_module(f"painlog.cli.{module}").register(command)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs, when it names one before any other option."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("--db="):
            return word if word in COMMANDS else None
    return None


CommandFactory = Callable[[str, str, str], argparse.ArgumentParser]


def _command_factory(commands) -> CommandFactory:
    """A function that adds one subcommand with help, examples and its own `--db`."""

    def command(name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        # SUPPRESS keeps a --db given before the command from being reset to None.
        sub.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file or URL"
        )
        return sub

    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Bad input and a database that cannot be used (newer, damaged, read-only, full disk)
    are reported in one line with status 2. Anything else is a bug: it goes to the error
    log (never note text) and is reported in one line with status 70. No traceback.
    A reader that stops reading (`painlog show | head -1`) ends the command quietly, 0.
    """
    command = None
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        if "_ARGCOMPLETE" in os.environ:
            _complete()
        args = build_parser(only=_command_in(argv)).parse_args(argv)
        command = getattr(args, "command", None)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            return _run_app(args)
        status = handler(args)
        # Flushed here, not by the interpreter at exit: a closed pipe is then met inside
        # this try, not reported as "Exception ignored" after main has returned.
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`| head`): what it wanted it has; that is not a failure.
        _quiet_stdout()
        return EXIT_OK
    except Exception as error:
        return _report_failure(error, argv, command)


def _complete() -> None:
    """Answer the shell's Tab (set up by `painlog completion`) and exit.

    Only then is the whole parser built and argcomplete imported: every other run builds
    just its own command and never loads argcomplete.
    """
    import argcomplete

    argcomplete.autocomplete(build_parser())


def _quiet_stdout() -> None:
    """Point standard output at the null device: whatever is still buffered for the closed
    pipe is flushed there at exit, silently, instead of failing again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):
        pass  # not a real file (a test's StringIO): nothing will flush to a pipe


def _report_failure(error: Exception, argv: Sequence[str], command: str | None) -> int:
    """Print one line for `error`; log it first when it is a bug. Returns the status."""
    from painlog.rules.entry import InvalidInput
    from painlog.store.errors import StoreError, explain

    if isinstance(error, InvalidInput | StoreError):
        print(f"painlog: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(error, UnicodeError):
        print(
            "painlog: text: characters that are not valid UTF-8 are not accepted (check the "
            "terminal's character encoding); nothing was saved",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    explained = explain(error)
    if explained is not None:
        print(f"painlog: {explained}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from painlog.store.errorlog import log_unexpected

    # Whatever was typed (a note, places) must not reach the log, even inside a message.
    typed = [
        text.partition("=")[2] if text.startswith("-") else text
        for text in map(str, argv)
        if text != command
    ]
    logged = log_unexpected(error, context=f"painlog {command or '(app)'}", redact=typed)
    where = f"details in {logged}" if logged is not None else "the error log could not be written"
    print(f"painlog: unexpected error ({where})", file=sys.stderr)
    return EXIT_UNEXPECTED


def _run_app(args: argparse.Namespace) -> int:
    # The one place the command line reaches the app: `painlog` with no command opens it.
    from painlog.tui.app import PainlogApp

    app = PainlogApp(db=args.db, today=local_today(), welcome=True)
    app.run()
    return app.return_code or EXIT_OK


def say(line: str) -> None:
    """One line to standard error, prefixed as every painlog message is."""
    print(f"painlog: {line}", file=sys.stderr)


def whole_number(field: str, text: str, low: int, high: int) -> int:
    """`text` as a whole number from `low` to `high`.

    Raises:
        InvalidInput: naming `field`, for anything else.
    """
    from painlog.rules.entry import InvalidInput

    value = text.strip()
    if (
        not (value.isascii() and value.isdigit())
        # More digits than `high` has is out of range; int() would refuse over 4,300.
        or len(value.lstrip("0")) > len(str(high))
        or not low <= int(value) <= high
    ):
        raise InvalidInput(field, text, f"a whole number from {low} to {high}")
    return int(value)


def open_diary(args: argparse.Namespace):
    """The diary named by `--db` (or PAINLOG_DB, or the default), opened for writing by
    one command: created when missing, upgraded when older."""
    from painlog.store.diary import Diary

    return Diary.open(args.db)


def open_untouched(args: argparse.Namespace):
    """The diary named by `--db`, opened for writing without changing anything until a
    write commits (`Diary.open(untouched=True)`), so a command refused on the way leaves
    its folder as it was; None when there is no diary there yet, or one that opening must
    change first (upgrade it, or turn its journal to the mode painlog keeps): open it
    with `open_diary` once the input is known to be good."""
    from painlog.store.diary import Diary
    from painlog.store.errors import NeedsUpgrade, NoDiary

    try:
        return Diary.open(args.db, untouched=True)
    except (NoDiary, NeedsUpgrade):
        return None


def read_diary(args: argparse.Namespace):
    """The diary named by `--db`, opened for a command that only reads (`reading`)."""
    return reading(args.db)


def reading(where):
    """The diary at `where` (a `--db` value or a location), opened read-only: nothing is
    created, copied or written.

    A diary from an older painlog is upgraded first, once, as any writing command would:
    its tables cannot be read as this painlog's until then.

    Raises:
        NoDiary: when there is no diary there yet.
        StoreError: when it cannot be used (damaged, foreign, newer, unreachable).
    """
    from painlog.store.diary import Diary
    from painlog.store.errors import NeedsUpgrade

    try:
        return Diary.open(where, read_only=True)
    except NeedsUpgrade:
        return Diary.open(where)
