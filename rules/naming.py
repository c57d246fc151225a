"""Names and slugs of the things a person adds (exercises, medications, treatments).

One set of rules for all of them: a name is printable text of a bounded length, compared
without regard to letter case; a slug is made once from the name, in plain letters, and
never changes, so the days that name it keep it through a rename.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from painlog.rules.entry import InvalidInput
from painlog.rules.text import check_text

NAME_MAX_CHARS = 60
"""Long enough for "Side-lying clam with band, slow lowering"; short enough for a picker row."""

SLUG_BODY_MAX = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def tidy_name(field: str, name: object, accepted: str) -> str:
    """Return `name` with its inner spaces collapsed, or refuse it.

    Raises:
        InvalidInput: for a name that is not text, is empty, is longer than
            `NAME_MAX_CHARS` or holds control characters; `accepted` says what would do.
    """
    if not isinstance(name, str):
        raise InvalidInput(field, type(name).__name__, accepted)
    # Before the spaces are tidied: str.split() takes \x1c-\x1f and \x85 for spaces.
    check_text(field, name)
    tidy = " ".join(name.split())
    if not tidy:
        raise InvalidInput(field, name, accepted)
    if len(tidy) > NAME_MAX_CHARS:
        raise InvalidInput(field, f"{len(tidy)} characters", accepted)
    if any(unicodedata.category(ch).startswith("C") for ch in tidy):
        raise InvalidInput(field, tidy, "printable text (no control characters)")
    return tidy


def check_unused(
    field: str, tidy: str, taken: Iterable[tuple[str, str, str]], renaming: str | None = None
) -> None:
    """Refuse `tidy` when another item already has that name (letter case aside).

    Args:
        taken: (slug, name, where) of every item the name may not repeat; `where` says
            whose it is ("one of yours", "in the catalogue").
        renaming: The slug of the item being renamed, which may keep its own name.
    """
    wanted = tidy.casefold()
    for slug, name, where in taken:
        if slug != renaming and name.casefold() == wanted:
            raise InvalidInput(field, tidy, f"a name not already used ({where}: {slug})")


def new_slug(name: str, prefix: str, fallback: str, taken: Callable[[str], bool]) -> str:
    """`prefix` and `name` in plain lower-case letters and digits joined by hyphens, made
    unique with a number (`-2`, `-3`, ...) while `taken(slug)` says it is in use."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    body = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:SLUG_BODY_MAX].strip("-")
    base = prefix + (body or fallback)
    slug, number = base, 2
    while taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug
