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


def checked_slug(
    args: argparse.Namespace, field: str, what: str, check: Callable[[str, object], object]
):
    """Refuse `args.slug` unless `check(slug, catalogue)` finds it, before the diary is
    opened to write (so a refusal changes nothing, not even by making a backup).

    Args:
        field: The field a refusal names (`exercise`, `medication`, `treatment`).
        what: What the slug must name, in words (`a medication you added`).

    Returns:
        The catalogue with the diary's lists.
    """
    from painlog.rules.entry import InvalidInput

    if no_diary_yet(args):
        raise InvalidInput(field, args.slug, f"the slug of {what} (no diary yet)")
    seeds = diary_catalogue(args)
    check(args.slug, seeds)
    return seeds


def diary_catalogue(args: argparse.Namespace):
    """The catalogue with the diary's own exercises, read without changing anything.

    The diary is opened read-only (no file created, no backup made), so a command refused
    because of what it names leaves the folder exactly as it was. With no diary yet there
    are no own exercises, and the packaged catalogue is it.
    """
    from painlog.cli import read_diary
    from painlog.seeds import catalogue
    from painlog.store.errors import NoDiary

    try:
        with read_diary(args) as diary:
            return diary.catalogue()
    except NoDiary:
        return catalogue()


def no_diary_yet(location_args: argparse.Namespace) -> bool:
    """Whether the diary named by `--db` (or the default) is a file that does not exist."""
    from painlog.store.location import resolve_location

    location = resolve_location(getattr(location_args, "db", None))
    return location.path is not None and not location.path.exists()
