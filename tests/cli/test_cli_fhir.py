"""`painlog export --fhir`: a valid FHIR file, the same bytes each time, and its refusals."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.store.diary import Diary

r4b = pytest.importorskip("fhir.resources.R4B")
from fhir.resources.R4B.bundle import Bundle  # noqa: E402

TODAY = date(2026, 11, 21)


@pytest.fixture
def history_db(tmp_path: Path) -> Path:
    """Ten days of logs ending today."""
    path = tmp_path / "old" / "painlog.db"
    path.parent.mkdir()
    with Diary.open(str(path)) as diary:
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=n),
                    2 + n % 5,
                    worst=8 if n == 3 else None,
                    places=(Place("lower-back", "left", "ache"),),
                    exercises=(ExerciseDone("walking", minutes=30),) if n % 2 else (),
                    flags=("fever",) if n == 5 else (),
                )
                for n in range(10)
            ]
        )
    return path


def days_of(text: str) -> list[str]:
    """The days of the pain Observations, in file order."""
    found = [entry["resource"]["id"] for entry in json.loads(text)["entry"]]
    return [key.removeprefix("pain-") for key in found if key.startswith("pain-")]


def test_fhir_export_to_a_private_file(run_cli, history_db, tmp_path):
    target = tmp_path / "painlog.json"
    result = run_cli("--db", history_db, "export", "--fhir", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Wrote 10 days (2026-11-12 to 2026-11-21) to {target} (readable by you only).\n"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    Bundle.model_validate_json(text)
    assert days_of(text) == [(TODAY - timedelta(days=n)).isoformat() for n in range(9, -1, -1)]


def test_two_exports_and_stdout_are_the_same_bytes(run_cli, history_db, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run_cli("--db", history_db, "export", "--fhir", "-o", first).returncode == 0
    assert run_cli("--db", history_db, "export", "--fhir", "-o", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    result = run_cli("--db", history_db, "export", "--fhir")
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode("utf-8") == first.read_bytes()
    assert result.stderr == (
        "painlog: exported 10 days (2026-11-12 to 2026-11-21) to standard output\n"
    )


def test_range_options(cli_main, history_db):
    result = cli_main(
        "--db", history_db, "export", "--fhir", "--from", "2026-11-19", "--to", "yesterday"
    )
    assert result.returncode == 0, result.stderr
    assert days_of(result.stdout) == ["2026-11-19", "2026-11-20"]


def test_fhir_and_daily_together_are_refused_and_nothing_is_written(run_cli, db_path, tmp_path):
    target = tmp_path / "both.json"
    result = run_cli("--db", db_path, "export", "--fhir", "--daily", "-o", target)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "--daily" in result.stderr and "--fhir" in result.stderr
    assert "not allowed with" in result.stderr
    assert result.stdout == ""
    assert not target.exists()
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "someday"], "from: 'someday' is not accepted"),
        (["--to", "2026-11-22"], "to: '2026-11-22' is not accepted; expected today"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], "from: '2026-11-10'"),
    ],
)
def test_a_bad_range_is_refused_and_nothing_is_written(run_cli, db_path, tmp_path, args, expected):
    target = tmp_path / "out.json"
    result = run_cli("--db", db_path, "export", "--fhir", *args, "-o", target)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.rstrip("\n")]
    assert result.stderr.startswith("painlog: ") and expected in result.stderr
    assert not target.exists()
    assert not db_path.exists()


def test_an_existing_file_is_kept_without_force(run_cli, history_db, tmp_path):
    target = tmp_path / "for-gp.json"
    target.write_text("keep me")
    result = run_cli("--db", history_db, "export", "--fhir", "-o", target)
    assert result.returncode == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text() == "keep me"
    result = run_cli("--db", history_db, "export", "--fhir", "-o", target, "--force")
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_help_names_the_option(run_cli):
    result = run_cli("export", "--help")
    assert result.returncode == 0
    assert "--fhir" in result.stdout and "FHIR" in result.stdout
