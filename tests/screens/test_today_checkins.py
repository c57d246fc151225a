"""Check-ins on Today: added with ctrl+n, listed under the pain score, edited and deleted
from that list, with real key presses, and checked against what was stored."""

from __future__ import annotations

from datetime import date, time

import pytest
from pilot_helpers import settle
from textual.widgets import Input, Static, TextArea

from painlog.rules.checkins import with_checkin
from painlog.rules.records import CheckIn, DayLog, Place
from painlog.screens.changed_elsewhere import ChangedElsewhereScreen
from painlog.screens.checkin_form import CheckInForm
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.checkin_list import CheckInList
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
MORNING = time(8, 10)
NOON = time(12, 30)


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "diary.db")


@pytest.fixture
def clock(monkeypatch):
    """Pins the clock a new check-in's time starts at; set `.now` to move it."""

    class Clock:
        now = MORNING

    monkeypatch.setattr("painlog.screens.checkin_form.clock_minute", lambda: Clock.now)
    return Clock


def stored(db: str, day: date = TODAY) -> DayLog | None:
    with Diary.open(db, read_only=True) as diary:
        return diary.load_day(day)


def save(db: str, log: DayLog) -> None:
    with Diary.open(db) as diary:
        diary.save_day(log, TODAY)


def by_checkins(*checkins: CheckIn) -> DayLog:
    """A day logged only by `checkins`."""
    log = None
    for checkin in checkins:
        log = with_checkin(log, TODAY, checkin)
    return log


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def message(app) -> str:
    return str(app.screen.query_one("#checkin-message", Static).render())


def pain(app, which: str = "#pain") -> PainScale:
    return app.screen.query_one(which, PainScale)


async def to_the_list(pilot) -> None:
    """From the pain score (where Today puts focus), Tab to the check-ins."""
    await pilot.press("tab")
    assert isinstance(pilot.app.focused, CheckInList)


# -- adding ------------------------------------------------------------------------------


async def test_a_checkin_logs_a_fresh_day_and_the_day_takes_its_pain(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.screen.query_one("#checkin-time", Input).value == "08:10"
        assert app.focused is app.screen.query_one("#checkin-pain")
        await pilot.press("3", "tab", *"low left", "enter", "tab", *"stiff", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert pain(app).value == 3
        assert pain(app).source == "from 1 check-in"
        assert status(app) == "Added the 08:10 check-in"
        assert not app.screen.has_unsaved_changes
        assert app.screen.query_one(CheckInList).checkins == stored(db).checkins
    checkin = CheckIn(MORNING, 3, (Place("lower-back", "left"),), "stiff")
    log = stored(db)
    assert log.checkins == (checkin,)
    assert (log.pain, log.worst, log.places) == (3, 3, checkin.places)
    assert log.pain_from_checkins and log.worst_from_checkins


async def test_ctrl_n_a_digit_and_enter_log_how_it_is_now(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "4", "enter")
        await settle(pilot)
    assert stored(db).checkins == (CheckIn(MORNING, 4),)


async def test_a_second_checkin_gives_the_rounded_mean_and_the_highest(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3)))
    clock.now = NOON
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "4", "enter")
        await settle(pilot)
        # 3 and 4 make 3.5, which rounds up.
        assert pain(app).value == 4
        assert pain(app).source == "mean of 2 check-ins"
        assert pain(app, "#worst").value == 4
        assert pain(app, "#worst").source == "highest of 2 check-ins"
        assert not app.screen.has_unsaved_changes
    log = stored(db)
    assert [(x.at, x.pain) for x in log.checkins] == [(MORNING, 3), (NOON, 4)]
    assert (log.pain, log.worst, log.pain_from_checkins) == (4, 4, True)


