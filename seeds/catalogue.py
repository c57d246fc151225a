"""The source documents as data: exercises, body locations, kinds of pain, warning signs and
treatments.

The facts live in TOML files beside this module, one per kind, so a clinician can read and
check them without reading Python. This module loads them once, checks every item, and
hands out frozen records. Nothing here imports the rest of painlog or any third-party
package, so every other layer can depend on it cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = [
    "CATEGORIES",
    "EXERCISE_REGIONS",
    "FILES",
    "LOCATION_REGIONS",
    "OWN_CATEGORIES",
    "OWN_PREFIX",
    "SIDES",
    "Catalogue",
    "Character",
    "Exercise",
    "Location",
    "Medication",
    "RedFlag",
    "SeedError",
    "Treatment",
    "build_catalogue",
    "catalogue",
    "read_documents",
]

SIDES: tuple[str, ...] = ("left", "right", "both")
"""The sides a located pain can be on (SOURCE_RULES section 6)."""

CATEGORIES: frozenset[str] = frozenset({"strength", "stretch", "aerobic"})
"""Exercise categories, after the three tables of SOURCE_RULES section 7."""

OWN_CATEGORIES: tuple[str, ...] = ("strength", "stretch", "aerobic", "other")
"""Categories a person can give their own exercises: the catalogue's three, and "other" for
what fits none of them (balance work, say) or came in from a file without one."""

OWN_PREFIX = "own-"
"""Every own exercise's slug starts with this, so it can never clash with a catalogue slug
(the catalogue refuses slugs that start with it) and reads as the person's own in an export."""

EXERCISE_REGIONS: frozenset[str] = frozenset({"back", "hip"})
"""What an exercise can be suited to."""

LOCATION_REGIONS: frozenset[str] = frozenset({"back", "hip", "leg"})
"""Which part of the body a location belongs to."""

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""Slugs are typed on the command line and stored in the database, so they stay plain."""

FILES: Mapping[str, str] = {
    "exercises.toml": "exercise",
    "locations.toml": "location",
    "characters.toml": "character",
    "red_flags.toml": "red_flag",
    "treatments.toml": "treatment",
}
"""Each data file and the name of its array of tables (``[[exercise]]`` and so on)."""


class SeedError(ValueError):
    """A data file is malformed; the message names the file, the item and the problem."""


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise or activity from the catalogue.

    Attributes:
        slug: Stable identifier, e.g. ``"glute-bridge"``.
        name: What a person would type to find it, e.g. ``"Glute bridge"``.
        category: One of ``"strength"``, ``"stretch"``, ``"aerobic"``.
        dose: How much, keeping the source's numbers.
        cue: A short how-to.
        caution: When to hold back, or None.
        regions: What it suits: a non-empty subset of ``("back", "hip")`` (empty for the
            person's own exercises, which painlog never suggests).
        source: The publication or body behind it.
        own: True for an exercise the person added (slug starts with `OWN_PREFIX`).
        retired: True for an own exercise no longer offered for new days; the days that
            have it keep it.
    """

    slug: str
    name: str
    category: str
    dose: str
    cue: str
    caution: str | None
    regions: tuple[str, ...]
    source: str
    own: bool = False
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Location:
    """A place where it hurts.

    Attributes:
        slug: Stable identifier, e.g. ``"hip-side"``.
        name: Short plain label, e.g. ``"Outer hip"``.
        region: ``"back"``, ``"hip"`` or ``"leg"``.
        has_side: Whether a side (left, right, both) applies.
        source: The publication or body behind it.
    """

    slug: str
    name: str
    region: str
    has_side: bool
    source: str


