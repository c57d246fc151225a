"""What the source documents say, as data: exercises, locations, kinds of pain, warning signs.

Stdlib only, and nothing else of painlog, so every layer can import it cheaply. Load the data
with `catalogue()`; it is read and checked once per process.
"""

from painlog.seeds.catalogue import (
    SIDES,
    Catalogue,
    Character,
    Exercise,
    Location,
    Medication,
    RedFlag,
    SeedError,
    Treatment,
    catalogue,
)

__all__ = [
    "SIDES",
    "Catalogue",
    "Character",
    "Exercise",
    "Location",
    "Medication",
    "RedFlag",
    "SeedError",
    "Treatment",
    "catalogue",
]
