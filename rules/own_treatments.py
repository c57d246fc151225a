"""What a valid own treatment is: the person's additions to the treatments the sources
name (a physiotherapist's taping, say), checked as own exercises are."""

from __future__ import annotations

from painlog.rules.entry import InvalidInput
from painlog.rules.naming import NAME_MAX_CHARS, check_unused, new_slug, tidy_name
from painlog.rules.own_exercises import OWN_SOURCE
from painlog.seeds import Catalogue, Treatment
from painlog.seeds.catalogue import OWN_PREFIX


def check_treatment_name(name: object, seeds: Catalogue, renaming: str | None = None) -> str:
    """Return the name tidied, or refuse one that is empty, too long or already the name of
    a treatment (the sources' or the person's own, letter case aside)."""
    accepted = f"a name of 1 to {NAME_MAX_CHARS} characters not used by another treatment"
    tidy = tidy_name("name", name, accepted)
    check_unused(
        "name",
        tidy,
        ((x.slug, x.name, "one of yours" if x.own else "in the list") for x in seeds.treatments),
        renaming,
    )
    return tidy


def own_treatment(slug: str, name: str, retired: bool = False) -> Treatment:
    """The record of an own treatment."""
    return Treatment(slug, name, OWN_SOURCE, own=True, retired=retired)


def draft_treatment(name: object, seeds: Catalogue) -> Treatment:
    """Check a new own treatment and return it with its slug (`own-` and the name).

    Raises:
        InvalidInput: for a refused name.
    """
    tidy = check_treatment_name(name, seeds)
    slug = new_slug(tidy, OWN_PREFIX, "treatment", lambda s: seeds.treatment(s) is not None)
    return own_treatment(slug, tidy)


def check_own_treatment_slug(slug: str, seeds: Catalogue) -> Treatment:
    """Return the own treatment with this slug, or refuse it (the sources' treatments cannot
    be changed)."""
    found = seeds.treatment(slug.strip().lower())
    if found is None or not found.own:
        own = [x.slug for x in seeds.treatments if x.own]
        accepted = ("one of " + ", ".join(own)) if own else "the slug of a treatment you added"
        if found is not None:
            accepted += " (the listed treatments cannot be changed)"
        raise InvalidInput("treatment", slug, accepted)
    return found