@dataclass(frozen=True, slots=True)
class Character:
    """A kind of pain, e.g. an ache or a shooting pain.

    Attributes:
        slug: Stable identifier, e.g. ``"shooting"``.
        name: Short label.
        description: One or two plain sentences on what it feels like and what it suggests.
        source: The publication or body behind it.
    """

    slug: str
    name: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A warning sign that calls for a clinician.

    Attributes:
        slug: Stable identifier, e.g. ``"saddle-numbness"``.
        name: Short label, not a question.
        description: One plain sentence on what to look for.
        emergency: True when it means "get help today", whatever the pain score.
        source: The publication or body behind it.
    """

    slug: str
    name: str
    description: str
    emergency: bool
    source: str


@dataclass(frozen=True, slots=True)
class Treatment:
    """Something done for the pain other than exercise or medication (heat, massage, ...).

    Attributes:
        slug: Stable identifier, e.g. ``"heat"``; an own treatment's starts with `OWN_PREFIX`.
        name: What a person would type to find it.
        source: The publication or body that names it (`"your own"` for an own one).
        own: True for a treatment the person added.
        retired: True for an own treatment no longer offered for new days.
    """

    slug: str
    name: str
    source: str
    own: bool = False
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Medication:
    """A medication the person takes; painlog has no list of its own and gives no advice.

    Attributes:
        slug: Stable identifier made from the name when it was added, e.g. ``"ibuprofen"``.
        name: The person's name for it.
        dose: Their usual dose, as they wrote it (may be empty).
        as_needed: Taken when needed rather than on a schedule.
        retired: No longer offered for new days; the days that have it keep it.
    """

    slug: str
    name: str
    dose: str = ""
    as_needed: bool = False
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the source documents say, in file order, with O(1) lookups by slug.

    Attributes:
        exercises: All exercises, in file order.
        locations: All locations, in file order.
        characters: All kinds of pain, in file order.
        red_flags: All warning signs, in file order (emergency signs first).
        sides: The sides a pain can be on.
        treatments: The source's treatments, then the person's own.
        medications: The person's medications (the packaged catalogue has none).
    """

    exercises: tuple[Exercise, ...]
    locations: tuple[Location, ...]
    characters: tuple[Character, ...]
    red_flags: tuple[RedFlag, ...]
    sides: tuple[str, ...] = SIDES
    treatments: tuple[Treatment, ...] = ()
    medications: tuple[Medication, ...] = ()
    _exercises: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    _treatments: dict[str, Treatment] = field(init=False, repr=False, compare=False)
    _medications: dict[str, Medication] = field(init=False, repr=False, compare=False)
    _locations: dict[str, Location] = field(init=False, repr=False, compare=False)
    _characters: dict[str, Character] = field(init=False, repr=False, compare=False)
    _red_flags: dict[str, RedFlag] = field(init=False, repr=False, compare=False)
    _emergency: tuple[RedFlag, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the indexes are set once here rather than rebuilt on every lookup.
        object.__setattr__(self, "_exercises", {x.slug: x for x in self.exercises})
        object.__setattr__(self, "_treatments", {x.slug: x for x in self.treatments})
        object.__setattr__(self, "_medications", {x.slug: x for x in self.medications})
        object.__setattr__(self, "_locations", {x.slug: x for x in self.locations})
        object.__setattr__(self, "_characters", {x.slug: x for x in self.characters})
        object.__setattr__(self, "_red_flags", {x.slug: x for x in self.red_flags})
        object.__setattr__(self, "_emergency", tuple(x for x in self.red_flags if x.emergency))

    def exercise(self, slug: str) -> Exercise | None:
        """Return the exercise with this slug (own and retired ones included), or None."""
        return self._exercises.get(slug)

    @property
    def exercises_in_use(self) -> tuple[Exercise, ...]:
        """The exercises to offer for a new day: every one but the retired."""
        return tuple(x for x in self.exercises if not x.retired)

    def treatment(self, slug: str) -> Treatment | None:
        """Return the treatment with this slug (own and retired ones included), or None."""
        return self._treatments.get(slug)

    @property
    def treatments_in_use(self) -> tuple[Treatment, ...]:
        """The treatments to offer for a new day: every one but the retired."""
        return tuple(x for x in self.treatments if not x.retired)

    def medication(self, slug: str) -> Medication | None:
        """Return the medication with this slug (retired ones included), or None."""
        return self._medications.get(slug)

    @property
    def medications_in_use(self) -> tuple[Medication, ...]:
        """The medications to offer for a new day: every one but the retired."""
        return tuple(x for x in self.medications if not x.retired)

    def with_own(
        self,
        own: Sequence[Exercise],
        medications: Sequence[Medication] = (),
        treatments: Sequence[Treatment] = (),
    ) -> Catalogue:
        """This catalogue with a person's own exercises and treatments after the source's,
        and their medications.

        Raises:
            SeedError: when an own exercise's or treatment's slug lacks `OWN_PREFIX` or is
                already taken, or two medications share a slug.
        """
        for kind, items, taken in (
            ("exercise", own, self._exercises),
            ("treatment", treatments, self._treatments),
        ):
            for item in items:
                if not item.own or not item.slug.startswith(OWN_PREFIX):
                    raise SeedError(f"own {kind} {item.slug!r}: slug must start with own-")
                if item.slug in taken:
                    raise SeedError(f"own {kind} {item.slug!r}: slug already taken")
        if len({x.slug for x in medications}) != len(medications):
            raise SeedError("medications: a slug is used twice")
        return Catalogue(
            exercises=self.exercises + tuple(own),
            locations=self.locations,
            characters=self.characters,
            red_flags=self.red_flags,
            sides=self.sides,
            treatments=self.treatments + tuple(treatments),
            medications=tuple(medications),
        )

    def location(self, slug: str) -> Location | None:
        """Return the location with this slug, or None."""
        return self._locations.get(slug)

    def character(self, slug: str) -> Character | None:
        """Return the kind of pain with this slug, or None."""
        return self._characters.get(slug)

    def red_flag(self, slug: str) -> RedFlag | None:
        """Return the warning sign with this slug, or None."""
        return self._red_flags.get(slug)

    @property
    def emergency_flags(self) -> tuple[RedFlag, ...]:
        """The warning signs that mean "get help today", in file order."""
        return self._emergency


# --- validation -------------------------------------------------------------------------------

_TEXT = "text"
_BOOL = "bool"
_TEXT_LIST = "text list"

# (field, kind, required). Order matches the dataclass so records can be built by keyword.
_SCHEMAS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "exercise": (
        ("slug", _TEXT, True),
        ("name", _TEXT, True),
        ("category", _TEXT, True),
        ("dose", _TEXT, True),
        ("cue", _TEXT, True),
        ("caution", _TEXT, False),
        ("regions", _TEXT_LIST, True),
        ("source", _TEXT, True),
    ),
    "location": (
        ("slug", _TEXT, True),
        ("name", _TEXT, True),
        ("region", _TEXT, True),
        ("has_side", _BOOL, True),
        ("source", _TEXT, True),
    ),
    "character": (
        ("slug", _TEXT, True),
        ("name", _TEXT, True),
        ("description", _TEXT, True),
        ("source", _TEXT, True),
    ),
    "red_flag": (
        ("slug", _TEXT, True),
        ("name", _TEXT, True),
        ("description", _TEXT, True),
        ("emergency", _BOOL, True),
        ("source", _TEXT, True),
    ),
    "treatment": (
        ("slug", _TEXT, True),
        ("name", _TEXT, True),
        ("source", _TEXT, True),
    ),
}

