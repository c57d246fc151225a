"""Pilot tests of the help screen: opened by F1, ? or the palette, built from the data."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pilot_helpers import settle
from rich.console import Console
from textual.widgets import Static

from painlog.rules.advice import KEEP_MOVING, SOURCES
from painlog.rules.alerts import KINDS
from painlog.rules.scale import ANCHORS
from painlog.screens.help import HelpScreen, advice_texts, trigger_texts
from painlog.screens.today import TodayScreen
from painlog.seeds import catalogue
from painlog.seeds.thresholds import thresholds
from painlog.tui.app import PainlogApp

ACTIVITY = re.compile(r"exercis|walk|stretch|\bmov|programme|activ", re.IGNORECASE)

TODAY = date(2026, 11, 21)


@pytest.fixture
def app(tmp_path) -> PainlogApp:
    return PainlogApp(db=str(tmp_path / "d.db"), today=TODAY)


def plain(static: Static) -> str:
    """A help section as plain text, words on one line each (wide, so nothing wraps)."""
    console = Console(width=400, file=io.StringIO(), record=True, color_system=None)
    console.print(static.content)
    return " ".join(console.export_text().split())


def section(app, name: str) -> str:
    return plain(app.screen.query_one(f"#help-{name}", Static))


async def test_f1_opens_and_escape_closes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Today" in str(app.screen.query_one("#help-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize("close", ["f1", "question_mark", "q"])
async def test_question_mark_opens_and_the_same_keys_close(app, close):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(close)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_close_button_works_with_the_mouse(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.click("#help-close")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_palette_has_a_help_command(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Help"]
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_emergency_signs_come_first(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.children[0].id == "help-emergency"
        text = section(app, "emergency")
        assert text.startswith("!! EMERGENCY SIGNS")
        for flag in catalogue().red_flags:
            assert (f"{flag.name}:" in text) is flag.emergency
        assert SOURCES["emergency"] in text
        # In view when the help opens, at 80x24.
        assert app.screen.query_one("#help-emergency").region.y < 24


async def test_keys_of_today_are_listed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = section(app, "keys")
    for expected in (
        "ctrl+s Save",
        "ctrl+n Check-in: Add a check-in to this day",
        "Delete, d or its ✕ On a check-in: deletes it",
        "[ Prev day",
        "] Next day",
        "ctrl+t Back to today",
        "0-9 Pain score",
        "F2 Today",
        "F5 Alerts",
        "F7 Settings",
        "F1 / ? Help",
        "ctrl+q Quit",
        "Tab Next field",
        "→ / ↑ / + More",  # the pain scale in focus
    ):
        assert expected in keys, expected


async def test_keys_follow_the_screen_the_help_is_opened_over(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = section(app, "keys")
        assert "Alerts" in str(app.screen.query_one("#help-title").render())
        assert "a Acknowledge" in keys
        assert "ctrl+s Save" not in keys
        await pilot.press("escape", "f7")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert "c Copy path" in section(app, "keys")


async def test_the_scale_is_put_into_words(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        scale = section(app, "scale")
    for point, band in ((0, "none"), (3, "mild"), (5, "moderate"), (7, "severe"), (10, "severe")):
        assert f"{point}/10 {band} {ANCHORS[point]}" in scale
    assert "the mean of its check-ins, rounded half up (3 and 4 give 4)" in scale


async def test_every_alert_with_its_rule_and_source(app):
    t = thresholds()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        alerts = section(app, "alerts")
    triggers, advice = trigger_texts(t), advice_texts(t)
    for kind in KINDS:
        assert kind.replace("_", " ") in alerts
        assert " ".join(triggers[kind].split()) in alerts
        assert advice[kind], kind
        for label, text in advice[kind]:
            assert f"{label} {' '.join(text.split())}" in alerts
        assert SOURCES[kind] in alerts
    assert " ".join(KEEP_MOVING.split()) in alerts
    assert f"last {t.hip_quiet_days} days" in alerts


def test_rules_in_words_carry_the_numbers_from_the_data():
    t = thresholds()
    triggers, advice = trigger_texts(t), advice_texts(t)
    assert set(triggers) == set(KINDS)
    assert f"over {t.check_after_weeks} weeks" in triggers["see_clinician"]
    assert f"{t.change_points} or more points" in triggers["worsening"]
    assert f"{t.change_percent}% or more" in triggers["worsening"]
    assert f"last {t.emergency_active_days} days" in triggers["emergency"]
    assert f"at {t.same_day_age} or over" in triggers["same_day"]
    assert f"{t.same_day_pair_days} days apart" in triggers["same_day"]
    assert f"at least {t.change_min_points} point" in triggers["worsening"]
    assert f"latest logged days of the last {t.sparse_window_days}" in triggers["see_clinician"]
    assert "cancer" in triggers["see_clinician"]
    assert f"more than {t.episode_silence_days} days" in triggers["duration"]
    assert f"last {t.well_logs} logged days were pain-free" in triggers["keep_moving"]
    assert any(f"{t.chronic_weeks} weeks" in text for _label, text in advice["duration"])
    assert all("{" not in text for texts in advice.values() for _label, text in texts)


def test_the_help_shows_each_wording_an_alert_can_take_and_when():
    advice = advice_texts(thresholds())
    labels = {kind: [label for label, _text in texts] for kind, texts in advice.items()}
    assert labels["emergency"] == ["Do", "Later"]
    assert labels["worsening"] == ["Do", "After fall", "When seen"]
    assert labels["duration"] == ["Do", "When seen", "Do", "After fall", "When seen"]
    assert labels["keep_moving"] == ["Do", "Do"]
    # Only the calm wordings speak of activity.
    for texts in advice.values():
        for label, text in texts:
            if label != "Do":
                assert not ACTIVITY.search(text), text


async def test_other_warning_signs_and_age_are_listed(app):
    t = thresholds()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        signs = section(app, "signs")
    for flag in catalogue().red_flags:
        assert (f"{flag.name}:" in signs) is not flag.emergency
    assert f"Age over {t.age_over} or under {t.age_under}" in signs
    assert "A history of cancer: Your answer in Settings" in signs


async def test_question_mark_in_a_text_field_is_typed_not_help(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.focused.value == "?"


async def test_help_scrolls_from_the_keyboard(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        await pilot.press("pagedown", "down")
        await pilot.pause()
        assert body.scroll_y > 0
