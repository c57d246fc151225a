"""The one object every screen and command uses to read and write the person's diary.

Nothing else reads or writes a diary's tables: the app, every command, the exports, the
import and the demo all come through here. Queries are SQLAlchemy's, on the SQLModel
tables; each call is one short transaction; a range of days is loaded with one query per
table rather than one per day, so reading a day or ten years costs the same number of
statements; many new rows go in with one Core `insert` each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Connection, Engine, delete, distinct, func, insert, null, select, update

from painlog.rules.entry import InvalidInput, check_day, check_profile
from painlog.rules.own_exercises import (
    check_category,
    check_dose,
    check_name,
    check_own_slug,
    draft_exercise,
    own_exercise,
)
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Intake, PegAnswer, Place, Profile
from painlog.rules.weekly import WEEK_START_SETTING, first_weekday_of
from painlog.seeds import Catalogue, Exercise, Medication, Treatment, catalogue
from painlog.store.engine import open_engine, writer
from painlog.store.errors import DayChangedElsewhere
from painlog.store.location import DatabaseLocation, resolve_location
from painlog.store.models import (
    AlertAckRow,
    CheckInPlaceRow,
    CheckInRow,
    DayLogRow,
    ExerciseDoneRow,
    FlagReportRow,
    IntakeRow,
    OwnExerciseRow,
    PainPlaceRow,
    ProfileRow,
    ReportMarkRow,
    SettingRow,
    TreatmentDoneRow,
    utc_now,
)
from painlog.store.own_lists import (
    OwnLists,
    insert_medications,
    insert_treatments,
    medications,
    own_treatments,
)
from painlog.store.peg_answers import PEG, PegAnswers

LOGS = DayLogRow.__table__
PLACES = PainPlaceRow.__table__
EXERCISES = ExerciseDoneRow.__table__
FLAGS = FlagReportRow.__table__
PROFILE = ProfileRow.__table__
ACKS = AlertAckRow.__table__
SETTINGS = SettingRow.__table__
OWN = OwnExerciseRow.__table__
INTAKES = IntakeRow.__table__
TREATED = TreatmentDoneRow.__table__
MARKS = ReportMarkRow.__table__
CHECKINS = CheckInRow.__table__
CHECKIN_PLACES = CheckInPlaceRow.__table__


@dataclass(frozen=True, slots=True)
class SavedDay:
    """A day's log as stored, with the version a later write can be checked against.

    Attributes:
        log: The day's log.
        version: When it was last written (aware UTC); any write of the day changes it.
    """

    log: DayLog
    version: datetime


@dataclass(frozen=True, slots=True)
class _Written:
    """What a write of one day did: the day before (when it was read), after, and whether
    the date was new."""

    before: SavedDay | None
    after: SavedDay
    created: bool


class _Unchecked:
    """A write that replaces whatever the day holds, without checking who wrote it last."""


UNCHECKED = _Unchecked()


class Diary(OwnLists, PegAnswers):
    """A person's pain diary in one database (its medications and own treatments through
    `OwnLists`).

    Args:
        engine: An engine opened by `open_engine` (pragmas set, schema current).
        location: Where the engine points, for display.
    """

    def __init__(self, engine: Engine, location: DatabaseLocation, read_only: bool = False) -> None:
        self.engine = engine
        self.location = location
        self.read_only = read_only
        self._writer = writer(engine)

    @classmethod
    def open(
        cls,
        where: str | DatabaseLocation | None = None,
        read_only: bool = False,
        untouched: bool = False,
    ) -> Diary:
        """Open the diary at a path, URL or location.

        Args:
            where: A path, an SQLAlchemy URL, a `DatabaseLocation`, or None for
                PAINLOG_DB or the default file.
            read_only: Open only to read: nothing is created, copied or migrated, and any
                write is refused by the database itself. For commands that only read.
            untouched: Open to write, but only a diary that opening would not change
                (there, at the current schema): the day's backup copy is made as the
                first write commits, so a write rolled back whole (a refused import)
                leaves the folder as it was.

        Raises:
            NoDiary: read-only or untouched, when there is no diary there yet.
            NeedsUpgrade: read-only or untouched, when opening it for writing would
                change it first (a schema upgrade).
            StoreError: when the database cannot be used; nothing is changed.
        """
        location = where if isinstance(where, DatabaseLocation) else resolve_location(where)
        return cls(open_engine(location, read_only, untouched), location, read_only)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- days ---------------------------------------------------------------------------

    def save_day(
        self,
        log: DayLog,
        today: date,
        expected: datetime | _Unchecked | None = UNCHECKED,
    ) -> bool:
        """Record a day, replacing what was logged for that date before.

        Args:
            log: The whole day as it should now read.
            today: The person's local date; later days are refused.
            expected: The version of the day the caller last read (None: it read no log),
                to refuse the write if someone else wrote the day since; by default the
                day is replaced whatever it holds.

        Returns:
            True when the date was new, False when an earlier log was replaced.

        Raises:
            InvalidInput: when the log is refused; nothing is written.
            DayChangedElsewhere: when `expected` is not the stored version; nothing is
                written, and the error carries what is stored.
        """
        check_day(log, today, self.catalogue())
        return self._write_day(log.day, lambda _held: log, expected, reads_held=False).created

    def change_day(
        self,
        day: date,
        change: Callable[[DayLog | None], DayLog],
        today: date,
        expected: datetime | _Unchecked | None = UNCHECKED,
    ) -> tuple[SavedDay | None, SavedDay]:
        """Read a day, change it and write it back, in one write transaction: another
        program writing the same day waits, so nothing it wrote is lost between the
        read and the write.

        Args:
            day: The day to change.
            change: Given the stored log (None when the day has none), the whole day as
                it should now read.
            today: The person's local date; later days are refused.
            expected: As for `save_day`.

        Returns:
            The day as it was (None when it had no log) and as it is now.

        Raises:
            InvalidInput: when the changed log is refused; nothing is written.
            DayChangedElsewhere: as for `save_day`.
        """
        seeds = self.catalogue()

        def checked(held: DayLog | None) -> DayLog:
            log = change(held)
            if log.day != day:
                raise ValueError(f"a change of {day} returned a log of {log.day}")
            check_day(log, today, seeds)
            return log

        written = self._write_day(day, checked, expected)
        return written.before, written.after

    def _write_day(
        self,
        day: date,
        change: Callable[[DayLog | None], DayLog],
        expected: datetime | _Unchecked | None,
        reads_held: bool = True,
    ) -> _Written:
        """Write the day `change` makes of the stored one, in one write transaction.

        `reads_held` False (a whole new log replacing whatever is stored) reads only the
        stored day's id and version, not its places, exercises and signs.
        """
        now = utc_now()
        with self._writer.begin() as connection:
            if reads_held:
                found = _read_days(connection, day, day)
                log_id, held, version = found[0] if found else (None, None, None)
            else:
                log_id, version = connection.execute(
                    select(LOGS.c.id, LOGS.c.updated_at).where(LOGS.c.day == day)
                ).one_or_none() or (None, None)
                held = None
            before = SavedDay(held, version) if held is not None else None
            if not isinstance(expected, _Unchecked) and expected != version:
                raise DayChangedElsewhere(day, before if reads_held else _saved(connection, day))
            log = change(held)
            values = {
                "pain": log.pain,
                "worst": log.worst,
                "bed_rest": log.bed_rest,
                "note": log.note,
                "pain_from_checkins": log.pain_from_checkins,
                "worst_from_checkins": log.worst_from_checkins,
                "updated_at": now,
            }
            if log_id is None:
                log_id = connection.execute(
                    insert(LOGS).values(day=log.day, created_at=now, **values)
                ).inserted_primary_key[0]
                _insert_children(connection, {log_id: log})
            else:
                connection.execute(update(LOGS).where(LOGS.c.id == log_id).values(**values))
                _replace_children(connection, log_id, held, log)
        return _Written(before, SavedDay(log, now), created=version is None)

    def saved_day(self, day: date) -> SavedDay | None:
        """The log for `day` with its version, or None when nothing was logged."""
        with self.engine.connect() as connection:
            return _saved(connection, day)

    def load_day(self, day: date) -> DayLog | None:
        """The log for `day`, or None when nothing was logged."""
        logs = self.days(day, day)
        return logs[0] if logs else None

    def days(self, start: date | None = None, end: date | None = None) -> list[DayLog]:
        """Every logged day from `start` to `end` inclusive (either may be open), oldest
        first: one query per table, however many days."""
        with self.engine.connect() as connection:
            return [
                log
                for _id, log, _ in _read_days(
                    connection, start or date.min, end or date.max, versions=False
                )
            ]

    def delete_day(self, day: date, expected: datetime | _Unchecked | None = UNCHECKED) -> bool:
        """Forget the log for `day` (its places, exercises and flags go with it).

        Args:
            day: The day.
            expected: As for `save_day`: the version the caller last read, to refuse the
                delete if someone else wrote the day since.

        Returns:
            True when there was a log to delete.

        Raises:
            DayChangedElsewhere: when `expected` is not the stored version; nothing is
                deleted.
        """
        with self._writer.begin() as connection:
            if not isinstance(expected, _Unchecked):
                stored = _saved(connection, day)
                if expected != (stored.version if stored else None):
                    raise DayChangedElsewhere(day, stored)
            result = connection.execute(delete(LOGS).where(LOGS.c.day == day))
        return result.rowcount > 0

    # -- notes for the clinician's report ------------------------------------------------

    def mark_for_report(self, day: date, marked: bool = True) -> bool:
        """Put the note of `day` in the clinician's report (`marked`), or take it out;
        True when that changed anything. The mark goes with the day's log.

        Raises:
            InvalidInput: for a day with no log, or (to mark it) with no note.
        """
        with self._writer.begin() as connection:
            row = connection.execute(
                select(LOGS.c.id, LOGS.c.note).where(LOGS.c.day == day)
            ).one_or_none()
            if row is None:
                raise InvalidInput("for-report", day.isoformat(), "a day that has a log")
            if marked and not row.note.strip():
                raise InvalidInput(
                    "for-report", day.isoformat(), "a day with a note (add one with --note)"
                )
            found = connection.execute(select(MARKS.c.id).where(MARKS.c.log_id == row.id)).first()
            if marked == (found is not None):
                return False
            if marked:
                connection.execute(insert(MARKS).values(log_id=row.id, created_at=utc_now()))
            else:
                connection.execute(delete(MARKS).where(MARKS.c.log_id == row.id))
        return True

    def report_notes(
        self, start: date | None = None, end: date | None = None
    ) -> list[tuple[date, str]]:
        """The marked days from `start` to `end` (either may be open) that have a note,
        with it, oldest first."""
        query = (
            select(LOGS.c.day, LOGS.c.note)
            .join(MARKS, MARKS.c.log_id == LOGS.c.id)
            .where(LOGS.c.note != "")
            .order_by(LOGS.c.day)
        )
        if start is not None:
            query = query.where(LOGS.c.day >= start)
        if end is not None:
            query = query.where(LOGS.c.day <= end)
        with self.engine.connect() as connection:
            return [(day, note) for day, note in connection.execute(query)]

    def logged_days(self, start: date, end: date) -> list[date]:
        """The days from `start` to `end` inclusive that have a log, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(LOGS.c.day)
                .where(LOGS.c.day >= start, LOGS.c.day <= end)
                .order_by(LOGS.c.day)
            )
            return [day for (day,) in rows]

    def count_days(self) -> int:
        """How many days have a log."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(LOGS)).scalar_one()

    def exercise_counts(self) -> dict[str, int]:
        """On how many days each exercise was logged, so pickers put the usual ones first."""
        return self._days_per_slug(EXERCISES)

    def medication_days(self) -> dict[str, int]:
        """On how many days each medication was taken (a day with two intakes counts once)."""
        return self._days_per_slug(INTAKES)

    def treatment_days(self) -> dict[str, int]:
        """On how many days each treatment was done."""
        return self._days_per_slug(TREATED)

    def _days_per_slug(self, table) -> dict[str, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(table.c.slug, func.count(distinct(table.c.log_id))).group_by(table.c.slug)
            )
            return {slug: count for slug, count in rows}

    def place_counts(self) -> dict[tuple[str, str | None], int]:
        """How often each (location, side) was logged, for the same reason."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(PLACES.c.location, PLACES.c.side, func.count()).group_by(
                    PLACES.c.location, PLACES.c.side
                )
            )
            return {(location, side): count for location, side, count in rows}

    # -- profile ------------------------------------------------------------------------

    def profile(self) -> Profile:
        """What the person told painlog about themselves (empty until they do)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(PROFILE.c.birth_year, PROFILE.c.onset, PROFILE.c.cancer_history)
            ).first()
        if row is None:
            return Profile()
        cancer = None if row.cancer_history is None else bool(row.cancer_history)
        return Profile(row.birth_year, row.onset, cancer)

    def save_profile(self, profile: Profile, today: date) -> None:
        """Replace the profile.

        Raises:
            InvalidInput: for a birth year outside 1900..this year, an onset after today or
                a cancer history that is not yes, no or unanswered.
        """
        check_profile(profile, today)
        values = {
            "birth_year": profile.birth_year,
            "onset": profile.onset,
            "cancer_history": profile.cancer_history,
            "updated_at": utc_now(),
        }
        with self._writer.begin() as connection:
            _write_profile(connection, values)

    # -- alert acknowledgements ---------------------------------------------------------

    def acknowledge(self, kind: str, since: date, on: date | None = None) -> None:
        """Remember that the person has seen (or answered) the alert `(kind, since)`.

        Args:
            kind: The alert's kind.
            since: The alert's `since`.
            on: The person's local date; acknowledging again on a later day moves it on
                (an emergency's "I have been assessed" is one given after the sign's day).
                None records no day.
        """
        where = (ACKS.c.kind == kind, ACKS.c.since == since)
        with self._writer.begin() as connection:
            found = connection.execute(select(ACKS.c.id, ACKS.c.acknowledged_on).where(*where))
            row = found.first()
            if row is None:
                connection.execute(insert(ACKS).values(kind=kind, since=since, acknowledged_on=on))
            elif on is not None and (row.acknowledged_on is None or on > row.acknowledged_on):
                connection.execute(
                    update(ACKS)
                    .where(ACKS.c.id == row.id)
                    .values(acknowledged_on=on, acknowledged_at=utc_now())
                )

    def acknowledged(self) -> dict[tuple[str, date], date]:
        """Every `(kind, since)` the person has acknowledged, with the latest day they did.

        A row without a day (given before schema 3, or with none) reads as acknowledged on
        `since`, the earliest it can have been: an emergency then still asks whether the
        person has been assessed.
        """
        with self.engine.connect() as connection:
            rows = connection.execute(select(ACKS.c.kind, ACKS.c.since, ACKS.c.acknowledged_on))
            return {(kind, since): on or since for kind, since, on in rows}

    # -- settings -------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored preference, or `default` when it was never set."""
        with self.engine.connect() as connection:
            value = connection.execute(
                select(SETTINGS.c.value).where(SETTINGS.c.key == key)
            ).scalar()
        return default if value is None else value

    def first_weekday(self) -> int:
        """The day diary weeks start on (Settings), 0 for Monday to 6 for Sunday."""
        return first_weekday_of(self.setting(WEEK_START_SETTING))

    def set_setting(self, key: str, value: str) -> None:
        """Store a preference (replacing the previous value)."""
        with self._writer.begin() as connection:
            changed = connection.execute(
                update(SETTINGS)
                .where(SETTINGS.c.key == key)
                .values(value=value, updated_at=utc_now())
            ).rowcount
            if not changed:
                connection.execute(insert(SETTINGS).values(key=key, value=value))

    # -- own exercises ------------------------------------------------------------------

    def own_exercises(self) -> tuple[Exercise, ...]:
        """The exercises the person added, retired ones included, oldest first."""
        with self.engine.connect() as connection:
            return _own_exercises(connection)

    def catalogue(self) -> Catalogue:
        """The packaged catalogue with the person's own exercises and treatments after the
        source's, and their medications.

        Read afresh each call (a small query per list), so an exercise added from the
        command line shows in an open app the next time it asks.
        """
        with self.engine.connect() as connection:
            return _catalogue(connection)

    @staticmethod
    def _catalogue_of(connection: Connection) -> Catalogue:
        """The catalogue with the person's own lists, read on `connection` (for `OwnLists`)."""
        return _catalogue(connection)

    def add_exercise(self, name: str, category: str, dose: str = "") -> Exercise:
        """Add an own exercise and return it with its new slug.

        Raises:
            InvalidInput: for a name already used, an unknown category, an over-long dose;
                nothing is written.
        """
        with self._writer.begin() as connection:
            # Checked inside the write lock, so two programs cannot add the same name.
            exercise = draft_exercise(name, category, dose, _catalogue(connection))
            connection.execute(insert(OWN).values(**_own_values(exercise)))
        return exercise

    def change_exercise(
        self,
        slug: str,
        name: str | None = None,
        category: str | None = None,
        dose: str | None = None,
    ) -> Exercise:
        """Rename an own exercise or change its category or dose; its days keep it.

        Raises:
            InvalidInput: for an unknown slug or a refused value; nothing is written.
        """
        with self._writer.begin() as connection:
            seeds = _catalogue(connection)
            old = check_own_slug(slug, seeds)
            new = own_exercise(
                old.slug,
                old.name if name is None else check_name(name, seeds, renaming=old.slug),
                old.category if category is None else check_category(category),
                old.dose if dose is None else check_dose(dose),
                old.retired,
            )
            if new != old:
                connection.execute(
                    update(OWN)
                    .where(OWN.c.slug == old.slug)
                    .values(
                        name=new.name, category=new.category, dose=new.dose, updated_at=utc_now()
                    )
                )
        return new

    def retire_exercise(self, slug: str, today: date) -> Exercise:
        """Stop offering an own exercise for new days; the days that have it keep it.

        Raises:
            InvalidInput: for a slug that is not an own exercise.
        """
        return self._set_retired(slug, today)

    def restore_exercise(self, slug: str) -> Exercise:
        """Offer a retired own exercise again.

        Raises:
            InvalidInput: for a slug that is not an own exercise.
        """
        return self._set_retired(slug, None)

    def _set_retired(self, slug: str, on: date | None) -> Exercise:
        with self._writer.begin() as connection:
            old = check_own_slug(slug, _catalogue(connection))
            if old.retired != (on is not None):
                connection.execute(
                    update(OWN)
                    .where(OWN.c.slug == old.slug)
                    .values(retired_on=on, updated_at=utc_now())
                )
        return own_exercise(old.slug, old.name, old.category, old.dose, retired=on is not None)

    # -- bulk -----------------------------------------------------------------------------

    def insert_days(self, logs: Sequence[DayLog]) -> None:
        """Add many new days in one transaction, with Core bulk inserts.

        The logs must already be checked and their dates must not be logged yet; the
        database's unique date refuses the whole batch otherwise.
        """
        if not logs:
            return
        with self._writer.begin() as connection:
            _insert_logs(connection, logs)

    @contextmanager
    def importing(self) -> Iterator[ImportWriter]:
        """One transaction for a whole import, written batch by batch (`store.importer`).

        The writers' lock is held from the start, so the days found logged stay so until
        the end; the transaction commits when the block ends and is rolled back whole
        when it raises: either every batch is written or none.
        """
        with self._writer.begin() as connection:
            yield ImportWriter(connection)


