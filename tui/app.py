"""The painlog App: shows the Today screen at once and opens the diary in a worker.

Each main screen is a Textual mode with its own screen stack, reached by a function key or
the command palette. The App hands every screen the one open `Diary`, and tells them all
when a day changes so what they show is never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from painlog.screens.base import DiaryScreen
from painlog.screens.preferences import THEME, WELCOME_DONE, welcome_due
from painlog.screens.today import TodayScreen
from painlog.store.clock import local_today

if TYPE_CHECKING:
    from painlog.store.day_view import DayView
    from painlog.store.diary import Diary

# Only Today is imported here: it is the first frame. The other screens (Trends alone pulls
# in plotting) are imported when their mode is first shown.


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
        Section(
            "today",
            "f2",
            "Today",
            "Log today, or an earlier day with [ and ]",
            lambda t, d: TodayScreen(t, d),
        ),
        Section(
            "history",
            "f3",
            "History",
            "Every logged day, newest first: open one to correct it, or delete it",
            _later("history", "HistoryScreen"),
        ),
        Section(
            "trends",
            "f4",
            "Trends",
            "One week at a time: mean pain, change from last week, the last 12 weeks",
            _later("trends", "TrendsScreen"),
        ),
        Section(
            "alerts",
            "f5",
            "Alerts",
            "What the source rules say about your logs",
            _later("alerts", "AlertsScreen"),
        ),
        Section(
            "export",
            "f6",
            "Export",
            "Write a CSV: the weekly summary for a clinician, or every day",
            _later("export", "ExportScreen"),
        ),
        Section(
            "settings",
            "f7",
            "Settings",
            "Week start, theme, birth year, when the pain started; where the diary is",
            _later("settings", "SettingsScreen"),
        ),
    )


def _later(module: str, name: str) -> Callable[[date, object], DiaryScreen]:
    """A builder that imports `painlog.screens.<module>` only when the screen is built."""

    def build(today: date, diary: object) -> DiaryScreen:
        from importlib import import_module

        screen_type = getattr(import_module(f"painlog.screens.{module}"), name)
        return screen_type(today, diary)

    return build


class PainlogApp(App[None]):
    """A private pain diary: log a day, review the trend, see what the sources advise."""

    CSS_PATH = Path(__file__).with_name("painlog.tcss")
    TITLE = "painlog"
    DEFAULT_MODE = "today"
    """Today is the screen the app starts on, built with the app: switching to it from
    Textual's default screen would parse the stylesheets twice more before the first frame."""
    BINDINGS = [
        *(
            Binding(
                section.key,
                f"open_section('{section.mode}')",
                section.title,
                id=f"app.{section.mode}",
                tooltip=section.help,
            )
            for section in sections()
        ),
        Binding(
            "f1",
            "help",
            "Help",
            id="app.help",
            tooltip="This screen's keys, the pain scale, the alerts and their sources",
        ),
        Binding(
            "question_mark", "help", "Help", key_display="?", show=False, id="app.help_question"
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit painlog"),
    ]

    @dataclass
    class DiaryOpened(Message):
        """The diary is open, with what Today shows first."""

        diary: Diary
        view: DayView
        """Today's log, the pickers' lists and the alerts, read in the same worker."""
        theme: str | None = None
        """The theme saved in the diary, to apply at start."""
        welcome: bool = False
        """Whether to show the first-run welcome."""

    @dataclass
    class DiaryFailed(Message):
        """The diary cannot be used; the app ends with this one line."""

        reason: str

    def __init__(
        self, db: str | None = None, today: date | None = None, welcome: bool = False
    ) -> None:
        """Args:
        db: The `--db` value (a path or URL); None for PAINLOG_DB or the default file.
        today: The person's local date.
        welcome: Offer the first-run welcome on an empty diary. The `painlog` command
            does; tests and embedders that expect Today at once leave it off.
        """
        super().__init__()
        self.db = db
        self.today = today or local_today()
        self.welcome = welcome
        self.diary: Diary | None = None
        self._saved_theme: str | None = None
        self._sections = {section.mode: section for section in sections()}
        self._built: dict[str, DiaryScreen] = {}
        for section in self._sections.values():
            self.add_mode(section.mode, lambda section=section: self._build(section))

    def _build(self, section: Section) -> DiaryScreen:
        screen = section.build(self.today, self.diary)
        self._built[section.mode] = screen
        return screen

    def on_mount(self) -> None:
        # Any theme change (Settings, or the palette's own theme command) is remembered.
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # Opened once the first frame is on the terminal: importing the store would
        # otherwise hold that frame back.
        self.screen.call_after_refresh(self._open_diary)

    @work(thread=True, exclusive=True, group="open-diary")
    def _open_diary(self) -> None:
        """Open the diary and read what Today shows first, off the UI thread."""
        from painlog.store.day_view import read_day_view
        from painlog.store.diary import Diary
        from painlog.store.errors import StoreError

        try:
            diary = Diary.open(self.db)
            view = read_day_view(diary, self.today, self.today)
            settings = {
                key: value
                for key in (THEME, WELCOME_DONE)
                if (value := diary.setting(key)) is not None
            }
        except StoreError as error:
            self.post_message(self.DiaryFailed(str(error)))
            return
        welcome = self.welcome and welcome_due(settings, view.days_logged)
        self.post_message(self.DiaryOpened(diary, view, settings.get(THEME), welcome))

    @on(DiaryOpened)
    def _diary_opened(self, message: DiaryOpened) -> None:
        self.diary = message.diary
        self._saved_theme = message.theme
        if message.theme in self.available_themes and message.theme != self.theme:
            self.theme = message.theme
        for screen in self._built.values():
            if isinstance(screen, TodayScreen):
                screen.attach(self.diary, view=message.view)
            else:
                screen.attach(self.diary)
        if message.welcome:
            # Today is already showing (and usable); the welcome goes over it once.
            from painlog.screens.welcome import WelcomeScreen

            def welcomed(profile) -> None:
                if profile is not None:
                    self.notify_logs_changed()  # age and onset change what alerts say

            self.push_screen(WelcomeScreen(self.today, self.diary), welcomed)

    def _theme_changed(self, theme) -> None:
        if self.diary is not None and theme.name != self._saved_theme:
            self._saved_theme = theme.name
            self._save_theme(theme.name)

    @work(thread=True, group="save-theme")
    def _save_theme(self, name: str) -> None:
        from painlog.store.errors import StoreError

        try:
            self.diary.set_setting(THEME, name)
        except StoreError as error:
            self.call_from_thread(
                self.notify, str(error), title="Theme not saved", severity="warning"
            )

    async def action_open_section(self, mode: str) -> None:
        """Show a main screen (its F key, or its palette command).

        Today opens on today's log, with the pain score focused, whichever day it showed
        last: F2 is how a person gets back to today from anywhere. Unsaved changes to
        another day are not dropped without a yes.
        """
        await self.switch_mode(mode)
        today = self.today_screen
        if mode == "today" and today is not None:
            today.go_to(self.today)

    def action_help(self) -> None:
        """Help for the screen in front (F1 or ?): its keys, the scale, the alerts."""
        from textual.command import CommandPalette

        from painlog.screens.help import HelpScreen

        below = [s for s in self.screen_stack if not isinstance(s, CommandPalette)]
        if not below or isinstance(below[-1], HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(below[-1]))

    @on(DiaryFailed)
    def _diary_failed(self, message: DiaryFailed) -> None:
        self.error_console.soft_wrap = True  # one line, as the command line prints it
        self.exit(return_code=2, message=f"painlog: {message.reason}")

    def on_app_focus(self) -> None:
        # Back from another window, where a shell may have logged the day Today shows.
        if isinstance(self.screen, TodayScreen):
            self.screen.reload_if_clean()

    @on(TodayScreen.DaySaved)
    def _day_saved(self, message: TodayScreen.DaySaved) -> None:
        # The Today screen that saved is already up to date.
        self.notify_logs_changed(except_screen=self.today_screen)

    def notify_logs_changed(self, except_screen: DiaryScreen | None = None) -> None:
        """Tell every screen that logs or acknowledgements changed, so none shows stale data."""
        for screen in self._built.values():
            if screen is not except_screen:
                screen.logs_changed()

    def notify_lists_changed(self, except_screen: DiaryScreen | None = None) -> None:
        """Tell every screen that an own exercise, medication or treatment was added,
        renamed, retired or restored."""
        for screen in self._built.values():
            if screen is not except_screen:
                screen.lists_changed()

    def action_own_exercises(self) -> None:
        """Open Your exercises over the current screen."""
        from painlog.screens.own_exercises import ExercisesScreen

        self._open_list(ExercisesScreen)

    def action_own_medications(self) -> None:
        """Open Your medications over the current screen."""
        from painlog.screens.own_medications import MedicationsScreen

        self._open_list(MedicationsScreen)

    def action_own_treatments(self) -> None:
        """Open Your treatments over the current screen."""
        from painlog.screens.own_treatments import TreatmentsScreen

        self._open_list(TreatmentsScreen)

    def _open_list(self, screen_type: type[DiaryScreen]) -> None:
        if self.diary is None:
            self.notify("Still opening your diary; try again in a moment.")
        elif not isinstance(self.screen, screen_type):
            self.push_screen(screen_type(self.today, self.diary))

    @property
    def today_screen(self) -> TodayScreen | None:
        screen = self._built.get("today")
        return screen if isinstance(screen, TodayScreen) else None

    def action_quit(self) -> None:
        """Quit, after asking when Today holds unsaved changes.

        A priority key, so it quits from any dialog as well; it is acted on before keys
        typed just ahead of it reach the focused widget, so the question waits for them.
        """
        focused = self.screen.focused
        if focused is None:
            self._quit_unless_unsaved()
        else:
            focused.call_later(self._quit_unless_unsaved)

    def _quit_unless_unsaved(self) -> None:
        today = self.today_screen
        if today is not None and today.has_unsaved_changes:
            from painlog.screens.confirm import ConfirmScreen

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
        yield SystemCommand(
            "Help",
            "This screen's keys, the pain scale, every alert and its source (F1 or ?)",
            self.action_help,
        )
        for section in self._sections.values():
            yield SystemCommand(
                f"Go to {section.title}",
                f"{section.help} ({section.key.upper()})",
                lambda mode=section.mode: self.call_later(self.action_open_section, mode),
            )
        yield SystemCommand(
            "Your exercises",
            "Add, rename, retire or restore exercises of your own (Settings, e)",
            self.action_own_exercises,
        )
        yield SystemCommand(
            "Your medications",
            "Add, rename, retire or restore the medications you take (Settings, m)",
            self.action_own_medications,
        )
        yield SystemCommand(
            "Your treatments",
            "Add, rename, retire or restore treatments of your own (Settings, t)",
            self.action_own_treatments,
        )
        # The day's own commands only where the day is on screen. Back to today (ctrl+t)
        # is "Go to Today" above: one command per action.
        today = self.today_screen
        if today is None or screen is not today:
            return
        yield SystemCommand("Save this day", "Save the log shown (ctrl+s)", today.action_save)
        yield SystemCommand(
            "Add a check-in",
            "The time, the pain then, where and a note, added to the day shown (ctrl+n)",
            today.action_add_checkin,
        )
        yield SystemCommand(
            "Weekly check (PEG)",
            "Three questions about the past week: pain, enjoyment of life, activity (ctrl+g)",
            today.action_peg,
        )
        yield SystemCommand(
            "Previous day", "Log or edit the day before ([)", lambda: today.action_shift_day(-1)
        )
        yield SystemCommand(
            "Next day", "Log or edit the day after (])", lambda: today.action_shift_day(1)
        )

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save a picture of the screen (the palette's "Screenshot") in the pictures folder,
        made when missing, and say where; the picture opens without a network.

        Returns:
            The file written, or None when it could not be (the toast says why).
        """
        from datetime import datetime

        from painlog.tui.screenshot import save_screenshot, screenshot_folder

        folder = Path(path) if path else screenshot_folder()
        try:
            saved = save_screenshot(
                self.export_screenshot(), self.current_mode, datetime.now(), folder
            )
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.notify(
                f"Not saved in {folder}: {reason}",
                title="Screenshot",
                severity="error",
                markup=False,
            )
            return None
        self.notify(f"Saved to {saved}", title="Screenshot", markup=False)
        return str(saved)

    def on_unmount(self) -> None:
        if self.diary is not None:
            self.diary.close()

    def _handle_exception(self, error: Exception) -> None:
        # An error no screen handled ends the app, as in Textual, but the person sees one
        # line (what to do, or where the details were logged), never a traceback that
        # could print their notes; a bug goes to the error log, without note text.
        from textual.worker import WorkerFailed

        from painlog.store.errors import explain

        cause = error.error if isinstance(error, WorkerFailed) else error
        explained = explain(cause) if isinstance(cause, Exception) else None
        if explained is not None:
            line, code = f"painlog: {explained}", 2
        else:
            from painlog.store.errorlog import log_unexpected

            logged = log_unexpected(cause, context="painlog (app)", redact=self._typed_text())
            where = f"details in {logged}" if logged else "the error log could not be written"
            line, code = f"painlog: unexpected error ({where})", 70
        super()._handle_exception(error)
        renderables = getattr(self, "_exit_renderables", None)
        if isinstance(renderables, list):
            from rich.text import Text

            renderables[:] = [Text(line)]
            # One line however narrow the terminal: the terminal may fold it, Rich must
            # neither break nor crop it.
            self.error_console.soft_wrap = True
        self._return_code = code

    def _typed_text(self) -> list[str]:
        """The note being edited, so the error log can leave it out."""
        try:
            from textual.widgets import TextArea

            today = self.today_screen
            return [today.query_one("#note", TextArea).text] if today is not None else []
        except Exception:
            return []
