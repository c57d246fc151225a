"""Reading a daily export as a stream of rows: bytes that are not text stop it at once,
the header names the columns (today's, or an older file's, widened), and each row comes
with the line it starts on, or as its problem (`store.importer` uses it).

Nothing here knows a diary: it only turns bytes into rows of today's columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import BinaryIO

from painlog.store.csv_format import (
    DAILY_COLUMNS,
    DAILY_COLUMNS_BEFORE_CHECKINS,
    DAILY_COLUMNS_BEFORE_MEDICATIONS,
)

PROBLEMS_LISTED = 100
"""Problems listed by name; any more are counted."""
MAX_LINE_CHARS = 400_000
"""Longer than any line painlog writes (a note holds at most 100,000 characters, each
quote doubled in the file): a longer one is not a daily export."""
HEADERS = (DAILY_COLUMNS, DAILY_COLUMNS_BEFORE_CHECKINS, DAILY_COLUMNS_BEFORE_MEDICATIONS)
"""The headers a daily file may have: today's, that of schemas 4 and 5 (no check-ins or
PEG answers) and that from before schema 4 (no medications or treatments either)."""
_MEDICATIONS_COLUMN = DAILY_COLUMNS.index("medications")
_LINE_BREAKS = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file, and the line (1-based) of the row it is on, if any."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


class ReadingStopped(Exception):
    """The reading cannot go on (not text, a wrong header): its problems."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)
        self.problems = problems


def from_start(source: bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    if source.seekable():
        source.seek(0)
    return source


def _lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines, each with its line end (CRLF, LF or CR, as csv expects them).

    Raises:
        ReadingStopped: at the first byte that shows the file is not text: invalid UTF-8, a NUL, or
            a line longer than `MAX_LINE_CHARS` (`/dev/zero` is refused at its first line).
    """
    # utf-8-sig drops a byte order mark at the start; newline="" keeps the line ends.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    number = 0
    try:
        while True:
            try:
                line = text.readline(MAX_LINE_CHARS)
            except UnicodeDecodeError as error:
                if stream.seekable():
                    raise ReadingStopped(*_not_utf8(stream)) from None
                # The lines before the undecodable chunk were all handed out already.
                before = error.object[: error.start]
                at = number + 1 + len(_LINE_BREAKS.findall(before))
                raise ReadingStopped(
                    Problem(at, _not_utf8_message(error.object[error.start]))
                ) from None
            if not line:
                return
            number += 1
            if "\x00" in line:
                raise ReadingStopped(Problem(number, _NOT_TEXT))
            if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
                raise ReadingStopped(
                    Problem(
                        number,
                        f"a line longer than {MAX_LINE_CHARS:,} characters; expected a CSV "
                        "written by painlog export --daily",
                    )
                )
            yield line
    finally:
        # The stream stays the caller's (it may be read again): only the wrapper goes.
        text.detach()


_NOT_TEXT = "a NUL byte: this is not a text file; expected a CSV written by painlog export --daily"


def _not_utf8_message(byte: int) -> str:
    return f"byte 0x{byte:02x} is not UTF-8 text; expected a file saved as UTF-8"


def _not_utf8(stream: BinaryIO) -> list[Problem]:
    """Every line of a file that is not all UTF-8, after the likely cause; read line by
    line from the start, so a long file takes no more memory than a line."""
    stream.seek(0)
    head = stream.read(2)
    stream.seek(0)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        cause = (
            "the file was saved as UTF-16 (Excel's Unicode Text): save it again as "
            "CSV UTF-8 (comma delimited)"
        )
        return [Problem(None, cause), Problem(1, _not_utf8_message(head[0]))]
    problems = []
    legacy = True  # every bad line reads as Windows-1252 text
    for number, raw in enumerate(iter(lambda: stream.readline(MAX_LINE_CHARS), b""), 1):
        if b"\x00" in raw:
            return [Problem(number, _NOT_TEXT)]  # a binary file, not a text in another code
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(number, _not_utf8_message(raw[error.start])))
            try:
                raw.decode("cp1252")
            except UnicodeDecodeError:
                legacy = False
            if number == 1 or len(problems) == PROBLEMS_LISTED:
                # A header that is not UTF-8 text is no daily file's; and a hundred lines
                # are enough to see the pattern: the rest is not read.
                break
    if legacy:
        cause = (
            "the file was saved as Windows-1252 (or Latin-1): save it again as UTF-8 "
            "(LibreOffice: File, Save As, Edit filter settings, Character set Unicode "
            "(UTF-8); Excel: CSV UTF-8)"
        )
    else:
        cause = "the file is not UTF-8 text: save it again as CSV in UTF-8"
    return [Problem(None, cause), *problems]


def file_rows(stream: BinaryIO) -> Iterator[tuple[int, list[str] | Problem]]:
    """Each row after the header with the line it starts on (blank lines left out); a row
    csv cannot read comes as its problem instead.

    Raises:
        ReadingStopped: for a file that is empty, not text, or not a daily export.
    """
    lines = _lines(stream)
    header = next(lines, None)
    delimiter, columns = _read_header(header)
    width = len(columns)
    widen = columns != DAILY_COLUMNS
    reader = csv.reader(chain((header,), lines), delimiter=delimiter, strict=True)
    next(reader)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The reader starts afresh on the next line, so later rows are still checked.
            yield line, Problem(line, f"malformed CSV ({error}); check the quotes")
            continue
        if not any(row):
            continue  # a blank line, or one of empty cells a spreadsheet left
        if len(row) > width and not any(cell.strip() for cell in row[width:]):
            del row[width:]  # the empty columns a spreadsheet adds at the end
        if widen:
            if len(row) != width:
                yield line, Problem(line, fields_message(row, columns))
                continue
            _widen(row, columns)
        yield line, row


_NEWER_COLUMNS = len(DAILY_COLUMNS) - len(DAILY_COLUMNS_BEFORE_CHECKINS)


def _widen(row: list[str], columns: tuple[str, ...]) -> None:
    """Give a row of an older file today's columns, empty where the file had none."""
    if columns == DAILY_COLUMNS_BEFORE_MEDICATIONS:
        row[_MEDICATIONS_COLUMN:_MEDICATIONS_COLUMN] = ["", ""]
    row += [""] * _NEWER_COLUMNS


DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
"""The separators a daily file may use: painlog writes commas; a spreadsheet may save with
semicolons or tabs."""


def _read_header(header: str | None) -> tuple[str, tuple[str, ...]]:
    """The separator and the columns of a daily file, from its header line: one of
    `HEADERS`; an older file's rows are widened. Letter case, spaces and empty columns at
    the end are let pass.

    Raises:
        ReadingStopped: naming what is wrong with the header, and its likely cause.
    """
    expected = ",".join(DAILY_COLUMNS)
    if header is None:
        raise ReadingStopped(Problem(1, f"the file is empty; expected the header {expected}"))
    readings = []
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([header], delimiter=delimiter, strict=True))
        except csv.Error as error:
            readings.append((delimiter, None, str(error)))
            continue
        names = [cell.strip().lower() for cell in cells]
        while names and not names[-1]:
            names.pop()
        if tuple(names) in HEADERS:
            return delimiter, tuple(names)
        readings.append((delimiter, names, None))
    raise ReadingStopped(Problem(1, _header_problem(header, readings)))


