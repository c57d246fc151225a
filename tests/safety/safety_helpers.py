"""Helpers shared by the safety tests (imported as a module; fixtures are in conftest.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SAFETY_TODAY = date(2026, 11, 21)
FIXTURES = Path(__file__).with_name("fixtures")
V1_FIXTURE = FIXTURES / "painlog-v1.db"
V2_FIXTURE = FIXTURES / "painlog-v2.db"
V3_FIXTURE = FIXTURES / "painlog-v3.db"
V4_FIXTURE = FIXTURES / "painlog-v4.db"
V5_FIXTURE = FIXTURES / "painlog-v5.db"
CRASH_WRITER = Path(__file__).with_name("safety_writer.py")


@dataclass
class Outcome:
    """What a `painlog` run did: exit status and its two streams."""

    code: int
    out: str
    err: str

    @property
    def one_line_error(self) -> bool:
        return self.err.count("\n") == 1 and self.err.endswith("\n") and "Traceback" not in self.err


def fingerprint(folder: Path) -> dict[str, object]:
    """Every entry under `folder` (recursively): files by sha256 and mode, folders by mode."""
    found: dict[str, object] = {}
    for item in sorted(folder.rglob("*")):
        name = str(item.relative_to(folder))
        mode = item.stat().st_mode & 0o777
        if item.is_file():
            found[name] = (hashlib.sha256(item.read_bytes()).hexdigest(), oct(mode))
        else:
            found[name] = ("folder", oct(mode))
    return found


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in rowid order (read-only; leaves no files behind)."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }
    finally:
        connection.close()


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    finally:
        connection.close()
