"""A diary on a PostgreSQL server against the same diary in an SQLite file, turn about.

The server's diary is filled with the same demo as the SQLite one, in an empty schema
made for the run (named in the URL's libpq `options`, as the tests do) and dropped
afterwards. What is timed is what a person waits for most: Today's read of a day
(`read_day_view`: the log, the pickers' counts, the catalogue and the alerts), saving a
day, and the daily export.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

from benchmarks.harness import Result, interleaved
from benchmarks.histories import TODAY, fill

URL_ENV = "PAINLOG_TEST_POSTGRES_URL"
SCHEMA_PREFIX = "painlog_bench_"
TARGET = 3.0


class NoServer(Exception):
    """The server cannot be used for the benchmark (psycopg missing, or unreachable)."""


def libpq(url: str) -> str:
    """The URL as libpq takes it (without SQLAlchemy's driver name)."""
    _scheme, separator, rest = url.partition("://")
    return f"postgresql{separator}{rest}"


def schema_url(url: str, schema: str) -> str:
    """`url` with painlog's connections using `schema`."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def server_vs_sqlite(folder: Path, db: Path, weeks: int, url: str, repeat: int) -> list[Result]:
    """Today's read, a save and the daily export on the server at `url` against the same
    on a copy of `db`, a diary of `weeks` weeks built by `histories.fill`.

    Raises:
        NoServer: when psycopg is missing or the server cannot be reached; nothing was
            made on it then.
    """
    try:
        import psycopg
    except ImportError as error:
        raise NoServer("psycopg is not installed (pip install -e '.[postgres]')") from error
    schema = f"{SCHEMA_PREFIX}{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(libpq(url), autocommit=True, connect_timeout=10) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
            fsync = connection.execute("SHOW fsync").fetchone()[0]
    except psycopg.Error as error:
        # libpq's message runs over lines (a hint under the error); the report takes one.
        reason = " ".join(str(error).split())
        raise NoServer(f"cannot use the PostgreSQL server: {reason}") from error
    try:
        local = folder / "sqlite-side.db"
        shutil.copyfile(db, local)
        fill(schema_url(url, schema), weeks)
        where = f"server at {urlsplit(url).hostname}"
        if fsync == "off":
            # The test server skips syncing commits to disk, while SQLite syncs each.
            where += ", fsync off"
        return _measured(local, schema_url(url, schema), repeat, where)
    finally:
        with psycopg.connect(libpq(url), autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def _measured(local: Path, server: str, repeat: int, note: str) -> list[Result]:
    """The three rows, on the file at `local` and the server diary at `server`."""
    from painlog.rules.records import DayLog
    from painlog.store.day_view import read_day_view
    from painlog.store.diary import Diary
    from painlog.store.export import export_diary

    with Diary.open(str(local)) as lite, Diary.open(server) as pg:
        if pg.count_days() != lite.count_days():
            raise RuntimeError("the server's diary does not hold the same days as the file")

        def pair(name: str, run) -> Result:
            lite_s, pg_s = interleaved([lambda: run(lite), lambda: run(pg)], repeat)
            return Result(f"{name}, PostgreSQL vs SQLite", pg_s, lite_s, TARGET, note)

        return [
            pair("Today read (read_day_view), 10 years", lambda d: read_day_view(d, TODAY, TODAY)),
            pair("save a day", lambda d: d.save_day(DayLog(TODAY, 4), TODAY)),
            pair("daily export, 10 years", lambda d: export_diary(d, "daily", TODAY)),
        ]
