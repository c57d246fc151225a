"""What a valid medication is: the checks behind adding, renaming and retiring one.

painlog keeps no list of medicines and says nothing about them: a person adds what they
take, under their own name for it, with their usual dose if they like. The slug is made
from the name once (`Ibuprofen` is `ibuprofen`) and never changes, so the days that name a
medication keep it through a rename; a retired one stays on the days that have it.
"""

from __future__ import annotations

from painlog.rules.entry import INTAKE_DOSE_MAX_CHARS, InvalidInput, check_intake_dose
from painlog.rules.naming import NAME_MAX_CHARS, check_unused, new_slug, tidy_name
from painlog.seeds import Catalogue, Medication


def check_medication_name(name: object, seeds: Catalogue, renaming: str | None = None) -> str:
    """Return the name tidied, or refuse one that is empty, too long or already used by
    another of the person's medications (letter case aside)."""
    accepted = f"a name of 1 to {NAME_MAX_CHARS} characters not used by another medication"
    tidy = tidy_name("name", name, accepted)
    check_unused("name", tidy, ((x.slug, x.name, "yours") for x in seeds.medications), renaming)
    return tidy


def check_usual_dose(dose: object) -> str:
    """Return a medication's usual dose (empty when none is given), or refuse it."""
    if dose is None or (isinstance(dose, str) and not dose.strip()):
        return ""
    if not isinstance(dose, str):
        raise InvalidInput("dose", type(dose).__name__, f"up to {INTAKE_DOSE_MAX_CHARS} characters")
    return check_intake_dose(" ".join(dose.split()))


def draft_medication(name: object, dose: object, as_needed: bool, seeds: Catalogue) -> Medication:
    """Check a new medication and return it with its slug.

    Raises:
        InvalidInput: naming the first field refused.
    """
    tidy = check_medication_name(name, seeds)
    slug = new_slug(tidy, "", "medication", lambda s: seeds.medication(s) is not None)
    return Medication(slug, tidy, check_usual_dose(dose), bool(as_needed))


def check_medication_slug(slug: str, seeds: Catalogue) -> Medication:
    """Return the medication with this slug, or refuse the slug naming the ones there are."""
    found = seeds.medication(slug.strip().lower())
    if found is None:
        names = [x.slug for x in seeds.medications]
        accepted = ("one of " + ", ".join(names)) if names else "the slug of a medication you added"
        raise InvalidInput("medication", slug, accepted)
    return found
