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

The reading of the stream into rows is `store.import_stream`'s, the checking of each row
`store.import_rows`'s; this module holds the import itself and what it answers.

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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError

from painlog.rules.own_exercises import NAME_MAX_CHARS
from painlog.rules.records import DayLog, PegAnswer
from painlog.rules.weekly import week_bounds, week_start
from painlog.seeds import Exercise, Medication, Treatment
from painlog.seeds.catalogue import OWN_PREFIX
from painlog.store.import_rows import ProblemList, RowReader, named_problems
from painlog.store.import_stream import (
    MAX_LINE_CHARS,
    PROBLEMS_LISTED,
    Problem,
    ReadingStopped,
    file_rows,
    from_start,
)

ON_CONFLICT = ("refuse", "replace", "skip")

BATCH_ROWS = 500
"""Days checked against the diary and written together: one query for the days already
logged and one bulk insert per table each (`_IN_CHUNK` dates fit one `IN (...)`)."""

__all__ = [
    "BATCH_ROWS",
    "MAX_LINE_CHARS",
    "ON_CONFLICT",
    "PROBLEMS_LISTED",
    "Clash",
    "DailyFile",
    "ImportConflict",
    "ImportRefused",
    "ImportResult",
    "Problem",
    "check_daily",
    "import_daily",
]


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
    stream = from_start(source)
    reader = RowReader(today)
    problems = ProblemList()
    days = answers = 0
    try:
        for line, row in file_rows(stream):
            log, answer, found = reader.read(line, row)
            problems.extend(found)
            days += log is not None
            answers += answer is not None
    except ReadingStopped as stop:
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
    stream = from_start(source)
    reader = RowReader(today)
    problems = ProblemList()
    try:
        with diary.importing() as writer:
            job = _Job(writer, on_conflict, reader)
            batch: list[tuple[int, DayLog | None, PegAnswer | None]] = []
            try:
                for line, row in file_rows(stream):
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
            except ReadingStopped as stop:
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


class _RollBack(Exception):
    """Raised inside the import's transaction to undo it; the reason is kept aside."""


def _line(clash: Clash) -> int:
    return clash.line


def _refusal(stream: BinaryIO, problems: ProblemList) -> ImportRefused:
    """The refusal listing `problems`, each date given twice with the line it was first on."""
    return ImportRefused(named_problems(stream, problems), problems.total)


# -- writing --------------------------------------------------------------------------------


class _Job:
    """One import's writes: each batch checked against the days already logged and the
    weeks already answered, then written (or, once a clash is found and no choice was
    given, only checked)."""

    def __init__(self, writer, on_conflict: str, reader: RowReader) -> None:
        self.writer = writer
        self.on_conflict = on_conflict
        self.reader = reader
        self.conflicts = ProblemList()
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
