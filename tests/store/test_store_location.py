"""Where the database is: `--db`, then PAINLOG_DB, then the platform data folder, decided at
call time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import platformdirs
import pytest

from painlog.rules.records import DayLog
from painlog.store.diary import Diary
from painlog.store.location import (
    ENV_VAR,
    FILE_NAME,
    DatabaseLocation,
    default_db_path,
    resolve_location,
)

TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def data_folder(monkeypatch, tmp_path) -> Path:
    """Point platformdirs at a temporary folder, whatever the platform."""
    folder = tmp_path / "user-data"

    def fake_user_data_path(appname=None, appauthor=None, *args, **kwargs):
        return folder / appname

    monkeypatch.setattr(platformdirs, "user_data_path", fake_user_data_path)
    return folder


def test_an_explicit_path(tmp_path):
    path = tmp_path / "mine.db"
    assert resolve_location(str(path)) == DatabaseLocation(f"sqlite:///{path}", path)


def test_a_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    location = resolve_location("sub/diary.db")
    assert location.path == tmp_path / "sub" / "diary.db"
    assert location.path.is_absolute()
    assert location.url == f"sqlite:///{tmp_path / 'sub' / 'diary.db'}"


def test_a_home_path_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    location = resolve_location("~/diary.db")
    assert location.path == tmp_path / "diary.db"


def test_the_environment_variable_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env.db"))
    assert resolve_location().path == tmp_path / "from-env.db"
    assert resolve_location(None).path == tmp_path / "from-env.db"


def test_the_explicit_path_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env.db"))
    assert resolve_location(str(tmp_path / "explicit.db")).path == tmp_path / "explicit.db"


def test_an_empty_environment_variable_falls_back_to_the_default(data_folder, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "")
    assert resolve_location().path == data_folder / "painlog" / FILE_NAME


def test_memory():
    assert resolve_location(":memory:") == DatabaseLocation("sqlite://", None)


@pytest.mark.parametrize(
    ("url", "has_path"),
    [
        ("sqlite://", False),
        ("sqlite:///:memory:", False),
        ("sqlite:///file:shared?mode=memory&cache=shared&uri=true", False),
        ("postgresql://painlog:secret@db.example/painlog", False),
        ("sqlite:///{tmp}/url.db", True),
    ],
    ids=["sqlite-bare", "sqlite-memory", "sqlite-uri-memory", "postgresql", "sqlite-file"],
)
def test_urls(url, has_path, tmp_path):
    url = url.format(tmp=tmp_path)
    location = resolve_location(url)
    assert location.url == url.replace("postgresql://", "postgresql+psycopg://")
    assert (location.path == tmp_path / "url.db") if has_path else (location.path is None)
    assert location.is_sqlite == url.startswith("sqlite")


@pytest.mark.parametrize(
    "given", ["postgresql://u@h/d", "postgres://u@h/d", "postgresql+psycopg://u@h/d"]
)
def test_a_server_url_without_a_driver_is_taken_as_psycopg_3(given):
    assert resolve_location(given).url == "postgresql+psycopg://u@h/d"


def test_urls_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "postgresql://painlog:secret@db.example/painlog")
    assert resolve_location().url == "postgresql+psycopg://painlog:secret@db.example/painlog"


def test_a_url_is_displayed_without_its_password():
    location = resolve_location("postgresql://painlog:secret@db.example/painlog")
    assert "secret" not in location.display
    assert "db.example" in location.display


def test_a_file_is_displayed_as_its_path(tmp_path):
    assert resolve_location(str(tmp_path / "x.db")).display == str(tmp_path / "x.db")


def test_the_default_is_in_the_platform_data_folder(data_folder):
    assert default_db_path() == data_folder / "painlog" / FILE_NAME
    location = resolve_location()
    assert location.path == data_folder / "painlog" / FILE_NAME
    assert location.url == f"sqlite:///{data_folder / 'painlog' / FILE_NAME}"


def test_the_default_is_computed_at_call_time(monkeypatch, tmp_path):
    for name in ("first", "second"):
        folder = tmp_path / name
        monkeypatch.setattr(
            platformdirs, "user_data_path", lambda app=None, *a, _f=folder, **k: _f / app
        )
        assert resolve_location().path == folder / "painlog" / FILE_NAME


@pytest.mark.skipif(
    platformdirs.PlatformDirs.__name__ != "Unix",
    reason="XDG_DATA_HOME only applies on Linux and other Unix",
)
def test_xdg_data_home_is_honoured_at_call_time(monkeypatch, tmp_path):
    for name in ("one", "two"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / name))
        assert resolve_location().path == tmp_path / name / "painlog" / FILE_NAME


def test_opening_the_default_creates_it_there(data_folder):
    with Diary.open() as diary:
        diary.save_day(DayLog(TODAY, 3), TODAY)
    assert (data_folder / "painlog" / FILE_NAME).is_file()


@pytest.mark.parametrize("where", [":memory:", "sqlite://", "sqlite:///:memory:"])
def test_memory_diaries_open_and_work(where):
    with Diary.open(where) as diary:
        assert diary.location.path is None
        diary.save_day(DayLog(TODAY, 3), TODAY)
        assert diary.load_day(TODAY) == DayLog(TODAY, 3)


def test_a_sqlite_url_opens_that_file(tmp_path):
    path = tmp_path / "url.db"
    with Diary.open(f"sqlite:///{path}") as diary:
        diary.save_day(DayLog(TODAY, 3), TODAY)
    with Diary.open(str(path)) as diary:
        assert diary.load_day(TODAY) == DayLog(TODAY, 3)


def test_a_location_object_is_accepted(tmp_path):
    location = resolve_location(str(tmp_path / "loc.db"))
    with Diary.open(location) as diary:
        assert diary.location is location
    assert (tmp_path / "loc.db").is_file()
