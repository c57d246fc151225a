"""The store's contract: every test in this folder runs on SQLite and on PostgreSQL.

The tests here speak to the `Diary` (and the exports, the import and the demo built on it)
and check behaviour, never how a particular engine stores it: a test that passes on one
engine must pass on the other. `where` is a new, empty diary's location (a file on SQLite,
a schema of its own on the server) and `diary` that diary opened; `new_diary_location`
makes more of them, for tests that need several or one per generated example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import count

import pytest

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    """The engine this run of the test uses."""
    return request.param


@pytest.fixture
def new_diary_location(engine_name, request, tmp_path) -> Callable[[], str]:
    """Make the location of a new, empty diary on this run's engine, once per call."""
    if engine_name == "postgresql":
        return request.getfixturevalue("server_databases")
    numbers = count(1)
    return lambda: str(tmp_path / f"diary-{next(numbers)}.db")


@pytest.fixture
def where(new_diary_location) -> str:
    """Where an empty diary can be opened, on this run's engine."""
    return new_diary_location()


@pytest.fixture
def diary(where) -> Iterator:
    """A new diary on this run's engine, closed after the test."""
    from painlog.store.diary import Diary

    with Diary.open(where) as opened:
        yield opened
