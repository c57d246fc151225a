"""Crash test: 500 `painlog log` writes by two concurrent writers, each SIGKILLed twice
and restarted; after every kill and at the end the file passes `PRAGMA integrity_check`
and every write whose command had succeeded is there, exactly, with all of its rows.

The writers are `safety_writer.py` children (see its docstring: the real `painlog log`
command line run in-process, one transaction per write, a write counted only after the
command returned 0). Of each writer's two kills, one falls at a random moment of the write
loop and one is aimed at a save in progress (within 3 ms of its start: inside the write
transaction, its commit and fsync, or just after). Two writers at once also put a lock
holder in the way of each kill. The run repeats `PAINLOG_CRASH_RUNS` times (3 by default,
for CI); each prints its seed, where the kills landed and the writes lost (`pytest -s`).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import safety_writer
from safety_helpers import CRASH_WRITER, SAFETY_TODAY, integrity

from painlog.store.diary import Diary

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

RUNS = int(os.environ.get("PAINLOG_CRASH_RUNS", "3"))
TOTAL_WRITES = 500
SAME_DAYS = 50
"""The 500 writes go to 50 days, each written 10 times (people correct a day): the file
stays the size of two months of logs, so a write costs what a daily log costs, and a lost
write shows as a day holding an older version than the last one acknowledged."""
WRITE_NOTE = re.compile(r"^(?P<tag>[AB]) write (?P<index>\d+) ")
KILLS_PER_WRITER = 2
KILL_WINDOW_S = (0.05, 1.0)


class Writer:
    """One writer child: its slice of the 500 writes, restarted after each kill."""

    def __init__(self, db: Path, folder: Path, tag: str, start: int, env: dict[str, str]):
        self.db, self.tag, self.start, self.env = db, tag, start, env
        self.done_file = folder / f"done-{tag}.txt"
        self.process: subprocess.Popen | None = None
        self.kills = 0
        self.kills_mid_write = 0
        self.kills_in_transaction = 0
        self._acknowledged_at_spawn = 0

    def spawn(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(CRASH_WRITER),
                str(self.db),
                str(self.done_file),
                self.tag,
                str(self.start),
                str(TOTAL_WRITES),
                "2",
                "--same-days",
                str(SAME_DAYS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
        )
        self._acknowledged_at_spawn = len(self.acknowledged())
        ready = self.process.stdout.readline()
        assert ready == b"ready\n", (ready, self.process.stderr.read())

    def acknowledged(self) -> set[int]:
        if not self.done_file.exists():
            return set()
        text = self.done_file.read_text(encoding="utf-8")
        return {int(line) for line in text.splitlines() if line.strip()}

    def kill(self, aimed: bool, chance: random.Random) -> None:
        """SIGKILL now, or (aimed) as soon as a save has begun, plus 0-3 ms: inside the
        transaction (the inserts, the commit's WAL write and fsync) or just after it."""
        trace = Path(f"{self.done_file}.trace")
        if aimed:
            give_up = time.monotonic() + 5
            while time.monotonic() < give_up and not (
                trace.exists() and trace.read_bytes().endswith(b"B")
            ):
                time.sleep(0.0005)
            time.sleep(chance.uniform(0, 0.003))
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()
        self.kills += 1
        if trace.exists() and trace.read_bytes().endswith(b"B"):
            self.kills_in_transaction += 1  # between BEGIN IMMEDIATE and the commit's return
        # Counted when this child had written at least once: the kill hit the write loop.
        if len(self.acknowledged()) > self._acknowledged_at_spawn:
            self.kills_mid_write += 1

    def finish(self) -> None:
        _, err = self.process.communicate(timeout=300)
        assert self.process.returncode == 0, err.decode("utf-8", "replace")


def stored_writes(db: Path) -> dict[int, tuple]:
    """Each logged day's row, by its offset before today: (note, pain, places, minutes)."""
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            """
            SELECT d.day, d.note, d.pain,
                   (SELECT group_concat(location || ':' || side || ':' || character)
                      FROM pain_place WHERE log_id = d.id),
                   (SELECT group_concat(minutes) FROM exercise_done WHERE log_id = d.id)
            FROM day_log d
            """
        ).fetchall()
    finally:
        connection.close()
    return {(SAFETY_TODAY - date.fromisoformat(day)).days: tuple(rest) for day, *rest in rows}


def lost_writes(db: Path, writers: list[Writer]) -> list[str]:
    """Acknowledged writes the file does not hold: for each day, the row must be exactly the
    latest acknowledged write of that day, or a later write of it (committed, killed before
    it was acknowledged); an older write, a mix of two writes or no row is a loss."""
    latest: dict[int, tuple[str, int]] = {}
    for writer in writers:  # acknowledgements are read before the file: all committed
        for index in writer.acknowledged():
            offset = safety_writer.day_offset(index, SAME_DAYS)
            if offset not in latest or index > latest[offset][1]:
                latest[offset] = (writer.tag, index)
    stored = stored_writes(db)
    lost = []
    for offset, (tag, index) in sorted(latest.items()):
        row = stored.get(offset)
        found = WRITE_NOTE.match(row[0]) if row else None
        if found is None or found["tag"] != tag or int(found["index"]) < index:
            lost.append(f"day -{offset}: acknowledged {tag}{index}, file holds {row!r}")
            continue
        want = safety_writer.expected(tag, int(found["index"]))
        if row != (want["note"], want["pain"], ":".join(want["place"]), str(want["minutes"])):
            lost.append(f"day -{offset}: {row!r} is not write {tag}{found['index']} whole")
    return lost


