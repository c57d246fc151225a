"""Reading a daily export back: check the whole file first, then write it in one go.

The import is all-or-nothing. `parse_daily` reads every row and collects every problem
(wrong header, a date that is not ISO, pain 12, an unknown slug, a date given twice, a row
cut short), each with the line it starts on; one problem and nothing is written.
`import_days` then writes the checked days through the `Diary` with Core bulk inserts in
one transaction. Days already logged on the file's dates are refused unless the caller
says to replace them or to skip them.

Reading undoes exactly what the export did (see `store.csv_format`), so exporting,
importing into an empty diary and exporting again gives a byte-identical file.

A daily CSV exported before schema 3 may log `cancer-history` as a warning sign of a day.
That fact now lives in the profile: the import leaves the sign off the days and answers
yes to the profile's cancer history, in the same transaction as the days.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from painlog.rules.entry import InvalidInput, check_day, check_pain
from painlog.rules.own_exercises import NAME_MAX_CHARS, placeholder_for
from painlog.rules.records import CANCER_HISTORY_FLAG, DayLog, ExerciseDone
from painlog.seeds import Catalogue, Exercise, catalogue
from painlog.seeds.catalogue import OWN_PREFIX, SLUG_PATTERN
from painlog.store.csv_format import (
    BOM,
    DAILY_COLUMNS,
    exercise_slugs,
    read_date,
    read_exercises,
    read_flags,
    read_places,
    read_yes_no,
    restore,
    split_items,
)

ON_CONFLICT = ("refuse", "replace", "skip")

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
    "flag": "red_flags",
    "bed_rest": "bed_rest",
    "note": "note",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file, and the line (1-based) of the row it is on, if any."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


class ImportRefused(Exception):
    """Nothing was imported; `problems` says why, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = list(problems)


class ImportConflict(ImportRefused):
    """Days in the file are already logged and no choice was given; nothing was imported.

    Attributes:
        dates: The dates already logged, in file order.
    """

    def __init__(self, dates: Sequence[date], lines: dict[date, int]) -> None:
        super().__init__(
            [Problem(lines[day], f"{day.isoformat()} is already logged") for day in dates]
        )
        self.dates = list(dates)


@dataclass(frozen=True, slots=True)
class DailyFile:
    """A checked daily export.

    Attributes:
        logs: Its days.
        lines: The line each day starts on.
        own_exercises: An own exercise for each `own-` slug the file names, known only by
            that slug (an export carries no name, category or dose): `import_days` adds
            those the diary lacks, named after the slug, with category "other".
        cancer_history: Whether a day logged `cancer-history` (a file from before
            schema 3); the days are read without it.
    """

    logs: list[DayLog]
    lines: dict[date, int]
    own_exercises: tuple[Exercise, ...] = ()
    cancer_history: bool = False


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote: days added as new, days replaced, days skipped, the own
    exercises it had to add (named after their slugs), and whether it answered yes to the
    profile's cancer history (it was no or unanswered, and the file logged it)."""

    added: int
    replaced: int
    skipped: int
    exercises_added: tuple[Exercise, ...] = ()
    cancer_history_set: bool = False


def parse_daily(data: bytes, today: date) -> DailyFile:
    """Read and check a whole daily export.

    Args:
        data: The file's bytes (UTF-8, with or without a byte order mark).
        today: The person's local date; days after it are refused.

    Raises:
        ImportRefused: with every problem found; nothing should be written then.
    """
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, problems = _header(reader)
    if header is None:
        raise ImportRefused(problems)
    rows: list[tuple[int, list[str]]] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The reader starts afresh on the next line, so later rows are still checked.
            problems.append(Problem(line, f"malformed CSV ({error}); check the quotes"))
            continue
        if row and row != [""]:  # not a blank line
            rows.append((line, row))
    own = _own_exercises_named(rows)
    seeds = catalogue().with_own(own)
    cells = _CellReaders(seeds)
    logs: list[DayLog] = []
    lines: dict[date, int] = {}
    for line, row in rows:
        day, log, row_problems = _row(row, today, seeds, cells)
        problems += [Problem(line, message) for message in row_problems]
        if day is not None:
            if day in lines:
                problems.append(
                    Problem(
                        line,
                        f"date: {day.isoformat()} is given twice (first on line "
                        f"{lines[day]}); expected each date once",
                    )
                )
                continue
            lines[day] = line
        if log is not None:
            logs.append(log)
    if problems:
        raise ImportRefused(problems)
    return DailyFile(logs, lines, own, any(cells.cancer_history.values()))