async def test_a_pain_set_by_hand_stays_when_a_checkin_comes(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+n", "2", "enter")
        await settle(pilot)
        assert pain(app).value == 6
        assert pain(app).source == "set by you"
        assert not app.screen.has_unsaved_changes
    log = stored(db)
    assert (log.pain, log.pain_from_checkins) == (6, False)
    assert log.checkins == (CheckIn(MORNING, 2),)


async def test_a_pain_typed_and_not_saved_stays_the_persons(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7", "ctrl+n", "2", "enter")
        await settle(pilot)
        assert pain(app).value == 7
        assert app.screen.has_unsaved_changes
        await pilot.press("ctrl+s")
        await settle(pilot)
    log = stored(db)
    assert (log.pain, log.pain_from_checkins, log.checkins) == (7, False, (CheckIn(MORNING, 2),))


async def test_unsaved_edits_stay_through_a_checkin_and_the_next_save_keeps_both(db, clock):
    save(db, DayLog(TODAY, 4, places=(Place("knee", "left"),)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"long drive")
        await pilot.press("ctrl+n", "5", "tab", *"low", "enter", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#note", TextArea).text == "long drive"
        assert screen.query_one("#places").chosen == [Place("knee", "left"), Place("lower-back")]
        assert status(app).startswith("Added the 08:10 check-in; your other changes are not")
        assert stored(db).note == ""  # the check-in alone was written
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("Saved")
    log = stored(db)
    assert log.note == "long drive"
    assert log.checkins == (CheckIn(MORNING, 5, (Place("lower-back"),)),)
    assert log.places == (Place("knee", "left"), Place("lower-back"))
    assert (log.pain, log.pain_from_checkins) == (4, False)


async def test_a_fresh_day_with_only_a_note_takes_the_checkins_pain_and_saves(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"bad night", "ctrl+n", "3", "enter")
        await settle(pilot)
        assert pain(app).value == 3
        await pilot.press("ctrl+s")
        await settle(pilot)
    log = stored(db)
    assert (log.note, log.pain, log.pain_from_checkins) == ("bad night", 3, True)


# -- editing and deleting ----------------------------------------------------------------


async def test_editing_a_checkin_moves_it_and_changes_its_pain(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3), CheckIn(NOON, 5, note="after lunch")))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await to_the_list(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.screen.query_one("#checkin-time", Input).value == "12:30"
        assert app.screen.query_one("#checkin-note", Input).value == "after lunch"
        await pilot.press("shift+tab", *"13:45", "tab", "7", "enter")
        await settle(pilot)
        assert status(app) == "Moved the 12:30 check-in to 13:45"
        assert pain(app).value == 5
    log = stored(db)
    assert log.checkins == (CheckIn(MORNING, 3), CheckIn(time(13, 45), 7, note="after lunch"))
    assert (log.pain, log.worst) == (5, 7)


async def test_a_click_on_a_checkin_opens_it(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click(".checkin-line")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.screen.item == CheckIn(MORNING, 3)


async def test_a_checkin_cannot_move_onto_anothers_minute(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3), CheckIn(NOON, 5)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await to_the_list(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("shift+tab", *"8:10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert message(app).startswith("Not saved: time: '08:10' is not accepted")
        assert app.focused is app.screen.query_one("#checkin-time")
    assert stored(db) == by_checkins(CheckIn(MORNING, 3), CheckIn(NOON, 5))


async def test_deleting_a_checkin_asks_first_and_the_pain_follows(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3), CheckIn(NOON, 6)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await to_the_list(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Delete the 08:10 check-in (pain 3)?"
        await pilot.press("n")
        await settle(pilot)
        assert len(stored(db).checkins) == 2
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert status(app) == "Deleted the 08:10 check-in"
        assert pain(app).value == 6
    log = stored(db)
    assert log.checkins == (CheckIn(NOON, 6),)
    assert (log.pain, log.worst, log.pain_from_checkins) == (6, 6, True)


async def test_deleting_the_last_checkin_from_the_keys_puts_focus_back_on_the_pain(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await to_the_list(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#pain")
        await pilot.press("5")
        assert pain(app).value == 5
    assert stored(db).checkins == ()


async def test_deleting_the_last_checkin_leaves_its_pain_as_the_days_own(db, clock):
    save(db, by_checkins(CheckIn(MORNING, 3)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click(".checkin-delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "The day keeps its pain, 3, as yours." in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        screen = app.screen
        assert not screen.query_one("#checkins-row").display
        assert pain(app).value == 3
        assert pain(app).source == ""
        assert not screen.has_unsaved_changes
    log = stored(db)
    assert (log.pain, log.checkins, log.pain_from_checkins) == (3, (), False)


# -- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["25:00", "8h"])
async def test_a_time_that_is_no_time_is_refused_at_the_time(db, clock, typed):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "4", "shift+tab", *typed, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert message(app) == (
            f"Not saved: time: '{typed}' is not accepted; expected a time of day as HH:MM, "
            "from 00:00 to 23:59"
        )
        assert app.focused is app.screen.query_one("#checkin-time")
    assert stored(db) is None


async def test_a_checkin_without_a_pain_is_refused_at_the_pain(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "tab", "tab", *"stiff", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert message(app).startswith("Not saved: pain: '' is not accepted; expected a score")
        assert app.focused is app.screen.query_one("#checkin-pain")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert stored(db) is None


async def test_text_left_in_where_that_names_no_one_place_is_refused_at_where(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "4", "tab", *"hip", "ctrl+s")
        await settle(pilot)
        assert message(app).startswith("Not saved: where: 'hip' is not accepted")
        assert app.focused is app.screen.query_one("#checkin-where Input")
    assert stored(db) is None


# -- another writer ----------------------------------------------------------------------

THEIRS = DayLog(TODAY, 7, flags=("fever",), note="from the shell")


async def a_checkin_over_a_newer_day(pilot, db: str) -> None:
    await settle(pilot)
    save(db, THEIRS)
    await pilot.press("ctrl+n", "5", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChangedElsewhereScreen)
    assert stored(db) == THEIRS  # nothing written while it asks


async def test_keeping_mine_writes_the_form_with_the_checkin(db, clock):
    save(db, DayLog(TODAY, 4, places=(Place("knee", "left"),)))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await a_checkin_over_a_newer_day(pilot, db)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen.has_unsaved_changes
        assert status(app) == "Saved yours over the other version (added the 08:10 check-in)"
    # The day's pain stays the one set; the day had no worst, so it takes the check-in's.
    assert stored(db) == DayLog(
        TODAY,
        4,
        5,
        places=(Place("knee", "left"),),
        checkins=(CheckIn(MORNING, 5),),
        worst_from_checkins=True,
    )


async def test_taking_theirs_offers_the_checkin_again(db, clock):
    save(db, DayLog(TODAY, 4))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await a_checkin_over_a_newer_day(pilot, db)
        await pilot.press("t")
        await settle(pilot)
        assert status(app).endswith("; ctrl+n offers your check-in again")
        assert pain(app).value == 7
        assert stored(db) == THEIRS
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert pain(app, "#checkin-pain").value == 5
        await pilot.press("enter")
        await settle(pilot)
    log = stored(db)
    assert (log.pain, log.note, log.checkins) == (7, "from the shell", (CheckIn(MORNING, 5),))


async def test_cancelling_writes_nothing_and_keeps_the_checkin(db, clock):
    save(db, DayLog(TODAY, 4))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await a_checkin_over_a_newer_day(pilot, db)
        await pilot.press("escape")
        await settle(pilot)
        assert status(app).endswith("; ctrl+n offers your check-in again")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert pain(app, "#checkin-pain").value == 5
    assert stored(db) == THEIRS


# -- elsewhere on the screen -------------------------------------------------------------


async def test_the_palette_offers_a_checkin_on_today(db, clock):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"check-in", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)


async def test_a_day_opened_from_history_lists_its_checkins(db, clock):
    save(db, DayLog(date(2026, 11, 19), 2))
    with Diary.open(db) as diary:
        diary.change_day(
            date(2026, 11, 19),
            lambda held: with_checkin(held, date(2026, 11, 19), CheckIn(NOON, 4)),
            TODAY,
        )
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.day == date(2026, 11, 19)
        assert screen.query_one(CheckInList).checkins == (CheckIn(NOON, 4),)
        await to_the_list(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        await pilot.press("6", "enter")
        await settle(pilot)
    assert stored(db, date(2026, 11, 19)).checkins == (CheckIn(NOON, 6),)


async def test_the_checkins_row_shows_only_on_a_day_with_checkins(db, clock):
    save(db, by_checkins(CheckIn(NOON, 4)))
    with Diary.open(db) as diary:
        diary.save_day(DayLog(date(2026, 11, 20), 2), TODAY)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#checkins-row").display
        assert screen.query_one(CheckInList).checkins == (CheckIn(NOON, 4),)
        await pilot.press("[")
        await settle(pilot)
        assert screen.day == date(2026, 11, 20)
        assert not screen.query_one("#checkins-row").display
        await pilot.press("tab")
        assert pilot.app.focused.parent.id == "places"
        await pilot.press("escape", "]")
        await settle(pilot)
        assert screen.query_one("#checkins-row").display
        await pilot.press("tab")
        assert isinstance(pilot.app.focused, CheckInList)


async def test_a_day_without_checkins_has_no_checkins_row(db, clock):
    save(db, DayLog(TODAY, 2))
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Not built at all: most days have no check-ins, and the list is costly to mount.
        assert not app.screen.query(CheckInList)
        await pilot.press("tab")
        assert not isinstance(pilot.app.focused, CheckInList)


def test_editing_the_only_checkin_keeps_the_days_pain_following_it():
    from painlog.screens.checkin_form import CheckInChange

    day = by_checkins(CheckIn(MORNING, 3))
    changed = CheckInChange(TODAY, CheckIn(NOON, 6), MORNING).apply(day)
    assert (changed.pain, changed.worst, changed.pain_from_checkins) == (6, 6, True)
    assert changed.checkins == (CheckIn(NOON, 6),)


async def test_a_place_a_checkin_names_taken_out_of_where_is_refused_at_where(db, clock):
    logged = by_checkins(CheckIn(MORNING, 3, (Place("hip-side", "left"),)))
    save(db, logged)
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#places").filter_input.focus()
        await pilot.press("backspace", "escape")  # then back to the pain score
        assert app.focused is app.screen.query_one("#pain")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("Not saved: where: 'hip-side:left' is not accepted")
        assert app.focused is app.screen.query_one("#places").filter_input
    assert stored(db) == logged
