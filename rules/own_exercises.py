"""What a valid own exercise is: the checks behind adding, renaming and retiring one.

A physiotherapist's programme rarely matches the catalogue word for word, so a person can
add exercises of their own (a name, a category, a dose). The rules here are pure: the store
keeps the exercises and hands the rules the catalogue they must fit into.
"""

from __future__ import annotations

import unicodedata

from painlog.rules import naming
from painlog.rules.entry import InvalidInput
from painlog.rules.naming import NAME_MAX_CHARS, check_unused, tidy_name
from painlog.rules.text import check_text
from painlog.seeds import Catalogue, Exercise
from painlog.seeds.catalogue import OWN_CATEGORIES, OWN_PREFIX

DOSE_MAX_CHARS = 80

OWN_SOURCE = "your own"
"""What stands where a catalogue exercise names its publication."""


def check_name(name: object, seeds: Catalogue, renaming: str | None = None) -> str:
    """Return the name tidied (inner spaces collapsed), or refuse it.

    Args:
        name: The name as typed.
        seeds: The catalogue with the person's own exercises, to refuse a name in use.
        renaming: The slug of the exercise being renamed, which may keep its own name.

    Raises:
        InvalidInput: for an empty, over-long or control-character name, or one that is
            already the name of another exercise (letter case aside).
    """
    accepted = f"a name of 1 to {NAME_MAX_CHARS} characters not used by another exercise"
    tidy = tidy_name("name", name, accepted)
    check_unused(
        "name",
        tidy,
        (
            (x.slug, x.name, "one of yours" if x.own else "in the catalogue")
            for x in seeds.exercises
        ),
        renaming,
    )
    return tidy


def check_category(category: object) -> str:
    """Return the category in lower case, or refuse one not in `OWN_CATEGORIES`."""
    text = category.strip().lower() if isinstance(category, str) else ""
    if text not in OWN_CATEGORIES:
        raise InvalidInput("category", str(category), "one of " + ", ".join(OWN_CATEGORIES))
    return text


def check_dose(dose: object) -> str:
    """Return the dose tidied (it may be empty), or refuse an over-long one."""
    accepted = f"text of at most {DOSE_MAX_CHARS} characters, e.g. 3 sets of 10 daily"
    if not isinstance(dose, str):
        raise InvalidInput("dose", type(dose).__name__, accepted)
    check_text("dose", dose)
    tidy = " ".join(dose.split())
    if len(tidy) > DOSE_MAX_CHARS:
        raise InvalidInput("dose", f"{len(tidy)} characters", accepted)
    if any(unicodedata.category(ch).startswith("C") for ch in tidy):
        raise InvalidInput("dose", tidy, "printable text (no control characters)")
    return tidy


def new_slug(name: str, seeds: Catalogue) -> str:
    """A slug for a new own exercise: `own-` and the name in plain letters, made unique.

    The slug never changes after this, so a renamed exercise keeps its history.
    """
    return naming.new_slug(
        name, OWN_PREFIX, "exercise", lambda slug: seeds.exercise(slug) is not None
    )


def own_exercise(slug: str, name: str, category: str, dose: str, retired: bool = False) -> Exercise:
    """The catalogue record of an own exercise (painlog has no how-to or caution for it)."""
    return Exercise(
        slug=slug,
        name=name,
        category=category,
        dose=dose,
        cue="",
        caution=None,
        regions=(),
        source=OWN_SOURCE,
        own=True,
        retired=retired,
    )


def draft_exercise(name: object, category: object, dose: object, seeds: Catalogue) -> Exercise:
    """Check a new own exercise and return it with a fresh slug.

    Raises:
        InvalidInput: naming the first field refused.
    """
    tidy_name = check_name(name, seeds)
    return own_exercise(
        new_slug(tidy_name, seeds), tidy_name, check_category(category), check_dose(dose)
    )


def check_own_slug(slug: str, seeds: Catalogue) -> Exercise:
    """Return the own exercise with this slug, or refuse the slug.

    Raises:
        InvalidInput: when no own exercise has it (catalogue exercises cannot be changed).
    """
    exercise = seeds.exercise(slug.strip().lower())
    if exercise is None or not exercise.own:
        own = [x.slug for x in seeds.exercises if x.own]
        accepted = ("one of " + ", ".join(own)) if own else "the slug of an exercise you added"
        if exercise is not None:
            accepted += " (catalogue exercises cannot be changed)"
        raise InvalidInput("exercise", slug, accepted)
    return exercise


def placeholder_for(slug: str) -> Exercise:
    """An own exercise known only by its slug (from an imported file): named after it.

    Its category is "other" and its dose empty until the person edits it.
    """
    words = slug.removeprefix(OWN_PREFIX).replace("-", " ").strip() or "exercise"
    name = (words[:1].upper() + words[1:])[:NAME_MAX_CHARS].strip()
    return own_exercise(slug, name, "other", "")
