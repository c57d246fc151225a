"""The diary as the app holds it: read at once, opened for writing only when first needed.

Opening a `Diary` imports SQLAlchemy and SQLModel (about half a second and a third of the
app's memory), checks the schema, migrates and makes the day's backup. The app's first
screen needs none of that to show the day: `first_read` fills it through the standard
library's read-only reader (`store.quick_read`). The `Diary` itself is opened the first
time anything asks it for something (a save, another screen, a setting), or when the
person starts editing (`open` in a worker), and every call is then passed on to it.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from painlog.store.location import DatabaseLocation, resolve_location

if TYPE_CHECKING:
    from painlog.store.diary import Diary
    from painlog.store.quick_read import TodayRead


class LazyDiary:
    """A person's diary, opened on first use; every `Diary` method works on it.

    Args:
        where: The `--db` value (a path or URL), or None for PAINLOG_DB or the default file.

    Raises:
        StoreError: when `where` names no usable location.
    """

    def __init__(self, where: str | None = None) -> None:
        self.location: DatabaseLocation = resolve_location(where)
        self._diary: Diary | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the `Diary` has been opened."""
        return self._diary is not None

    def open(self) -> Diary:
        """The open `Diary`, opening it on the first call (from a thread worker: it blocks).

        Raises:
            StoreError: when the database cannot be used; nothing is changed. The next
                call tries again.
        """
        with self._lock:
            if self._diary is None:
                from painlog.store.diary import Diary

                self._diary = Diary.open(self.location)
            return self._diary

    def first_read(self, day: date, today: date) -> TodayRead | None:
        """What Today shows for `day`, read without opening the `Diary`, when that can be done.

        Returns:
            None when the diary is not an existing file of the schema the quick reader
            knows (new, older, damaged, on a server): open it instead.
        """
        path = self.location.path
        if path is None or not path.is_file():
            return None
        from painlog.store.quick_read import NotForQuickRead, read_today

        try:
            return read_today(path, day, today)
        except NotForQuickRead:
            return None

    def close(self) -> None:
        """Release the database connections, if the diary was opened."""
        with self._lock:
            if self._diary is not None:
                self._diary.close()

    def __getattr__(self, name: str):
        # Only called for what this class lacks: the `Diary`'s public methods and attributes.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.open(), name)
