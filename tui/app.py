"""The painlog App: opens the diary in a worker and shows the Today screen at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from painlog.screens.confirm import ConfirmScreen
from painlog.screens.today import TodayScreen


class PainlogApp(App[None]):
    """A private pain diary: log a day, review the trend, see what the sources advise."""

    CSS_PATH = Path(__file__).with_name("painlog.tcss")
    TITLE = "painlog"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit painlog"),
    ]

    @dataclass
    class DiaryOpened(Message):
        diary: object

    @dataclass
    class DiaryFailed(Message):
        reason: str

    def __init__(self, db: str | None = None, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()
        self.diary = None

    def on_mount(self) -> None:
        self.push_screen(TodayScreen(self.today))
        self._open_diary()

    @work(thread=True, exclusive=True, group="open-diary")
    def _open_diary(self) -> None:
        # SQLAlchemy and SQLModel are imported here, off the UI thread, so the first
        # frame never waits for them.
        from painlog.store.diary import Diary
        from painlog.store.errors import StoreError

        try:
            diary = Diary.open(self.db)
        except StoreError as error:
            self.post_message(self.DiaryFailed(str(error)))
            return
        self.post_message(self.DiaryOpened(diary))

    @on(DiaryOpened)
    def _diary_opened(self, message: DiaryOpened) -> None:
        self.diary = message.diary
        for screen in self.screen_stack:
            if hasattr(screen, "attach"):
                screen.attach(self.diary)

    @on(DiaryFailed)
    def _diary_failed(self, message: DiaryFailed) -> None:
        self.exit(return_code=2, message=f"painlog: {message.reason}")

    async def action_quit(self) -> None:
        today = self._today_screen()
        if today is not None and today.has_unsaved_changes:

            def answer(leave: bool | None) -> None:
                if leave:
                    self.exit()

            self.push_screen(
                ConfirmScreen(
                    "This day has unsaved changes. Quit without saving?",
                    yes="Quit without saving",
                    no="Keep editing",
                ),
                answer,
            )
            return
        self.exit()

    def _today_screen(self) -> TodayScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, TodayScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        today = self._today_screen()
        if today is None:
            return
        yield SystemCommand("Save this day", "Save the log shown (ctrl+s)", today.action_save)
        yield SystemCommand(
            "Previous day", "Log or edit the day before ([)", lambda: today.action_shift_day(-1)
        )
        yield SystemCommand(
            "Next day", "Log or edit the day after (])", lambda: today.action_shift_day(1)
        )
        yield SystemCommand("Go to today", "Back to today's log (ctrl+t)", today.action_go_today)

    def on_unmount(self) -> None:
        if self.diary is not None:
            self.diary.close()
