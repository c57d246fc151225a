"""What every screen that shows the diary shares: the diary handed in, and when to reload."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.screen import Screen


def stylesheet(module: str) -> Path:
    """The stylesheet a screen brings with it, beside its module (`screens/history.py`
    has `screens/history.tcss`), for its `CSS_PATH = stylesheet(__file__)`.

    Textual reads it the first time the screen is shown, so the first frame parses only
    the app's own `tui/painlog.tcss`.
    """
    return Path(module).resolve().with_suffix(".tcss")


class DiaryScreen(Screen):
    """A screen fed by the person's diary.

    The App opens the diary in a worker, so a screen may exist before the diary does: it is
    handed in through the constructor when already open, or through `attach` once it is.
    Subclasses load their data in `load` (start a thread worker there) and show a
    "loading" state until it replies.

    Args:
        today: The person's local date; screens never read the clock themselves.
        diary: The open `Diary`, when there is one yet.
    """

    def __init__(self, today: date, diary=None) -> None:
        super().__init__()
        self.today = today
        self.diary = diary

    def on_mount(self) -> None:
        if self.diary is not None:
            self.load()

    def attach(self, diary) -> None:
        """Hand the screen its diary; loads at once when the screen is showing."""
        self.diary = diary
        if self.is_mounted:
            self.load()

    def load(self) -> None:
        """Fetch what the screen shows (override; run database work in a thread worker)."""

    def logs_changed(self) -> None:
        """Some day was saved or deleted elsewhere; reload by default."""
        if self.diary is not None and self.is_mounted:
            self.load()

    def lists_changed(self) -> None:
        """An own exercise, medication or treatment was added, renamed, retired or
        restored; reload by default (names shown may have changed)."""
        self.logs_changed()
