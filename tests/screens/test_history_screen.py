"""Pilot tests of the History screen: the list, editing a past day, deleting, paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import DataTable, Static

from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.history import CHUNK_DAYS, HistoryScreen
from painlog.screens.today import TodayScreen
from painlog.screens.trends import TrendsScreen
from painlog.screens.widgets.alert_banner import AlertBanner
from painlog.screens.widgets.pain_scale import PainScale
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
FALL = date(2026, 10, 28)  # the demo's one warning sign (seed 1, 16 weeks)


@pytest.fixture
def demo_db(tmp_path) -> str:
    path = str(tmp_path / "demo.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 16, 1, TODAY)
    return path


@pytest.fixture
def small_db(tmp_path) -> str:
    path = str(tmp_path / "small.db")
    with Diary.open(path) as diary:
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=5), 3, places=(Place("knee", "right"),)),
                DayLog(
                    TODAY - timedelta(days=2),
                    6,
                    worst=8,
                    places=(Place("lower-back", "left", "sharp"), Place("hip-side", "right")),
                    exercises=(ExerciseDone("walking", minutes=30),),
                    flags=("fever",),
                    bed_rest=True,
                    note="Bad night\nsecond line",
                ),
                DayLog(TODAY, 4, exercises=(ExerciseDone("glute-bridge", 3, 10),)),
            ]
        )
    return path


async def open_history(pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def rows(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def stored(path: str, day: date) -> DayLog | None:
    with Diary.open(path) as diary:
        return diary.load_day(day)


def banner(app) -> str:
    found = app.today_screen.query_one(AlertBanner)
    return str(found.render()) if found.has_class("-shown") else ""


async def test_days_are_listed_newest_first_with_pain_places_and_exercises(small_db):
    app = PainlogApp(db=small_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_history(pilot)
        assert rows(screen) == [
            ["Sat 21 Nov 2026", "4", "-", "Glute bridge", ""],
            [
                "Thu 19 Nov 2026",
                "6 (8)",
                "Lower back, Outer hip",
                "Walking",
                "⚠ Fever or feeling unwell; in bed; Bad night",
            ],
            ["Mon 16 Nov 2026", "3", "Knee", "-", ""],
        ]
        assert screen.sub_title == "History: 3 days logged"
        await pilot.press("down")
        detail = str(screen.query_one("#history-detail", Static).render())
        assert detail.startswith("Thu 19 Nov 2026: pain 6/10 (moderate), worst 8; Lower back")
        assert "Note: Bad night" in detail


async def test_enter_opens_the_day_on_today_and_a_fix_shows_everywhere(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # build Trends too, so it has to follow the edit
        await settle(pilot)
        screen = await open_history(pilot)
        await pilot.press("down", "down")  # Thu 19 Nov
        await pilot.press("enter")
        await settle(pilot)
        today = app.screen
        assert isinstance(today, TodayScreen)
        assert today.day == date(2026, 11, 19)
        assert today.form_log() == stored(demo_db, date(2026, 11, 19))
        # A mistyped 3 becomes 2, and is saved.
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        assert stored(demo_db, date(2026, 11, 19)).pain == 2
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen is screen
        assert rows(screen)[2][:2] == ["Thu 19 Nov 2026", "2 (4)"]
        assert screen.query_one(DataTable).cursor_row == 2
        await pilot.press("f4")
        await settle(pilot)
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        # 4, 3, 3, 3, 3, 2 became 4, 3, 3, 2, 3, 2: mean 17/6.
        assert "mean 2.8 (down 1.2 from last week)" in str(
            trends.query_one("#trends-week", Static).render()
        )


async def test_e_edits_too_and_unsaved_edits_on_today_are_not_dropped(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("9")  # an unsaved change on today's form
        screen = await open_history(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        today = app.screen
        assert isinstance(today, TodayScreen)
        assert today.day == TODAY
        assert today.query_one("#pain", PainScale).value == 9
        assert screen is not today


async def test_delete_asks_first_then_removes_the_day_and_reruns_the_alerts(demo_db):
    app = PainlogApp(db=demo_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "warning sign" in banner(app)
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(FALL.isoformat()))
        await pilot.pause()
        count = table.row_count
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert stored(demo_db, FALL) is not None
        assert table.row_count == count
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert stored(demo_db, FALL) is None
        assert table.row_count == count - 1
        assert FALL.isoformat() not in [str(row.value) for row in table.rows]
        assert screen.sub_title == f"History: {count - 1} days logged"
        # The only warning sign is gone, so the Today banner no longer asks for a doctor.
        assert "warning sign" not in banner(app)


async def test_deleting_the_day_open_on_today_clears_the_form(small_db):
    app = PainlogApp(db=small_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert stored(small_db, TODAY) is None
        assert app.today_screen.form_log() is None
        assert rows(screen)[0][0] == "Thu 19 Nov 2026"


async def test_an_empty_diary_says_where_to_start(tmp_path):
    app = PainlogApp(db=str(tmp_path / "empty.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert rows(screen) == []
        assert "F2" in str(screen.query_one("#history-detail", Static).render())
        await pilot.press("enter", "d")  # nothing to open or delete: nothing happens
        await settle(pilot)
        assert app.screen is screen


async def test_ten_years_are_listed_in_chunks_as_the_cursor_goes_down(tmp_path):
    path = str(tmp_path / "ten-years.db")
    with Diary.open(path) as diary:
        fill_demo(diary, 522, 1, TODAY)
        total = diary.count_days()
    app = PainlogApp(db=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        first = table.row_count
        assert 100 < first <= CHUNK_DAYS
        assert "listed so far" in screen.sub_title
        days = [date.fromisoformat(row.value) for row in table.rows]
        assert days == sorted(days, reverse=True)
        for _ in range(40):
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            if table.row_count == total:
                break
        assert table.row_count == total
        assert screen.sub_title == f"History: {total} days logged"
        days = [date.fromisoformat(row.value) for row in table.rows]
        assert days == sorted(days, reverse=True)
        assert len(set(days)) == total


async def test_r_puts_a_days_note_in_the_report_and_takes_it_out(small_db):
    noted = TODAY - timedelta(days=2)
    app = PainlogApp(db=small_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        # Newest first: today (no note), then the day with a note.
        await pilot.press("r")
        await settle(pilot)
        with Diary.open(small_db) as diary:
            assert diary.report_notes() == []
        assert "★ report" not in " ".join(rows(screen)[0])

        await pilot.press("down", "r")
        await settle(pilot)
        assert table.cursor_row == 1
        assert "★ report" in rows(screen)[1][4]
        assert "Note (★ in the report): Bad night" in str(
            screen.query_one("#history-detail").render()
        )
        with Diary.open(small_db) as diary:
            assert diary.report_notes() == [(noted, "Bad night\nsecond line")]

        await pilot.press("r")
        await settle(pilot)
        assert "★ report" not in rows(screen)[1][4]
        with Diary.open(small_db) as diary:
            assert diary.report_notes() == []


async def test_a_days_checkins_are_counted_in_the_list_and_listed_under_it(tmp_path):
    from datetime import time

    from painlog.rules.checkins import with_checkin
    from painlog.rules.records import CheckIn

    path = str(tmp_path / "checkins.db")
    log = None
    for checkin in (
        CheckIn(time(8, 10), 3, (Place("lower-back", "left"),), "stiff in the morning"),
        CheckIn(time(12, 30), 4),
        CheckIn(time(19, 5), 2, note="a long note that a narrow terminal cannot show whole"),
    ):
        log = with_checkin(log, TODAY, checkin)
    with Diary.open(path) as diary:
        diary.save_day(log, TODAY)
    app = PainlogApp(db=path, today=TODAY)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_history(pilot)
        assert rows(screen)[0][4] == "3 check-ins"
        detail = str(screen.query_one("#history-detail", Static).render()).splitlines()
    assert detail[-4:] == [
        "Check-ins (the day's pain and worst come from them):",
        "  08:10  pain 3  Lower back (left) · stiff in the morning",
        "  12:30  pain 4",
        "  19:05  pain 2 · a long note that a narrow terminal cann…",
    ]
