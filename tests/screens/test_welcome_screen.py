"""Pilot tests of the first-run welcome: finished, skipped, refused, and never shown twice."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Input, Static

from painlog.rules.records import DayLog, ExerciseDone, Place, Profile
from painlog.screens.help import HelpScreen
from painlog.screens.today import TodayScreen
from painlog.screens.welcome import WELCOME_DONE, WelcomeScreen
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
TYPICAL_DAY_KEYS = ["4", "tab", "l", "enter", "tab", "w", "enter", "g", "enter", "ctrl+s"]
TYPICAL_DAY = DayLog(
    day=TODAY,
    pain=4,
    places=(Place("lower-back"),),
    exercises=(ExerciseDone("walking"), ExerciseDone("glute-bridge")),
)


@pytest.fixture
def db_file(tmp_path) -> str:
    return str(tmp_path / "d.db")


def first_run(db_file: str) -> PainlogApp:
    """The app as the `painlog` command starts it."""
    return PainlogApp(db=db_file, today=TODAY, welcome=True)


def stored(db_file: str) -> tuple[Profile, str | None, int]:
    """The profile, the welcome setting and the number of logged days."""
    with Diary.open(db_file) as diary:
        return diary.profile(), diary.setting(WELCOME_DONE), diary.count_days()


def message(app) -> str:
    return str(app.screen.query_one("#welcome-message", Static).render())


async def test_welcome_answers_are_saved_and_today_follows(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(*"1968", "enter", *"2026-10-01", "enter", *"yes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file) == (Profile(1968, date(2026, 10, 1), True), "done", 0)


@pytest.mark.parametrize(("typed", "answer"), [("no", False), ("YES", True), ("", None)])
async def test_the_cancer_history_question(db_file, typed, answer):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.focused.id == "welcome-cancer"
        await pilot.press(*typed, "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file) == (Profile(cancer_history=answer), "done", 0)


async def test_enter_three_times_goes_through_with_nothing_saved_but_the_welcome(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file) == (Profile(), "done", 0)


async def test_relative_onset_is_read_as_a_date(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", *"3 weeks ago", "enter", "enter")
        await settle(pilot)
    assert stored(db_file)[0] == Profile(None, date(2026, 10, 31))


@pytest.mark.parametrize(
    ("typed", "onset"),
    [("2026/10/01", date(2026, 10, 1)), ("last tuesday", date(2026, 11, 17))],
)
async def test_the_onset_is_read_by_the_one_date_reader(db_file, typed, onset):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", *typed, "enter", "enter")  # the third question skipped
        await settle(pilot)
    assert stored(db_file)[0] == Profile(None, onset)


async def test_escape_skips_and_saves_nothing_typed(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"1968", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file) == (Profile(), "skipped", 0)


@pytest.mark.parametrize(
    ("button", "expected"), [("#welcome-skip", "skipped"), ("#welcome-start", "done")]
)
async def test_buttons_work_with_the_mouse(db_file, button, expected):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#welcome-birth-year")
        await pilot.press(*"1990")
        await pilot.click(button)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    profile = Profile(1990) if expected == "done" else Profile()
    assert stored(db_file) == (profile, expected, 0)


@pytest.mark.parametrize("how", ["done", "skipped"])
async def test_never_shown_again(db_file, how):
    keys = ["enter", "enter", "enter"] if how == "done" else ["escape"]
    async with first_run(db_file).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen_stack or not any(
            isinstance(s, WelcomeScreen) for s in app.screen_stack
        )


async def test_not_shown_to_someone_who_already_logs(db_file):
    with Diary.open(db_file) as diary:
        diary.save_day(DayLog(TODAY, 3), TODAY)
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file)[1] is None


async def test_not_shown_unless_asked_for(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize(
    ("keys", "field", "value", "accepted"),
    [
        (["6", "8", "enter"], "Birth year", "'68'", "from 1900 to 2026"),
        ([*"1890", "enter"], "Birth year", "'1890'", "from 1900 to 2026"),
        ([*"2031", "enter"], "Birth year", "'2031'", "from 1900 to 2026"),
        (["enter", *"tomorrow", "enter"], "Pain started", "'tomorrow'", "2026-11-21) or earlier"),
        (["enter", *"2026-02-31", "enter"], "Pain started", "'2026-02-31'", "expected"),
        (["enter", *"10/3/2026", "enter"], "Pain started", "'10/3/2026'", "10 March or 3 October"),
        (["enter", "enter", *"maybe", "enter"], "Had cancer", "'maybe'", "yes, no or none"),
    ],
)
async def test_refused_answer_names_field_value_and_what_is_accepted(
    db_file, keys, field, value, accepted
):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        said = message(app)
        assert field in said and value in said and accepted in said, said
        assert not said.startswith("Not accepted"), said  # said once, in the field's line
    assert stored(db_file) == (Profile(), None, 0)


async def test_a_refused_field_can_be_corrected(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"19", "enter")
        await settle(pilot)
        assert app.focused.id == "welcome-birth-year"
        await pilot.press(*"55", "enter", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db_file) == (Profile(1955), "done", 0)


async def test_f1_opens_help_over_the_welcome(db_file):
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert isinstance(app.focused, Input)


async def test_keystrokes_from_first_launch_to_the_first_saved_day(db_file):
    """Escape, then the typical day: eleven keys from the welcome to a saved day."""
    keys = ["escape", *TYPICAL_DAY_KEYS]
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert str(app.screen.query_one("#status", Static).render()).startswith("Saved")
    assert len(keys) == 11
    with Diary.open(db_file) as diary:
        assert diary.load_day(TODAY) == TYPICAL_DAY


async def test_keystrokes_when_going_through_the_welcome(db_file):
    """Enter through the three questions, then the typical day: thirteen keys."""
    keys = ["enter", "enter", "enter", *TYPICAL_DAY_KEYS]
    app = first_run(db_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    assert len(keys) == 13
    with Diary.open(db_file) as diary:
        assert diary.load_day(TODAY) == TYPICAL_DAY
        assert diary.setting(WELCOME_DONE) == "done"
