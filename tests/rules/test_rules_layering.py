"""rules/ stays pure: only painlog.seeds and the stdlib, and no clock of its own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import painlog.rules

RULES_DIR = Path(painlog.rules.__file__).parent


def test_rules_import_nothing_but_seeds_and_the_stdlib():
    code = (
        "import sys\n"
        "import painlog.rules.alerts, painlog.rules.episodes, painlog.rules.windows\n"
        "import painlog.rules.advice\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'sqlmodel', 'sqlalchemy', 'platformdirs', 'dateutil', 'rich'} "
        "or m.startswith(('painlog.store', 'painlog.screens', 'painlog.tui')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_rules_never_read_the_clock():
    clock = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time)\s*\(")
    for path in RULES_DIR.glob("*.py"):
        assert not clock.search(path.read_text(encoding="utf-8")), path.name


def test_seeds_thresholds_imports_nothing_of_painlog_but_seeds():
    code = (
        "import sys\nimport painlog.seeds.thresholds\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('painlog.') "
        "and not m.startswith('painlog.seeds'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