def _header_problem(header: str, readings: list) -> str:
    """Why no separator reads `header` as a daily file's, in the likeliest words."""
    expected = ",".join(DAILY_COLUMNS)
    read = [(d, names) for d, names, _ in readings if names is not None]
    if not read:
        return f"malformed CSV header ({readings[0][2]}); expected {expected}"
    names = max((names for _, names in read), key=len)
    # Named against the header it is nearest to: an older file's, or today's.
    nearest = min(HEADERS, key=lambda columns: len(set(columns) ^ set(names)))
    known = set(nearest)
    if len(names) > 1 and set(names) >= known:
        seen: set[str] = set()
        extra = []
        for number, name in enumerate(names, 1):
            if name in known and name not in seen:
                seen.add(name)
            else:
                extra.append(repr(name) if name else f"an empty column {number}")
        return (
            f"{len(names)} columns: a spreadsheet added {', '.join(extra)}; delete "
            f"{'it' if len(extra) == 1 else 'them'} and save again "
            f"(expected {','.join(nearest)})"
        )
    if len(names) > 1 and set(names) < known:
        missing = [name for name in nearest if name not in names]
        return (
            f"{len(names)} columns, without {', '.join(missing)}; expected {expected} "
            "(write one with painlog export --daily)"
        )
    shown = header.rstrip("\r\n")
    if len(shown) > 200:
        shown = shown[:100] + "…"
    return (
        f"header {shown!r} is not that of a daily export; expected {expected} (write one "
        "with painlog export --daily)"
    )


def fields_message(row: list[str], columns: Sequence[str]) -> str:
    """What is wrong with a row of the wrong length, for a file with these `columns`."""
    return (
        f"{len(row)} fields, expected {len(columns)} ({', '.join(columns)}); "
        "is the row cut short or a comma unquoted?"
    )
