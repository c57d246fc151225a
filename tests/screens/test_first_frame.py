"""The first frame never waits for SQLAlchemy: Today is drawn before the diary is opened."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from datetime import date
from painlog.screens.today import TodayScreen
from painlog.tui.app import PainlogApp

app = PainlogApp(db=sys.argv[1], today=date(2026, 11, 21))
display = app._display
seen = []


def first(screen, *args, **kwargs):
    if isinstance(screen, TodayScreen) and not seen:
        seen.append(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")))
    return display(screen, *args, **kwargs)


app._display = first


async def leave(pilot):
    await pilot.pause()
    pilot.app.exit()


app.run(headless=True, auto_pilot=leave)
print(seen[0] if seen else "no frame")
"""


def test_the_first_frame_imports_neither_sqlalchemy_nor_sqlmodel(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "diary.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