class ImportWriter:
    """The writes of one import, on its open transaction (see `Diary.importing`).

    Each call handles one batch of days, with a statement per table: memory holds one
    batch whatever the size of the file.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def catalogue(self) -> Catalogue:
        """The packaged catalogue with the diary's own lists."""
        return _catalogue(self._connection)

    def logged(self, days: Sequence[date]) -> set[date]:
        """Which of `days` are logged already (or written earlier in this import)."""
        found: set[date] = set()
        for first in range(0, len(days), _IN_CHUNK):
            chunk = days[first : first + _IN_CHUNK]
            found.update(
                self._connection.execute(select(LOGS.c.day).where(LOGS.c.day.in_(chunk)))
                .scalars()
                .all()
            )
        return found

    def delete(self, days: Iterable[date]) -> None:
        """Forget the logs of `days`, their places, exercises and flags with them."""
        days = list(days)
        for first in range(0, len(days), _IN_CHUNK):
            self._connection.execute(
                delete(LOGS).where(LOGS.c.day.in_(days[first : first + _IN_CHUNK]))
            )

    def add_exercises(self, exercises: Sequence[Exercise]) -> None:
        """Add own exercises the days name that the diary lacks (checked by the caller)."""
        _insert_own(self._connection, exercises)

    def add_lists(
        self, medications: tuple[Medication, ...], treatments: tuple[Treatment, ...]
    ) -> None:
        """Add medications and own treatments the days name that the diary lacks (checked
        by the caller)."""
        insert_medications(self._connection, medications)
        insert_treatments(self._connection, treatments)

    def answer_cancer_history(self) -> bool:
        """Answer yes to the profile's cancer history (a file from before schema 3 logged
        it as a sign of a day). Returns whether that changed the answer."""
        was = self._connection.execute(select(PROFILE.c.cancer_history)).scalar()
        _write_profile(self._connection, {"cancer_history": True, "updated_at": utc_now()})
        return was is not True

    def insert(self, logs: Sequence[DayLog]) -> None:
        """Add checked days whose dates are not logged: one bulk insert per table, and
        one query for the new ids (of exactly these dates)."""
        if not logs:
            return
        now = utc_now()
        _insert_rows(
            self._connection,
            LOGS,
            _LOG_COLUMNS,
            [_log_row(log, now) for log in logs],
        )
        ids: dict[date, int] = {}
        days = [log.day for log in logs]
        for first in range(0, len(days), _IN_CHUNK):
            ids.update(
                self._connection.execute(
                    select(LOGS.c.day, LOGS.c.id).where(
                        LOGS.c.day.in_(days[first : first + _IN_CHUNK])
                    )
                ).all()
            )
        _insert_children(self._connection, {ids[log.day]: log for log in logs})

    def peg_days(self) -> tuple[list[date], int]:
        """The days the diary holds PEG answers for, and its first weekday (which days
        make a week; read only when there are answers)."""
        days = list(self._connection.execute(select(PEG.c.day)).scalars())
        if not days:
            return days, first_weekday_of(None)
        first = self._connection.execute(
            select(SETTINGS.c.value).where(SETTINGS.c.key == WEEK_START_SETTING)
        ).scalar()
        return days, first_weekday_of(first)

    def add_peg_answers(self, answers: Sequence[PegAnswer], forget: Sequence[date] = ()) -> None:
        """Forget the PEG answers given for the days `forget` (those the file's answers
        replace), then add checked `answers` with one bulk insert."""
        for first in range(0, len(forget), _IN_CHUNK):
            self._connection.execute(
                delete(PEG).where(PEG.c.day.in_(forget[first : first + _IN_CHUNK]))
            )
        now = utc_now()
        _insert_rows(
            self._connection,
            PEG,
            ("day", "pain", "enjoyment", "activity", "created_at", "updated_at"),
            [(x.day, x.pain, x.enjoyment, x.activity, now, now) for x in answers],
        )


