"""Reading a daily export back: streamed, checked, and written all or nothing.

The file is read as a stream, a line at a time: what an import keeps in memory is one
batch of rows, the first problems found, a bit per calendar day (to find a date given
twice) and the few own exercises the file names, however long the file is. Bytes that are
not text (a NUL, invalid UTF-8, a line longer than any row) stop the reading at once.

`import_daily` reads the file once and writes it through `Diary.importing`: batches of
rows, each checked (wrong header, a date that is not ISO, pain 12, an unknown slug, a date
given twice, a row cut short) and checked against the days already logged, and written
with Core bulk inserts, all in one transaction. Any problem found on the way rolls back
every batch written before it, and the reading goes on to the end, so every problem is
listed, each with the line it starts on. A diary opened untouched (`Diary.open`) makes its
day's backup copy only when the import commits: a refused file changes nothing.
`check_daily` reads and checks without a diary, for where opening one would create or
upgrade it. More than `PROBLEMS_LISTED` problems are listed as the first ones and a count.

Reading undoes exactly what the export did (see `store.csv_format`), so exporting,
importing into an empty diary and exporting again gives a byte-identical file.

A daily CSV exported before schema 3 may log `cancer-history` as a warning sign of a day.
That fact now lives in the profile: the import leaves the sign off the days and answers
yes to the profile's cancer history, in the same transaction as the days.

Check-ins and PEG answers (schema 6) come in their own columns; a file without them (any
older daily export) imports as before. A day's pain and worst equal to what its check-ins
give are read as following them (`rules.checkins.as_read`), as they did before the
export. PEG answers are written with the days, and meet the diary's as days do: answers
the diary holds for the same diary week are a conflict, replaced, or kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError

from painlog.rules.checkins import as_read
from painlog.rules.entry import (
    EARLIEST_YEAR,
    CheckInRefused,
    InvalidInput,
    check_day,
    check_pain,
    check_peg,
)
from painlog.rules.own_exercises import NAME_MAX_CHARS, placeholder_for
from painlog.rules.own_treatments import own_treatment
from painlog.rules.records import CANCER_HISTORY_FLAG, DayLog, ExerciseDone, PegAnswer
from painlog.rules.weekly import week_bounds, week_start
from painlog.seeds import Catalogue, Exercise, Medication, Treatment, catalogue
from painlog.seeds.catalogue import OWN_PREFIX, SLUG_PATTERN
from painlog.store.csv_format import (
    DAILY_COLUMNS,
    DAILY_COLUMNS_BEFORE_CHECKINS,
    DAILY_COLUMNS_BEFORE_MEDICATIONS,
    exercise_slugs,
    intake_slugs,
    read_checkins,
    read_date,
    read_exercises,
    read_flags,
    read_intakes,
    read_peg,
    read_places,
    read_treatments,
    read_yes_no,
    restore,
    split_items,
    treatment_slugs,
)

ON_CONFLICT = ("refuse", "replace", "skip")

BATCH_ROWS = 500
"""Days checked against the diary and written together: one query for the days already
logged and one bulk insert per table each (`_IN_CHUNK` dates fit one `IN (...)`)."""
PROBLEMS_LISTED = 100
"""Problems listed by name; any more are counted."""
MAX_LINE_CHARS = 400_000
"""Longer than any line painlog writes (a note holds at most 100,000 characters, each
quote doubled in the file): a longer one is not a daily export."""
MAX_OWN_ITEMS = 1_000
"""Exercises, medications and treatments of the person's own one file may name; more is
not a diary's file."""
CELLS_REMEMBERED = 4_096
"""Distinct cells remembered per column: years of logs repeat the same few."""

OLD_COLUMNS = DAILY_COLUMNS_BEFORE_MEDICATIONS
HEADERS = (DAILY_COLUMNS, DAILY_COLUMNS_BEFORE_CHECKINS, DAILY_COLUMNS_BEFORE_MEDICATIONS)
"""The headers a daily file may have: today's, that of schemas 4 and 5 (no check-ins or
PEG answers) and that from before schema 4 (no medications or treatments either)."""
_EXERCISES_COLUMN = DAILY_COLUMNS.index("exercises")
_MEDICATIONS_COLUMN = DAILY_COLUMNS.index("medications")
_TREATMENTS_COLUMN = DAILY_COLUMNS.index("treatments")
_LINE_BREAKS = re.compile(rb"\r\n|\r|\n")

