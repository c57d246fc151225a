"""The schema's version, and the steps that bring an older database up to date.

The version lives in a one-row table rather than `PRAGMA user_version` so the same
check works on PostgreSQL. A new database is created at the current version straight from
the models; an existing one is taken forward by `STEPS`, one version at a time, in the
caller's transaction together with the version bump: a database is either fully on the
old schema or fully on the new one. (`store.engine` copies the file with the online backup
API before any step runs.)

Adding a version: change the models, add `STEPS[N]` that takes an N-1 database to N (for
SQLite, usually `ALTER TABLE ... ADD COLUMN`), bump `SCHEMA_VERSION`. The safety tests
migrate a schema-1 file kept as a fixture and check that it then matches a new database and
kept every row.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

from painlog.store.errors import DatabaseTooNew, NotAPainlogDatabase

SCHEMA_VERSION = 6
VERSION_TABLE = "schema_version"


def create_current(connection: Connection) -> None:
    """Create every table of the current models in an empty database."""
    from sqlmodel import SQLModel

    from painlog.store import models  # noqa: F401  (registers the tables)

    SQLModel.metadata.create_all(connection)


def _add_own_exercises(connection: Connection) -> None:
    """Version 2: the person's own exercises get their table."""
    from painlog.store.models import OwnExerciseRow

    OwnExerciseRow.__table__.create(connection)


def _add_column(connection: Connection, table, name: str) -> None:
    """Add the model's column `name` to `table`, typed as the dialect types it for a new
    table (with its NOT NULL and default), so an upgraded database and a new one hold the
    same columns."""
    column = table.c[name]
    kind = column.type.compile(dialect=connection.dialect)
    if column.server_default is not None:
        default = column.server_default.arg.compile(dialect=connection.dialect)
        kind += f" DEFAULT {default}"
    if not column.nullable:
        kind += " NOT NULL"
    connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}"))


def _cancer_history_in_profile(connection: Connection) -> None:
    """Version 3: a history of cancer is part of the profile, and an acknowledgement keeps
    the day it was given.

    A schema-2 diary logged `cancer-history` as a warning sign of the day; any such report
    now sets the profile's answer to yes and leaves the days (the fact was about the person,
    not the day, and no day may take the sign any more). The days it leaves are marked as
    changed, so a writer holding them notices.
    """
    from sqlalchemy import delete, insert, select, update

    from painlog.rules.records import CANCER_HISTORY_FLAG
    from painlog.store.models import AlertAckRow, DayLogRow, FlagReportRow, ProfileRow, utc_now

    profile, acks = ProfileRow.__table__, AlertAckRow.__table__
    logs, flags = DayLogRow.__table__, FlagReportRow.__table__
    _add_column(connection, profile, "cancer_history")
    _add_column(connection, acks, "acknowledged_on")
    reported = select(flags.c.log_id).where(flags.c.slug == CANCER_HISTORY_FLAG)
    if connection.execute(reported.limit(1)).first() is None:
        return
    now = utc_now()
    changed = connection.execute(
        update(profile).values(cancer_history=True, updated_at=now)
    ).rowcount
    if not changed:
        connection.execute(insert(profile).values(id=1, cancer_history=True, updated_at=now))
    connection.execute(update(logs).where(logs.c.id.in_(reported)).values(updated_at=now))
    connection.execute(delete(flags).where(flags.c.slug == CANCER_HISTORY_FLAG))


def _add_medications_and_treatments(connection: Connection) -> None:
    """Version 4: medications and treatments, the person's own lists and each day's."""
    from painlog.store.models import IntakeRow, MedicationRow, OwnTreatmentRow, TreatmentDoneRow

    for model in (MedicationRow, OwnTreatmentRow, IntakeRow, TreatmentDoneRow):
        model.__table__.create(connection)


def _add_report_marks(connection: Connection) -> None:
    """Version 5: the days whose note goes in the clinician's report."""
    from painlog.store.models import ReportMarkRow

    ReportMarkRow.__table__.create(connection)


def _add_checkins_and_peg(connection: Connection) -> None:
    """Version 6: check-ins within a day, the weekly PEG answers, and whether a day's pain
    and worst come from its check-ins (no day logged before does)."""
    from painlog.store.models import CheckInPlaceRow, CheckInRow, DayLogRow, PegAnswerRow

    for name in ("pain_from_checkins", "worst_from_checkins"):
        _add_column(connection, DayLogRow.__table__, name)
    for model in (CheckInRow, CheckInPlaceRow, PegAnswerRow):
        model.__table__.create(connection)


# Step N takes an existing database at version N-1 to version N (N >= 2; version 1 is the
# first schema, which only `create_current` ever made).
STEPS: dict[int, Callable[[Connection], None]] = {
    2: _add_own_exercises,
    3: _cancer_history_in_profile,
    4: _add_medications_and_treatments,
    5: _add_report_marks,
    6: _add_checkins_and_peg,
}


def stored_version(connection: Connection) -> int:
    """The schema version of the database behind `connection` (0 for an empty one).

    Raises:
        NotAPainlogDatabase: when it holds tables but no painlog version.
    """
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE not in tables:
        if tables:
            raise NotAPainlogDatabase(
                "it holds tables that are not painlog's: " + ", ".join(sorted(tables)[:5])
            )
        return 0
    version = connection.execute(text(f"SELECT version FROM {VERSION_TABLE}")).scalar()
    return int(version or 0)


def check_known(version: int) -> None:
    """Refuse a schema version this painlog does not know.

    Raises:
        DatabaseTooNew: when a newer painlog wrote the database.
    """
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"it was written by a newer painlog (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}). Update painlog to open it; it was left untouched."
        )


def migrate(connection: Connection) -> int:
    """Bring the schema to `SCHEMA_VERSION` inside the caller's transaction.

    The version is read again here, inside the (write-locked) transaction, so two programs
    opening an old database at once migrate it once.

    Returns:
        The version the database was at before.

    Raises:
        DatabaseTooNew: when a newer painlog wrote it.
    """
    before = stored_version(connection)
    check_known(before)
    if before == SCHEMA_VERSION:
        return before
    if before == 0:
        connection.execute(text(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)"))
        connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)"))
        create_current(connection)
    else:
        for version in range(before + 1, SCHEMA_VERSION + 1):
            STEPS[version](connection)
    connection.execute(text(f"UPDATE {VERSION_TABLE} SET version = :v"), {"v": SCHEMA_VERSION})
    return before
