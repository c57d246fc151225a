"""A full disk, for real: run inside `unshare -m` (a private mount namespace) by
test_safety_corruption.py.

    unshare -m python full_disk_scenario.py FOLDER LEAVE_BYTES

Mounts a 512 KiB tmpfs on FOLDER, writes a diary there, fills the disk to LEAVE_BYTES of
free space, then runs `painlog log` with a long note as a separate process. Prints one
JSON object: the command's status and stderr, and whether the diary kept its bytes, its
rows and its integrity. The mount vanishes with the namespace.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path


def main() -> int:
    folder, leave = Path(sys.argv[1]), int(sys.argv[2])
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(folder)], check=True
    )
    from painlog.rules.records import DayLog
    from painlog.store.diary import Diary

    today = date.fromisoformat(os.environ["PAINLOG_TODAY"])
    db = folder / "diary" / "painlog.db"
    with Diary.open(str(db)) as diary:
        diary.insert_days(
            [DayLog(today - timedelta(days=n), n % 11, note="n" * 50) for n in range(1, 30)]
        )
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(descriptor, b"\0" * 4096):
            pass
    except OSError:
        pass  # the disk is full
    finally:
        os.close(descriptor)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    free = shutil.disk_usage(folder).free
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "painlog.cli",
            "--db",
            str(db),
            "log",
            "4",
            "--note",
            "x" * 20_000,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    filler.unlink()
    connection = sqlite3.connect(db)
    try:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        days = connection.execute("SELECT count(*) FROM day_log").fetchone()[0]
    finally:
        connection.close()
    print(
        json.dumps(
            {
                "free": free,
                "code": result.returncode,
                "stdout": result.stdout,
                "stderr": result.stderr,
                "unchanged": hashlib.sha256(db.read_bytes()).hexdigest() == before,
                "integrity": check,
                "days": days,
                "leftovers": sorted(p.name for p in db.parent.iterdir()),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
