"""`painlog backup [PATH]`: a consistent copy of the diary, safe while painlog is running."""

from __future__ import annotations

import argparse

from painlog.cli import CommandFactory


def register(command: CommandFactory) -> None:
    """Add the `backup` subcommand."""
    backup = command(
        "backup",
        "copy the diary to a new file (safe while painlog is running)",
        "examples:\n"
        "  painlog backup\n"
        "  painlog backup ~/Documents/painlog-2026-11-21.db\n"
        "  painlog backup /media/usb-stick/\n"
        "\nWithout PATH the copy goes to the backups folder beside the database, which also\n"
        "holds a copy made automatically each day (the last 7 are kept). An existing file\n"
        "is never overwritten. To restore: quit painlog, move the database and any\n"
        "-wal and -shm files beside it out of the way, and copy a backup in its place\n"
        "(or just point --db at the copy).",
    )
    backup.add_argument(
        "path",
        nargs="?",
        default=None,
        metavar="PATH",
        help="a new file, or a folder to put the copy in (default: the backups folder)",
    )
    backup.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from painlog.store.backup import (
        backup_database,
        backups_folder,
        default_manual_target,
        ensure_private_folder,
    )
    from painlog.store.errors import StoreError
    from painlog.store.location import resolve_location

    if args.path is not None and not args.path.strip():
        from painlog.rules.entry import InvalidInput

        raise InvalidInput(
            "PATH", args.path, "a new file or a folder for the copy, or none (the backups folder)"
        )
    location = resolve_location(args.db)
    source = location.path
    if source is None:
        raise StoreError(
            f"cannot back up {location.display}: painlog backs up a database file; for a "
            "database server use its own backup tool (for PostgreSQL, pg_dump)"
        )
    if not source.is_file():
        raise StoreError(f"cannot back up {source}: there is no diary there yet")
    # Checked as every command checks it, before any folder or file is made: a damaged,
    # foreign or newer file is refused as it is.
    days = _days_in(source)
    if args.path is None:
        ensure_private_folder(backups_folder(source))
        target = default_manual_target(source)
    else:
        target = Path(args.path).expanduser().absolute()
        if target.is_dir():
            target = default_manual_target(source, target)
        if not target.parent.is_dir():
            raise StoreError(
                f"cannot back up to {target}: the folder {target.parent} does not exist"
            )
    backup_database(source, target)
    size_kb = max(1, round(target.stat().st_size / 1024))
    held = "" if days is None else f"{days} logged day{'' if days == 1 else 's'}, "
    print(f"Backed up {source} to {target} ({held}{size_kb} KB).")
    return 0


def _days_in(diary_file) -> int | None:
    """How many days the diary file holds, read through the `Diary` without writing to it
    (None for an older painlog's diary, which is read once it is upgraded).

    Raises:
        StoreError: when it is not a painlog database, is damaged or is newer.
    """
    from painlog.store.diary import Diary
    from painlog.store.errors import NeedsUpgrade

    try:
        with Diary.open(str(diary_file), read_only=True) as diary:
            return diary.count_days()
    except NeedsUpgrade:
        return None
