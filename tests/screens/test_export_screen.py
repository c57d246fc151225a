"""Pilot tests of the Export screen (F6): kind, range, preview, writing, asking first."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import DataTable, Input, Static

from painlog.rules.describe import day_heading
from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.export import TYPING_PAUSE, ExportScreen
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)


async def after_typing(pilot) -> None:
    """The preview is rebuilt once typing pauses."""
    await pilot.pause(TYPING_PAUSE * 2)
    await settle(pilot)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The folder the screen offers by default (the home folder), inside tmp_path."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "d.db")
    with Diary.open(path) as diary:
        diary.insert_days(
            [
                DayLog(
                    TODAY - timedelta(days=n),
                    3 + n % 4,
                    places=(Place("hip-side", "right"),),
                    exercises=(ExerciseDone("walking", minutes=30),) if n % 3 else (),
                    note="=1+1, a formula" if n == 2 else "",
                )
                for n in range(20)
            ]
        )
    return path


async def open_export(pilot) -> ExportScreen:
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def expected_text(db: str, kind: str, start=None, end=None) -> bytes:
    with Diary.open(db) as diary:
        return export_diary(diary, kind, TODAY, start, end).text.encode("utf-8")


async def test_f6_shows_a_preview_and_ctrl_s_writes_a_private_file(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        table = screen.query_one("#export-preview", DataTable)
        assert [str(column.label) for column in table.columns.values()][:3] == [
            "week_start",
            "week_end",
            "episode_week",
        ]
        assert table.row_count == 3  # the episode: 20 days over three calendar weeks
        assert "first 3 of 3 weeks (2026-11-02 to 2026-11-21)" in text_of(
            screen, "#export-preview-title"
        )
        path = home / "painlog-weekly-2026-11-21.csv"
        assert screen.query_one("#export-path", Input).value == str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == expected_text(db, "weekly")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        written = text_of(screen, "#export-written")
        assert "Wrote 3 weeks" in written and str(path) in written.replace("\n", "")
        assert screen.last_written == path


async def test_an_existing_file_is_replaced_only_after_yes(db, home):
    path = home / "painlog-weekly-2026-11-21.csv"
    path.write_text("the old file")
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(path) in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        assert path.read_text() == "the old file"
        assert "existing file was kept" in text_of(screen, "#export-status")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert path.read_bytes() == expected_text(db, "weekly")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_daily_kind_and_a_typed_range(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        # The kind has focus: right arrow to "Every day", space to choose it.
        await pilot.press("right", "space")
        await settle(pilot)
        assert screen.kind == "daily"
        path_field = screen.query_one("#export-path", Input)
        assert path_field.value == str(home / "painlog-daily-2026-11-21.csv")
        table = screen.query_one("#export-preview", DataTable)
        assert str(next(iter(table.columns.values())).label) == "date"
        assert table.row_count == 5  # the first rows of 20
        # From: 3 days ago; To: yesterday.
        await pilot.press("tab", *"3 days ago", "tab", *"yesterday")
        await after_typing(pilot)
        assert table.row_count == 3
        assert "3 days (2026-11-18 to 2026-11-20)" in text_of(screen, "#export-preview-title")
        # A path typed by hand; Enter in the field writes.
        target = home / "mine.csv"
        path_field.value = str(target)
        path_field.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes() == expected_text(
            db, "daily", date(2026, 11, 18), date(2026, 11, 20)
        )
        # The formula in the note is neutralised in the file (and shown as written).
        assert b"'=1+1, a formula" in target.read_bytes()


async def test_a_range_that_is_not_accepted_writes_nothing(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("tab", *"2030-01-01")
        await after_typing(pilot)
        assert "Range not accepted: from: '2030-01-01'" in text_of(screen, "#export-status")
        assert screen.query_one("#export-preview", DataTable).row_count == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not written" in text_of(screen, "#export-status")
        assert list(home.iterdir()) == []


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2026/11/18", "2026.11.20", "3 days (2026-11-18 to 2026-11-20)"),
        ("2026-11-18T08:00", "2026-11-20 23:59", "3 days (2026-11-18 to 2026-11-20)"),
        ("wednesday", "friday", "3 days (2026-11-18 to 2026-11-20)"),
        ("last saturday", "18 Nov", "5 days (2026-11-14 to 2026-11-18)"),
    ],
)
async def test_from_and_to_read_dates_as_the_command_line_does(db, home, start, end, shown):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("right", "space")
        await settle(pilot)
        await pilot.press("tab", *start, "tab", *end)
        await after_typing(pilot)
        # The range the typed dates came to is said in the preview's title, and each
        # date beside its field.
        assert shown in text_of(screen, "#export-preview-title")
        first, last = (date.fromisoformat(x) for x in shown[-25:-1].split(" to "))
        assert text_of(screen, "#from-hint") == f"→ {day_heading(first)}"
        assert text_of(screen, "#to-hint") == f"→ {day_heading(last)}"


async def test_an_ambiguous_date_is_refused_with_both_readings(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("tab", *"3/11/2026")
        await after_typing(pilot)
        status = text_of(screen, "#export-status")
        assert status.startswith("Range not accepted: from: '3/11/2026' is not accepted")
        assert "11 March or 3 November" in status
        assert text_of(screen, "#from-hint") == ""  # no date read, none shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not written" in text_of(screen, "#export-status")
        assert list(home.iterdir()) == []


async def test_a_missing_folder_is_reported_not_created(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#export-path", Input).value = str(home / "nope" / "x.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "does not exist" in text_of(screen, "#export-status")
        assert list(home.iterdir()) == []


async def test_the_preview_follows_a_day_saved_on_today(db, home):
    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("right", "space")
        await settle(pilot)
        with Diary.open(db) as diary:
            diary.delete_day(TODAY)
        app.notify_logs_changed()
        await settle(pilot)
        assert "19 days" in text_of(screen, "#export-preview-title")


async def test_the_report_kind_previews_its_text_and_writes_the_page(db, home):
    from painlog.store.report import report_file

    app = PainlogApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("right", "right", "space")
        await settle(pilot)
        assert screen.kind == "report"
        assert not screen.query_one("#export-preview", DataTable).display
        preview = text_of(screen, "#export-report-preview")
        assert preview.startswith("Pain diary report: 2 Nov 2026 to 21 Nov 2026 (20 days, 20")
        assert "the report on 2026-11-02 to 2026-11-21" in text_of(screen, "#export-preview-title")
        path = home / "painlog-report-2026-11-21.html"
        assert screen.query_one("#export-path", Input).value == str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Diary.open(db) as diary:
            expected = report_file(diary, TODAY).text
        assert path.read_text(encoding="utf-8") == expected
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # Back to a CSV kind: the table again, and a .csv name.
        screen.query_one("#export-kind").focus()
        await pilot.press("left", "left", "space")
        await settle(pilot)
        assert screen.kind == "weekly"
        assert screen.query_one("#export-preview", DataTable).display
        assert screen.query_one("#export-path", Input).value.endswith(".csv")
