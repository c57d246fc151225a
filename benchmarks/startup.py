"""Start-up: the TUI's first frames and `painlog log`, as whole processes from spawn."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.harness import Result, interleaved, interleaved_reports, process, reported
from benchmarks.histories import TODAY


def tui_startup(db: Path, repeat: int) -> list[Result]:
    """Today's first frame, its whole form, then its log and alerts, each against a bare
    Textual app; each is the moment that frame has been written to the terminal."""
    bare = reported(["-m", "benchmarks.probes", "bare"])

    def probe(name: str):
        return reported(["-m", "benchmarks.probes", name, str(db), TODAY.isoformat()])

    first_s, bare_s = interleaved_reports(probe("painlog"), bare, repeat)
    form_s, bare2_s = interleaved_reports(probe("painlog-form"), bare, repeat)
    data_s, bare3_s = interleaved_reports(probe("painlog-data"), bare, repeat)
    return [
        Result("TUI first frame, 10 years, vs bare Textual app", first_s, bare_s, 1.3),
        Result(
            "TUI whole form (rows under the pain score) vs bare Textual app",
            form_s,
            bare2_s,
            None,
            note="the first frame shows the pain score; the other rows come after",
        ),
        Result("TUI log + alerts shown, 10 years, vs bare Textual app", data_s, bare3_s, 2.5),
    ]


def cli_log(folder: Path, db: Path, repeat: int) -> Result:
    """`painlog log 4 --did walking` on a copy of the diary, against `import sqlmodel`."""
    copy = folder / "log-copy.db"
    copy.write_bytes(db.read_bytes())
    env = {**os.environ, "PAINLOG_TODAY": TODAY.isoformat()}
    log = process(["-m", "painlog.cli", "--db", str(copy), "log", "4", "--did", "walking"], env)
    baseline = process(["-c", "import sqlmodel"])
    log_s, base_s = interleaved(log, baseline, repeat)
    return Result("`painlog log` process, 10 years, vs `import sqlmodel`", log_s, base_s, 1.3)