_RECORDS: dict[str, type] = {
    "exercise": Exercise,
    "location": Location,
    "character": Character,
    "red_flag": RedFlag,
    "treatment": Treatment,
}

# Fields whose values must come from a closed set, per kind of item.
_ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    ("exercise", "category"): CATEGORIES,
    ("exercise", "regions"): EXERCISE_REGIONS,
    ("location", "region"): LOCATION_REGIONS,
}


def _type_name(value: object) -> str:
    return type(value).__name__


def _check_value(where: str, name: str, kind: str, value: object) -> Any:
    """Check one field's type and emptiness; return it in record form (lists become tuples)."""
    if kind == _BOOL:
        # bool is tested by identity of type because TOML integers must not pass as flags.
        if type(value) is not bool:
            raise SeedError(f"{where}: field {name!r} must be true or false, got {value!r}")
        return value
    if kind == _TEXT:
        if not isinstance(value, str):
            raise SeedError(f"{where}: field {name!r} must be text, got {_type_name(value)}")
        if not value.strip():
            raise SeedError(f"{where}: field {name!r} is empty")
        return value
    # _TEXT_LIST
    if not isinstance(value, list | tuple):
        raise SeedError(f"{where}: field {name!r} must be a list of text, got {_type_name(value)}")
    if not value:
        raise SeedError(f"{where}: field {name!r} is empty")
    for element in value:
        if not isinstance(element, str) or not element.strip():
            raise SeedError(
                f"{where}: field {name!r} must hold only non-empty text, got {element!r}"
            )
    if len(set(value)) != len(value):
        raise SeedError(f"{where}: field {name!r} repeats a value: {list(value)!r}")
    return tuple(value)


def _check_allowed(where: str, kind: str, name: str, value: Any) -> None:
    allowed = _ALLOWED.get((kind, name))
    if allowed is None:
        return
    for element in value if isinstance(value, tuple) else (value,):
        if element not in allowed:
            raise SeedError(
                f"{where}: unknown {name} {element!r}; expected one of {', '.join(sorted(allowed))}"
            )


