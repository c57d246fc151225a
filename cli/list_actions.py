"""The actions of a command that keeps one of the person's lists (`painlog exercises`,
`painlog meds`, `painlog treatments`): `add`, `rename`, `retire`, `restore`, each with its
own help, an example and `--db`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Action = Callable[[str, str, str], argparse.ArgumentParser]


def list_actions(command: argparse.ArgumentParser) -> Action:
    """A maker of `command`'s actions: `action(name, help_text, example)`."""
    actions = command.add_subparsers(dest="action", metavar="ACTION", parser_class=type(command))

    def action(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file or URL"
        )
        return sub

    return action


def slug_argument(parser: argparse.ArgumentParser, help_text: str, completer) -> None:
    """The SLUG an action changes, offered on Tab from the diary (`painlog completion`)."""
    slug = parser.add_argument("slug", help=help_text)
    slug.completer = completer  # type: ignore[attr-defined]


def no_diary_yet(location_args: argparse.Namespace) -> bool:
    """Whether the diary named by `--db` (or the default) is a file that does not exist."""
    from painlog.store.location import resolve_location

    location = resolve_location(getattr(location_args, "db", None))
    return location.path is not None and not location.path.exists()
