"""The network guard behind tests/no_network.py, importable without pytest.

Installed in the pytest process by the plugin, and in every child Python a test starts by
this folder's `sitecustomize` (the plugin puts this folder first on PYTHONPATH). Blocked
attempts raise `NetworkBlocked` and are appended to the file named by
`PAINLOG_NO_NETWORK_REPORT`, which the plugin reads after every test.
"""

from __future__ import annotations

import os
import socket
import threading

REPORT_ENV = "PAINLOG_NO_NETWORK_REPORT"
BLOCKED_FAMILIES = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class NetworkBlocked(RuntimeError):
    """Raised instead of a network operation; painlog must never need one."""


_attempts: list[str] = []
_state = threading.local()
_installed: dict[str, object] = {}


def attempts() -> list[str]:
    """Every blocked attempt so far, in this process and in child processes."""
    found = list(_attempts)
    report = os.environ.get(REPORT_ENV)
    if report and os.path.exists(report):
        with open(report, encoding="utf-8", errors="replace") as handle:
            found += [line.rstrip("\n") for line in handle if line.strip()]
    return found


def _blocked(what: str) -> NetworkBlocked:
    message = f"[pid {os.getpid()}] network access blocked: {what}"
    report = os.environ.get(REPORT_ENV)
    try:
        if not report:
            raise OSError("no report file")
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(message.replace("\n", " ") + "\n")
    except OSError:
        _attempts.append(message)
    return NetworkBlocked(message)


def _allowed(family: int, address: object) -> bool:
    if family not in BLOCKED_FAMILIES:
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    return bool(getattr(_state, "socketpair", False)) and host in LOOPBACK


def install() -> None:
    """Patch the socket module in this process (idempotent)."""
    if _installed:
        return
    real_socket = socket.socket
    originals = {
        "connect": real_socket.connect,
        "connect_ex": real_socket.connect_ex,
        "bind": real_socket.bind,
        "sendto": real_socket.sendto,
    }

    def guarded(name):
        original = originals[name]

        def method(self, *args):
            address = args[-1] if name == "sendto" else args[0]
            if not _allowed(self.family, address):
                raise _blocked(f"socket.{name}({address!r})")
            return original(self, *args)

        method.__name__ = name
        return method

    for name in originals:
        setattr(real_socket, name, guarded(name))

    def lookup(name):
        def blocked(*args, **kwargs):
            raise _blocked(f"socket.{name}{args!r}")

        blocked.__name__ = name
        return blocked

    module_functions = {
        name: getattr(socket, name)
        for name in (
            "getaddrinfo",
            "gethostbyname",
            "gethostbyname_ex",
            "gethostbyaddr",
            "create_connection",
        )
    }
    for name in module_functions:
        setattr(socket, name, lookup(name))

    real_socketpair = socket.socketpair

    def socketpair(*args, **kwargs):
        _state.socketpair = True
        try:
            return real_socketpair(*args, **kwargs)
        finally:
            _state.socketpair = False

    socket.socketpair = socketpair
    _installed.update(originals=originals, functions=module_functions, pair=real_socketpair)


def uninstall() -> None:
    """Undo `install` (for tests of this plugin)."""
    if not _installed:
        return
    for name, original in _installed["originals"].items():
        setattr(socket.socket, name, original)
    for name, original in _installed["functions"].items():
        setattr(socket, name, original)
    socket.socketpair = _installed["pair"]
    _installed.clear()