# The names `check_day` and the parsers use (as on the command line), as the file's columns.
_COLUMN_OF_FIELD = {
    "date": "date",
    "pain": "pain",
    "worst": "worst",
    "where": "places",
    "side": "places",
    "character": "places",
    "did": "exercises",
    "sets": "exercises",
    "reps": "exercises",
    "minutes": "exercises",
    "exercises": "exercises",
    "took": "medications",
    "dose": "medications",
    "time": "medications",
    "treated": "treatments",
    "flag": "red_flags",
    "bed_rest": "bed_rest",
    "note": "note",
}
_OWN_PART = {
    "where": "places",
    "did": "exercises",
    "flag": "red_flags",
    "took": "medications",
    "treated": "treatments",
}
"""The fields that are a whole column, named by the column alone (`places: 'elbow'`)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file, and the line (1-based) of the row it is on, if any."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


class ImportRefused(Exception):
    """Nothing was imported; `problems` says why, in file order.

    Attributes:
        problems: The first `PROBLEMS_LISTED` problems.
        total: How many problems there were in all.
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total


@dataclass(frozen=True, slots=True)
class Clash:
    """A row of the file that meets what the diary holds: its date is logged already, or
    (with `week`) its PEG answers are for a diary week the diary has answers for."""

    line: int
    day: date
    week: tuple[date, date] | None = None

    def problem(self) -> Problem:
        if self.week is None:
            return Problem(self.line, f"{self.day.isoformat()} is already logged")
        start, end = self.week
        return Problem(
            self.line,
            f"peg: the week {start.isoformat()} to {end.isoformat()} already has PEG answers",
        )


class ImportConflict(ImportRefused):
    """Days in the file are already logged, or weeks already have PEG answers, and no
    choice was given; nothing was imported.

    Attributes:
        dates: The dates already logged, of the first `PROBLEMS_LISTED` clashes, in file
            order.
        weeks: The first days of the weeks already answered, of those clashes.
        total: How many clashes there are: dates already logged and weeks already
            answered.
        answered: How many of them are weeks already answered.
    """

    def __init__(self, found: Sequence[Clash], total: int, answered: int = 0) -> None:
        super().__init__([clash.problem() for clash in found], total)
        self.dates = [clash.day for clash in found if clash.week is None]
        self.weeks = [clash.week[0] for clash in found if clash.week is not None]
        self.answered = answered


