"""A pytest plugin: the PostgreSQL server the store's tests also run on.

The server is named by `PAINLOG_TEST_POSTGRES_URL` (`.ci/postgres start` starts a private
one and prints its URL). Without it the tests that need a server skip, saying why; with
`PAINLOG_REQUIRE_POSTGRES=1` (as in CI) they fail instead, so a run that should have
tested the server cannot pass without it.

Every test gets an empty schema of its own (`server_database`), named in the URL's
`options` so painlog's connections use it, and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest

URL_ENV = "PAINLOG_TEST_POSTGRES_URL"
REQUIRE_ENV = "PAINLOG_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The test server's URL; skips (or, where a server is required, fails) without one."""
    url = os.environ.get(URL_ENV, "").strip()
    if not url:
        reason = f"no PostgreSQL server for the tests ({URL_ENV} is not set; `.ci/postgres start`)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    try:
        import psycopg
    except ImportError:
        pytest.fail("psycopg is not installed: pip install -e '.[test,postgres]'", pytrace=False)
    try:
        psycopg.connect(_libpq(url), connect_timeout=5).close()
    except psycopg.Error as error:
        pytest.fail(f"the PostgreSQL server at {url} cannot be reached: {error}", pytrace=False)
    return url


@pytest.fixture
def server_databases(postgres_server: str) -> Iterator[Callable[[], str]]:
    """Make empty diaries on the server: each call gives the URL of a new schema."""
    import psycopg

    made: list[str] = []

    def make() -> str:
        schema = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(_libpq(postgres_server), autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        separator = "&" if "?" in postgres_server else "?"
        return f"{postgres_server}{separator}options={quote(f'-csearch_path={schema}')}"

    yield make
    if made:
        with psycopg.connect(_libpq(postgres_server), autocommit=True) as connection:
            for schema in made:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def server_database(server_databases: Callable[[], str]) -> str:
    """The URL of an empty schema of its own on the test server."""
    return server_databases()


def _libpq(url: str) -> str:
    """The URL as libpq takes it (without SQLAlchemy's driver name)."""
    _scheme, separator, rest = url.partition("://")
    return f"postgresql{separator}{rest}"
