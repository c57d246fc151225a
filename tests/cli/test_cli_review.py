"""`painlog chart` (plain text in a pipe, sized to the terminal) and `painlog demo`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from painlog.cli.chart import chart_text, use_colour
from painlog.rules.weekly import weekly_summaries
from painlog.store.demo import demo_history, fill_demo
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
ESC = "\x1b"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Diary.open(str(path)) as diary:
        fill_demo(diary, 16, 1, TODAY)
    return path


@pytest.fixture
def demo_db(tmp_path, demo_template) -> Path:
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_template.read_bytes())
    return copy


# --- painlog chart ---------------------------------------------------------------------


def test_chart_in_a_pipe_is_plain_text_with_the_numbers_first(run_cli, demo_db):
    # No NO_COLOR here: the pipe alone must be enough to turn colour off.
    done = run_cli("chart", "--db", demo_db, env={"NO_COLOR": None})
    assert done.returncode == 0, done.stderr
    assert ESC not in done.stdout
    lines = done.stdout.splitlines()
    assert lines[0] == "As of Sat 21 Nov 2026:"  # the date the chart was drawn for
    assert lines[1] == (
        "Week of 16 Nov: mean 3.0 (down 1.0 from last week), 6 of 6 days logged so far, "
        "9 exercise sessions, lower back on 6 days"
    )
    assert lines[2] == "12-week trend: weekly mean 4.0 -> 3.0 (down 1.0)"
    assert "Weekly pain, 12 weeks: mean ● and max ▪" in done.stdout
    assert "Pain ● worst ◆ by day, mean ── 3.0" in done.stdout
    assert "Sun -" in done.stdout  # today is Saturday: Sunday is a gap, not a zero
    assert done.stderr == ""


@pytest.mark.parametrize("columns", [60, 100, 150])
def test_chart_is_sized_to_the_terminal(run_cli, demo_db, columns):
    done = run_cli("chart", "--db", demo_db, env={"COLUMNS": str(columns), "LINES": "50"})
    assert done.returncode == 0, done.stderr
    frames = [line for line in done.stdout.splitlines() if line.lstrip().startswith("┌")]
    assert len(frames) == 2
    # Below the date and the three sentences (the week, the trend, the PEG).
    widths = {len(line.rstrip()) for line in done.stdout.splitlines()[4:]}
    assert max(widths) <= columns
    assert max(widths) >= columns - 2
    # 50 lines: each chart gets (50 - 4) // 2 = 23 rows, capped at 20.
    assert len(done.stdout.splitlines()) <= 50


def test_chart_as_of_and_weeks(run_cli, demo_db):
    done = run_cli("chart", "--db", demo_db, "--as-of", "2026-11-01", "--weeks", "6")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "As of Sun 1 Nov 2026:\nWeek of 26 Oct: mean 5.6 (up 2.9 from last week)"
    )
    assert "6-week trend: weekly mean " in done.stdout
    assert "Weekly pain, 6 weeks" in done.stdout


def test_ten_years_are_merged_into_spans_that_fit(run_cli, tmp_path):
    path = tmp_path / "ten.db"
    with Diary.open(str(path)) as diary:
        fill_demo(diary, 522, 1, TODAY)
    done = run_cli("chart", "--db", path, "--weeks", "522", env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert "522-week trend: weekly mean" in done.stdout
    assert all(len(line) <= 80 for line in done.stdout.splitlines()[4:])
    assert "2016" in done.stdout or "2017" in done.stdout  # years on the axis


def test_an_empty_diary_says_so_and_draws_nothing(run_cli, tmp_path):
    Diary.open(str(tmp_path / "empty.db")).close()
    done = run_cli("chart", "--db", tmp_path / "empty.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "As of Sat 21 Nov 2026:\n"
        "Week of 16 Nov: nothing logged (0 of 6 days so far)\n12-week trend: nothing logged\n"
        "No PEG yet: answer it from Today or run painlog peg PAIN ENJOYMENT ACTIVITY\n"
    )


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--weeks", "0"], "weeks"),
        (["--weeks", "1041"], "weeks"),
        (["--weeks", "twelve"], "weeks"),
        (["--as-of", "2026-11-22"], "as-of"),
        (["--as-of", "soon"], "as-of"),
    ],
)
def test_bad_chart_arguments_are_refused_in_one_line(cli_main, tmp_path, args, field):
    db = tmp_path / "never.db"
    done = cli_main("chart", "--db", db, *args)
    assert done.returncode == 2
    assert done.stderr.startswith(f"painlog: {field}: ")
    assert len(done.stderr.splitlines()) == 1
    assert done.stdout == ""


def test_colour_only_on_a_terminal_and_never_with_no_color():
    class Terminal:
        def isatty(self) -> bool:
            return True

    class Pipe:
        def isatty(self) -> bool:
            return False

    assert use_colour(Terminal(), {}) is True
    assert use_colour(Terminal(), {"NO_COLOR": "1"}) is False
    assert use_colour(Terminal(), {"NO_COLOR": ""}) is True  # set but empty: no effect
    assert use_colour(Pipe(), {}) is False
    assert use_colour(object(), {}) is False


def test_chart_text_has_escape_codes_only_when_colour_is_asked_for():
    weeks = weekly_summaries(demo_history(16, 1, TODAY), end=TODAY)[-12:]
    assert ESC in chart_text(weeks, 0, 80, 24, colour=True)
    plain = chart_text(weeks, 0, 80, 24, colour=False)
    assert ESC not in plain
    assert "Mon 4" in plain  # each day's label carries its score


def test_chart_in_a_fake_terminal_honours_no_color(tmp_path, demo_db):
    """Through main(), with stdout claiming to be a terminal."""
    script = (
        "import io, sys\n"
        "class Tty(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "out = Tty(); sys.stdout = out\n"
        "from painlog.cli import main\n"
        f"code = main(['chart', '--db', {str(demo_db)!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(repr(out.getvalue().count('\\x1b')), code)\n"
    )
    env = {"PAINLOG_TODAY": TODAY.isoformat(), "PYTHONUTF8": "1"}
    coloured = _python(script, env)
    plain = _python(script, {**env, "NO_COLOR": "1"})
    assert coloured.split()[1] == plain.split()[1] == "0"
    assert int(coloured.split()[0]) > 0
    assert int(plain.split()[0]) == 0


def test_chart_never_imports_textual(demo_db):
    script = (
        "import io, json, sys\n"
        "sys.stdout = io.StringIO()\n"
        "from painlog.cli import main\n"
        f"code = main(['chart', '--db', {str(demo_db)!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'textual_plotext'))]))\n"
    )
    code, loaded = json.loads(_python(script, {"PAINLOG_TODAY": TODAY.isoformat()}))
    assert code == 0
    assert loaded == []


def _python(script: str, env: dict[str, str]) -> str:
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PAINLOG_DB")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**full, **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


# --- painlog demo ----------------------------------------------------------------------


def test_demo_fills_a_new_database_that_opens_with_every_screen_populated(run_cli, tmp_path):
    db = tmp_path / "new.db"
    done = run_cli("demo", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Filled {db} with 106 logged days from 2026-08-02 to 2026-11-21")
    assert f"painlog --db {db}" in done.stdout
    with Diary.open(str(db)) as diary:
        assert diary.days() == demo_history(16, 1, TODAY)
        assert diary.profile().onset == date(2026, 8, 2)
    alerts = run_cli("alerts", "--db", db, "--json")
    kinds = {alert["kind"] for alert in json.loads(alerts.stdout)}
    assert "red_flag" in kinds  # the one warning sign, recent enough to show


def test_the_same_seed_gives_the_same_diary(run_cli, tmp_path):
    for name in ("a.db", "b.db", "c.db"):
        seed = "5" if name != "c.db" else "6"
        assert (
            run_cli("demo", "--db", tmp_path / name, "--seed", seed, "--weeks", "8").returncode == 0
        )
    days = {}
    for name in ("a.db", "b.db", "c.db"):
        with Diary.open(str(tmp_path / name)) as diary:
            days[name] = diary.days()
    assert days["a.db"] == days["b.db"] != days["c.db"]


def test_demo_refuses_a_database_that_holds_logs_and_leaves_it_alone(run_cli, diary_file):
    with Diary.open(str(diary_file)) as diary:
        before = (diary.days(), diary.profile())
    done = run_cli("demo", "--db", diary_file)
    assert done.returncode == 2
    assert done.stderr == (
        f"painlog: db: '{diary_file}' is not accepted; expected an empty database\n"
    )
    with Diary.open(str(diary_file)) as diary:
        assert (diary.days(), diary.profile()) == before


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--weeks", "3"], "weeks"),
        (["--weeks", "1041"], "weeks"),
        (["--weeks", "x"], "weeks"),
        (["--seed", "1.5"], "seed"),
    ],
)
def test_bad_demo_arguments_are_refused_before_any_file_is_made(cli_main, tmp_path, args, field):
    db = tmp_path / "never.db"
    done = cli_main("demo", "--db", db, *args)
    assert done.returncode == 2
    assert done.stderr.startswith(f"painlog: {field}: ")
    assert not db.exists()


def test_demo_without_db_never_touches_the_diary(run_cli, cli_env, tmp_path):
    done = run_cli("demo", "--weeks", "4")
    assert done.returncode == 0, done.stderr
    data = Path(cli_env["XDG_DATA_HOME"]) / "painlog"
    assert (data / "painlog-demo.db").exists()
    assert not (data / "painlog.db").exists()
    again = run_cli("demo", "--weeks", "4")
    assert again.returncode == 2  # the demo database now holds logs


def test_demo_defaults_match_the_generator():
    from painlog.cli import demo as cli_demo
    from painlog.store import demo

    assert (cli_demo.DEMO_WEEKS, cli_demo.DEMO_SEED) == (
        demo.DEFAULT_WEEKS,
        demo.DEFAULT_SEED,
    )
