"""Screenshots of the app: where they go and what the saved picture may load.

A screenshot shows health data, so it is written like every other painlog file (0600, in a
folder created 0700 when missing), and the picture must open offline: the SVG Textual
exports names a web font by URL, which a viewer would fetch.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from painlog.store.files import make_private_folders, write_private

_WEB_SOURCE = re.compile(r",\s*url\([^)]*\)\s*format\([^)]*\)")
"""A web font source after the local one in an `@font-face` rule's `src` list."""
_ANY_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def screenshot_folder() -> Path:
    """The platform's pictures folder (`~/Pictures` on Linux, as XDG names it)."""
    from platformdirs import user_pictures_dir

    return Path(user_pictures_dir())


def offline_svg(svg: str) -> str:
    """`svg` without any source fetched over the network.

    The fonts fall back to the local ones the picture already names (and then to any
    monospace font), which is what a viewer without a connection shows anyway.

    Raises:
        ValueError: when a network reference would remain (a change in the exporter's
            output that this function does not know); nothing should then be saved.
    """
    cleaned = _WEB_SOURCE.sub("", svg)
    if _ANY_URL.search(cleaned):
        raise ValueError("the screenshot still refers to a web address")
    return cleaned


def screenshot_name(screen: str, now: datetime) -> str:
    """A file name that says what and when: `painlog-today-2026-12-03-081205.svg`."""
    words = re.sub(r"[^a-z0-9]+", "-", screen.lower()).strip("-") or "screen"
    return f"painlog-{words}-{now:%Y-%m-%d-%H%M%S}.svg"


def save_screenshot(svg: str, screen: str, now: datetime, folder: Path | None = None) -> Path:
    """Write `svg` (made offline) as a new private file in `folder` (the pictures folder by
    default), creating the folder when missing; a second picture in the same second gets
    a number rather than replacing the first.

    Returns:
        The path written.

    Raises:
        OSError: when the folder or the file cannot be made.
        ValueError: see `offline_svg`.
    """
    folder = folder or screenshot_folder()
    text = offline_svg(svg)
    make_private_folders(folder)
    name = screenshot_name(screen, now)
    path = folder / name
    for number in range(2, 100):
        try:
            write_private(path, text)
        except FileExistsError:
            path = folder / name.replace(".svg", f"-{number}.svg")
            continue
        return path
    raise FileExistsError(f"{folder / name}: too many screenshots with this name")
