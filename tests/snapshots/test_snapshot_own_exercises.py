"""Snapshots of Your exercises and its Add form at 80x24."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle as _settled

from painlog.rules.records import DayLog, ExerciseDone
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def db(tmp_path) -> str:
    """Two own exercises, the second retired, done on a few days with a walk."""
    path = str(tmp_path / "diary.db")
    with Diary.open(path) as diary:
        clam = diary.add_exercise("Clamshell with band", "strength", "3 x 12 each side, daily")
        stretch = diary.add_exercise("Doorway hip flexor stretch", "stretch", "3 x 30 s each side")
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=ago),
                    pain,
                    exercises=(
                        ExerciseDone("walking", minutes=20),
                        ExerciseDone(clam.slug, 3, 12),
                        *((ExerciseDone(stretch.slug),) if ago > 2 else ()),
                    ),
                )
                for ago, pain in ((0, 3), (1, 4), (3, 5), (4, 5))
            ]
        )
        diary.retire_exercise(stretch.slug, TODAY - timedelta(days=2))
    return path


async def _open_exercises(pilot) -> None:
    await _settled(pilot)
    await pilot.press("f7")
    await _settled(pilot)
    await pilot.press("e")
    await _settled(pilot)


def test_your_exercises_with_one_retired(snap_compare, db):
    app = PainlogApp(db=db, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_exercises)


def test_add_form_refusing_a_catalogue_name(snap_compare, db):
    app = PainlogApp(db=db, today=TODAY)

    async def refuse(pilot) -> None:
        await _open_exercises(pilot)
        await pilot.press("a", *"Glute bridge", "tab", "tab", *"2 x 15", "ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=refuse)
