"""Fixtures every layer's tests may use: a pinned date, a throwaway diary, the CLI as a subprocess.

Keep this file small and general; fixtures used by one folder belong in that folder's tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

# Fails the session if any test opens a network socket (tests/no_network.py); names the
# PostgreSQL server the store also runs its tests on (tests/postgres_server.py).
pytest_plugins = ["no_network", "postgres_server"]

TODAY = date(2026, 11, 21)
"""The date every test pretends it is (a Saturday)."""


@pytest.fixture(autouse=True)
def _private_state_folder(tmp_path_factory, monkeypatch) -> None:
    """Error logs and the status cache written during tests go to throwaway folders, never
    the real ones."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def diary() -> Iterator:
    """A fresh in-memory `Diary`, closed after the test."""
    from painlog.store.diary import Diary

    with Diary.open(":memory:") as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file goes; it does not exist yet."""
    return tmp_path / "painlog.db"


@pytest.fixture(scope="session")
def _diary_template(tmp_path_factory) -> Path:
    from painlog.rules.records import DayLog, ExerciseDone, Place
    from painlog.store.diary import Diary

    path = tmp_path_factory.mktemp("template") / "painlog.db"
    with Diary.open(str(path)) as template:
        template.insert_days(
            [
                DayLog(date(2026, 11, 18), 2, places=(Place("knee", "right"),)),
                DayLog(
                    TODAY,
                    4,
                    worst=6,
                    places=(Place("lower-back", "left", "sharp"), Place("hip-side", "right")),
                    exercises=(
                        ExerciseDone("walking", minutes=30),
                        ExerciseDone("glute-bridge", 3, 10),
                    ),
                    note="stiff in the morning",
                ),
            ]
        )
    return path


@pytest.fixture
def diary_file(tmp_path: Path, _diary_template: Path) -> Path:
    """A closed diary file, alone in its own folder, with two logged days and no profile.

    Logged: 18 Nov 2026 (pain 2, right knee) and TODAY (pain 4, worst 6, lower back left
    sharp and outer hip right, walking 30 min and glute bridge 3x10, a note).
    """
    folder = tmp_path / "diary"
    folder.mkdir()
    return Path(shutil.copy2(_diary_template, folder / "painlog.db"))


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a `painlog` subprocess: date pinned, no colour, no real user data.

    PAINLOG_DB is removed and the platform data folder points into tmp_path, so a test that
    forgets `--db` can never touch the person's real diary.
    """
    env = {key: value for key, value in os.environ.items() if key != "PAINLOG_DB"}
    env.update(
        PAINLOG_TODAY=TODAY.isoformat(),
        NO_COLOR="1",
        PYTHONUTF8="1",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
    )
    return env


@pytest.fixture
def run_cli(cli_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess]:
    """Run `python -m painlog.cli ARGS...`; returns the CompletedProcess (text output).

    Keyword `env` adds to (or, with a None value, removes from) the test environment.
    """

    def run(*args: str | bytes | Path, env: dict[str, str | None] | None = None):
        full_env = dict(cli_env)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "painlog.cli",
                *(str(a) if isinstance(a, Path) else a for a in args),
            ],
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            env=full_env,
            timeout=120,
        )

    return run


@pytest.fixture
def cli_main(monkeypatch, cli_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess]:
    """Run `painlog.cli.main(ARGS)` in this process, with `cli_env` applied.

    Much faster than `run_cli` (no interpreter start, SQLAlchemy already imported), for
    parametrized matrices; keep at least one `run_cli` test per behaviour. Returns a
    CompletedProcess whose returncode is main's result or the SystemExit code; an uncaught
    exception is printed to its stderr with exit status 1, as the interpreter would.
    """
    import contextlib
    import io
    import traceback

    for key in ("PAINLOG_DB", "PAINLOG_TODAY", "NO_COLOR", "XDG_DATA_HOME"):
        if key in cli_env:
            monkeypatch.setenv(key, cli_env[key])
        else:
            monkeypatch.delenv(key, raising=False)

    def run(*args: str | Path) -> subprocess.CompletedProcess:
        from painlog.cli import main

        argv = [str(a) for a in args]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except Exception:
                traceback.print_exc()
                code = 1
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())

    return run
