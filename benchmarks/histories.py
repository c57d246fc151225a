"""Reproducible synthetic diaries for the benchmarks."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from painlog.rules.records import DayLog, ExerciseDone, Place

TODAY = date(2026, 11, 21)
SEED = 7


def history(weeks: int, seed: int = SEED, today: date = TODAY) -> list[DayLog]:
    """`weeks` of daily logs ending today: places, exercises, a few gaps and flags."""
    rng = random.Random(seed)
    places = ("lower-back", "hip-side", "buttock", "thigh-back")
    exercises = ("walking", "glute-bridge", "pigeon-pose", "swimming", "seated-hip-rotation")
    logs = []
    for offset in range(weeks * 7, -1, -1):
        day = today - timedelta(days=offset)
        if rng.random() < 0.06:
            continue  # an unlogged day
        pain = max(0, min(10, round(4 + 2 * rng.gauss(0, 1))))
        logs.append(
            DayLog(
                day=day,
                pain=pain,
                worst=min(10, pain + rng.choice((0, 1, 2))) if rng.random() < 0.5 else None,
                places=tuple(
                    Place(p, rng.choice(("left", "right", None)))
                    for p in rng.sample(places, rng.randint(1, 2))
                ),
                exercises=tuple(
                    ExerciseDone(slug, minutes=rng.choice((None, 20, 30)))
                    for slug in rng.sample(exercises, rng.randint(0, 3))
                ),
                flags=("fever",) if rng.random() < 0.005 else (),
                bed_rest=rng.random() < 0.03,
                note=rng.choice(("", "", "long day at the desk", "slept badly")),
            )
        )
    return logs


def build_database(path: Path, weeks: int) -> None:
    """A diary file holding `history(weeks)`."""
    from painlog.store.diary import Diary

    with Diary.open(str(path)) as diary:
        diary.insert_days(history(weeks))