def _own_exercises_named(rows: list[tuple[int, list[str]]]) -> tuple[Exercise, ...]:
    """A placeholder for each well-formed `own-` slug in the exercises column, in file order."""
    column = DAILY_COLUMNS.index("exercises")
    # Each distinct cell once, in the order cells first appear: the slugs come out in file
    # order all the same.
    cells = dict.fromkeys(row[column] for _, row in rows if len(row) == len(DAILY_COLUMNS))
    slugs: dict[str, None] = {}
    for cell in cells:
        for slug in exercise_slugs(restore(cell)):
            if slug.startswith(OWN_PREFIX) and SLUG_PATTERN.fullmatch(slug):
                slugs[slug] = None
    return tuple(placeholder_for(slug) for slug in slugs)


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            [
                Problem(
                    line,
                    f"byte 0x{data[error.start]:02x} is not UTF-8 text; expected a file "
                    "saved as UTF-8 (as painlog export writes it)",
                )
            ]
        ) from None
    return text.removeprefix(BOM)


def _header(reader) -> tuple[list[str] | None, list[Problem]]:
    expected = ",".join(DAILY_COLUMNS)
    try:
        header = next(reader)
    except StopIteration:
        return None, [Problem(1, f"the file is empty; expected the header {expected}")]
    except csv.Error as error:
        return None, [Problem(1, f"malformed CSV header ({error}); expected {expected}")]
    found = [cell.strip().lower() for cell in header]
    if tuple(found) != DAILY_COLUMNS:
        return None, [
            Problem(
                1,
                f"header {','.join(header)!r} is not that of a daily export; expected "
                f"{expected} (write one with painlog export --daily)",
            )
        ]
    return header, []


class _CellReaders:
    """The places, exercises and warning signs of a file's cells, each distinct cell read
    once: years of logs repeat the same few cells. A cell that is refused is not
    remembered, so it is refused again, with the same message, on every row holding it."""

    def __init__(self, seeds: Catalogue) -> None:
        memo: dict[str, ExerciseDone] = {}
        # `cache` keeps no exception: a refused cell is read (and refused) again.
        self.places = cache(lambda cell: read_places(restore(cell)))
        self.exercises = cache(lambda cell: read_exercises(restore(cell), seeds, memo))
        self.flags = cache(self._flags)
        # Per distinct flags cell read: whether it logged the cancer history.
        self.cancer_history: dict[str, bool] = {}

    def _flags(self, cell: str) -> tuple[str, ...]:
        """The signs of a `red_flags` cell, leaving out the cancer history (the profile's)."""
        items = split_items(restore(cell))
        kept = [item for item in items if item.lower() != CANCER_HISTORY_FLAG]
        self.cancer_history[cell] = len(kept) < len(items)
        return read_flags(" | ".join(kept))


def _row(
    row: list[str], today: date, seeds: Catalogue, cells: _CellReaders
) -> tuple[date | None, DayLog | None, list[str]]:
    """The row's date (when readable), the row as a checked log (or None), its problems."""
    if len(row) != len(DAILY_COLUMNS):
        return (
            None,
            None,
            [
                f"{len(row)} fields, expected {len(DAILY_COLUMNS)} ({', '.join(DAILY_COLUMNS)}); "
                "is the row cut short or a comma unquoted?"
            ],
        )
    day_text, pain, worst, places, exercises, flags, bed_rest, note = row
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
        )
    except InvalidInput:
        # Read the row again field by field, to name every problem in it.
        return _row_problems(row, cells)
    try:
        check_day(log, today, seeds)
    except InvalidInput as error:
        return log.day, None, [_message(error)]
    return log.day, log, []


