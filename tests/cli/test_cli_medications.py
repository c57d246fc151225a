"""`painlog meds`, `painlog treatments`, and `--took` / `--treated` on `painlog log`, as a
person runs them, in a subprocess; every refusal leaves the diary's folder as it was."""

from __future__ import annotations

import hashlib
from datetime import date, time
from pathlib import Path

import pytest
from cli_results import ok, refused

from painlog.rules.records import Intake
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below the folder (diary, sidecars, backups) with the sha256 of its bytes."""
    return {
        str(item.relative_to(folder)): hashlib.sha256(item.read_bytes()).hexdigest()
        for item in sorted(folder.rglob("*"))
        if item.is_file()
    }


@pytest.fixture
def with_meds(run_cli, diary_file):
    ok(run_cli("--db", diary_file, "meds", "add", "Ibuprofen", "--dose", "400 mg", "--as-needed"))
    ok(run_cli("--db", diary_file, "meds", "add", "Paracetamol"))
    return diary_file


def test_meds_add_list_rename_retire_restore(run_cli, with_meds):
    out = ok(run_cli("--db", with_meds, "meds"))
    assert out.splitlines()[:3] == [
        "Your medications",
        "  ibuprofen    Ibuprofen: 400 mg, as needed",
        "  paracetamol  Paracetamol",
    ]
    out = ok(run_cli("--db", with_meds, "meds", "rename", "paracetamol", "Paracetamol 500"))
    assert out == "Now paracetamol  Paracetamol 500\n"
    ok(run_cli("--db", with_meds, "meds", "retire", "ibuprofen"))
    lines = ok(run_cli("--db", with_meds, "meds")).splitlines()
    assert lines[-2:] == [
        "Retired (kept on the days that have them)",
        "  ibuprofen    Ibuprofen: 400 mg, as needed",
    ]
    ok(run_cli("--db", with_meds, "meds", "restore", "ibuprofen"))
    with Diary.open(str(with_meds)) as diary:
        assert [(x.slug, x.retired) for x in diary.medications()] == [
            ("ibuprofen", False),
            ("paracetamol", False),
        ]


def test_the_issues_line_logs_two_intakes_and_a_heat_pack(run_cli, with_meds):
    out = ok(
        run_cli(
            "--db", with_meds, "log", "5",
            "--took", "ibuprofen:400mg@08:00,ibuprofen@14:00", "--treated", "heat",
        )
    )  # fmt: skip
    assert "took Ibuprofen 400mg at 08:00, Ibuprofen at 14:00; treated with Heat" in out
    with Diary.open(str(with_meds)) as diary:
        day = diary.load_day(TODAY)
    assert day.took == (
        Intake("ibuprofen", "400mg", time(8, 0)),
        Intake("ibuprofen", None, time(14, 0)),
    )
    assert day.treated == ("heat",)
    # The day's earlier log is kept: --took and --treated add to it.
    assert day.places and day.note


def test_took_and_treated_add_to_the_day_and_show_lists_them(run_cli, with_meds):
    ok(run_cli("--db", with_meds, "log", "4", "--took", "ibuprofen", "--treated", "heat"))
    out = ok(
        run_cli("--db", with_meds, "log", "4", "--took", "para 1 g 20:00", "--treated", "phys")
    )
    assert "Changed: added Physiotherapy session; took Paracetamol 1 g at 20:00." in out
    shown = ok(run_cli("--db", with_meds, "show", "--date", "today"))
    assert "  Took:      Ibuprofen, Paracetamol 1 g at 20:00" in shown
    assert "  Treated:   Heat, Physiotherapy session" in shown


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        (("log", "4", "--took", "aspirin"), "took", "painlog meds add NAME"),
        (("log", "4", "--took", "ibuprofen@25:00"), "time", "HH:MM"),
        (("log", "4", "--took", "ibuprofen@8h"), "time", "HH:MM"),
        (("log", "4", "--took", "ibuprofen:" + "d" * 41), "dose", "40 characters"),
        (("log", "4", "--took", "ibuprofen:"), "dose", "after the colon"),
        (("log", "4", "--treated", "cupping"), "treated", "painlog treatments"),
        (("log", "4", "--treated", "heat,heat"), "treated", "at most once"),
        (("meds", "add", "ibuprofen"), "name", "not already used"),
        (("meds", "add", "x" * 61), "name", "1 to 60 characters"),
        (("meds", "add", "Naproxen", "--dose", "d" * 41), "dose", "40 characters"),
        (("meds", "retire", "aspirin"), "medication", "ibuprofen, paracetamol"),
        (("treatments", "add", "Heat"), "name", "not already used"),
        (("treatments", "retire", "heat"), "treatment", "cannot be changed"),
    ],
)
def test_a_refusal_names_the_field_and_changes_nothing(run_cli, with_meds, args, field, words):
    before = fingerprint(with_meds.parent)
    line = refused(run_cli("--db", with_meds, *args))
    assert line.startswith(f"painlog: {field}: "), line
    assert words in line, line
    assert fingerprint(with_meds.parent) == before


def test_a_retired_medication_is_refused_with_how_to_restore_it(run_cli, with_meds):
    ok(run_cli("--db", with_meds, "meds", "retire", "ibuprofen"))
    before = fingerprint(with_meds.parent)
    line = refused(run_cli("--db", with_meds, "log", "4", "--took", "ibu"))
    assert "painlog meds restore ibuprofen" in line
    assert fingerprint(with_meds.parent) == before


def test_without_a_diary_took_says_to_add_a_medication_and_creates_nothing(run_cli, tmp_path):
    folder = tmp_path / "new"
    line = refused(run_cli("--db", folder / "diary.db", "log", "4", "--took", "ibuprofen"))
    assert "painlog meds add NAME" in line
    assert not folder.exists()


def test_own_treatments_and_the_list_with_sources(run_cli, diary_file):
    out = ok(run_cli("--db", diary_file, "treatments", "add", "Kinesio taping"))
    assert out.splitlines()[0] == "Added own-kinesio-taping  Kinesio taping"
    listed = ok(run_cli("--db", diary_file, "treatments"))
    assert [line.split()[:2] for line in listed.splitlines()[1:8]][5] == ["tens", "TENS"]
    assert "(Encyclopedic low back pain summary (treatments))" in listed
    assert listed.rstrip().endswith("own-kinesio-taping  Kinesio taping")
    ok(run_cli("--db", diary_file, "log", "3", "--treated", "kinesio taping"))
    with Diary.open(str(diary_file)) as diary:
        assert diary.load_day(TODAY).treated == ("own-kinesio-taping",)


def test_log_help_points_to_meds_and_lists_the_treatments(run_cli):
    out = ok(run_cli("log", "--help"))
    assert "--took MED[:DOSE][@HH:MM],..." in out
    assert "painlog meds" in out and "acupuncture" in out
