"""Why a database could not be used, in words a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The database could not be opened or written; the message says why and what to do."""


class DatabaseTooNew(StoreError):
    """The file was written by a newer painlog; opening it here could damage it."""


class NotAPainlogDatabase(StoreError):
    """The file exists but is not a painlog database (or is damaged)."""