@pytest.mark.parametrize("run", range(1, RUNS + 1), ids=lambda run: f"run-{run}")
def test_sigkilled_writers_lose_no_acknowledged_write(tmp_path, safety_env, run):
    seed = int.from_bytes(os.urandom(4), "big")
    chance = random.Random(seed)
    db = tmp_path / "diary" / "painlog.db"
    env = {**os.environ, **safety_env}
    writers = [Writer(db, tmp_path, "A", 0, env), Writer(db, tmp_path, "B", 1, env)]
    # Both writers start on an existing diary, so neither is killed while the other creates
    # the schema (that race is tested in test_safety_concurrency).
    Diary.open(str(db)).close()
    for writer in writers:
        writer.spawn()
    started = time.monotonic()
    checks = 0
    deadline = {w.tag: time.monotonic() + chance.uniform(*KILL_WINDOW_S) for w in writers}
    while any(w.kills < KILLS_PER_WRITER for w in writers):
        for writer in writers:
            if writer.kills >= KILLS_PER_WRITER or time.monotonic() < deadline[writer.tag]:
                continue
            if writer.process.poll() is not None:
                pytest.fail(f"writer {writer.tag} ended before its kills (seed {seed})")
            # Every other kill is aimed at a save in progress; the others fall anywhere.
            writer.kill(aimed=writer.kills % 2 == 1, chance=chance)
            # Right after the crash, with the other writer still at work: the file is
            # sound and holds every write acknowledged so far.
            assert integrity(db) == ["ok"], f"seed {seed}"
            lost = lost_writes(db, writers)
            assert lost == [], f"seed {seed}: {lost[:5]}"
            checks += 1
            writer.spawn()
            deadline[writer.tag] = time.monotonic() + chance.uniform(*KILL_WINDOW_S)
        time.sleep(0.01)
    for writer in writers:
        writer.finish()
    elapsed = time.monotonic() - started

    assert integrity(db) == ["ok"], f"seed {seed}"
    lost = lost_writes(db, writers)
    acknowledged = sum(len(w.acknowledged()) for w in writers)
    kills = sum(w.kills for w in writers)
    print(
        f"\ncrash run {run}: seed {seed}, {TOTAL_WRITES} writes, {kills} SIGKILLs "
        f"({sum(w.kills_mid_write for w in writers)} in the write loop, "
        f"{sum(w.kills_in_transaction for w in writers)} inside a save), {checks + 1} "
        f"checks, {acknowledged} acknowledged, {len(lost)} lost, {elapsed:.1f} s"
    )
    assert lost == [], f"seed {seed}: acknowledged writes lost: {lost[:10]}"
    assert acknowledged == TOTAL_WRITES
    assert kills == 2 * KILLS_PER_WRITER
    # In the end every day holds its last write, whole: one place and one exercise.
    stored = stored_writes(db)
    assert sorted(stored) == list(range(SAME_DAYS))
    for offset, (note, *_rest) in stored.items():
        assert WRITE_NOTE.match(note)["index"] == str(TOTAL_WRITES - SAME_DAYS + offset)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM pain_place), (SELECT count(*) FROM exercise_done)"
        ).fetchone()
    finally:
        connection.close()
    assert counts == (SAME_DAYS, SAME_DAYS)


def test_a_kill_inside_a_big_write_leaves_no_trace_of_it(tmp_path, safety_env):
    """SIGKILL in the middle of a transaction large enough to spill uncommitted pages into the
    WAL: recovery ignores them; the writes committed before are all there."""
    db = tmp_path / "diary" / "painlog.db"
    script = (
        "import sys, time\n"
        "from datetime import date, timedelta\n"
        "from sqlalchemy import insert\n"
        "from painlog.rules.records import DayLog\n"
        "from painlog.store.diary import LOGS, Diary\n"
        "today = date(2026, 11, 21)\n"
        "diary = Diary.open(sys.argv[1])\n"
        "diary.save_day(DayLog(today, 4, note='committed'), today)\n"
        "with diary._writer.begin() as connection:\n"
        "    connection.execute(insert(LOGS), [\n"
        "        {'day': today - timedelta(days=n), 'pain': 1, 'note': 'u' * 1000}\n"
        "        for n in range(1, 6000)])\n"
        "    print('spilled', flush=True)\n"
        "    time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **safety_env},
    )
    try:
        assert child.stdout.readline() == b"spilled\n", child.stderr.read()
        wal = db.with_name(db.name + "-wal")
        assert wal.stat().st_size > 1_000_000  # uncommitted pages are in the WAL
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert integrity(db) == ["ok"]
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("SELECT day, pain, note FROM day_log").fetchall() == [
            (SAFETY_TODAY.isoformat(), 4, "committed")
        ]
    finally:
        connection.close()
