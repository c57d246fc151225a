"""Text an older diary holds is shown escaped on every screen, never written raw.

Textual writes a widget's text to the terminal as it is (it drops only a few controls,
such as BEL): a note holding `ESC ] 52` could write the clipboard, `ESC [ 2 J` blank the
screen. The diary below is written by SQL, as an older painlog (or a hand edit) could
have left it; each screen showing its notes and names is checked on the screenshot, which
holds the text exactly as Textual would write it.
"""

from __future__ import annotations

import html
import sqlite3
from datetime import date, timedelta

import pytest
from pilot_helpers import settle
from textual.widgets import DataTable, TextArea

from painlog.rules.records import DayLog, ExerciseDone
from painlog.screens.history import HistoryScreen
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)
CLIPBOARD = "copied \x1b]52;c;aGVsbG8=\x07 done"
BLANKING = "\x1b[2J\x1b[Hgone\x9b31m"
NAME = "Bird \x1b]0;pwned\x07dog"


@pytest.fixture
def older_diary(tmp_path) -> str:
    path = tmp_path / "older.db"
    with Diary.open(str(path)) as diary:
        bird = diary.add_exercise("Bird dog", "strength")
        diary.insert_days(
            [
                DayLog(TODAY - timedelta(days=2), 5, note="placeholder"),
                DayLog(TODAY, 4, exercises=(ExerciseDone(bird.slug, 3, 10),), note="x"),
            ]
        )
    # What painlog now refuses, written the way an older painlog could have.
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE day_log SET note = ? WHERE day = ?", (CLIPBOARD, TODAY))
        connection.execute(
            "UPDATE day_log SET note = ? WHERE day = ?", (BLANKING, TODAY - timedelta(days=2))
        )
        connection.execute("UPDATE own_exercise SET name = ?", (NAME,))
    connection.close()
    return str(path)


def assert_escaped(app, *visible: str) -> None:
    """No raw control character on the screen, and each text shown escaped."""
    shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in shown, f"raw {control!r} on {type(app.screen).__name__}"
    for text in visible:
        assert text in shown, (text, type(app.screen).__name__)


async def test_every_screen_shows_an_older_diarys_notes_and_names_escaped(older_diary):
    app = PainlogApp(db=older_diary, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Today: the note is edited escaped (line ends kept); the exercise chip escaped.
        note = app.screen.query_one("#note", TextArea)
        assert note.text == "copied \\x1b]52;c;aGVsbG8=\\x07 done"
        assert_escaped(app, "Bird \\x1b]0;pwned\\x07dog")
        # History: the list's note column and the day's detail.
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert_escaped(app, "\\x1b]52;c;aGVsbG8=")
        await pilot.press("down", "down")
        await settle(pilot)
        assert_escaped(app, "\\x1b[2J\\x1b[Hgone\\x9b31m")
        # Export: the preview of every day.
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("right", "space")
        await settle(pilot)
        table = app.screen.query_one("#export-preview", DataTable)
        assert table.row_count == 2
        assert_escaped(app, "\\x1b[2J")
        # Your exercises: the name in the list, and in the form that edits it.
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert_escaped(app, "Bird \\x1b]0;pwned\\x07dog")
        await pilot.press("enter")
        await settle(pilot)
        assert_escaped(app, "Edit Bird \\x1b]0;pwned\\x07dog")


async def test_saving_a_day_whose_note_was_shown_escaped_keeps_it_visible(older_diary):
    """What was shown is what is saved: the note's controls become visible text."""
    app = PainlogApp(db=older_diary, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#pain").focus()
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
    with Diary.open(older_diary, read_only=True) as diary:
        saved = diary.load_day(TODAY)
    assert saved.pain == 6
    assert saved.note == "copied \\x1b]52;c;aGVsbG8=\\x07 done"
