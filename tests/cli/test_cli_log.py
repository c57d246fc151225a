"""`painlog log`, `show`, `exercises` and `profile` as a person runs them, in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import platformdirs
import pytest
from cli_results import ok

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.seeds import catalogue
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
YESTERDAY = date(2026, 11, 20)
NOTE = 'Slept badly, "really" badly; it\'s 3/10 — ça va? 😖 ألم في الظهر\nsecond line, too'


def stored(path: Path) -> list[DayLog]:
    with Diary.open(str(path)) as diary:
        return diary.days()


def stored_day(path: Path, day: date) -> DayLog | None:
    with Diary.open(str(path)) as diary:
        return diary.load_day(day)


def test_log_records_every_field_and_show_prints_it(run_cli, db_path):
    out = ok(
        run_cli(
            "--db",
            db_path,
            "log",
            "4",
            "--where",
            "lower-back:left:sharp,hip-side:right",
            "--did",
            "walking:30min,glute-bridge:3x10",
            "--flag",
            "fever",
            "--worst",
            "7",
            "--bed-rest",
            "--note",
            NOTE,
        )
    )
    expected = DayLog(
        TODAY,
        4,
        worst=7,
        places=(Place("lower-back", "left", "sharp"), Place("hip-side", "right")),
        exercises=(ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)),
        flags=("fever",),
        bed_rest=True,
        note=NOTE,
    )
    assert stored(db_path) == [expected]
    first = out.splitlines()[0]
    assert first.startswith("Logged Sat 21 Nov 2026: pain 4/10 (moderate), worst 7; ")
    for part in ("Lower back (left, sharp)", "Walking 30 min", "Glute bridge 3x10", "bed rest"):
        assert part in first

    shown = ok(run_cli("show", "--db", db_path)).splitlines()
    assert shown[0] == "Sat 21 Nov 2026"
    body = "\n".join(shown)
    for part in (
        "Pain:      4/10 (moderate), worst 7",
        "Lower back (left, sharp)",
        "Glute bridge 3x10",
        "Walking 30 min",
        "Bed rest:  yes",
        'Note:      Slept badly, "really" badly; it\'s 3/10 — ça va? 😖 ألم في الظهر',
        "             second line, too",
    ):
        assert part in body
    assert catalogue().red_flag("fever").name in body


@pytest.mark.parametrize(
    ("when", "day", "heading"),
    [
        ("yesterday", date(2026, 11, 20), "Fri 20 Nov 2026"),
        ("3 days ago", date(2026, 11, 18), "Wed 18 Nov 2026"),
        ("2026-11-03", date(2026, 11, 3), "Tue 3 Nov 2026"),
    ],
)
def test_log_for_another_day(cli_main, db_path, when, day, heading):
    out = ok(cli_main("--db", db_path, "log", "3", "--date", when))
    assert out.startswith(f"Logged {heading}: pain 3/10")
    assert stored(db_path) == [DayLog(day, 3)]


def test_logging_a_day_again_adds_to_it_and_says_what_changed_and_was_kept(run_cli, diary_file):
    before = stored_day(diary_file, TODAY)
    assert before.places and before.exercises
    out = ok(run_cli("--db", diary_file, "log", "6", "--did", "yoga:20min"))
    lines = out.splitlines()
    assert lines[0].startswith("Updated Sat 21 Nov 2026: pain 6/10")
    assert lines[1] == "Changed: pain 4 -> 6; added Yoga 20 min."
    assert lines[2] == (
        "Kept: worst 6; Lower back (left, sharp); Outer hip (right); Walking 30 min; "
        "Glute bridge 3x10; note."
    )
    assert stored_day(diary_file, TODAY) == DayLog(
        TODAY,
        6,
        worst=6,
        places=before.places,
        exercises=(*before.exercises, ExerciseDone("yoga", minutes=20)),
        note=before.note,
    )
    assert stored_day(diary_file, date(2026, 11, 18)) == DayLog(
        date(2026, 11, 18), 2, places=(Place("knee", "right"),)
    )


def test_a_second_log_keeps_worst_bed_rest_and_note(cli_main, db_path):
    ok(
        cli_main(
            "--db",
            db_path,
            "log",
            "6",
            "--date",
            "yesterday",
            "--worst",
            "8",
            "--bed-rest",
            "--note",
            "bad night",
        )
    )
    out = ok(cli_main("--db", db_path, "log", "5", "--date", "yesterday"))
    assert "Kept: worst 8; bed rest; note." in out
    assert stored(db_path) == [DayLog(YESTERDAY, 5, worst=8, bed_rest=True, note="bad night")]


def test_an_exercise_on_a_day_with_places_keeps_the_places(cli_main, db_path):
    ok(cli_main("--db", db_path, "log", "5", "--where", "lower-back:left,hip-side:right"))
    ok(cli_main("--db", db_path, "log", "4", "--did", "walking:30min"))
    assert stored(db_path) == [
        DayLog(
            TODAY,
            4,
            places=(Place("lower-back", "left"), Place("hip-side", "right")),
            exercises=(ExerciseDone("walking", minutes=30),),
        )
    ]


def test_given_empty_the_worst_and_note_are_cleared_and_no_bed_rest_unsets(cli_main, db_path):
    ok(cli_main("--db", db_path, "log", "6", "--worst", "8", "--bed-rest", "--note", "x"))
    out = ok(
        cli_main("--db", db_path, "log", "6", "--worst", "none", "--note", "", "--no-bed-rest")
    )
    assert "Changed: worst cleared; bed rest cleared; note cleared." in out
    assert stored(db_path) == [DayLog(TODAY, 6)]


def test_replace_gives_the_day_exactly_what_the_command_gives(cli_main, diary_file):
    out = ok(cli_main("--db", diary_file, "log", "3", "--replace"))
    assert out.startswith("Replaced Sat 21 Nov 2026: pain 3/10")
    assert "removed Walking 30 min" in out and "note cleared" in out
    assert stored_day(diary_file, TODAY) == DayLog(TODAY, 3)


def test_a_kept_worst_below_the_new_pain_is_refused_untouched(run_cli, db_path):
    ok(run_cli("--db", db_path, "log", "6", "--worst", "8"))
    before = db_path.read_bytes()
    refused = run_cli("--db", db_path, "log", "9")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("painlog: worst: ")
    assert "--worst none" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert db_path.read_bytes() == before


def test_show_an_unlogged_day(cli_main, diary_file):
    out = ok(cli_main("--db", diary_file, "show", "--date", "2026-11-01"))
    assert out == "Sun 1 Nov 2026: nothing logged.\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_is_accepted_before_and_after_the_command(cli_main, diary_file, where):
    args = ["show", "--date", "3 days ago"]
    args = ["--db", diary_file, *args] if where == "before" else [*args, "--db", diary_file]
    out = ok(cli_main(*args))
    assert out.splitlines()[:2] == ["Wed 18 Nov 2026", "  Pain:      2/10 (mild)"]


def test_painlog_db_environment_variable_is_honoured(run_cli, db_path):
    ok(run_cli("log", "5", "--date", "yesterday", env={"PAINLOG_DB": str(db_path)}))
    assert stored(db_path) == [DayLog(date(2026, 11, 20), 5)]


def test_db_option_wins_over_the_environment(run_cli, diary_file, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "other.db"
    out = ok(run_cli("show", "--db", diary_file, env={"PAINLOG_DB": str(elsewhere)}))
    assert "4/10" in out
    assert not elsewhere.parent.exists()


@pytest.mark.skipif(platformdirs.PlatformDirs.__name__ != "Unix", reason="XDG is Unix only")
def test_without_db_the_platform_data_folder_is_used(run_cli, cli_env):
    expected = Path(cli_env["XDG_DATA_HOME"]) / "painlog" / "painlog.db"
    refused = run_cli("profile")
    assert refused.returncode == 2
    assert str(expected) in refused.stderr
    assert not expected.parent.exists()
    out = ok(run_cli("profile", "--birth-year", "1960"))
    assert f"Database:     {expected}" in out
    assert expected.is_file()


def test_exercises_lists_the_whole_catalogue(run_cli):
    out = ok(run_cli("exercises"))
    lines = out.splitlines()
    assert lines[lines.index("Your own") + 1].startswith("  none yet: painlog exercises add")
    lines = lines[: lines.index("Your own")]
    listed = {line.split()[0] for line in lines if line.startswith("  ") and line[2] != " "}
    assert listed == {x.slug for x in catalogue().exercises}
    for heading in ("Strength", "Stretch", "Aerobic"):
        assert heading in lines


def test_the_installed_script_runs(cli_env, tmp_path):
    script = Path(sys.executable).with_name("painlog")
    if not script.exists():
        script = shutil.which("painlog")
        if script is None:
            pytest.skip("no painlog script installed")
    Diary.open(str(tmp_path / "s.db")).close()
    result = subprocess.run(
        [str(script), "--db", str(tmp_path / "s.db"), "show"],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Sat 21 Nov 2026: nothing logged.\n"


def test_profile_shows_sets_and_clears(run_cli, cli_main, diary_file):
    out = ok(
        run_cli("--db", diary_file, "profile", "--birth-year", "1960", "--onset", "2026-10-01")
    )
    assert "Birth year:   1960" in out
    assert "Pain started: 2026-10-01" in out
    assert f"Database:     {diary_file}" in out

    out = ok(cli_main("--db", diary_file, "profile", "--onset", "none"))
    assert "Birth year:   1960" in out
    assert "Pain started: not given" in out

    out = ok(
        cli_main("--db", diary_file, "profile", "--birth-year", "None", "--onset", "6 weeks ago")
    )
    assert "Birth year:   not given" in out
    assert "Pain started: 2026-10-10" in out
    with Diary.open(str(diary_file)) as diary:
        assert diary.profile() == Profile(None, date(2026, 10, 10))


def test_a_log_naming_exercises_opens_the_diary_once_and_copies_it_as_it_was(
    cli_main, diary_file, monkeypatch
):
    from painlog.store import backup
    from painlog.store.clock import local_today

    with Diary.open(str(diary_file), read_only=True) as diary:
        held = diary.days()
    opened: list[dict] = []
    real = Diary.open.__func__

    def counted(cls, *args, **kwargs):
        opened.append(kwargs)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Diary, "open", classmethod(counted))
    refused = cli_main("--db", diary_file, "log", "4", "--did", "walking", "--worst", "2")
    assert refused.returncode == 2, refused.stderr
    assert not backup.backups_folder(diary_file).exists()
    opened.clear()
    done = cli_main("--db", diary_file, "log", "4", "--did", "walking", "--date", "2026-11-19")
    assert done.returncode == 0, done.stderr
    assert opened == [{"untouched": True}]
    copy = backup.backups_folder(diary_file) / backup.daily_name(diary_file, local_today())
    with Diary.open(str(copy), read_only=True) as before:
        assert before.days() == held


def test_a_refused_log_naming_exercises_leaves_a_restored_diary_as_it_was(cli_main, diary_file):
    import hashlib
    import sqlite3

    connection = sqlite3.connect(diary_file)
    connection.execute("PRAGMA journal_mode = DELETE")  # as a copy restored by hand is
    connection.close()

    def files() -> dict[str, str]:
        return {
            str(p.relative_to(diary_file.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(diary_file.parent.rglob("*"))
            if p.is_file()
        }

    before = files()
    refused = cli_main("--db", diary_file, "log", "4", "--did", "walking", "--worst", "2")
    assert refused.returncode == 2
    assert files() == before
    done = cli_main("--db", diary_file, "log", "4", "--did", "walking", "--date", "2026-11-19")
    assert done.returncode == 0, done.stderr
    assert stored_day(diary_file, date(2026, 11, 19)).exercises == (
        ExerciseDone("walking", None, None, None),
    )
