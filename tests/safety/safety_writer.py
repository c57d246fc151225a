"""A child process that runs many `painlog log` commands, for the crash and concurrency tests.

    python safety_writer.py DB DONE_FILE TAG START STOP STEP [--same-days N]

Each write is `painlog.cli.main(["--db", DB, "log", ...])` called in this process: the
real command line, opening its own engine and committing its own transaction, exactly as
`painlog log` does, minus the ~0.5 s interpreter start (500 separate interpreters would
take minutes). Only after `main` has returned 0, which is when the `painlog log` process
would exit 0, is the write's index appended to DONE_FILE with one `write(2)`: a SIGKILL can
land anywhere in a write, and a write is counted as acknowledged only once its command
succeeded. Indices already listed in DONE_FILE are skipped, so a killed writer is simply
started again.

Prints `ready` once imports are done (the parent kills only after that, so the kill lands
in the write loop). Exits 3 at the first write that does not succeed.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

WHERE = {"A": "lower-back:left:ache", "B": "hip-side:right:sharp"}


def day_offset(index: int, same_days: int | None) -> int:
    return index % same_days if same_days else index


def note_of(tag: str, index: int) -> str:
    return f"{tag} write {index} ✓ כאב 🙂"


def expected(tag: str, index: int) -> dict[str, object]:
    """What write `index` of writer `tag` stores (checked by the tests)."""
    location, side, character = WHERE[tag].split(":")
    return {
        "pain": index % 11,
        "note": note_of(tag, index),
        "place": (location, side, character),
        "minutes": index % 90 + 1,
    }


def argv_of(db: str, tag: str, index: int, same_days: int | None) -> list[str]:
    offset = day_offset(index, same_days)
    return [
        "--db",
        db,
        "log",
        str(index % 11),
        "--date",
        f"{offset} days ago",
        "--where",
        WHERE[tag],
        "--did",
        f"walking:{index % 90 + 1}min",
        f"--note={note_of(tag, index)}",
        # Each write is the whole day, so a test can tell a whole write from a mixed one.
        "--replace",
    ]


def _trace_transactions(trace_file: str) -> None:
    """Mark each save's start (B) and end (E) in `trace_file`, so the parent can tell
    whether a kill landed inside the write transaction (last mark B) or around it."""
    from painlog.store.diary import Diary

    trace = os.open(trace_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    real_change = Diary.change_day

    def traced_change(self, *args, **kwargs):
        os.write(trace, b"B")
        try:
            return real_change(self, *args, **kwargs)
        finally:
            os.write(trace, b"E")

    Diary.change_day = traced_change


def main() -> int:
    db, done_file, tag, start, stop, step = sys.argv[1:7]
    same_days = int(sys.argv[8]) if len(sys.argv) > 8 and sys.argv[7] == "--same-days" else None
    # What `painlog log` imports lazily, imported before "ready" so that a kill after it
    # lands in the write loop rather than in an import.
    from painlog.cli import main as painlog_main

    done = set()
    if os.path.exists(done_file):
        with open(done_file, encoding="utf-8") as handle:
            done = {int(line) for line in handle if line.strip()}
    descriptor = os.open(done_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    _trace_transactions(done_file + ".trace")
    print("ready", flush=True)
    for index in range(int(start), int(stop), int(step)):
        if index in done:
            continue
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = painlog_main(argv_of(db, tag, index, same_days))
        if code != 0:
            sys.stderr.write(f"write {index} exited {code}: {err.getvalue()}")
            return 3
        os.write(descriptor, f"{index}\n".encode())
    os.close(descriptor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
