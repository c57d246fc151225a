"""The error log: where an unexpected failure is written down, so the person sees one line.

The log lives in the platform's per-user state folder (`~/.local/state/painlog/painlog.log`
on Linux), folder 0700 and file 0600. It holds what a developer needs (the exception's
type, where it was raised) and nothing a person wrote: exception messages are stripped
of quoted values, SQL parameters and any text the caller names, because messages like
SQLAlchemy's can embed the row being written, note and all. No local variables are ever
written.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "painlog.log"
MAX_BYTES = 256 * 1024
"""When the log grows past this it is renamed to `painlog.log.1` (one old log is kept)."""
MESSAGE_MAX_CHARS = 300
CHAIN_MAX = 5
REDACTED = "…"
REDACT_MIN_CHARS = 3
"""Shorter texts (a pain score, a side) are not hunted for: they would blank out the
message's own words, and a bare digit says nothing about anyone."""

# SQLAlchemy appends the bound values as "[parameters: ...]", up to its "(Background on
# this error at: ...)" line; values may hold newlines, so everything up to there goes.
_PARAMETERS = re.compile(r"\[parameters:.*?(?=\(Background on this error|\Z)", re.DOTALL)
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)


def log_path() -> Path:
    """Where the error log is, computed now (tests and XDG_STATE_HOME may move it)."""
    from platformdirs import user_state_path

    return user_state_path("painlog", appauthor=False) / LOG_NAME


def sanitise(message: str, redact: Iterable[str] = ()) -> str:
    """An exception message with every value that might be health data taken out.

    Removes SQLAlchemy's parameter lists, every quoted string (reprs of values, paths),
    and each text in `redact` (what the person typed), then folds it onto one line.
    """
    text = _PARAMETERS.sub("[parameters: " + REDACTED + "]\n", message)
    # Longest first, so a note is removed whole before any shorter text inside it.
    secrets = {s for s in redact if isinstance(s, str) and len(s.strip()) >= REDACT_MIN_CHARS}
    for secret in sorted(secrets, key=len, reverse=True):
        for form in {secret, repr(secret)[1:-1]}:
            text = text.replace(form, REDACTED)
    text = _QUOTED.sub(REDACTED, text)
    text = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    if len(text) > MESSAGE_MAX_CHARS:
        text = text[:MESSAGE_MAX_CHARS] + REDACTED
    return text


def format_entry(error: BaseException, context: str = "", redact: Iterable[str] = ()) -> str:
    """The log entry for `error`: when, versions, then each exception in its chain."""
    redact = tuple(redact)
    lines = [
        f"--- {datetime.now(UTC).isoformat(timespec='seconds')} painlog {_version()} "
        f"python {platform.python_version()} {sys.platform}",
    ]
    if context:
        lines.append(f"context: {sanitise(context, redact)}")
    seen: set[int] = set()
    current: BaseException | None = error
    depth = 0
    while current is not None and id(current) not in seen and depth < CHAIN_MAX:
        seen.add(id(current))
        if depth:
            lines.append("caused by:")
        lines.append(f"{_type_name(current)}: {sanitise(str(current), redact)}")
        # Frames name files, lines and functions; their source lines are painlog's (or a
        # library's) code, never data. Local variables are not written.
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        if current.__cause__ is not None:
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
        depth += 1
    return "\n".join(lines) + "\n"


def log_unexpected(
    error: BaseException, context: str = "", redact: Iterable[str] = ()
) -> Path | None:
    """Append `error` to the error log; returns the log's path, or None if it could not be
    written (this function never raises: it runs when something has already gone wrong).

    Args:
        error: The exception, with its traceback.
        context: What painlog was doing ("painlog log", "daily backup").
        redact: Texts the person typed (a note, places) that must never reach the log, even
            unquoted inside a message.
    """
    try:
        entry = format_entry(error, context, redact)
        path = log_path()
        _append_private(path, entry.encode("utf-8", "backslashreplace"))
        return path
    except Exception:
        return None


def _append_private(path: Path, data: bytes) -> None:
    from painlog.store.files import make_private_folders

    make_private_folders(path.parent)
    try:
        if path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except FileNotFoundError:
        pass
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        if hasattr(os, "fchmod") and os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, 0o600)
        os.write(descriptor, data)
    finally:
        os.close(descriptor)


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("painlog")
    except Exception:
        return "unknown"
