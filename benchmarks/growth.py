"""Growth: the same work on a 20-year diary against a 10-year one, turn about.

Twice the history should cost about twice the time, not more: anything that grows faster
(a query per day, a quadratic pass over the logs) shows up here long before a person's
diary is that old. The "20-year" diary is the longest the demo makes (1040 weeks).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import Result, interleaved, interleaved_reports
from benchmarks.histories import TODAY
from benchmarks.transfer import (
    daily_source,
    empty_copies,
    export_daily,
    export_weekly,
    importing,
)

TARGET = 2.3


def growth(folder: Path, ten: Path, twenty: Path, repeat: int) -> list[Result]:
    """Daily export, weekly export of the whole diary, import of each diary's daily
    export into an empty diary, and the alerts, each on both diaries turn about."""
    from painlog.store.alerting import current_alerts
    from painlog.store.diary import Diary

    fresh = empty_copies(folder / "import")
    sources = {path: daily_source(folder, path) for path in (ten, twenty)}
    with Diary.open(str(ten)) as small, Diary.open(str(twenty)) as big:
        note = f"{big.count_days()} days vs {small.count_days()}"
        first = {diary: diary.days()[0].day for diary in (small, big)}

        def written(diary, kind: str) -> Path:
            return folder / f"{diary.location.path.stem}-{kind}-export.csv"

        def row(name: str, small_s: float, big_s: float) -> Result:
            return Result(f"{name}, 20 years vs 10 years", big_s, small_s, TARGET, note)

        def pair(name: str, run) -> Result:
            return row(name, *interleaved([lambda: run(small), lambda: run(big)], repeat))

        return [
            pair("daily export", lambda diary: export_daily(diary, written(diary, "daily"))),
            pair(
                "weekly summary export (whole diary)",
                lambda diary: export_weekly(diary, written(diary, "weekly"), first[diary]),
            ),
            row(
                "import of a daily export",
                *interleaved_reports(
                    [importing(sources[ten], fresh), importing(sources[twenty], fresh)], repeat
                ),
            ),
            pair("alerts (current_alerts)", lambda diary: current_alerts(diary, TODAY)),
        ]
