"""Alerts evaluation over a whole diary, against a raw SQL weekly aggregate."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.harness import Result, median_seconds
from benchmarks.histories import TODAY

ABSOLUTE_TARGET_S = 0.1


def alerts_evaluation(db: Path, repeat: int) -> Result:
    """`rules.alerts.evaluate` on every logged day (already read), as the app runs it."""
    from painlog.rules.alerts import evaluate
    from painlog.store.diary import Diary

    with Diary.open(str(db)) as diary:
        logs = diary.days()
        profile = diary.profile()
    painlog_s = median_seconds(lambda: evaluate(logs, profile, TODAY), repeat)

    def weekly_sql() -> None:
        with sqlite3.connect(db) as connection:
            connection.execute(
                "SELECT strftime('%Y-%W', day), avg(pain), max(pain), count(*) "
                "FROM day_log GROUP BY 1"
            ).fetchall()

    base_s = median_seconds(weekly_sql, repeat)
    return Result(
        "alerts evaluation, 10 years, vs raw SQL weekly aggregate",
        painlog_s,
        base_s,
        3.0,
        note=f"absolute {painlog_s * 1000:.1f} ms (target < {ABSOLUTE_TARGET_S * 1000:.0f} ms)",
    )
