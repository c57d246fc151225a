"""The painlog App: opens the diary in a worker and shows the Today screen at once.

Each main screen is a Textual mode with its own screen stack, reached by a function key or
the command palette. The App hands every screen the one open `Diary`, and tells them all
when a day changes so what they show is never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from painlog.screens.alerts import AlertsScreen
from painlog.screens.base import DiaryScreen
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.today import TodayScreen


@dataclass(frozen=True)
class Section:
    """One main screen: its mode name, key, title and how to build it."""

    mode: str
    key: str
    title: str
    help: str
    build: Callable[[date, object], DiaryScreen]


def sections() -> tuple[Section, ...]:
    """The main screens, in the order their keys run along the footer."""
    return (
        Section("today", "f2", "Today", "Log or edit a day", lambda t, d: TodayScreen(t, d)),
        Section(
            "alerts",
            "f5",
            "Alerts",
            "What the source rules say about your logs",
            lambda t, d: AlertsScreen(t, d),
        ),
    )


class PainlogApp(App[None]):
    """A private pain diary: log a day, review the trend, see what the sources advise."""

    CSS_PATH = Path(__file__).with_name("painlog.tcss")
    TITLE = "painlog"
    BINDINGS = [
        *(
            Binding(
                section.key,
                f"switch_mode('{section.mode}')",
                section.title,
                id=f"app.{section.mode}",
                tooltip=section.help,
            )
            for section in sections()
        ),
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
        self._sections = {section.mode: section for section in sections()}
        self._built: dict[str, DiaryScreen] = {}
        for section in self._sections.values():
            self.add_mode(section.mode, lambda section=section: self._build(section))

    def _build(self, section: Section) -> DiaryScreen:
        screen = section.build(self.today, self.diary)
        self._built[section.mode] = screen
        return screen

    async def on_mount(self) -> None:
        await self.switch_mode("today")
        # After Today's first frame: the worker's imports would otherwise compete with
        # that paint for the interpreter lock.
        self.call_after_refresh(self._open_diary)

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
        for screen in self._built.values():
            screen.attach(self.diary)

    @on(DiaryFailed)
    def _diary_failed(self, message: DiaryFailed) -> None:
        self.exit(return_code=2, message=f"painlog: {message.reason}")

    @on(TodayScreen.DaySaved)
    def _day_saved(self, message: TodayScreen.DaySaved) -> None:
        # The Today screen that saved is already up to date.
        self.notify_logs_changed(except_screen=self.today_screen)

    def notify_logs_changed(self, except_screen: DiaryScreen | None = None) -> None:
        """Tell every screen that logs or acknowledgements changed, so none shows stale data."""
        for screen in self._built.values():
            if screen is not except_screen:
                screen.logs_changed()

    @property
    def today_screen(self) -> TodayScreen | None:
        screen = self._built.get("today")
        return screen if isinstance(screen, TodayScreen) else None

    async def action_quit(self) -> None:
        today = self.today_screen
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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for section in self._sections.values():
            yield SystemCommand(
                f"Go to {section.title}",
                f"{section.help} ({section.key.upper()})",
                lambda mode=section.mode: self.switch_mode(mode),
            )
        today = self.today_screen
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
