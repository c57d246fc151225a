"""Checking a daily export's rows: each row read into a checked day log and PEG answers,
or into every problem it has, named by the file's columns (`store.importer` uses it).

What is remembered across rows is bounded: the first problems, a bit per calendar day (a
date given twice), the few items of the person's own the file names and a cache of
distinct cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import BinaryIO

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
from painlog.seeds import Catalogue, Exercise, Medication, Treatment, catalogue
from painlog.seeds.catalogue import OWN_PREFIX, SLUG_PATTERN
from painlog.store.csv_format import (
    DAILY_COLUMNS,
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
from painlog.store.import_stream import (
    PROBLEMS_LISTED,
    Problem,
    ReadingStopped,
    fields_message,
    file_rows,
)

MAX_OWN_ITEMS = 1_000
"""Exercises, medications and treatments of the person's own one file may name; more is
not a diary's file."""
CELLS_REMEMBERED = 4_096
"""Distinct cells remembered per column: years of logs repeat the same few."""

_EXERCISES_COLUMN = DAILY_COLUMNS.index("exercises")
_MEDICATIONS_COLUMN = DAILY_COLUMNS.index("medications")
_TREATMENTS_COLUMN = DAILY_COLUMNS.index("treatments")

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


class ProblemList:
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
class GivenTwice:
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


class Dates:
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


def named_problems(stream: BinaryIO, problems: ProblemList) -> list[Problem]:
    """The problems listed, each date given twice with the line it was first on (found by
    reading the file once more, so no line is remembered per date)."""
    twice = {problem.day for problem in problems.listed if isinstance(problem, GivenTwice)}
    first: dict[date, int] = {}
    if twice and stream.seekable():
        stream.seek(0)
        try:
            for line, row in file_rows(stream):
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
        except ReadingStopped:
            pass  # the same reading stopped the same way the first time
    return [
        problem.named(first.get(problem.day)) if isinstance(problem, GivenTwice) else problem
        for problem in problems.listed
    ]


class RowReader:
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
        self.cells = CellReaders(self.seeds)
        self.dates = Dates(today)

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
            problems.append(GivenTwice(line, day))
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
        self.cells = CellReaders(self.seeds)
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


class CellReaders:
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


def _row(row: list[str], today: date, seeds: Catalogue, cells: CellReaders) -> _Read:
    """A row of today's columns read and checked."""
    if len(row) != len(DAILY_COLUMNS):
        return None, None, None, [fields_message(row, DAILY_COLUMNS)]
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


def _row_problems(row: list[str], cells: CellReaders) -> _Read:
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
