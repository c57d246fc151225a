"""Health data stays private and on the machine: folders 0700, files 0600 (whatever the
umask), an error log without note text, and no network access anywhere."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from painlog.store import backup
from painlog.store.diary import Diary

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
REPO = Path(__file__).resolve().parents[2]
LAYERS = ("seeds", "rules", "store", "screens", "tui")
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "websockets",
}
SECRET_NOTE = "my secret note: sciatica after the argument with M., took 3 pills"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def open_umask():
    """The most permissive umask: whatever painlog makes private, it makes so itself."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@posix_only
def test_every_file_painlog_writes_is_private(tmp_path, open_umask, run_main, state_log):
    db = tmp_path / "new-folder" / "painlog.db"
    assert run_main("--db", db, "log", "4", "--note", "first").code == 0
    assert run_main("--db", db, "log", "5", "--date", "yesterday").code == 0  # daily copy
    with Diary.open(str(db)) as diary:
        diary.days()
        sidecars = [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm")]
        assert {path.name: mode(path) for path in sidecars} == {
            path.name: 0o600 for path in sidecars
        }
    manual = tmp_path / "manual.db"
    assert run_main("--db", db, "backup", manual).code == 0
    assert run_main("--db", db, "backup").code == 0
    from painlog.store.errorlog import log_unexpected

    assert log_unexpected(RuntimeError("a bug")) == state_log
    folders = [db.parent, backup.backups_folder(db), state_log.parent]
    files = [db, manual, state_log, *backup.backups_folder(db).iterdir()]
    assert len(files) == 5
    assert {str(p): mode(p) for p in folders} == {str(p): 0o700 for p in folders}
    assert {str(p): mode(p) for p in files} == {str(p): 0o600 for p in files}


@posix_only
def test_a_backups_folder_made_too_open_is_tightened(small_diary):
    folder = backup.backups_folder(small_diary)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    backup.daily_backup(small_diary)
    assert mode(folder) == 0o700


@posix_only
def test_a_leaked_error_log_is_tightened(state_log):
    from painlog.store.errorlog import log_unexpected

    state_log.parent.mkdir(parents=True)
    state_log.write_text("")
    state_log.chmod(0o644)
    log_unexpected(RuntimeError("a bug"))
    assert mode(state_log) == 0o600


def test_the_error_log_holds_no_note_text(small_diary, run_main, state_log, monkeypatch):
    """A real bug whose message embeds the row being written (SQLAlchemy puts the bound
    parameters, note and all, in the message): logged without any of it."""
    import painlog.rules.entry
    import painlog.store.diary

    # Let a pain of 11 past the checks so that the database's own CHECK refuses it.
    monkeypatch.setattr(painlog.rules.entry, "check_pain", lambda _field, value: int(value))
    monkeypatch.setattr(painlog.rules.entry, "check_day", lambda *_args: None)
    monkeypatch.setattr(painlog.store.diary, "check_day", lambda *_args: None)
    note = SECRET_NOTE + "\nsecond line ✓"
    result = run_main(
        "--db", small_diary, "log", "11", "--where", "buttock:left:burning", f"--note={note}"
    )
    assert result.code == 70
    assert result.err == f"painlog: unexpected error (details in {state_log})\n"
    log = state_log.read_text(encoding="utf-8")
    assert "IntegrityError" in log and "CHECK constraint failed" in log
    assert "_write_day" in log  # where it happened, from the traceback frames
    for secret in ("secret note", "sciatica", "pills", "second line", "burning", "buttock"):
        assert secret not in log, secret


def test_sanitise_strips_values_however_they_are_quoted():
    from painlog.store.errorlog import sanitise

    text = (
        "(sqlite3.IntegrityError) CHECK constraint failed: pain_0_10\n"
        "[SQL: INSERT INTO day_log (day, pain, note) VALUES (?, ?, ?)]\n"
        "[parameters: ('2026-11-21', 11, 'it hurts ]\\n really')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    cleaned = sanitise(text)
    assert "it hurts" not in cleaned and "really" not in cleaned and "2026-11-21" not in cleaned
    assert "CHECK constraint failed: pain_0_10" in cleaned and "\n" not in cleaned
    assert "walked" not in sanitise("bad value: \"walked 3 km\" in 'note'")
    assert "unquoted secret" not in sanitise("oops unquoted secret here", ["unquoted secret"])


def test_refusals_write_no_error_log(run_main, state_log, tmp_path):
    for args in (["log", "11"], ["log", "4", "--date", "31 Feb"], ["--db", tmp_path, "show"]):
        assert run_main(*args).code == 2
    assert not state_log.exists()


def test_no_painlog_module_imports_a_network_library():
    found = []
    for layer in LAYERS:
        for path in sorted((REPO / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                for name in names:
                    if name.split(".")[0] in NETWORK_MODULES:
                        found.append(f"{path.relative_to(REPO)}:{node.lineno} imports {name}")
    assert found == []
    assert (REPO / "store" / "engine.py").exists()  # the scan looked at painlog's sources


GUARD_PROBE = """
import asyncio, json, os, socket, sys, io, contextlib
results = {}
for name, attempt in [
    ("connect", lambda: socket.create_connection(("192.0.2.1", 9), timeout=1)),
    ("lookup", lambda: socket.getaddrinfo("example.org", 443)),
    ("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("::1", 9))),
]:
    try:
        attempt()
        results[name] = "allowed"
    except Exception as error:
        results[name] = type(error).__name__
a, b = socket.socketpair()
a.close(); b.close()
asyncio.run(asyncio.sleep(0))
from painlog.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    results["log"] = main(["--db", sys.argv[1], "log", "4", "--note", "offline"])
print(json.dumps(results))
"""


def test_the_network_guard_blocks_internet_sockets_but_not_painlog(tmp_path, safety_env):
    """The session-wide guard (tests/no_network.py), as installed in every child Python:
    internet sockets and lookups are refused and reported; Unix sockets, asyncio and a whole
    `painlog log` work and report nothing."""
    site = REPO / "tests" / "no_network_site"
    report = tmp_path / "network.log"
    env = {
        **os.environ,
        **safety_env,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "PAINLOG_NO_NETWORK_REPORT": str(report),
    }
    result = subprocess.run(
        [sys.executable, "-c", GUARD_PROBE, str(tmp_path / "diary.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(result.stdout) == {
        "connect": "NetworkBlocked",
        "lookup": "NetworkBlocked",
        "udp": "NetworkBlocked",
        "log": 0,
    }
    lines = report.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all("network access blocked" in line for line in lines)


def test_this_session_runs_under_the_network_guard():
    """The guard is on for the whole session once tests/conftest.py names the plugin."""
    import socket

    guard = sys.modules.get("painlog_network_guard")
    if guard is None or not guard._installed:
        pytest.skip('enable the guard: pytest_plugins = ["no_network"] in tests/conftest.py')
    for function in (socket.socket.connect, socket.getaddrinfo, socket.create_connection):
        assert function.__module__ == "painlog_network_guard", function
    assert "no_network_site" in os.environ.get("PYTHONPATH", "")


@posix_only
@pytest.mark.parametrize("overwrite", [False, True])
def test_exports_are_written_private(tmp_path, open_umask, overwrite):
    from painlog.store.files import write_private

    target = tmp_path / "for-my-physio.csv"
    if overwrite:
        target.write_text("old")
        target.chmod(0o644)
    write_private(target, "day,pain\n2026-11-21,4\n", overwrite=overwrite)
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["for-my-physio.csv"]