_IN_CHUNK = 500
"""Dates per `IN (...)`: well under SQLite's oldest limit of 999 bound parameters."""


def _saved(connection: Connection, day: date) -> SavedDay | None:
    found = _read_days(connection, day, day)
    return SavedDay(*found[0][1:]) if found else None


def _read_days(
    connection: Connection, start: date, end: date, versions: bool = True
) -> list[tuple[int, DayLog, datetime | None]]:
    """(id, log, version) of every day from `start` to `end`, oldest first: one query per
    table, however many days. Without `versions` the version is None: the time zone of
    every `updated_at` is then not rebuilt for years of days nobody saves.

    One day and ten years are read with the same statements (the range is a bound
    parameter), so a process compiles each child table's statement once whatever it reads
    (the logs' own statement differs only with `versions`).
    """
    in_range = LOGS.c.day.between(start, end)
    rows = connection.execute(
        select(
            LOGS.c.id,
            LOGS.c.day,
            LOGS.c.pain,
            LOGS.c.worst,
            LOGS.c.bed_rest,
            LOGS.c.note,
            LOGS.c.pain_from_checkins,
            LOGS.c.worst_from_checkins,
            LOGS.c.updated_at if versions else null(),
        )
        .where(in_range)
        .order_by(LOGS.c.day)
    ).all()
    if not rows:
        return []
    places = _children(connection, PLACES, ("location", "side", "character"), in_range, Place)
    exercises = _children(
        connection, EXERCISES, ("slug", "sets", "reps", "minutes"), in_range, ExerciseDone
    )
    flags = _children(connection, FLAGS, ("slug",), in_range, str, order="id")
    took = _children(connection, INTAKES, ("slug", "dose", "taken_at"), in_range, Intake)
    treated = _children(connection, TREATED, ("slug",), in_range, str)
    checkins = _checkins(connection, in_range)
    return [
        (
            log_id,
            DayLog(
                day,
                pain,
                worst,
                tuple(places[log_id]) if log_id in places else (),
                tuple(exercises[log_id]) if log_id in exercises else (),
                tuple(flags[log_id]) if log_id in flags else (),
                bool(bed_rest),
                note,
                tuple(took[log_id]) if log_id in took else (),
                tuple(treated[log_id]) if log_id in treated else (),
                checkins.get(log_id, ()),
                bool(pain_from),
                bool(worst_from),
            ),
            updated_at,
        )
        for log_id, day, pain, worst, bed_rest, note, pain_from, worst_from, updated_at in rows
    ]


