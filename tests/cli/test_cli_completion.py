"""Tab completion (`painlog completion`): painlog run as the shell scripts run it, with
argcomplete's environment, and the words it offers read back from the file it writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_cli_exercises import fingerprint
from test_cli_refusals import assert_one_line_refusal

IFS = "\v"


@pytest.fixture
def complete(cli_env, tmp_path):
    """Ask painlog for the completions of a command line typed up to its end."""
    answer = tmp_path / "completions"

    def run(line: str) -> list[str]:
        env = dict(cli_env)
        env.update(
            _ARGCOMPLETE="1",
            _ARGCOMPLETE_IFS=IFS,
            COMP_LINE=line,
            COMP_POINT=str(len(line)),
            _ARGCOMPLETE_STDOUT_FILENAME=str(answer),
        )
        result = subprocess.run(
            [sys.executable, "-m", "painlog.cli"],
            capture_output=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        words = answer.read_text(encoding="utf-8").split(IFS) if answer.exists() else []
        # A lone completion ends with the space the shell would type after it.
        return [word.strip() for word in words if word.strip()]

    return run


def test_commands_and_options(complete):
    assert "log" in complete("painlog lo")
    assert complete("painlog log 4 --wh") == ["--where"]


def test_did_offers_walking(complete):
    assert complete("painlog log 4 --did wal") == ["walking"]


def test_where_offers_places_then_sides_and_kinds_of_pain(complete):
    assert "lower-back" in complete("painlog log 4 --where low")
    after = complete("painlog log 4 --where knee,lower-back:")
    assert "knee,lower-back:left" in after and "knee,lower-back:sharp" in after


def test_flag_offers_warning_signs(complete):
    assert complete("painlog log 4 --flag fever,sad") == ["fever,saddle-numbness"]


def test_own_exercises_are_offered_from_the_diary(complete, run_cli, diary_file):
    for name in ("Band row", "Dead bug"):
        assert run_cli("--db", diary_file, "exercises", "add", name).returncode == 0
    assert run_cli("--db", diary_file, "exercises", "retire", "own-dead-bug").returncode == 0
    before = fingerprint(diary_file.parent)
    assert complete(f"painlog --db {diary_file} log 4 --did own-") == ["own-band-row"]
    assert complete(f"painlog --db {diary_file} exercises retire own-") == ["own-band-row"]
    assert complete(f"painlog --db {diary_file} exercises restore own-") == ["own-dead-bug"]
    assert fingerprint(diary_file.parent) == before


@pytest.mark.parametrize(
    "content", [None, b"not a diary at all\n" * 50], ids=["missing", "damaged"]
)
def test_a_missing_or_damaged_diary_just_offers_no_own_exercises(complete, tmp_path, content):
    path = tmp_path / "elsewhere" / "painlog.db"
    if content is not None:
        path.parent.mkdir()
        path.write_bytes(content)
    assert complete(f"painlog --db {path} log 4 --did own-") == []
    assert complete(f"painlog --db {path} log 4 --did walk") == ["walking"]
    assert complete(f"painlog --db {path} exercises retire own") == []
    assert path.exists() == (content is not None)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script_naming_painlog(run_cli, shell):
    result = run_cli("completion", shell)
    assert result.returncode == 0, result.stderr
    assert "painlog" in result.stdout
    assert result.stderr == ""


def test_completion_for_another_shell_is_refused(run_cli, tmp_path):
    result = run_cli("--db", tmp_path / "painlog.db", "completion", "tcsh")
    assert_one_line_refusal(result, ["shell", "'tcsh'", "bash, zsh or fish"])
    assert not (tmp_path / "painlog.db").exists()


def test_a_normal_command_never_imports_argcomplete(cli_env, db_path):
    code = (
        "import sys; from painlog.cli import main;"
        f"main(['--db', {str(db_path)!r}, 'log', '4', '--did', 'walk 30min']);"
        "print('argcomplete' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", env=cli_env
    )
    assert result.stdout.splitlines()[-1] == "False", result.stderr
