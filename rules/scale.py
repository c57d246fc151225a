"""The 0-10 pain scale's bands, so a number always comes with words.

Source: extension: 0-10 Numeric Rating Scale bands (1-3 mild, 4-6 moderate, 7-10 severe),
as commonly used in pain research; not in the source documents.
"""

from __future__ import annotations

PAIN_MIN = 0
PAIN_MAX = 10

SOURCE = "extension: 0-10 Numeric Rating Scale bands (1-3 mild, 4-6 moderate, 7-10 severe)"

BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "none"),
    (1, 3, "mild"),
    (4, 6, "moderate"),
    (7, 10, "severe"),
)

# What each point of the scale means, in words a person in pain can match to how they feel.
ANCHORS: dict[int, str] = {
    0: "no pain",
    1: "barely noticeable",
    2: "noticeable, easy to ignore",
    3: "a nuisance, but you get on with the day",
    4: "hard to ignore, daily tasks still possible",
    5: "it gets in the way of some tasks",
    6: "it stops you doing some things",
    7: "it dominates; hard to concentrate or sleep",
    8: "very hard to do anything",
    9: "can barely move or talk",
    10: "as bad as you can imagine",
}


def pain_band(score: int) -> str:
    """The band name for a 0-10 score: none, mild, moderate or severe."""
    for low, high, name in BANDS:
        if low <= score <= high:
            return name
    raise ValueError(f"pain score {score} is outside 0-10")