def _checkins(connection: Connection, in_range) -> dict[int, tuple[CheckIn, ...]]:
    """The check-ins of the logs `in_range` keeps, per log id, earliest first: one query,
    and one more for their places when there are any."""
    rows = connection.execute(
        _of_logs(CHECKINS, in_range, CHECKINS.c.at, CHECKINS.c.pain, CHECKINS.c.note).order_by(
            CHECKINS.c.log_id, CHECKINS.c.at
        )
    ).all()
    if not rows:
        return {}
    places: dict[tuple[int, object], list[Place]] = defaultdict(list)
    for log_id, at, *place in connection.execute(
        _of_logs(
            CHECKIN_PLACES,
            in_range,
            CHECKIN_PLACES.c.at,
            CHECKIN_PLACES.c.location,
            CHECKIN_PLACES.c.side,
            CHECKIN_PLACES.c.character,
        ).order_by(CHECKIN_PLACES.c.log_id, CHECKIN_PLACES.c.at, CHECKIN_PLACES.c.position)
    ).all():
        places[log_id, at].append(Place(*place))
    found: dict[int, list[CheckIn]] = defaultdict(list)
    for log_id, at, pain, note in rows:
        found[log_id].append(CheckIn(at, pain, tuple(places.get((log_id, at), ())), note))
    return {log_id: tuple(items) for log_id, items in found.items()}


