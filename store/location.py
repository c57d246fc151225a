"""Where the database lives: the platform's data folder, `--db`, or `PAINLOG_DB`.

Paths are computed in functions, never at import, so tests and `--db` can point painlog
anywhere without touching the person's real data.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PAINLOG_DB"
FILE_NAME = "painlog.db"


class DatabaseLocation:
    """An SQLAlchemy URL, with the file path behind it when it is a local SQLite file.

    Immutable, compared and hashed by its two attributes. Written out by hand rather than
    as a frozen dataclass: `painlog status` answers from its cache after resolving the
    location and nothing else of the store, and importing `dataclasses` (which imports
    `inspect`) was about a third of what that whole answer cost beyond Python's start.

    Attributes:
        url: What SQLAlchemy connects to.
        path: The SQLite file, or None for in-memory and server databases.
    """

    __slots__ = ("path", "url")
    url: str
    path: Path | None

    def __init__(self, url: str, path: Path | None) -> None:
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "path", path)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a DatabaseLocation cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a DatabaseLocation cannot be changed (tried to delete {name!r})")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.url, self.path) == (other.url, other.path)

    def __hash__(self) -> int:
        return hash((self.url, self.path))

    def __repr__(self) -> str:
        return f"DatabaseLocation(url={self.url!r}, path={self.path!r})"

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
