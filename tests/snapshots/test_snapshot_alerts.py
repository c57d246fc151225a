"""Snapshots of the Alerts screen on the demo diary (seed 1), whose fall three weeks back
raised the one warning sign, at 80x24 and 60x20."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle

from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def demo_db(tmp_path) -> str:
    path = str(tmp_path / "demo.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 16, 1, TODAY)
    return path


async def _open_alerts(pilot) -> None:
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
def test_alerts_on_the_demo_diary(snap_compare, demo_db, size):
    app = PainlogApp(db=demo_db, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_open_alerts)
