"""Today's first frame holds the pain score; when the day's log arrives its score, heading
and alerts are drawn, and the rows under the score are mounted after that frame (as
`textual.lazy.Lazy` mounts), drawn already filled.

However the diary comes (opened by the app, or handed in with the screen), the form ends
up filled, and a score typed meanwhile is kept.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from pilot_helpers import record_frames, settle
from textual.app import App

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.today import TodayScreen
from painlog.screens.widgets.day_details import DayDetails, Details
from painlog.screens.widgets.pain_scale import PainScale
from painlog.screens.widgets.peg_offer import PegOffer
from painlog.store import day_view
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def held_read(monkeypatch):
    """Hold the app's start-up read until the test sets the returned event."""
    release = threading.Event()
    read = day_view.read_day_view

    def held(diary, day, today):
        release.wait(10)
        return read(diary, day, today)

    monkeypatch.setattr(day_view, "read_day_view", held)
    yield release
    release.set()


@pytest.fixture
def held_rows(monkeypatch):
    """Hold back the mounting of the rows under the score; the test mounts them itself
    with the returned function (`await mount_rows(screen)`)."""
    mount = TodayScreen._mount_details

    async def held(self) -> None:
        """Leave the rows unmounted: the test mounts them with `mount`."""

    monkeypatch.setattr(TodayScreen, "_mount_details", held)
    return mount


LOGGED = DayLog(
    day=TODAY,
    pain=5,
    worst=7,
    places=(Place("lower-back", None, "ache"),),
    exercises=(ExerciseDone("walking", minutes=20),),
    flags=(),
    bed_rest=True,
    note="long drive",
)


def write(db_file: str, *logs: DayLog) -> None:
    with Diary.open(db_file) as diary:
        for log in logs:
            diary.save_day(log, TODAY)


def logged_app(tmp_path) -> PainlogApp:
    """The app on a diary holding LOGGED."""
    db_file = str(tmp_path / "diary.db")
    write(db_file, LOGGED)
    return PainlogApp(db=db_file, today=TODAY)


async def test_the_first_frame_shows_the_score_alone_and_the_rows_follow(tmp_path):
    app = logged_app(tmp_path)
    frames: list[tuple[bool, str | None]] = []

    def record(screen) -> None:
        if isinstance(screen, TodayScreen):
            focused = screen.focused.id if screen.focused else None
            frames.append((bool(screen.query(DayDetails)), focused))

    record_frames(app, record)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert frames[0] == (False, "pain")  # the score, focused, before any other row
        assert screen.query_one(DayDetails).details == Details(
            worst=7,
            places=LOGGED.places,
            exercises=LOGGED.exercises,
            flags=(),
            bed_rest=True,
            note="long drive",
        )
        assert screen.form_log() == LOGGED
        assert screen.shows_day


async def test_a_diary_handed_in_with_the_screen_fills_the_form(tmp_path):
    db_file = str(tmp_path / "diary.db")
    write(db_file, LOGGED)

    class Host(App[None]):
        def on_mount(self) -> None:
            # The diary is there before the screen mounts: its load must wait for the rows.
            self.push_screen(TodayScreen(TODAY, Diary.open(db_file)))

    app = Host()
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.form_log() == LOGGED
        assert not screen.has_unsaved_changes
        screen.diary.close()


async def test_the_form_is_not_done_loading_before_the_rows_are_there(tmp_path):
    screen = TodayScreen(TODAY)
    assert not screen.shows_day
    assert not screen.has_unsaved_changes


