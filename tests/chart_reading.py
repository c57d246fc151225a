"""Reading a drawn chart back: where each mark sits, and what value that place stands for.

The truth tests draw the charts from known data and check every mark against the value it
stands for. This module reads the plain text of one chart (a title, a frame drawn with box
characters, labels left of the frame) into rows and columns; it knows nothing about how the
chart was drawn, so it reads the old drawing and the new alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BAR = "█"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Canvas:
    """One chart's plain text, split into its title, its canvas and the labels beside it.

    Attributes:
        title: The text above the frame.
        rows: The canvas rows inside the frame, top first.
        labels: The label left of each canvas row ("" where none).
        below: The lines under the frame (the x-axis labels).
    """

    title: str
    rows: list[str]
    labels: list[str]
    below: list[str]

    def marks(self, char: str) -> list[tuple[int, int]]:
        """`(column, row)` of every `char` on the canvas, left to right, rows from the top."""
        found = [
            (column, row)
            for row, text in enumerate(self.rows)
            for column, cell in enumerate(text)
            if cell == char
        ]
        return sorted(found)

    def value_axis(self) -> ValueAxis | None:
        """The vertical value scale given by whole-number labels, or None for a bar form."""
        labelled = [(row, label) for row, label in enumerate(self.labels) if label]
        if len(labelled) < 2 or not all(label.isdigit() for _, label in labelled):
            return None
        return ValueAxis([(row, int(label)) for row, label in labelled], len(self.rows))


@dataclass
class ValueAxis:
    """The rows of a vertical value scale, read from its labels."""

    ticks: list[tuple[int, int]]
    """`(row, value)` of each label."""
    height: int

    @property
    def rows_per_point(self) -> float:
        (top_row, top), (low_row, low) = self.ticks[0], self.ticks[-1]
        return (low_row - top_row) / (top - low)

    def value_at(self, row: int) -> float:
        """The value a canvas row stands for, by the labels' scale."""
        low_row, low = self.ticks[-1]
        return low + (low_row - row) / self.rows_per_point

    def problems(self) -> list[str]:
        """What is wrong with the scale itself: labels off their rows, points sharing rows."""
        found = []
        if self.rows_per_point < 1:
            found.append(f"{self.rows_per_point:.2f} rows per point: values share rows")
        for row, value in self.ticks:
            if abs(self.value_at(row) - value) > 1e-9:
                found.append(f"label {value} on a row standing for {self.value_at(row):.2f}")
        return found

    def off_by(self, row: int, value: float) -> float:
        """How many rows the mark at `row` is from the row nearest `value` (0 when right)."""
        exact = self.ticks[-1][0] - (value - self.ticks[-1][1]) * self.rows_per_point
        nearest = abs(row - exact)
        return 0.0 if nearest <= 0.5 + 1e-9 else nearest


def read_chart(text: str) -> Canvas:
    """Split one chart's plain text at its frame."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i in range(top + 1, len(lines)) if "└" in lines[i])
    left = lines[top].index("┌")
    right = lines[top].index("┐", left)
    rows, labels = [], []
    for line in lines[top + 1 : bottom]:
        line = line.ljust(right + 1)
        rows.append(line[left + 1 : right])
        labels.append(line[:left].strip())
    return Canvas("\n".join(lines[:top]).strip(), rows, labels, lines[bottom + 1 :])


def bar_rows(canvas: Canvas) -> list[BarRow]:
    """The horizontal bars of a bar form: one per canvas row that has a bar or a label."""
    found = []
    for row, (label, text) in enumerate(zip(canvas.labels, canvas.rows, strict=True)):
        if not label and BAR not in text and not text.strip():
            continue
        cells = text.count(BAR)
        start = text.find(BAR)
        contiguous = start < 0 or text[start : start + cells] == BAR * cells
        found.append(BarRow(row, label, cells, contiguous, text))
    return found


@dataclass
class BarRow:
    """One row of a horizontal bar form."""

    row: int
    label: str
    cells: int
    contiguous: bool
    text: str

    def numbers(self) -> list[float]:
        """The numbers printed on the row, left to right."""
        return [float(found) for found in NUMBER.findall(self.text)]