def _children(
    connection: Connection,
    table,
    columns: Sequence[str],
    in_range,
    make: Callable,
    order: str = "position",
) -> dict[int, list]:
    """The items of a child table (`make(*columns)`) per log id, in their order, for the
    logs `in_range` keeps: one query, however many days.

    Years of logs repeat the same few places, exercises and doses, and the records are
    frozen: one object per distinct item is shared by every day that has it.
    """
    found: dict[int, list] = defaultdict(list)
    shared: dict[tuple, object] = {}
    for log_id, *item in connection.execute(
        _of_logs(table, in_range, *(table.c[name] for name in columns)).order_by(
            table.c.log_id, table.c[order]
        )
    ).all():
        key = tuple(item)
        record = shared.get(key)
        if record is None:
            record = shared[key] = make(*key)
        found[log_id].append(record)
    return found


def _write_profile(connection: Connection, values: dict[str, object]) -> None:
    """Update the one profile row with `values`, creating it when there is none yet."""
    changed = connection.execute(update(PROFILE).values(**values)).rowcount
    if not changed:
        connection.execute(insert(PROFILE).values(id=1, **values))


def _of_logs(table, in_range, *columns):
    """A select of a child table's log id and `columns`, for the logs `in_range` (a
    condition on `LOGS`) keeps: joined to the logs rather than filtered with `IN (SELECT
    ...)`, so an empty table costs nothing and SQLite walks the child's log-id index."""
    return (
        select(table.c.log_id, *columns)
        .join_from(table, LOGS, LOGS.c.id == table.c.log_id)
        .where(in_range)
    )


