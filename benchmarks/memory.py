"""Peak memory: the TUI on a 10-year diary against a bare Textual app, as whole processes.

Each side is a probe from `benchmarks.probes` (painlog until its log and alerts are shown,
the bare app until its first frame), run as a child process that prints its own peak
resident memory once its app has exited (`probes.peak_kib`). The kernel's figure for a
reaped child (`os.wait4`) is not used: it starts at the size of the parent that spawned
it, and this harness, holding a 10-year diary, is larger than either probe.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.harness import MEBIBYTES, Result, child_env
from benchmarks.histories import TODAY

PEAK_PREFIX = "peak-kib "


def peak_mib(probe: Sequence[str]) -> float:
    """Peak resident memory, in MiB, of the probe `python -m benchmarks.probes probe...`.

    Raises:
        subprocess.CalledProcessError: when the probe exits with an error.
    """
    done = subprocess.run(
        # The probes expect the moment they were spawned last (for their timing report).
        [sys.executable, "-m", "benchmarks.probes", *probe, repr(time.time())],
        check=True,
        capture_output=True,
        text=True,
        env={**child_env(), "PAINLOG_BENCH_PEAK": "1"},
    )
    last = done.stdout.strip().splitlines()[-1]
    if not last.startswith(PEAK_PREFIX):
        raise RuntimeError(f"the probe printed no peak memory: {done.stdout!r}")
    return int(last.removeprefix(PEAK_PREFIX)) / 1024


def tui_peak_memory(folder: Path, db: Path, repeat: int) -> list[Result]:
    """Median peak memory of each probe, run turn about: painlog until its log and alerts
    are shown (the target), and, for information, once it has also saved a day (which
    opens the `Diary`, with SQLAlchemy and SQLModel), on a copy of the diary."""
    copy = folder / "memory-copy.db"
    copy.write_bytes(db.read_bytes())
    shown = ["painlog-data", str(db), TODAY.isoformat()]
    saved = ["painlog-save", str(copy), TODAY.isoformat()]
    mine, after_save, theirs = [], [], []
    for _ in range(repeat):
        mine.append(peak_mib(shown))
        after_save.append(peak_mib(saved))
        theirs.append(peak_mib(["bare"]))
    bare = statistics.median(theirs)
    return [
        Result(
            "peak memory of the TUI, 10 years, vs bare Textual app",
            statistics.median(mine),
            bare,
            1.5,
            unit=MEBIBYTES,
        ),
        Result(
            "peak memory of the TUI after saving a day, vs bare app",
            statistics.median(after_save),
            bare,
            None,
            note="saving opens the diary for writing (SQLAlchemy)",
            unit=MEBIBYTES,
        ),
    ]
