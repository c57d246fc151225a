"""Pilot tests that the Today form keeps its place: after a move to another day, a save, an
Escape or F2, digits reach the pain score and Space the first warning sign; the command
palette offers each action once; the signs list says what is out of view, and the footer
keeps the section keys at any width."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static, TextArea
from textual.widgets._footer import FooterKey

from painlog.rules.describe import day_heading
from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.history import HistoryScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.flag_checklist import FlagChecklist
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp, sections

TODAY = date(2026, 11, 21)
YESTERDAY = TODAY - timedelta(days=1)
TO_SIGNS = ["tab", "tab", "tab"]
"""From the pain score: Where, Did, then the warning signs."""


@pytest.fixture
def db_file(tmp_path) -> str:
    """A diary with a few logged days, one of them with a sign ticked."""
    path = str(tmp_path / "diary.db")
    with Diary.open(path) as diary:
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=3), 5, places=(Place("knee", "right"),)),
                DayLog(TODAY - timedelta(days=2), 6, flags=("fever",), note="bad night"),
                DayLog(TODAY, 4, exercises=(ExerciseDone("walking", minutes=30),)),
            ]
        )
    return path


def stored(db_file: str, day: date) -> DayLog | None:
    with Diary.open(db_file) as diary:
        return diary.load_day(day)


def pain_of(app) -> int | None:
    return app.screen.query_one("#pain", PainScale).value


def first_sign() -> str:
    return FlagChecklist().flags[0].slug


async def test_a_digit_after_the_previous_day_key_is_the_pain_score(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*TO_SIGNS, "left_square_bracket")
        await settle(pilot)
        assert app.screen.day == YESTERDAY
        assert isinstance(app.focused, PainScale) and app.focused.id == "pain"
        await pilot.press("7")
        assert pain_of(app) == 7
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored(db_file, YESTERDAY).pain == 7


async def test_a_digit_after_the_next_day_key_is_the_pain_score(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        await pilot.press(*TO_SIGNS, "right_square_bracket")
        await settle(pilot)
        assert app.screen.day == YESTERDAY
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
    log = stored(db_file, YESTERDAY)
    assert (log.pain, log.note) == (3, "")


async def test_ctrl_t_goes_back_to_today_with_the_pain_score_focused(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen.day == TODAY
        await pilot.press("8", "ctrl+s")
        await settle(pilot)
    log = stored(db_file, TODAY)
    assert (log.pain, log.note) == (8, "")


async def test_a_day_opened_from_history_takes_the_digit_typed_next(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    two_days_ago = TODAY - timedelta(days=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Leave Today with the focus deep in the form.
        await pilot.press(*TO_SIGNS, "f3")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the list is newest first: two days ago
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.day == two_days_ago
        assert app.focused is app.screen.query_one("#pain")
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
    log = stored(db_file, two_days_ago)
    assert (log.pain, log.flags, log.note) == (2, ("fever",), "bad night")


async def test_history_opening_the_day_already_shown_focuses_the_pain_score(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")  # the newest row: today, the day Today shows
        await settle(pilot)
        assert app.screen.day == TODAY
        assert app.focused is app.screen.query_one("#pain")


async def test_after_a_save_the_pain_score_has_the_focus(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"ok", "ctrl+s")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#pain")
        await pilot.press("5", "ctrl+s")
        await settle(pilot)
    log = stored(db_file, TODAY)
    assert (log.pain, log.note) == (5, "ok")


async def test_the_signs_list_starts_at_the_first_sign_on_every_day(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Down to "Symptoms in both legs" (or wherever eight steps lead) on today...
        await pilot.press(*TO_SIGNS, *["down"] * 8)
        checklist = app.screen.query_one("#flags", FlagChecklist)
        assert checklist.highlighted == 8
        # ...then the day before: Tab to the list and Space ticks its first sign.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert checklist.highlighted == 0 and checklist.scroll_y == 0
        await pilot.press("1", *TO_SIGNS, "space", "ctrl+s")
        await settle(pilot)
    assert stored(db_file, YESTERDAY).flags == (first_sign(),)
    assert stored(db_file, TODAY).flags == ()


async def test_f2_opens_today_whichever_day_was_shown_last(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.day == TODAY
        assert app.screen.sub_title.startswith(f"{day_heading(TODAY)} (today) · ")
        assert pain_of(app) == 4
        # On Today itself too.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.day == TODAY
        assert app.focused is app.screen.query_one("#pain")


async def test_f2_asks_before_dropping_unsaved_changes_to_another_day(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("9", "f3")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert app.screen.day == YESTERDAY
        assert pain_of(app) == 9


async def test_escape_in_a_filter_goes_to_the_pain_score_and_keeps_the_text(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", *"lo", "escape")
        assert app.focused is app.screen.query_one("#pain")
        await pilot.press("6")
        assert pain_of(app) == 6
        assert app.screen.query_one("#places Input", Input).value == "lo"


async def test_escape_in_the_note_goes_to_the_pain_score(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"stiff", "escape", "2", "ctrl+s")
        await settle(pilot)
    log = stored(db_file, TODAY)
    assert (log.pain, log.note) == (2, "stiff")


async def palette_titles(pilot) -> list[str]:
    """The titles the command palette lists before anything is typed."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    commands = app.screen.query_one(CommandList)
    titles = [commands.get_option_at_index(i).hit.text for i in range(commands.option_count)]
    await pilot.press("escape")
    await settle(pilot)
    return titles