@dataclass(frozen=True, slots=True)
class DailyFile:
    """What `check_daily` found in a file that can be imported.

    Attributes:
        days: How many days it holds.
        own_exercises: An own exercise for each `own-` slug the file names, known only by
            that slug (an export carries no name, category or dose): `import_daily` adds
            those the diary lacks, named after the slug, with category "other".
        cancer_history: Whether a day logged `cancer-history` (a file from before
            schema 3); the days are read without it.
        medications: A medication for each slug the file names, known only by that slug
            and named after it; `import_daily` adds those the diary lacks.
        treatments: An own treatment for each `own-` treatment slug the file names, the
            same way.
        answers: How many sets of PEG answers it holds.
    """

    days: int
    own_exercises: tuple[Exercise, ...] = ()
    cancer_history: bool = False
    medications: tuple[Medication, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    answers: int = 0


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote: days added as new, days replaced, days skipped, the own
    exercises it had to add (named after their slugs), whether it answered yes to the
    profile's cancer history (it was no or unanswered, and the file logged it), and the
    sets of PEG answers added for weeks without any, replacing a week's, and skipped."""

    added: int
    replaced: int
    skipped: int
    exercises_added: tuple[Exercise, ...] = ()
    cancer_history_set: bool = False
    medications_added: tuple[Medication, ...] = ()
    treatments_added: tuple[Treatment, ...] = ()
    answers_added: int = 0
    answers_replaced: int = 0
    answers_skipped: int = 0


def check_daily(source: bytes | BinaryIO, today: date) -> DailyFile:
    """Read and check a whole daily export, without a diary.

    Args:
        source: The file's bytes or a binary stream (read from its start when it can
            seek): UTF-8, with or without a byte order mark.
        today: The person's local date; days after it are refused.

    Raises:
        ImportRefused: with the problems found (the first `PROBLEMS_LISTED`, and their
            number); nothing should be written then.
    """
    stream = _from_start(source)
    reader = _RowReader(today)
    problems = _Problems()
    days = answers = 0
    try:
        for line, row in _file_rows(stream):
            log, answer, found = reader.read(line, row)
            problems.extend(found)
            days += log is not None
            answers += answer is not None
    except _Stop as stop:
        problems.extend(stop.problems)
    if problems.total:
        raise _refusal(stream, problems)
    return DailyFile(
        days,
        tuple(reader.own.values()),
        reader.cells.cancer_history,
        tuple(reader.medications.values()),
        tuple(reader.treatments.values()),
        answers,
    )


def import_daily(
    diary, source: bytes | BinaryIO, today: date, on_conflict: str = "refuse"
) -> ImportResult:
    """Read a daily export and write its days to the diary, all in one transaction.

    Every row is checked as it is read, as `check_daily` checks it; any problem, or a
    date already logged when `on_conflict` is "refuse", rolls back every batch already
    written.

    Args:
        diary: An open `Diary`.
        source: The file's bytes or a binary stream (read from its start when it can seek).
        today: The person's local date; days after it are refused.
        on_conflict: What to do with dates already logged, and with PEG answers for a
            diary week the diary has answers for: "refuse" (import nothing and list
            them), "replace" (the file's log or answers replace the diary's) or "skip"
            (keep what the diary holds, import the rest).

    Raises:
        ImportConflict: when dates are already logged and `on_conflict` is "refuse".
        ImportRefused: when the file has a problem; nothing was written.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}, not {on_conflict!r}")
    stream = _from_start(source)
    reader = _RowReader(today)
    problems = _Problems()
    try:
        with diary.importing() as writer:
            job = _Job(writer, on_conflict, reader)
            batch: list[tuple[int, DayLog | None, PegAnswer | None]] = []
            try:
                for line, row in _file_rows(stream):
                    log, answer, found = reader.read(line, row)
                    problems.extend(found)
                    if (log is None and answer is None) or problems.total:
                        continue  # nothing more is written; the rest is only checked
                    batch.append((line, log, answer))
                    if len(batch) == BATCH_ROWS:
                        job.write(batch)
                        batch = []
                if batch and not problems.total:
                    job.write(batch)
            except _Stop as stop:
                problems.extend(stop.problems)
            if problems.total or job.conflicts.total:
                raise _RollBack
            if reader.cells.cancer_history:
                job.cancer_history_set = writer.answer_cancer_history()
    except _RollBack:
        if problems.total:
            raise _refusal(stream, problems) from None
        raise ImportConflict(job.conflicts.listed, job.conflicts.total, job.answered) from None
    except IntegrityError:
        # Writers take turns, so no other painlog can log a day while this one imports;
        # a clash left means the file changed under the import. All was rolled back.
        raise ImportRefused(
            [
                Problem(
                    None,
                    "a date in the file clashed with one written meanwhile; nothing was "
                    "imported, run the import again",
                )
            ]
        ) from None
    return job.result()


# -- reading the stream ---------------------------------------------------------------------


class _Stop(Exception):
    """The reading cannot go on (not text, a wrong header): its problems."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)
        self.problems = problems


class _RollBack(Exception):
    """Raised inside the import's transaction to undo it; the reason is kept aside."""


def _line(clash: Clash) -> int:
    return clash.line


def _from_start(source: bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    if source.seekable():
        source.seek(0)
    return source


def _lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines, each with its line end (CRLF, LF or CR, as csv expects them).

    Raises:
        _Stop: at the first byte that shows the file is not text: invalid UTF-8, a NUL, or
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
                    raise _Stop(*_not_utf8(stream)) from None
                # The lines before the undecodable chunk were all handed out already.
                before = error.object[: error.start]
                at = number + 1 + len(_LINE_BREAKS.findall(before))
                raise _Stop(Problem(at, _not_utf8_message(error.object[error.start]))) from None
            if not line:
                return
            number += 1
            if "\x00" in line:
                raise _Stop(Problem(number, _NOT_TEXT))
            if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
                raise _Stop(
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


def _file_rows(stream: BinaryIO) -> Iterator[tuple[int, list[str] | Problem]]:
    """Each row after the header with the line it starts on (blank lines left out); a row
    csv cannot read comes as its problem instead.

    Raises:
        _Stop: for a file that is empty, not text, or not a daily export.
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
                yield line, Problem(line, _fields_message(row, columns))
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
        _Stop: naming what is wrong with the header, and its likely cause.
    """
    expected = ",".join(DAILY_COLUMNS)
    if header is None:
        raise _Stop(Problem(1, f"the file is empty; expected the header {expected}"))
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
    raise _Stop(Problem(1, _header_problem(header, readings)))


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


# -- checking rows --------------------------------------------------------------------------


class _Problems:
    """The first `PROBLEMS_LISTED` problems, in file order, and how many there were."""

    def __init__(self) -> None:
        self.listed: list = []
        self.total = 0

    def extend(self, found) -> None:
        for problem in found:
            self.total += 1
            if len(self.listed) < PROBLEMS_LISTED:
                self.listed.append(problem)


@dataclass(frozen=True, slots=True)
class _GivenTwice:
    """A date given again on `line`; the line it was first given on is found at the end
    (by reading the file once more), so no line is remembered per date."""

    line: int
    day: date

    def named(self, first: int | None) -> Problem:
        where = f" (first on line {first})" if first is not None else ""
        return Problem(
            self.line,
            f"date: {self.day.isoformat()} is given twice{where}; expected each date once",
        )


def _refusal(stream: BinaryIO, problems: _Problems) -> ImportRefused:
    """The refusal listing `problems`, each date given twice with the line it was first on."""
    twice = {problem.day for problem in problems.listed if isinstance(problem, _GivenTwice)}
    first: dict[date, int] = {}
    if twice and stream.seekable():
        stream.seek(0)
        try:
            for line, row in _file_rows(stream):
                if isinstance(row, Problem) or len(row) != len(DAILY_COLUMNS):
                    continue
                try:
                    day = read_date(row[0])
                except InvalidInput:
                    continue
                if day in twice and day not in first:
                    first[day] = line
                    if len(first) == len(twice):
                        break
        except _Stop:
            pass  # the same reading stopped the same way the first time
    listed = [
        problem.named(first.get(problem.day)) if isinstance(problem, _GivenTwice) else problem
        for problem in problems.listed
    ]
    return ImportRefused(listed, problems.total)


class _Dates:
    """A bit per calendar day from 1900-01-01 to today: the dates a file gave so far.
    Its size is set by the calendar, not by the file (a few kilobytes)."""

    def __init__(self, today: date) -> None:
        self._first = date(EARLIEST_YEAR, 1, 1).toordinal()
        self._days = max(0, today.toordinal() - self._first + 1)
        self._bits = bytearray(self._days // 8 + 1)

    def add(self, day: date) -> bool:
        """Remember `day`; False when it was given before. Days outside the range are the
        rows' own problem (refused by their checks) and not remembered."""
        offset = day.toordinal() - self._first
        if not 0 <= offset < self._days:
            return True
        byte, bit = divmod(offset, 8)
        if self._bits[byte] >> bit & 1:
            return False
        self._bits[byte] |= 1 << bit
        return True


class _RowReader:
    """Turns a file's rows into checked logs, one row at a time, remembering only what is
    bounded: the own exercises the file names, a bit per date, a cache of distinct cells."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.own: dict[str, Exercise] = {}
        self.medications: dict[str, Medication] = {}
        self.treatments: dict[str, Treatment] = {}
        self.learned: set[tuple[str, str, str]] = set()
        """The exercises, medications and treatments cells already read for new slugs."""
        self.seeds = catalogue()
        self.cells = _CellReaders(self.seeds)
        self.dates = _Dates(today)

    def read(
        self, line: int, row: list[str] | Problem
    ) -> tuple[DayLog | None, PegAnswer | None, list]:
        """The row as a checked log and PEG answers (either None when the row has none, and
        both when it has a problem), and its problems."""
        if isinstance(row, Problem):
            return None, None, [row]
        problems: list = []
        if len(row) == len(DAILY_COLUMNS):
            problems += self._learn_own(
                line, row[_EXERCISES_COLUMN], row[_MEDICATIONS_COLUMN], row[_TREATMENTS_COLUMN]
            )
        day, log, answer, messages = _row(row, self.today, self.seeds, self.cells)
        problems += [Problem(line, message) for message in messages]
        if day is not None and not self.dates.add(day):
            problems.append(_GivenTwice(line, day))
        if problems:
            return None, None, problems
        return log, answer, problems

    def _learn_own(
        self, line: int, exercises: str, medications: str, treatments: str
    ) -> list[Problem]:
        """Add a placeholder for each well-formed slug of the person's own the cells name
        first (an `own-` exercise or treatment, any medication): the import adds those the
        diary lacks, named after their slugs."""
        cells = (exercises, medications, treatments)
        if cells in self.learned:
            return []  # Years of rows repeat the same few cells: each is read once.
        if len(self.learned) >= CELLS_REMEMBERED:
            self.learned.clear()
        new_own = _new_slugs(exercise_slugs(restore(exercises)), self.own, own=True)
        new_medications = _new_slugs(intake_slugs(restore(medications)), self.medications)
        new_treatments = _new_slugs(treatment_slugs(restore(treatments)), self.treatments, True)
        if not (new_own or new_medications or new_treatments):
            self.learned.add(cells)
            return []
        known = len(self.own) + len(self.medications) + len(self.treatments)
        if known + len(new_own) + len(new_medications) + len(new_treatments) > MAX_OWN_ITEMS:
            return [
                Problem(
                    line,
                    f"more than {MAX_OWN_ITEMS:,} exercises, medications and treatments of "
                    "your own named in one file; expected a file written by "
                    "painlog export --daily",
                )
            ]
        for slug in new_own:
            self.own[slug] = placeholder_for(slug)
        for slug in new_medications:
            self.medications[slug] = Medication(slug, _named_after(slug))
        for slug in new_treatments:
            self.treatments[slug] = own_treatment(slug, _named_after(slug.removeprefix(OWN_PREFIX)))
        # Rare (once per item of the person's own): the cells read so far stay right, but
        # a new catalogue needs new readers.
        self.seeds = catalogue().with_own(
            tuple(self.own.values()),
            tuple(self.medications.values()),
            tuple(self.treatments.values()),
        )
        seen_cancer_history = self.cells.cancer_history
        self.cells = _CellReaders(self.seeds)
        self.cells.cancer_history = seen_cancer_history
        self.learned.add(cells)
        return []


def _new_slugs(slugs: list[str], known: dict, own: bool = False) -> list[str]:
    """The well-formed slugs not in `known` (with `own`, only those starting `own-`)."""
    return [
        slug
        for slug in dict.fromkeys(slugs)
        if SLUG_PATTERN.fullmatch(slug)
        and slug not in known
        and (not own or slug.startswith(OWN_PREFIX))
    ]


def _named_after(slug: str) -> str:
    """A name for an item known only by its slug: `co-codamol` reads `Co codamol`."""
    words = slug.replace("-", " ").strip() or "item"
    return (words[:1].upper() + words[1:])[:NAME_MAX_CHARS].strip()


class _CellReaders:
    """The places, exercises and warning signs of a file's cells, each distinct cell read
    once: years of logs repeat the same few cells. A cell that is refused is not
    remembered, so it is refused again, with the same message, on every row holding it."""

    def __init__(self, seeds: Catalogue) -> None:
        memo: dict[str, ExerciseDone] = {}
        # Bounded, as everything an import remembers: a file of distinct cells only keeps
        # the last few thousand. The cache keeps no exception: a refused cell is read (and
        # refused) again.
        remembered = lru_cache(maxsize=CELLS_REMEMBERED)
        self.places = remembered(lambda cell: read_places(restore(cell)))
        self.exercises = remembered(lambda cell: read_exercises(restore(cell), seeds, memo))
        self.intakes = remembered(lambda cell: read_intakes(restore(cell), seeds))
        self.treatments = remembered(lambda cell: read_treatments(restore(cell), seeds))
        self.checkins = remembered(lambda cell: read_checkins(restore(cell)))
        self.flags = remembered(self._flags)
        self.cancer_history = False
        """Whether a flags cell read so far logged the cancer history (a file from before
        schema 3, when it was a sign of the day; it is the profile's now)."""

    def _flags(self, cell: str) -> tuple[str, ...]:
        """The signs of a `red_flags` cell, leaving out the cancer history (the profile's)."""
        items = split_items(restore(cell))
        kept = [item for item in items if item.lower() != CANCER_HISTORY_FLAG]
        if len(kept) < len(items):
            self.cancer_history = True
        return read_flags(" | ".join(kept))


_Read = tuple[date | None, DayLog | None, PegAnswer | None, list[str]]
"""A row's date (when readable), its checked log and PEG answers (either may be None),
and its problems (the log and answers are None when there are any)."""


def _row(row: list[str], today: date, seeds: Catalogue, cells: _CellReaders) -> _Read:
    """A row of today's columns read and checked."""
    if len(row) != len(DAILY_COLUMNS):
        return None, None, None, [_fields_message(row, DAILY_COLUMNS)]
    (
        day_text,
        pain,
        worst,
        places,
        exercises,
        took,
        treated,
        flags,
        bed_rest,
        note,
        checkins,
        peg,
    ) = row
    if not pain.strip() and peg.strip():
        return _peg_row(row, today)
    try:
        log = DayLog(
            day=read_date(day_text),
            pain=check_pain("pain", pain),
            worst=check_pain("worst", worst) if worst.strip() else None,
            places=cells.places(places),
            exercises=cells.exercises(exercises),
            flags=cells.flags(flags),
            bed_rest=read_yes_no("bed_rest", bed_rest),
            note=restore(note),
            took=cells.intakes(took),
            treated=cells.treatments(treated),
            checkins=cells.checkins(checkins),
        )
        values = read_peg(restore(peg))
    except InvalidInput:
        # Read the row again field by field, to name every problem in it.
        return _row_problems(row, cells)
    # A file carries the values, not where they came from: those the check-ins give
    # follow them again.
    log = as_read(log)
    try:
        check_day(log, today, seeds)
    except InvalidInput as error:
        return log.day, None, None, [_day_message(error)]
    answer = None if values is None else PegAnswer(log.day, *values)
    if answer is not None:
        try:
            check_peg(answer, today)
        except InvalidInput as error:
            return log.day, None, None, [_peg_message(error)]
    return log.day, log, answer, []


_PEG_ROW_ACCEPTED = "nothing: a row without pain holds PEG answers only"


def _peg_row(row: list[str], today: date) -> _Read:
    """A row with PEG answers and no pain: the answers given for a day not logged. Its
    other cells must be empty; each one that is not is named."""
    day_text, *others, peg = row
    problems = [
        _message(InvalidInput(column, cell, _PEG_ROW_ACCEPTED), column)
        for column, cell in zip(DAILY_COLUMNS[1:-1], others, strict=True)
        if cell.strip()
    ]
    day = None
    try:
        day = read_date(day_text)
    except InvalidInput as error:
        problems.insert(0, _message(error, "date"))
    try:
        values = read_peg(restore(peg))
    except InvalidInput as error:
        problems.append(_message(error, "peg"))
        values = None
    if problems or day is None or values is None:
        return day, None, None, problems
    answer = PegAnswer(day, *values)
    try:
        check_peg(answer, today)
    except InvalidInput as error:
        return day, None, None, [_peg_message(error)]
    return day, None, answer, []


def _peg_message(error: InvalidInput) -> str:
    """A refusal of `check_peg`: of the date, or of an answer in the `peg` column."""
    return _message(error, "date" if error.field == "date" else "peg")


def _day_message(error: InvalidInput) -> str:
    """A refusal of `check_day`, named by the `checkins` column when it is a check-in's."""
    return _message(error, "checkins" if isinstance(error, CheckInRefused) else None)


def _fields_message(row: list[str], columns: Sequence[str]) -> str:
    """What is wrong with a row of the wrong length, for a file with these `columns`."""
    return (
        f"{len(row)} fields, expected {len(columns)} ({', '.join(columns)}); "
        "is the row cut short or a comma unquoted?"
    )


def _row_problems(row: list[str], cells: _CellReaders) -> _Read:
    """The date (when readable) and the problems of a row that has some, field by field."""
    day_text, pain, worst, places, exercises, took, treated, flags, bed_rest, _note = row[:10]
    checkins, peg = row[10:]
    problems: list[str] = []
    values: dict[str, object] = {}
    readers = (
        ("day", "date", lambda: read_date(day_text)),
        ("pain", "pain", lambda: check_pain("pain", pain)),
        ("worst", "worst", lambda: check_pain("worst", worst) if worst.strip() else None),
        ("places", "places", lambda: cells.places(places)),
        ("exercises", "exercises", lambda: cells.exercises(exercises)),
        ("took", "medications", lambda: cells.intakes(took)),
        ("treated", "treatments", lambda: cells.treatments(treated)),
        ("flags", "red_flags", lambda: cells.flags(flags)),
        ("bed_rest", "bed_rest", lambda: read_yes_no("bed_rest", bed_rest)),
        ("checkins", "checkins", lambda: cells.checkins(checkins)),
        ("peg", "peg", lambda: read_peg(restore(peg))),
    )
    for name, column, read in readers:
        try:
            values[name] = read()
        except InvalidInput as error:
            problems.append(_message(error, column))
    if not problems:
        # The readers are the ones that just refused the row; a row is never dropped unsaid.
        raise RuntimeError(f"a row was refused without a reason: {row!r}")
    return values.get("day"), None, None, problems  # type: ignore[return-value]


def _message(error: InvalidInput, column: str | None = None) -> str:
    """The refusal worded with the file's column name (and the part of it, if narrower)."""
    column = column or _COLUMN_OF_FIELD.get(error.field, error.field)
    part = error.field
    field = column if part == column or _OWN_PART.get(part) == column else f"{column} ({part})"
    return str(InvalidInput(field, error.value, error.accepted))


# -- writing --------------------------------------------------------------------------------


class _Job:
    """One import's writes: each batch checked against the days already logged and the
    weeks already answered, then written (or, once a clash is found and no choice was
    given, only checked)."""

    def __init__(self, writer, on_conflict: str, reader: _RowReader) -> None:
        self.writer = writer
        self.on_conflict = on_conflict
        self.reader = reader
        self.conflicts = _Problems()
        self.answered = 0
        """How many of the conflicts are weeks already answered."""
        self.known = writer.catalogue()
        self.taken = {x.name.casefold() for x in self.known.exercises}
        self.exercises_added: dict[str, Exercise] = {}
        self.medications_added: dict[str, Medication] = {}
        self.treatments_added: dict[str, Treatment] = {}
        self.medication_names = {x.name.casefold() for x in self.known.medications}
        self.treatment_names = {x.name.casefold() for x in self.known.treatments}
        self.written = self.replaced = self.skipped = 0
        self.answers_written = self.answers_replaced = self.answers_skipped = 0
        self.cancer_history_set = False
        self.first_weekday = 0
        self._answered: dict[date, list[date]] | None = None
        """The days the diary held PEG answers for before the import, by their week's
        first day: read when the file's first answers come (a file without any reads
        nothing more than it did before), a few per year of diary."""

    def write(self, batch: list[tuple[int, DayLog | None, PegAnswer | None]]) -> None:
        days = [(line, log) for line, log, _answer in batch if log is not None]
        answers = [(line, answer) for line, _log, answer in batch if answer is not None]
        logged = self.writer.logged([log.day for _line, log in days])
        clashes = self._clashes(answers)
        if (logged or clashes) and self.on_conflict == "refuse":
            # Listed, every one of them, and nothing more is written: it all rolls back.
            found = [Clash(line, log.day) for line, log in days if log.day in logged]
            found += [
                Clash(line, answer.day, week_bounds(answer.day, self.first_weekday))
                for line, answer in answers
                if line in clashes
            ]
            self.answered += len(clashes)
            self.conflicts.extend(sorted(found, key=_line))
            return
        if self.conflicts.total:
            return
        logs = [log for _line, log in days]
        if logged and self.on_conflict == "skip":
            logs = [log for log in logs if log.day not in logged]
            self.skipped += len(days) - len(logs)
        elif logged:
            self.writer.delete(logged)
            self.replaced += len(logged)
        self.writer.add_exercises(self._missing_exercises(logs))
        self.writer.add_lists(self._missing_medications(logs), self._missing_treatments(logs))
        self.writer.insert(logs)
        self.written += len(logs)
        self._write_answers(answers, clashes)

    def _clashes(self, answers: list[tuple[int, PegAnswer]]) -> dict[int, list[date]]:
        """The lines of `answers` whose diary week the diary held answers for, with the
        days those were given for."""
        if not answers:
            return {}
        if self._answered is None:
            held, self.first_weekday = self.writer.peg_days()
            self._answered = {}
            for day in held:
                self._answered.setdefault(week_start(day, self.first_weekday), []).append(day)
        if not self._answered:
            return {}
        clashes = {}
        for line, answer in answers:
            held = self._answered.get(week_start(answer.day, self.first_weekday))
            if held:
                clashes[line] = held
        return clashes

    def _write_answers(
        self, answers: list[tuple[int, PegAnswer]], clashes: dict[int, list[date]]
    ) -> None:
        """Write the batch's PEG answers: those of a week the diary held answers for are
        skipped, or replace them (which are then forgotten, so later answers of the
        file for the same week are added beside them, as the file held them)."""
        if not answers:
            return
        if self.on_conflict == "skip":
            kept = [answer for line, answer in answers if line not in clashes]
            self.answers_skipped += len(answers) - len(kept)
        else:
            kept = [answer for _line, answer in answers]
            self.answers_replaced += len(clashes)
        forget = sorted({day for days in clashes.values() for day in days})
        if forget and self.on_conflict == "replace":
            for held in clashes.values():
                held.clear()
        else:
            forget = []
        self.writer.add_peg_answers(kept, forget)
        self.answers_written += len(kept)

    def _missing_exercises(self, logs: Sequence[DayLog]) -> list[Exercise]:
        """The own exercises these days name that the diary lacks (and this import has not
        added yet), each named by its slug instead when its name is taken (names are
        unique). An exercise the diary has keeps its name, category, dose and retirement."""
        missing = []
        for log in logs:
            for done in log.exercises:
                slug = done.slug
                if (
                    not slug.startswith(OWN_PREFIX)
                    or slug in self.exercises_added
                    or self.known.exercise(slug) is not None
                ):
                    continue
                exercise = self.reader.own[slug]
                if exercise.name.casefold() in self.taken:
                    exercise = replace(exercise, name=exercise.slug[:NAME_MAX_CHARS])
                self.taken.add(exercise.name.casefold())
                self.exercises_added[slug] = exercise
                missing.append(exercise)
        return missing

    def _missing_medications(self, logs: Sequence[DayLog]) -> tuple[Medication, ...]:
        """The medications these days name that the diary lacks (and this import has not
        added yet), named after their slugs (or by the slug when that name is taken)."""
        missing = []
        for slug in dict.fromkeys(intake.slug for log in logs for intake in log.took):
            if slug in self.medications_added or self.known.medication(slug) is not None:
                continue
            medication = self.reader.medications[slug]
            if medication.name.casefold() in self.medication_names:
                medication = replace(medication, name=slug[:NAME_MAX_CHARS])
            self.medication_names.add(medication.name.casefold())
            self.medications_added[slug] = medication
            missing.append(medication)
        return tuple(missing)

    def _missing_treatments(self, logs: Sequence[DayLog]) -> tuple[Treatment, ...]:
        """The own treatments these days name that the diary lacks, as for medications."""
        missing = []
        for slug in dict.fromkeys(slug for log in logs for slug in log.treated):
            if slug in self.treatments_added or self.known.treatment(slug) is not None:
                continue
            treatment = self.reader.treatments[slug]
            if treatment.name.casefold() in self.treatment_names:
                treatment = replace(treatment, name=slug[:NAME_MAX_CHARS])
            self.treatment_names.add(treatment.name.casefold())
            self.treatments_added[slug] = treatment
            missing.append(treatment)
        return tuple(missing)

    def result(self) -> ImportResult:
        return ImportResult(
            self.written - self.replaced,
            self.replaced,
            self.skipped,
            tuple(self.exercises_added.values()),
            self.cancer_history_set,
            tuple(self.medications_added.values()),
            tuple(self.treatments_added.values()),
            self.answers_written - self.answers_replaced,
            self.answers_replaced,
            self.answers_skipped,
        )
