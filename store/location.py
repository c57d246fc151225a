"""Where the database lives: the platform's data folder, `--db`, or `PAINLOG_DB`.

Paths are computed in functions, never at import, so tests and `--db` can point painlog
anywhere without touching the person's real data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "PAINLOG_DB"
FILE_NAME = "painlog.db"


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    """An SQLAlchemy URL, with the file path behind it when it is a local SQLite file.

    Attributes:
        url: What SQLAlchemy connects to.
        path: The SQLite file, or None for in-memory and server databases.
    """

    url: str
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is SQLite (a file, or in memory) rather than a server."""
        return self.url.startswith("sqlite")

    @property
    def display(self) -> str:
        """The location as a person should see it (a path, or a URL without password)."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def default_db_path() -> Path:
    """The database file in the platform's per-user data folder."""
    from platformdirs import user_data_path

    return user_data_path("painlog", appauthor=False) / FILE_NAME


def resolve_location(explicit: str | None = None) -> DatabaseLocation:
    """Choose the database from `--db`, then `PAINLOG_DB`, then the platform default.

    Args:
        explicit: The `--db` value, a file path or an SQLAlchemy URL.
    """
    chosen = explicit or os.environ.get(ENV_VAR) or None
    if chosen is None:
        return _file_location(default_db_path())
    if chosen == ":memory:":
        return DatabaseLocation("sqlite://", None)
    if "://" in chosen:
        url = _with_driver(chosen)
        return DatabaseLocation(url, _sqlite_file_of(url))
    return _file_location(Path(chosen))


def _file_location(path: Path) -> DatabaseLocation:
    path = path.expanduser().absolute()
    return DatabaseLocation(f"sqlite:///{path}", path)


SERVER_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
"""URL schemes given without a driver, and the driver painlog's `postgres` extra installs."""


def _with_driver(url: str) -> str:
    """`url` naming its driver: `postgresql://...` is taken as psycopg 3's."""
    scheme, separator, rest = url.partition("://")
    return f"{SERVER_DRIVERS.get(scheme.lower(), scheme)}{separator}{rest}"


def _sqlite_file_of(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.query.get("mode") == "memory":
        return None
    return Path(parsed.database).expanduser().absolute()
