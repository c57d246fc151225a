"""`painlog exercises` and its actions, and own exercises in `log`, `show` and `import`, as a
person runs them, in a subprocess."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from cli_results import ok

from painlog.rules.records import ExerciseDone
from painlog.store.diary import Diary


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below the folder (diary, sidecars, backups) with the sha256 of its bytes."""
    return {
        str(item.relative_to(folder)): hashlib.sha256(item.read_bytes()).hexdigest()
        for item in sorted(folder.rglob("*"))
        if item.is_file()
    }


def own(path: Path) -> list[tuple]:
    with Diary.open(str(path)) as diary:
        return [(x.slug, x.name, x.category, x.dose, x.retired) for x in diary.own_exercises()]


def test_add_prints_the_slug_to_log_it_with(run_cli, db_path):
    out = ok(
        run_cli(
            "--db", db_path, "exercises", "add", "Clamshell with band",
            "--category", "strength", "--dose", "3 x 12 each side",
        )
    )  # fmt: skip
    assert out == (
        "Added own-clamshell-with-band  Clamshell with band (strength): 3 x 12 each side\n"
        "Log it with: painlog log PAIN --did own-clamshell-with-band\n"
    )
    assert own(db_path) == [
        ("own-clamshell-with-band", "Clamshell with band", "strength", "3 x 12 each side", False)
    ]


def test_the_list_shows_own_exercises_after_the_catalogue_and_the_retired_apart(
    run_cli, diary_file
):
    for name in ("Bird dog", "Dead bug"):
        ok(run_cli("--db", diary_file, "exercises", "add", name, "--category", "other"))
    ok(run_cli("--db", diary_file, "exercises", "retire", "own-dead-bug"))
    lines = ok(run_cli("--db", diary_file, "exercises")).splitlines()
    mine = lines[lines.index("Your own") :]
    assert mine[1].split() == ["own-bird-dog", "Bird", "dog", "(other)"]
    assert mine[3] == "Retired (kept on the days that have them)"
    assert mine[4].split()[0] == "own-dead-bug"


def test_log_and_show_use_the_own_exercises_name(run_cli, diary_file):
    ok(run_cli("--db", diary_file, "exercises", "add", "Bird dog", "--category", "strength"))
    out = ok(
        run_cli("--db", diary_file, "log", "3", "--did", "own-bird-dog:2x8,walking", "--replace")
    )
    assert "Bird dog 2x8, Walking" in out
    ok(run_cli("--db", diary_file, "exercises", "rename", "own-bird-dog", "Bird dog, slow"))
    assert "Did:       Bird dog, slow 2x8, Walking" in ok(run_cli("--db", diary_file, "show"))
    with Diary.open(str(diary_file)) as diary:
        assert diary.load_day(diary.days()[-1].day).exercises[0] == ExerciseDone(
            "own-bird-dog", 2, 8
        )


def test_a_retired_exercise_is_refused_for_a_new_log_and_nothing_changes(run_cli, diary_file):
    ok(run_cli("--db", diary_file, "exercises", "add", "Bird dog", "--category", "strength"))
    assert "Retired own-bird-dog" in ok(
        run_cli("--db", diary_file, "exercises", "retire", "own-bird-dog")
    )
    with Diary.open(str(diary_file)) as diary:
        before = diary.days()
    result = run_cli("--db", diary_file, "log", "3", "--did", "own-bird-dog")
    assert result.returncode == 2
    assert "retired" in result.stderr and "painlog exercises restore own-bird-dog" in result.stderr
    with Diary.open(str(diary_file)) as diary:
        assert diary.days() == before
    ok(run_cli("--db", diary_file, "exercises", "restore", "own-bird-dog"))
    ok(run_cli("--db", diary_file, "log", "3", "--did", "own-bird-dog"))


def test_rename_can_change_category_and_dose_too(run_cli, diary_file):
    ok(run_cli("--db", diary_file, "exercises", "add", "Bird dog", "--category", "strength"))
    out = ok(
        run_cli(
            "--db", diary_file, "exercises", "rename", "own-bird-dog", "Bird dog",
            "--category", "other", "--dose", "2 x 8",
        )
    )  # fmt: skip
    assert out == "Now own-bird-dog  Bird dog (other): 2 x 8\n"


def test_the_list_never_creates_a_database(run_cli, tmp_path):
    missing = tmp_path / "not-yet" / "painlog.db"
    out = ok(run_cli("--db", missing, "exercises"))
    assert "Your own\n  none yet" in out
    assert not missing.parent.exists()


def test_import_says_which_own_exercises_it_added(run_cli, diary_file, tmp_path):
    ok(run_cli("--db", diary_file, "exercises", "add", "Bird dog", "--category", "strength"))
    ok(run_cli("--db", diary_file, "log", "3", "--date", "2026-11-20", "--did", "own-bird-dog"))
    export = tmp_path / "daily.csv"
    ok(run_cli("--db", diary_file, "export", "--daily", "-o", export))
    fresh = tmp_path / "fresh.db"
    out = ok(run_cli("--db", fresh, "import", export))
    assert "Added 1 exercise of your own that the file names" in out
    assert "own-bird-dog (Bird dog)" in out
    assert own(fresh) == [("own-bird-dog", "Bird dog", "other", "", False)]


def test_a_name_already_one_of_yours_is_refused_and_the_folder_left_as_it_was(run_cli, diary_file):
    ok(run_cli("--db", diary_file, "exercises", "add", "Bird dog", "--category", "strength"))
    folder = diary_file.parent
    # As on a later day: today's backup not made yet, so opening the diary would make one.
    shutil.rmtree(folder / "backups")
    before = fingerprint(folder)
    result = run_cli("--db", diary_file, "exercises", "add", "BIRD DOG", "--category", "other")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "painlog: name: 'BIRD DOG' is not accepted; expected a name not already used "
        "(one of yours: own-bird-dog)\n"
    )
    assert fingerprint(folder) == before
