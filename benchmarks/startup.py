"""Start-up of the TUI, as whole processes from spawn: its first frame, then the frame
showing the day's log and alerts."""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import Result, interleaved_reports, process, reported, shown, timed
from benchmarks.histories import TODAY


def tui_startup(db: Path, repeat: int, env: dict[str, str]) -> list[Result]:
    """Today's first frame against a bare Textual app's, and the frame with the day and
    its alerts against that bare frame plus `python -c "import sqlmodel"`: the day is
    read through the `Diary`, so SQLModel's import is in its wait by design, and the
    target is what painlog adds on top of the two libraries it stands on.

    The rows under the score are mounted once the frame with the day's score is drawn (as
    `textual.lazy.Lazy` mounts); a row for information times the frame that holds them
    too, against the same baseline.

    The five processes run turn about, so the bare app's median serves every row.
    """

    def probe(name: str):
        return reported(["-m", "benchmarks.probes", name, str(db), TODAY.isoformat()], env)

    first_s, data_s, form_s, bare_s, sqlmodel_s = interleaved_reports(
        [
            probe("painlog"),
            probe("painlog-data"),
            probe("painlog-form"),
            reported(["-m", "benchmarks.probes", "bare"], env),
            timed(process(["-c", "import sqlmodel"], env)),
        ],
        repeat,
    )
    return [
        Result("TUI first frame, 10 years, vs bare Textual app", first_s, bare_s, 1.3),
        Result(
            "TUI day + alerts shown, 10 years, vs bare frame + `import sqlmodel`",
            data_s,
            bare_s + sqlmodel_s,
            1.25,
            note=f"bare frame {shown(bare_s)} + `import sqlmodel` {shown(sqlmodel_s)}",
        ),
        Result(
            "TUI whole form shown (the rows under the score, a frame later), same baseline",
            form_s,
            bare_s + sqlmodel_s,
            None,
            note="the rows are mounted once the day's score is drawn",
        ),
    ]
