"""Private files and folders: health data is never readable by anyone else, not even for a
moment while it is written.

Every folder painlog creates is 0700 and every file 0600, whatever the umask: the mode is
set on creation and then set again explicitly, since a umask can only take bits away.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parents, each 0700; existing ones are left alone.

    Raises:
        OSError: when a folder cannot be created.
    """
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another program
        os.chmod(created, 0o700)


def write_private(path: Path, text: str, overwrite: bool = False) -> None:
    """Write `text` as UTF-8 to `path`, readable only by its owner (mode 0600).

    Health data: the file is created private, never world-readable even for a moment.

    Args:
        path: Where to write.
        text: The whole file (already holding its BOM, if any).
        overwrite: Replace an existing file (atomically, through a private temporary file
            beside it). Without it an existing file is never touched.

    Raises:
        FileExistsError: when `path` exists and `overwrite` is False.
        OSError: when the file cannot be written; no partial file is left behind.
    """
    data = text.encode("utf-8")
    if not overwrite:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
        try:
            _write_all(descriptor, data)
        except BaseException:
            os.close(descriptor)
            path.unlink(missing_ok=True)
            raise
        os.close(descriptor)
        return
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        _write_all(descriptor, data)
        os.close(descriptor)
        descriptor = -1
        os.replace(temporary, path)
    except BaseException:
        if descriptor >= 0:
            os.close(descriptor)
        Path(temporary).unlink(missing_ok=True)
        raise


_BINARY = getattr(os, "O_BINARY", 0)


def _write_all(descriptor: int, data: bytes) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, 0o600)  # whatever the umask or the file had before
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
    os.fsync(descriptor)
