"""`painlog report`: text on the terminal, HTML in a file, the refusals, nothing written
then."""

from __future__ import annotations

import hashlib
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)


def make(path: Path) -> Path:
    with Diary.open(str(path)) as diary:
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=n),
                    3 + n % 3,
                    places=(Place("lower-back", "left", "ache"),),
                    exercises=(ExerciseDone("walking", minutes=20),),
                    flags=("fever",) if n == 4 else (),
                )
                for n in range(30)
            ]
        )
    return path


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_on_standard_output_by_default(run_cli, tmp_path):
    db = make(tmp_path / "d.db")
    result = run_cli("--db", db, "report")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Pain diary report: 23 Oct 2026 to 21 Nov 2026 (30 days, 30 logged)"
    assert "  Fever or feeling unwell: 17 Nov 2026" in lines
    assert "  Lower back, left: 30 (ache)" in lines
    assert "  Walking: 30 (20 min)" in lines
    assert max(len(line) for line in lines) <= 80


def test_html_in_a_file_readable_by_you_only(run_cli, tmp_path):
    db = make(tmp_path / "d.db")
    target = tmp_path / "visit.html"
    result = run_cli("--db", db, "report", "--from", "2026-11-01", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Wrote the report on 2026-11-01 to 2026-11-21 to {target} (readable by you only).\n"
    )
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Pain diary report: 1 Nov 2026 to 21 Nov 2026" in html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(("name", "form"), [("visit.txt", "text"), ("visit.htm", "html")])
def test_the_file_name_chooses_the_form(run_cli, tmp_path, name, form):
    db = make(tmp_path / "d.db")
    run_cli("--db", db, "report", "-o", tmp_path / name)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") == (form == "html")


def test_format_text_to_a_file(run_cli, tmp_path):
    db = make(tmp_path / "d.db")
    run_cli("--db", db, "report", "--format", "text", "-o", tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("Pain diary report:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "painlog: format: 'pdf' is not accepted; expected html or text"),
        (
            ["--from", "2026-12-01"],
            "painlog: from: '2026-12-01' is not accepted; expected 2026-11-21 or earlier (the end)",
        ),
        (["--from", "soon"], "painlog: from: 'soon' is not accepted; expected"),
    ],
)
def test_refusals_are_one_line_exit_2_and_write_nothing(run_cli, tmp_path, args, message):
    db = make(tmp_path / "d.db")
    before = fingerprint(db)
    target = tmp_path / "r.html"
    result = run_cli("--db", db, "report", *args, "-o", target)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert not target.exists()
    assert fingerprint(db) == before


def test_an_existing_file_is_kept_without_force(run_cli, tmp_path):
    db = make(tmp_path / "d.db")
    target = tmp_path / "r.html"
    target.write_text("mine")
    result = run_cli("--db", db, "report", "-o", target)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert target.read_text() == "mine"
    assert run_cli("--db", db, "report", "-o", target, "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_note_marked_from_the_shell_is_in_the_report(run_cli, tmp_path):
    db = make(tmp_path / "d.db")
    done = run_cli("--db", db, "log", "6", "--note", "Could not sit through a film", "--for-report")
    assert done.returncode == 0, done.stderr
    assert "Its note goes in the clinician's report (painlog report)." in done.stdout
    lines = run_cli("--db", db, "report").stdout.splitlines()
    assert lines[-2:] == [
        "Notes marked for this report",
        "  21 Nov 2026: Could not sit through a film",
    ]
    undone = run_cli("--db", db, "log", "6", "--no-for-report")
    assert "left out of the clinician's report" in undone.stdout
    assert "Notes marked for this report" not in run_cli("--db", db, "report").stdout


@pytest.mark.parametrize("note", [None, ""])
def test_marking_a_day_without_a_note_is_refused_and_changes_nothing(run_cli, tmp_path, note):
    db = make(tmp_path / "d.db")
    before = fingerprint(db)
    args = ["--db", db, "log", "6", "--for-report"] + ([] if note is None else ["--note", note])
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("painlog: for-report: '2026-11-21' is not accepted; expected")
    assert len(result.stderr.splitlines()) == 1
    assert fingerprint(db) == before