def _build_items(file: str, kind: str, document: object) -> tuple[Any, ...]:
    """Validate one parsed file and turn its items into records."""
    if not isinstance(document, Mapping):
        raise SeedError(f"{file}: expected a TOML table at the top, got {_type_name(document)}")
    extra = sorted(set(document) - {kind})
    if extra:
        raise SeedError(f"{file}: unknown top-level key(s) {', '.join(extra)}; expected [[{kind}]]")
    items = document.get(kind)
    if items is None:
        raise SeedError(f"{file}: no [[{kind}]] items")
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise SeedError(f"{file}: {kind!r} must be an array of tables, got {_type_name(items)}")
    if not items:
        raise SeedError(f"{file}: no [[{kind}]] items")

    schema = _SCHEMAS[kind]
    known = {name for name, _, _ in schema}
    seen: dict[str, int] = {}
    records = []
    for number, item in enumerate(items, start=1):
        # Name the item by slug when it has a usable one, else by position, so the message
        # always points somewhere a person can find in the file.
        slug = item.get("slug") if isinstance(item, Mapping) else None
        label = f"{kind} {slug!r}" if isinstance(slug, str) and slug else f"{kind} #{number}"
        where = f"{file}: {label}"
        if not isinstance(item, Mapping):
            raise SeedError(f"{where}: must be a table, got {_type_name(item)}")

        unknown = sorted(set(item) - known)
        if unknown:
            raise SeedError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}")

        values: dict[str, Any] = {}
        for name, field_kind, required in schema:
            if name not in item:
                if required:
                    raise SeedError(f"{where}: missing required field {name!r}")
                values[name] = None
                continue
            value = _check_value(where, name, field_kind, item[name])
            _check_allowed(where, kind, name, value)
            values[name] = value

        slug = values["slug"]
        if not SLUG_PATTERN.fullmatch(slug):
            raise SeedError(
                f"{where}: bad slug format; use lowercase letters and digits joined by single "
                "hyphens, e.g. 'glute-bridge'"
            )
        if slug.startswith(OWN_PREFIX):
            raise SeedError(f"{where}: slugs starting with {OWN_PREFIX!r} are for own exercises")
        if slug in seen:
            raise SeedError(f"{where}: duplicate slug (first used by {kind} #{seen[slug]})")
        seen[slug] = number
        records.append(_RECORDS[kind](**values))
    return tuple(records)


def build_catalogue(documents: Mapping[str, object]) -> Catalogue:
    """Validate parsed data files and build the catalogue.

    Kept apart from file reading so tests (and tools) can feed it data directly.

    Args:
        documents: Parsed TOML, keyed by file name as in `FILES`
            (``"exercises.toml"``, ``"locations.toml"``, ``"characters.toml"``,
            ``"red_flags.toml"``, ``"treatments.toml"``).

    Returns:
        The validated catalogue.

    Raises:
        SeedError: If a file is missing or any item is malformed; the message names the file,
            the item and what is wrong.
    """
    missing = [name for name in FILES if name not in documents]
    if missing:
        raise SeedError(f"missing data file(s): {', '.join(missing)}")
    built = {kind: _build_items(file, kind, documents[file]) for file, kind in FILES.items()}
    return Catalogue(
        exercises=built["exercise"],
        locations=built["location"],
        characters=built["character"],
        red_flags=built["red_flag"],
        treatments=built["treatment"],
    )


def read_documents() -> dict[str, dict[str, Any]]:
    """Read and parse the packaged data files, without validating them.

    Returns:
        Parsed TOML keyed by file name.

    Raises:
        SeedError: If a file cannot be read or is not valid TOML.
    """
    # Imported here because importlib.resources pulls in tempfile, zipfile and friends; a
    # caller that only needs the types should not pay for them.
    import tomllib
    from importlib import resources

    package = resources.files(__package__ or "painlog.seeds")
    documents: dict[str, dict[str, Any]] = {}
    for name in FILES:
        try:
            text = package.joinpath(name).read_text(encoding="utf-8")
        except OSError as error:
            raise SeedError(f"{name}: cannot read packaged data file ({error})") from error
        try:
            documents[name] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise SeedError(f"{name}: not valid TOML ({error})") from error
    return documents


@cache
def catalogue() -> Catalogue:
    """Load and validate the packaged catalogue, once per process.

    Returns:
        The shared, immutable catalogue.

    Raises:
        SeedError: If a data file is missing or malformed.
    """
    return build_catalogue(read_documents())
