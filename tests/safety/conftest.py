"""Fixtures for the safety tests: a private environment, the CLI in and out of process,
fingerprints of a folder, and the schema-1 diary kept as a fixture.

Every safety test runs with the platform folders (data, state) inside its tmp_path, so the
error log and any default database land there, never in the real user's folders.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from safety_helpers import (
    SAFETY_TODAY,
    V1_FIXTURE,
    V2_FIXTURE,
    V3_FIXTURE,
    V4_FIXTURE,
    V5_FIXTURE,
    Outcome,
)


@pytest.fixture(autouse=True)
def safety_env(tmp_path: Path, monkeypatch) -> dict[str, str]:
    """Pin today, and point every platform folder into tmp_path (also for children)."""
    env = {
        "PAINLOG_TODAY": SAFETY_TODAY.isoformat(),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "NO_COLOR": "1",
        "PYTHONUTF8": "1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PAINLOG_DB", raising=False)
    return env


@pytest.fixture
def state_log(tmp_path: Path) -> Path:
    """Where the error log goes during the test."""
    return tmp_path / "xdg-state" / "painlog" / "painlog.log"


@pytest.fixture
def run_main() -> Callable[..., Outcome]:
    """`painlog ARGS` in this process (fast): exit status and captured output."""

    def run(*args: str | Path) -> Outcome:
        from painlog.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(arg) for arg in args])
            except SystemExit as stop:  # argparse refusals
                code = stop.code if isinstance(stop.code, int) else 2
        return Outcome(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def run_painlog(safety_env) -> Callable[..., Outcome]:
    """`python -m painlog.cli ARGS` as a real process (arguments may be bytes)."""

    def run(*args: str | bytes | Path, timeout: float = 120, **popen) -> Outcome:
        env = {**os.environ, **safety_env, **popen.pop("env", {})}
        argv = [arg if isinstance(arg, bytes) else str(arg) for arg in args]
        result = subprocess.run(
            [sys.executable, "-m", "painlog.cli", *argv],
            capture_output=True,
            env=env,
            timeout=timeout,
            **popen,
        )
        return Outcome(
            result.returncode,
            result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"),
        )

    return run


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A private copy of the schema-1 diary fixture, alone in its folder."""
    return _private_copy(V1_FIXTURE, tmp_path)


@pytest.fixture
def v2_copy(tmp_path: Path) -> Path:
    """A private copy of the schema-2 diary fixture, alone in its folder."""
    return _private_copy(V2_FIXTURE, tmp_path)


@pytest.fixture
def v3_copy(tmp_path: Path) -> Path:
    """A private copy of the schema-3 diary fixture, alone in its folder."""
    return _private_copy(V3_FIXTURE, tmp_path)


@pytest.fixture
def v4_copy(tmp_path: Path) -> Path:
    """A private copy of the schema-4 diary fixture, alone in its folder."""
    return _private_copy(V4_FIXTURE, tmp_path)


@pytest.fixture
def v5_copy(tmp_path: Path) -> Path:
    """A private copy of the schema-5 diary fixture, alone in its folder."""
    return _private_copy(V5_FIXTURE, tmp_path)


def _private_copy(fixture: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "diary"
    folder.mkdir(mode=0o700)
    target = folder / "painlog.db"
    shutil.copyfile(fixture, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def small_diary(tmp_path: Path) -> Iterator[Path]:
    """A closed diary file with a week of logs, alone in its own private folder."""
    from datetime import timedelta

    from painlog.rules.records import DayLog, ExerciseDone, Place
    from painlog.store.diary import Diary

    folder = tmp_path / "diary"
    folder.mkdir(mode=0o700)
    path = folder / "painlog.db"
    with Diary.open(str(path)) as diary:
        diary.insert_days(
            [
                DayLog(
                    SAFETY_TODAY - timedelta(days=n),
                    n % 8,
                    places=(Place("lower-back", "left"),),
                    exercises=(ExerciseDone("walking", None, None, 20 + n),),
                    note=f"day {n} 🙂",
                )
                for n in range(1, 8)
            ]
        )
    yield path