def _own_exercises(connection: Connection) -> tuple[Exercise, ...]:
    rows = connection.execute(select(OWN).order_by(OWN.c.created_at, OWN.c.slug))
    return tuple(
        own_exercise(row.slug, row.name, row.category, row.dose, row.retired_on is not None)
        for row in rows
    )


def _catalogue(connection: Connection) -> Catalogue:
    return catalogue().with_own(
        _own_exercises(connection), medications(connection), own_treatments(connection)
    )


def _own_values(exercise: Exercise) -> dict[str, object]:
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "category": exercise.category,
        "dose": exercise.dose,
    }


def _insert_own(connection: Connection, exercises: Sequence[Exercise]) -> None:
    if exercises:
        connection.execute(insert(OWN), [_own_values(x) for x in exercises])


_LOG_COLUMNS = (
    "day",
    "pain",
    "worst",
    "bed_rest",
    "note",
    "pain_from_checkins",
    "worst_from_checkins",
    "created_at",
    "updated_at",
)
_PLACE_COLUMNS = ("log_id", "position", "location", "side", "character")
_EXERCISE_COLUMNS = ("log_id", "position", "slug", "sets", "reps", "minutes")
_FLAG_COLUMNS = ("log_id", "slug")
_INTAKE_COLUMNS = ("log_id", "position", "slug", "dose", "taken_at")
_TREATED_COLUMNS = ("log_id", "position", "slug")
_CHECKIN_COLUMNS = ("log_id", "at", "pain", "note")
_CHECKIN_PLACE_COLUMNS = ("log_id", "at", "position", "location", "side", "character")


