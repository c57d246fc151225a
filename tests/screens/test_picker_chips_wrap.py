"""Chosen places and exercises wrap onto more lines rather than running off the right edge
of the Today form, at any terminal width."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from textual.widgets import Button

from painlog.screens.widgets.picker import ExercisePicker
from painlog.tui.app import PainlogApp

TODAY_DATE = "2026-11-21"
LONG = ("kneeling hip flexor stretch", "half-kneeling hip flexor tilt", "side-lying banded leg")


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 30)])
async def test_three_long_exercises_are_each_shown_whole(tmp_path, size):
    from datetime import date

    app = PainlogApp(db=str(tmp_path / "painlog.db"), today=date.fromisoformat(TODAY_DATE))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        picker = app.screen.query_one(ExercisePicker)
        picker.filter_input.focus()
        for name in LONG:
            await pilot.press(*name, "enter")
        await settle(pilot)
        chips = list(picker.query(".picker--chip").results(Button))
        assert len(chips) == 3
        width = size[0]
        for chip in chips:
            label = str(chip.label)
            region = chip.region
            assert region.width >= len(label), (label, region)
            assert region.x >= 0 and region.right <= width, (label, region, width)
            assert not chip.can_focus
        if width < 100:
            assert len({chip.region.y for chip in chips}) > 1  # wrapped onto another line
        # Backspace in the empty filter still takes the last one, ctrl+z brings it back.
        await pilot.press("backspace")
        await pilot.pause()
        assert len(picker.chosen) == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(picker.chosen) == 3


async def test_chips_move_to_fewer_lines_when_the_terminal_widens(tmp_path):
    from datetime import date

    app = PainlogApp(db=str(tmp_path / "painlog.db"), today=date.fromisoformat(TODAY_DATE))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        picker = app.screen.query_one(ExercisePicker)
        picker.filter_input.focus()
        for name in LONG:
            await pilot.press(*name, "enter")
        await settle(pilot)
        narrow = len(picker.query(".picker--chip-row"))
        await pilot.resize_terminal(160, 30)
        await settle(pilot)
        assert len(picker.query(".picker--chip-row")) < narrow
