"""A pytest plugin: the test session fails if anything tries to use the network.

painlog keeps health data on the machine and makes no network connections. From the start
of the session, connecting, binding or sending on an internet socket (AF_INET, AF_INET6),
`socket.create_connection` and name lookups (`getaddrinfo`, `gethostbyname`, ...) raise
`NetworkBlocked` and are recorded; the test that caused one fails (even when the code
swallowed the exception), and so does the session. Unix sockets stay allowed: asyncio and
Textual make an AF_UNIX socketpair for their event loop. (Where a platform has no AF_UNIX,
`socket.socketpair` falls back to a loopback pair, which is allowed inside that call only.)

Child Pythons started by tests (`python -m painlog.cli ...`) get the same guard:
`PYTHONPATH` is prefixed with `no_network_site/`, whose `sitecustomize` installs it and
reports attempts to a file this plugin reads after every test.

Enable it for the whole session with, in tests/conftest.py:

    pytest_plugins = ["no_network"]
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import pytest

SITE_FOLDER = Path(__file__).with_name("no_network_site")


def _load_guard():
    name = "painlog_network_guard"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SITE_FOLDER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


guard = _load_guard()
NetworkBlocked = guard.NetworkBlocked


def pytest_configure(config) -> None:
    guard.install()
    if guard.REPORT_ENV not in os.environ:
        handle, report = tempfile.mkstemp(prefix="painlog-no-network-", suffix=".log")
        os.close(handle)
        os.environ[guard.REPORT_ENV] = report
        config.stash[_REPORT_KEY] = report
    path = os.environ.get("PYTHONPATH", "")
    if str(SITE_FOLDER) not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SITE_FOLDER), path) if p)


def pytest_sessionfinish(session, exitstatus) -> None:
    found = guard.attempts()
    if found:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.section("network access (painlog must make none)", red=True)
            for line in found:
                reporter.line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    report = session.config.stash.get(_REPORT_KEY, None)
    if report:
        with contextlib.suppress(OSError):
            os.unlink(report)


_REPORT_KEY = pytest.StashKey[str]()


@pytest.fixture(autouse=True)
def _no_network_during_test():
    """Fail the test that tried to use the network, even if the error was swallowed."""
    before = len(guard.attempts())
    yield
    after = guard.attempts()
    if len(after) > before:
        pytest.fail(
            "painlog must make no network access, but this test saw:\n" + "\n".join(after[before:]),
            pytrace=False,
        )
