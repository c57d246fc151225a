"""Snapshots of the first-run welcome and the help screen at 80x24."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle as _settled

from painlog.store.location import DatabaseLocation
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
SHOWN_PATH = "/home/sam/.local/share/painlog/painlog.db"


@pytest.fixture(autouse=True)
def _stable_path(monkeypatch):
    # The welcome shows where the diary is; a test's temporary folder changes every run.
    monkeypatch.setattr(DatabaseLocation, "display", property(lambda _self: SHOWN_PATH))


def test_welcome_on_first_run(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY, welcome=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_welcome_refusing_a_birth_year(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY, welcome=True)

    async def refuse(pilot) -> None:
        await _settled(pilot)
        await pilot.press(*"68", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=refuse)


def test_help_over_today(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY)

    async def open_help(pilot) -> None:
        await _settled(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)


def test_help_scrolled_to_the_alerts(snap_compare, tmp_path):
    app = PainlogApp(db=str(tmp_path / "d.db"), today=TODAY)

    async def scroll(pilot) -> None:
        await _settled(pilot)
        await pilot.press("f1")
        await pilot.pause()
        screen = pilot.app.screen
        body = screen.query_one("#help-body")
        body.scroll_to_widget(screen.query_one("#help-alerts"), top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=scroll)