def _row_problems(row: list[str], cells: _CellReaders) -> tuple[date | None, None, list[str]]:
    """The date (when readable) and the problems of a row that has some, field by field."""
    day_text, pain, worst, places, exercises, flags, bed_rest, _note = row
    problems: list[str] = []
    values: dict[str, object] = {}
    readers = (
        ("day", "date", lambda: read_date(day_text)),
        ("pain", "pain", lambda: check_pain("pain", pain)),
        ("worst", "worst", lambda: check_pain("worst", worst) if worst.strip() else None),
        ("places", "places", lambda: cells.places(places)),
        ("exercises", "exercises", lambda: cells.exercises(exercises)),
        ("flags", "red_flags", lambda: cells.flags(flags)),
        ("bed_rest", "bed_rest", lambda: read_yes_no("bed_rest", bed_rest)),
    )
    for name, column, read in readers:
        try:
            values[name] = read()
        except InvalidInput as error:
            problems.append(_message(error, column))
    if not problems:
        # The readers are the ones that just refused the row; a row is never dropped unsaid.
        raise RuntimeError(f"a row was refused without a reason: {row!r}")
    return values.get("day"), None, problems  # type: ignore[return-value]


def _unclashing(exercises: Sequence[Exercise], known: Catalogue) -> tuple[Exercise, ...]:
    """The placeholders, each named by its slug instead when its name is taken (names are
    unique)."""
    taken = {x.name.casefold() for x in known.exercises}
    kept = []
    for exercise in exercises:
        if exercise.name.casefold() in taken:
            exercise = replace(exercise, name=exercise.slug[:NAME_MAX_CHARS])
        taken.add(exercise.name.casefold())
        kept.append(exercise)
    return tuple(kept)


def _message(error: InvalidInput, column: str | None = None) -> str:
    """The refusal worded with the file's column name (and the part of it, if narrower)."""
    column = column or _COLUMN_OF_FIELD.get(error.field, error.field)
    part = error.field
    field = column if part in (column, "where", "did", "flag") else f"{column} ({part})"
    return str(InvalidInput(field, error.value, error.accepted))


def import_days(diary, parsed: DailyFile, on_conflict: str = "refuse") -> ImportResult:
    """Write checked days to the diary in one transaction.

    Args:
        diary: An open `Diary`.
        parsed: The output of `parse_daily`.
        on_conflict: What to do with dates already logged: "refuse" (import nothing and
            list them), "replace" (the file's log replaces the logged one) or "skip"
            (keep what is logged, import the rest).

    Raises:
        ImportConflict: when dates are already logged and `on_conflict` is "refuse".
    """
    from painlog.store.diary import LOGS

    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}, not {on_conflict!r}")
    logs = parsed.logs
    if not logs:
        return ImportResult(0, 0, 0)
    # Said only when it changes the answer; written with the days either way.
    cancer_set = parsed.cancer_history and diary.profile().cancer_history is not True
    first = min(log.day for log in logs)
    last = max(log.day for log in logs)
    with diary.engine.connect() as connection:
        logged = set(
            connection.execute(select(LOGS.c.day).where(LOGS.c.day.between(first, last)))
            .scalars()
            .all()
        )
    conflicts = sorted(day for day in parsed.lines if day in logged)
    if conflicts and on_conflict == "refuse":
        raise ImportConflict(sorted(conflicts, key=parsed.lines.__getitem__), parsed.lines)
    known = diary.catalogue()
    # Only the own exercises the written days name and the diary lacks; an exercise the
    # diary has keeps its name, category, dose and retirement.
    new = [log for log in logs if log.day not in logged] if on_conflict == "skip" else logs
    named = {done.slug for log in new for done in log.exercises}
    missing = _unclashing(
        [x for x in parsed.own_exercises if x.slug in named and known.exercise(x.slug) is None],
        known,
    )
    try:
        if on_conflict == "replace":
            replaced = diary.replace_days(logs, missing, parsed.cancer_history)
            return ImportResult(len(logs) - replaced, replaced, 0, missing, cancer_set)
        diary.insert_days(new, missing, parsed.cancer_history)
    except IntegrityError:
        # A day was saved (say from the app) between the check and the write; the
        # transaction was rolled back as a whole.
        raise ImportRefused(
            [
                Problem(
                    None,
                    "a day in the file was logged by another painlog while importing; "
                    "nothing was imported, run the import again",
                )
            ]
        ) from None
    return ImportResult(len(new), 0, len(logs) - len(new), missing, cancer_set)