def _log_row(log: DayLog, now: datetime) -> tuple:
    """The values of `_LOG_COLUMNS` for a new day."""
    return (
        log.day,
        log.pain,
        log.worst,
        log.bed_rest,
        log.note,
        log.pain_from_checkins,
        log.worst_from_checkins,
        now,
        now,
    )


def _insert_logs(connection: Connection, logs: Sequence[DayLog]) -> None:
    """Bulk-insert new day logs and their children on an open transaction."""
    now = utc_now()
    _insert_rows(
        connection,
        LOGS,
        _LOG_COLUMNS,
        [_log_row(log, now) for log in logs],
    )
    ids = dict(
        connection.execute(
            select(LOGS.c.day, LOGS.c.id).where(
                LOGS.c.day.between(min(x.day for x in logs), max(x.day for x in logs))
            )
        ).all()
    )
    _insert_children(connection, {ids[log.day]: log for log in logs})


_CHILDREN = {
    "places": PLACES,
    "exercises": EXERCISES,
    "flags": FLAGS,
    "took": INTAKES,
    "treated": TREATED,
    "checkins": CHECKINS,  # a check-in's places go with it (foreign key)
}
"""Each kind of item a day's log holds, and the table keeping it."""


def _replace_children(
    connection: Connection, log_id: int, held: DayLog | None, log: DayLog
) -> None:
    """Make the stored items of log `log_id` those of `log`. With `held` (the log as
    stored, read in this transaction) only the kinds that changed are rewritten; without
    it, every kind is."""
    changed = [
        kind for kind in _CHILDREN if held is None or getattr(held, kind) != getattr(log, kind)
    ]
    for kind in changed:
        if held is None or getattr(held, kind):
            table = _CHILDREN[kind]
            connection.execute(delete(table).where(table.c.log_id == log_id))
    kept = {kind: () for kind in _CHILDREN if kind not in changed}
    _insert_children(connection, {log_id: replace(log, **kept) if kept else log})