async def test_a_score_typed_at_once_is_kept_and_saved(tmp_path):
    db_file = str(tmp_path / "diary.db")
    app = PainlogApp(db=db_file, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.press("6")  # as early as Pilot can type: the day is not loaded yet
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value == 6
        assert "Unsaved changes" in str(app.screen.query_one("#status").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Diary.open(db_file) as diary:
        assert diary.load_day(TODAY) == DayLog(day=TODAY, pain=6)


async def test_a_score_typed_before_a_saved_day_arrives_replaces_only_the_score(
    tmp_path, held_read
):
    app = logged_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("2")
        held_read.set()
        await settle(pilot)
        screen = app.screen
        assert screen.form_log() == replace(LOGGED, pain=2)
        assert screen.has_unsaved_changes


async def test_rows_report_edits_but_not_what_a_fill_puts_in(tmp_path):
    edits: list[DayDetails.Edited] = []

    class Host(App[None]):
        def compose(self):
            yield DayDetails(id="details")

        def on_day_details_edited(self, message: DayDetails.Edited) -> None:
            edits.append(message)

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        details = app.query_one(DayDetails)
        details.fill(LOGGED)
        await pilot.pause()
        assert edits == []
        assert not details.details.empty
        details.query_one("#worst", PainScale).focus()
        await pilot.press("3")
        await pilot.pause()
        assert len(edits) == 1
        assert details.details.worst == 3
        details.fill(None)
        await pilot.pause()
        assert details.details.empty
        assert len(edits) == 1


async def test_quitting_at_the_first_frame_is_a_plain_exit(tmp_path):
    app = logged_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+q")  # before the rows under the score are mounted
        await pilot.pause()
    assert app.return_code == 0


async def test_quitting_with_a_score_typed_while_the_day_loads_asks_first(tmp_path, held_read):
    app = logged_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("7")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        held_read.set()
        await settle(pilot)
        screen = app.screen
        assert screen.form_log() == replace(LOGGED, pain=7)
        assert "Unsaved changes" in str(screen.query_one("#status").render())


async def test_the_rows_come_with_the_day(tmp_path, held_read):
    app = logged_app(tmp_path)
    rows_in_frame: list[bool] = []

    def record(screen) -> None:
        if isinstance(screen, TodayScreen):
            rows_in_frame.append(bool(screen.query(DayDetails)))

    record_frames(app, record)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        # The day is held back: frames were drawn, none with the rows.
        assert rows_in_frame and not any(rows_in_frame)
        assert not app.screen.shows_day
        held_read.set()
        await settle(pilot)
        assert rows_in_frame[-1]
        assert app.screen.form_log() == LOGGED
        assert app.screen.shows_day


async def test_quitting_as_the_day_arrives_is_a_plain_exit(tmp_path, monkeypatch):
    attach = TodayScreen.attach

    def attach_then_quit(self, *args, **kwargs):
        attach(self, *args, **kwargs)  # the rows are now due to be mounted
        self.app.exit()

    monkeypatch.setattr(TodayScreen, "attach", attach_then_quit)
    app = logged_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
    assert app.return_code == 0


async def test_chips_that_fit_are_built_once_with_the_day(tmp_path):
    app = logged_app(tmp_path)
    built: list[tuple[int, ...]] = []

    def record(screen) -> None:
        if isinstance(screen, TodayScreen) and screen.shows_form:
            built.append(tuple(id(chip) for chip in screen.query(".picker--chip")))

    record_frames(app, record)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
    assert built and built[0] and set(built) == {built[0]}


async def test_the_days_score_and_alerts_are_drawn_a_frame_before_its_rows(tmp_path):
    app = logged_app(tmp_path)
    frames: list[tuple[bool, bool, int | None]] = []

    def record(screen) -> None:
        if isinstance(screen, TodayScreen):
            score = screen.query_one("#pain", PainScale).value
            frames.append((screen.shows_day, bool(screen.query(DayDetails)), score))

    record_frames(app, record)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.shows_form
    shown = [frame for frame in frames if frame[0]]
    assert shown[0] == (True, False, 5)  # the day's score, without the rows yet
    assert shown[-1] == (True, True, 5)


async def test_before_the_rows_the_day_reads_as_saved(tmp_path, held_rows):
    app = logged_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.shows_day and not screen.shows_form
        assert screen.query_one("#pain", PainScale).value == 5
        assert "1/7 days logged" in screen.sub_title
        assert str(screen.query_one("#status").render()).startswith("Saved")
        assert not screen.has_unsaved_changes
        assert screen.form_log() is None  # nothing can be saved without the rows
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Still opening" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")  # nothing typed: a plain exit
        await pilot.pause()
    assert app.return_code == 0


async def test_a_score_typed_before_the_rows_arrive_is_kept(tmp_path, held_rows):
    app = logged_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("3")
        await pilot.pause()
        assert screen.has_unsaved_changes
        await held_rows(screen)
        await settle(pilot)
        assert screen.shows_form
        assert screen.form_log() == replace(LOGGED, pain=3)
        assert "Unsaved changes" in str(screen.query_one("#status").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Diary.open(str(tmp_path / "diary.db")) as diary:
        assert diary.load_day(TODAY) == replace(LOGGED, pain=3)


async def test_the_weekly_check_put_off_before_the_rows_arrive_stays_off(tmp_path, held_rows):
    app = logged_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(PegOffer).offered
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not screen.query_one(PegOffer).offered
        await held_rows(screen)
        await settle(pilot)
        assert screen.shows_form
        assert not screen.query_one(PegOffer).offered


async def test_moving_to_another_day_before_the_rows_arrive_shows_that_day(tmp_path, held_rows):
    app = logged_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.day == TODAY.replace(day=20)
        assert screen.query_one("#pain", PainScale).value is None
        await held_rows(screen)
        await settle(pilot)
        assert screen.shows_form
        assert screen.form_log() is None
        assert not screen.has_unsaved_changes
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.form_log() == LOGGED


async def test_the_keys_come_a_frame_after_the_score(tmp_path):
    from painlog.screens.widgets.keys_footer import KeysFooter

    app = logged_app(tmp_path)
    footers: list[int] = []

    def record(screen) -> None:
        if isinstance(screen, TodayScreen):
            footers.append(len(screen.query("FooterKey")))

    record_frames(app, record)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert footers[0] == 0  # the first frame: the score, ready for a digit
        footer = app.screen.query_one(KeysFooter)
        shown = {str(key.description) for key in footer.query("FooterKey")}
        assert {"Save", "Check-in", "Today", "Help"} <= shown
