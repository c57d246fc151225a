"""Where things go on a chart, in whole character cells: the plain arithmetic of drawing.

A terminal chart has few rows, so how values map to rows decides whether it tells the
truth. plotext puts a value on the cell nearest to where its limits say; `charts` sets the
limits so that one unit of data is exactly one cell (`exact_limits`), and works out every
position here first, in cells. Nothing here draws.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

PAIN_TOP = 10
"""The top of the 0-10 pain scale."""
LINE_ROWS = PAIN_TOP + 1
"""Rows a line chart of the pain scale needs: one for each whole number from 0 to 10."""

TITLE_ROWS = 1
FRAME_ROWS = 2
FRAME_COLUMNS = 2
X_LABEL_ROWS = 1


@dataclass(frozen=True, slots=True)
class Canvas:
    """The cells inside a chart's frame.

    Attributes:
        rows: Rows between the top and bottom of the frame.
        columns: Columns between the y labels' frame line and the right one.
    """

    rows: int
    columns: int


def canvas(width: int, height: int, label_width: int, x_labels: bool) -> Canvas:
    """The canvas of a plotext chart of `width` x `height` cells with a title and a frame.

    Args:
        label_width: The widest y label (they sit left of the frame).
        x_labels: Whether a row of x labels sits under the frame.
    """
    rows = height - TITLE_ROWS - FRAME_ROWS - (X_LABEL_ROWS if x_labels else 0)
    return Canvas(max(0, rows), max(0, width - label_width - FRAME_COLUMNS))


def rows_per_point(rows: int, top: int = PAIN_TOP) -> int:
    """Whole rows given to each point of a 0-`top` scale on `rows` rows (0: too few rows).

    Row 0 holds 0 and row `top * k` holds `top`, so each whole number has its own row and
    the rows between stand for exact fractions.
    """
    return (rows - 1) // top if top else 0


def cells_per_point(columns: int, top: float, reserved: int) -> int:
    """Whole cells per point for bars up to `top` with `reserved` cells kept for text."""
    if top <= 0:
        return max(1, columns - reserved)
    return max(1, int((columns - reserved) // top))


def bar_cells(value: float, per_point: int) -> int:
    """A bar's length: the value times the cells per point, to the nearest cell."""
    return int(value * per_point + 0.5)


def centres(count: int, columns: int) -> list[int]:
    """The middle column of each of `count` equal slots across `columns` columns."""
    return [int((index + 0.5) * columns / count) for index in range(count)]


def wrapped(text: str, columns: int, rows: int) -> list[str]:
    """`text` in lines of at most `columns` characters, at most `rows` of them."""
    return textwrap.wrap(text, max(1, columns))[: max(1, rows)]
