"""The schema's version, and the steps that bring an older database up to date.

The version lives in a one-row table rather than `PRAGMA user_version` so the same
check works on PostgreSQL. Each step runs in the same transaction as the version bump:
a database is either fully on the old schema or fully on the new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

from painlog.store.errors import DatabaseTooNew, NotAPainlogDatabase

SCHEMA_VERSION = 1
VERSION_TABLE = "schema_version"


def _create_v1(connection: Connection) -> None:
    from sqlmodel import SQLModel

    from painlog.store import models  # noqa: F401  (registers the tables)

    SQLModel.metadata.create_all(connection)


# Step N takes a database at version N-1 to version N.
STEPS: dict[int, Callable[[Connection], None]] = {1: _create_v1}


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


def migrate(connection: Connection) -> int:
    """Bring the schema to `SCHEMA_VERSION` inside the caller's transaction.

    Returns:
        The version the database was at before.

    Raises:
        DatabaseTooNew: when a newer painlog wrote it.
    """
    before = stored_version(connection)
    if before > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"it was written by a newer painlog (schema {before}; this one knows up to "
            f"{SCHEMA_VERSION}). Update painlog to open it; the file was left untouched."
        )
    if before == SCHEMA_VERSION:
        return before
    if before == 0:
        connection.execute(text(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)"))
        connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)"))
    for version in range(before + 1, SCHEMA_VERSION + 1):
        STEPS[version](connection)
    connection.execute(text(f"UPDATE {VERSION_TABLE} SET version = :v"), {"v": SCHEMA_VERSION})
    return before
