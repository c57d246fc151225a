"""Refusals, not crashes: any arguments to any command end in 0 (done) or 2 (refused in
words), never in 70 (a bug) or 1, and never print a traceback.

The values drawn mix what a person might mistype with what nobody would: empty strings,
5,000 digits, digits of other scripts, years 0001 and 9999, control characters, paths that
are folders, devices or missing. Paths stay inside the test's folder (the working folder
is moved there), and no device is ever written to (`--force` is never drawn).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HUGE = "9" * 5_000
ABSURD = [
    "",
    " ",
    "-",
    "--",
    "0",
    "-1",
    "4.5",
    "99999999999999999999",
    HUGE,
    "-" + HUGE,
    "٣",
    "３",
    "1e9",
    "nan",
    "None",
    "none",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "9999-12-31",
    "10000-01-01",
    "3/11/2026",
    "2026-02-30",
    HUGE + " days ago",
    "today",
    "monday",
    "\u202eevil",
    "\x1b[2J\x1b]52;c;aGk=\x07",
    "x" * 100_001,
    "🙂",
    "own-",
    "own-bird-dog",
    ",,,",
    ":",
    "lower-back:left:sharp:extra",
    "walking:99999999min",
    "walking:3x" + HUGE,
]
VALUES = st.one_of(
    st.sampled_from(ABSURD),
    st.text(st.characters(exclude_characters="\x00"), max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
)
# Relative paths: the working folder is the test's own. No device is ever an output.
OUTPUTS = st.sampled_from(
    ["", ".", "..", "out.csv", "sub/out.csv", "missing/deeper/out.csv", "é🙂.csv", "n" * 300]
)
INPUTS = st.sampled_from(
    ["", ".", "missing.csv", "good.csv", "bad.csv", "binary.bin", "/dev/null", "n" * 300]
)

SETTINGS = settings(
    max_examples=int(os.environ.get("PAINLOG_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def option(name: str, value: str) -> list[str]:
    """`--name=value`, so a value starting with a dash is never taken for an option."""
    return [f"{name}={value}"]


@st.composite
def options(draw, names: list[str], flags: list[str] = ()) -> list[str]:
    argv: list[str] = []
    for name in draw(st.lists(st.sampled_from(names), unique=True)) if names else []:
        argv += option(name, draw(VALUES))
    for flag in draw(st.lists(st.sampled_from(flags), unique=True)) if flags else []:
        argv.append(flag)
    return argv


def positional(value: str) -> list[str]:
    return ["--", value]


COMMANDS = {
    "log": st.builds(
        lambda pain, rest: [*rest, *positional(pain)],
        VALUES,
        options(["--date", "--where", "--did", "--flag", "--worst", "--note"], ["--bed-rest"]),
    ).map(lambda argv: ["log", *argv]),
    "show": options(["--date"]).map(lambda argv: ["show", *argv]),
    "profile": options(["--birth-year", "--onset"]).map(lambda argv: ["profile", *argv]),
    "alerts": options(["--as-of"], ["--json"]).map(lambda argv: ["alerts", *argv]),
    "chart": options(["--weeks", "--as-of"]).map(lambda argv: ["chart", *argv]),
    "demo": options(["--weeks", "--seed"]).map(lambda argv: ["demo", *argv]),
    "status": st.just(["status"]),
    "export": st.builds(
        lambda rest, output: [*rest, *([] if output is None else option("--output", output))],
        options(["--from", "--to"], ["--daily"]),
        st.none() | OUTPUTS,
    ).map(lambda argv: ["export", *argv]),
    "import": st.builds(
        lambda flags, source: ["import", *flags, *positional(source)],
        st.sampled_from([[], ["--replace"], ["--skip-existing"], ["--replace", "--skip-existing"]]),
        INPUTS,
    ),
    "backup": st.builds(
        lambda path: ["backup", *([] if path is None else positional(path))],
        st.none() | OUTPUTS,
    ),
    "exercises": st.one_of(
        st.just(["exercises"]),
        st.builds(
            lambda name, rest: ["exercises", "add", *rest, *positional(name)],
            VALUES,
            options(["--category", "--dose"]),
        ),
        st.builds(
            lambda slug, name, rest: ["exercises", "rename", *rest, "--", slug, name],
            VALUES | st.just("own-bird-dog"),
            VALUES,
            options(["--category", "--dose"]),
        ),
        st.builds(
            lambda action, slug: ["exercises", action, *positional(slug)],
            st.sampled_from(["retire", "restore"]),
            VALUES | st.just("own-bird-dog"),
        ),
    ),
}


@pytest.fixture
def playground(tmp_path, diary_file, monkeypatch) -> Path:
    """The working folder for the drawn paths, with files to import."""
    from painlog.store.csv_format import DAILY_COLUMNS

    folder = tmp_path / "play"
    folder.mkdir()
    header = ",".join(DAILY_COLUMNS) + "\r\n"
    (folder / "good.csv").write_text(header + "2026-11-19,3,,,,,no,\r\n", encoding="utf-8")
    (folder / "bad.csv").write_text(header + f"2026-11-19,{HUGE},,,,,no,\r\n", encoding="utf-8")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_arguments_end_in_a_crash(cli_main, diary_file, playground, command):
    with_own = diary_file.parent / "with-own.db"
    from painlog.store.diary import Diary

    shutil.copy(diary_file, with_own)
    with Diary.open(str(with_own)) as diary:
        diary.add_exercise("Bird dog", "strength")

    @SETTINGS
    @given(argv=COMMANDS[command])
    def run(argv):
        db = playground / "diary.db"
        shutil.copy(with_own, db)
        result = cli_main("--db", db, *argv)
        assert result.returncode in (0, 2), (result.returncode, argv, result.stderr)
        assert "Traceback" not in result.stderr, (argv, result.stderr)
        assert "Exception" not in result.stderr, (argv, result.stderr)
        if result.returncode == 2:
            lines = result.stderr.splitlines()
            assert lines and all(line.startswith("painlog") for line in lines), result.stderr

    run()
