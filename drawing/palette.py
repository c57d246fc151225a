"""The colours and marks of the chart series.

Colours come from a `Palette` (the app theme's, named plotext colours for `painlog chart`,
or none at all); every series also has its own mark, so the charts read the same without
colour.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = str | tuple[int, int, int] | None
"""A plotext colour: an RGB triple, a plotext colour name, or None for the default."""


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of the series; None leaves a series in the plot's default colour."""

    pain: Colour = None
    worst: Colour = None
    mean: Colour = None
    maximum: Colour = None
    exercise: Colour = None
    place: Colour = None
    peg: Colour = None
    muted: Colour = None
    canvas: Colour = None


NO_COLOUR = Palette()

PAIN_MARKER = "●"
WORST_MARKER = "◆"
MAX_MARKER = "▪"
PEG_MARKER = "▲"
BAR = "█"
LINE_MARKER = "·"
"""Lines are drawn a cell at a time, so they meet the point markers exactly."""
