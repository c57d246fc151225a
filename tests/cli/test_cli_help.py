"""`painlog --help` and every subcommand's help, and what the shell commands import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from painlog.cli import build_parser


def subcommands() -> list[str]:
    """Every subcommand the parser knows, so a new one is covered without editing this."""
    parser = build_parser()
    (action,) = (a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_the_expected_subcommands_exist():
    assert {"log", "show", "exercises", "profile"} <= set(subcommands())


HELP_CALLS = [["--help"], ["-h"]] + [[name, "--help"] for name in subcommands()]


@pytest.mark.parametrize("args", HELP_CALLS, ids=[" ".join(args) for args in HELP_CALLS])
def test_help_exits_0_with_examples(run_cli, args):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "usage: painlog" in result.stdout
    assert "example" in result.stdout.lower()


def test_main_help_lists_every_subcommand(run_cli):
    out = run_cli("--help").stdout
    for name in subcommands():
        assert name in out


SHELL_COMMANDS = """
import json, os, sys
from painlog.cli import main

db = sys.argv[1]
codes = [
    main(["--db", db, "log", "4", "--where", "lower-back:left:sharp,hip-side:right",
          "--did", "walking:30min,glute-bridge:3x10", "--flag", "fever,saddle-numbness",
          "--worst", "7", "--bed-rest", "--note", "x"]),
    main(["--db", db, "log", "3", "--date", "3 days ago"]),
    main(["--db", db, "show", "--date", "yesterday"]),
    main(["--db", db, "show"]),
    main(["--db", db, "profile", "--birth-year", "1960", "--onset", "2026-10-01"]),
    main(["--db", db, "exercises"]),
    main(["--db", db, "log", "11"]),
]
for name in {names}:
    try:
        codes.append(main(["--db", db, name]))
    except SystemExit as exit_:
        codes.append(exit_.code)
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & {{"textual", "rich"}})
print("RESULT " + json.dumps({{"codes": codes, "loaded": loaded}}))
"""


def test_shell_commands_never_import_textual_or_rich(cli_env, tmp_path):
    """`painlog log` and friends must not pay for the TUI (Textual and its Rich)."""
    others = [n for n in subcommands() if n not in {"log", "show", "exercises", "profile"}]
    code = SHELL_COMMANDS.format(names=others)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "d.db")],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("RESULT ")]
    found = json.loads(line.removeprefix("RESULT "))
    assert found["codes"][:7] == [0, 0, 0, 0, 0, 0, 2]
    assert found["loaded"] == []