@pytest.mark.parametrize("key", [section.key for section in sections()])
async def test_every_palette_entry_has_its_own_title(db_file, key):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        titles = await palette_titles(pilot)
    folded = [title.casefold() for title in titles]
    assert len(titles) > 5
    assert len(set(folded)) == len(folded), sorted(folded)
    assert "go to today" in folded


async def test_the_palette_offers_the_day_commands_on_today_only(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        on_today = await palette_titles(pilot)
        await pilot.press("f3")
        await settle(pilot)
        on_history = await palette_titles(pilot)
    day_commands = {"Save this day", "Previous day", "Next day"}
    assert day_commands <= set(on_today)
    assert not day_commands & set(on_history)


async def test_go_to_today_in_the_palette_opens_today(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("ctrl+p", *"go to today", "enter")
        await settle(pilot)
        assert app.screen.day == TODAY
        assert app.focused is app.screen.query_one("#pain")


def more_text(app) -> str | None:
    """The hint under the signs list, or None while it is hidden."""
    more = app.screen.query_one("#flags-more", Static)
    return str(more.render()) if more.display else None


async def test_the_signs_list_says_how_many_are_out_of_view(db_file):
    signs = len(FlagChecklist().flags)
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        checklist = app.screen.query_one("#flags", FlagChecklist)
        shown = checklist.scrollable_content_region.height
        assert shown < signs
        assert more_text(app) == f"{signs - shown} more below ↓"
        # In the list, and down to its last sign: none below, some above.
        await pilot.press(*TO_SIGNS, *["down"] * (signs - 1))
        await settle(pilot)
        above, below = checklist.hidden
        assert below == 0 and above > 0
        assert more_text(app) == f"{above} above ↑"


def footer_keys(app) -> list[str]:
    """The footer's keys as drawn, each wholly inside the screen."""
    width = app.size.width
    shown = []
    for key in app.screen.query_one(KeysFooter).query(FooterKey):
        region = key.region
        if region.width and region.right <= width and region.y < app.size.height:
            shown.append(" ".join(str(key.render()).split()))
    return shown


SECTION_LABELS = [
    "f1 Help",
    "f2 Today",
    "f3 History",
    "f4 Trends",
    "f5 Alerts",
    "f6 Export",
    "f7 Settings",
]


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_footer_shows_every_section_key_and_the_days_keys(db_file, width):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        shown = footer_keys(app)
    for label in [*SECTION_LABELS, "^s Save", "[ Prev day", "] Next day"]:
        assert label in shown, (label, shown)


@pytest.mark.parametrize(
    ("key", "own"),
    [
        ("f3", ["⏎/e Edit", "d Delete"]),
        # Settings shows its lists' keys on their buttons (Exercises, Medications, Treatments).
        ("f7", ["^s Save profile", "c Copy path"]),
    ],
)
async def test_at_80_columns_every_screen_keeps_its_keys_in_the_footer(db_file, key, own):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        shown = footer_keys(app)
    for label in [*SECTION_LABELS, *own]:
        assert label in shown, (label, shown)


async def test_the_footer_follows_the_terminal_width(db_file):
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        assert footer.outer_size.height == 1
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert footer.outer_size.height == 2
        assert set(SECTION_LABELS) <= set(footer_keys(app))