def _insert_children(connection: Connection, logs: dict[int, DayLog]) -> None:
    places, exercises, flags, took, treated = _child_rows(logs.items())
    _insert_rows(connection, PLACES, _PLACE_COLUMNS, places)
    _insert_rows(connection, EXERCISES, _EXERCISE_COLUMNS, exercises)
    _insert_rows(connection, FLAGS, _FLAG_COLUMNS, flags)
    _insert_rows(connection, INTAKES, _INTAKE_COLUMNS, took)
    _insert_rows(connection, TREATED, _TREATED_COLUMNS, treated)
    checkins = [x for x in logs.items() if x[1].checkins]
    if checkins:
        _insert_rows(
            connection,
            CHECKINS,
            _CHECKIN_COLUMNS,
            [(log_id, x.at, x.pain, x.note) for log_id, log in checkins for x in log.checkins],
        )
        _insert_rows(
            connection,
            CHECKIN_PLACES,
            _CHECKIN_PLACE_COLUMNS,
            [
                (log_id, x.at, position, place.location, place.side, place.character)
                for log_id, log in checkins
                for x in log.checkins
                for position, place in enumerate(x.places)
            ],
        )


def _child_rows(
    items: Iterable[tuple[int, DayLog]],
) -> tuple[list, list, list, list, list]:
    """The places, exercises, flags, intakes and treatments of logs, as rows of
    `_PLACE_COLUMNS`, `_EXERCISE_COLUMNS`, `_FLAG_COLUMNS`, `_INTAKE_COLUMNS` and
    `_TREATED_COLUMNS`."""
    places: list[tuple] = []
    exercises: list[tuple] = []
    flags: list[tuple] = []
    took: list[tuple] = []
    treated: list[tuple] = []
    for log_id, log in items:
        # Most days have no place, exercise or flag, or one: test before building lists.
        if log.places:
            places += [
                (log_id, position, place.location, place.side, place.character)
                for position, place in enumerate(log.places)
            ]
        if log.exercises:
            exercises += [
                (log_id, position, done.slug, done.sets, done.reps, done.minutes)
                for position, done in enumerate(log.exercises)
            ]
        if log.flags:
            flags += [(log_id, slug) for slug in log.flags]
        if log.took:
            took += [
                (log_id, position, intake.slug, intake.dose, intake.at)
                for position, intake in enumerate(log.took)
            ]
        if log.treated:
            treated += [(log_id, position, slug) for position, slug in enumerate(log.treated)]
    return places, exercises, flags, took, treated


def _insert_rows(
    connection: Connection, table, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert rows (tuples of `columns`' values) into `table` with one Core `insert`."""
    if rows:
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
