"""The first-run welcome: what painlog keeps and where, three optional questions, the keys.

Shown once, over Today, when the diary has no log and the welcome was never finished or
skipped. Enter moves through it (Enter on an empty field leaves it unset), Escape skips
it; either way it is not shown again. Nothing is saved on a skip; a refused answer says
which field, what was typed and what is accepted, and saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from painlog.rules.records import Profile
from painlog.screens.base import stylesheet
from painlog.screens.preferences import WELCOME_DONE, welcome_due
from painlog.screens.settings import CANCER_LABEL, profile_from_text


def needs_welcome(diary) -> bool:
    """Whether to show the welcome: nothing logged yet and never finished or skipped.

    Reads the database: call it from a thread worker.
    """
    done = diary.setting(WELCOME_DONE)
    return welcome_due({} if done is None else {WELCOME_DONE: done}, diary.count_days())


class WelcomeScreen(ModalScreen[Profile | None]):
    """Welcome; dismisses with the profile saved, or None (skipped, or nothing given).

    Args:
        today: The person's local date (an onset after it is refused).
        diary: The open diary.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("escape", "skip", "Skip", id="welcome.skip", tooltip="Skip; not shown again"),
        Binding(
            "ctrl+s",
            "finish",
            "Start logging",
            id="welcome.finish",
            tooltip="Save the answers given and go to Today",
        ),
        Binding("f1", "app.help", "Help", id="welcome.help", tooltip="The help screen"),
    ]

    @dataclass
    class Finished(Message):
        """The welcome is marked done or skipped; `profile` is what was saved, if anything."""

        profile: Profile | None
        skipped: bool = False

    @dataclass
    class NotSaved(Message):
        """Writing failed; nothing was saved."""

        reason: str

    def __init__(self, today: date, diary) -> None:
        super().__init__()
        self.today = today
        self.diary = diary
        self._busy = False

    def compose(self) -> ComposeResult:
        where = self.diary.location.display if self.diary is not None else "this computer"
        with Vertical(id="welcome-dialog"):
            yield Label("Welcome to painlog", id="welcome-title")
            with VerticalScroll(id="welcome-body"):
                yield Static(
                    "Once a day, note how much your back or hip hurt (0-10), where, what you "
                    "did to keep moving and any warning sign. painlog shows the trend and says "
                    f"when the published rules advise a check. {_where_it_stays(self.diary)}"
                    f"\n{where}",
                    id="welcome-about",
                    markup=False,
                )
                yield Static(
                    "Three optional questions: Enter moves on, an empty answer skips one.",
                    classes="welcome-text",
                )
                with Horizontal(classes="welcome-row"):
                    yield Label("Birth year", classes="welcome-label")
                    yield Input(
                        id="welcome-birth-year",
                        classes="welcome-input",
                        placeholder="e.g. 1968",
                        compact=True,
                        max_length=12,
                    )
                    yield Static(
                        "why: over 55 or under 20 is a warning sign", classes="welcome-why"
                    )
                with Horizontal(classes="welcome-row"):
                    yield Label("Pain started", classes="welcome-label")
                    yield Input(
                        id="welcome-onset",
                        classes="welcome-input",
                        placeholder="e.g. 3 weeks ago",
                        compact=True,
                        max_length=40,
                    )
                    yield Static("why: 6- and 12-week alerts count from it", classes="welcome-why")
                with Horizontal(classes="welcome-row"):
                    yield Label(CANCER_LABEL, classes="welcome-label")
                    yield Input(
                        id="welcome-cancer",
                        classes="welcome-input",
                        placeholder="yes or no",
                        compact=True,
                        max_length=12,
                    )
                    yield Static("why: a past cancer is a warning sign", classes="welcome-why")
                yield Static(
                    "To log a day: type the pain 0-9 (1 then 0 for 10), Tab to Where and Did, "
                    "type a few letters and Enter to add, ctrl+s to save. F1 or ? shows help; "
                    "F7 changes these answers later.",
                    id="welcome-keys",
                    classes="welcome-text",
                )
            yield Static("", id="welcome-message", markup=False)
            with Horizontal(id="welcome-buttons"):
                yield Button("Start logging (Enter)", id="welcome-start", compact=True)
                yield Button("Skip (Esc)", id="welcome-skip", compact=True)

    def on_mount(self) -> None:
        self.query_one("#welcome-birth-year", Input).focus()

    # -- going through -----------------------------------------------------------------------

    @on(Input.Submitted, "#welcome-birth-year")
    def _birth_year_entered(self, event: Input.Submitted) -> None:
        from painlog.rules.entry import InvalidInput

        try:
            profile_from_text(event.value, "", self.today)
        except InvalidInput as error:
            self._say(str(error))
            return
        self._say("")
        self.query_one("#welcome-onset", Input).focus()

    @on(Input.Submitted, "#welcome-onset")
    def _onset_entered(self, event: Input.Submitted) -> None:
        from painlog.rules.entry import InvalidInput

        try:
            profile_from_text("", event.value, self.today)
        except InvalidInput as error:
            self._say(str(error))
            return
        self._say("")
        self.query_one("#welcome-cancer", Input).focus()

    @on(Input.Submitted, "#welcome-cancer")
    def _cancer_entered(self) -> None:
        self.action_finish()

    @on(Button.Pressed, "#welcome-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_finish()

    @on(Button.Pressed, "#welcome-skip")
    def _skip_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_skip()

    def action_finish(self) -> None:
        from painlog.rules.entry import InvalidInput

        if self._busy:
            return
        year = self.query_one("#welcome-birth-year", Input)
        onset = self.query_one("#welcome-onset", Input)
        cancer = self.query_one("#welcome-cancer", Input)
        try:
            profile = profile_from_text(year.value, onset.value, self.today, cancer.value)
        except InvalidInput as error:
            self._say(f"Not saved: {error}")
            {"Birth year": year, CANCER_LABEL: cancer}.get(error.field, onset).focus()
            return
        self._busy = True
        self._say("Saving…")
        self._finish(profile if profile != Profile() else None)

    def action_skip(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._skip()

    # -- writing -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="welcome-write")
    def _finish(self, profile: Profile | None) -> None:
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            if profile is not None:
                current = self.diary.profile()
                self.diary.save_profile(
                    replace(
                        current,
                        birth_year=profile.birth_year,
                        onset=profile.onset,
                        cancer_history=profile.cancer_history,
                    ),
                    self.today,
                )
            self.diary.set_setting(WELCOME_DONE, "done")
        except (InvalidInput, StoreError) as error:
            self.post_message(self.NotSaved(str(error)))
            return
        self.post_message(self.Finished(profile))

    @work(thread=True, exclusive=True, group="welcome-write")
    def _skip(self) -> None:
        from painlog.store.errors import StoreError

        try:
            self.diary.set_setting(WELCOME_DONE, "skipped")
        except StoreError as error:
            # Not remembered, so it will show again; skipping still works now.
            self.app.call_from_thread(
                self.app.notify, str(error), title="Could not save", severity="warning"
            )
        self.post_message(self.Finished(None, skipped=True))

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self.dismiss(message.profile)

    @on(NotSaved)
    def _not_saved(self, message: NotSaved) -> None:
        self._busy = False
        self._say(f"Not saved: {message.reason}")

    def _say(self, text: str) -> None:
        self.query_one("#welcome-message", Static).update(text)


def _where_it_stays(diary) -> str:
    """Where the diary is kept, in the words the welcome uses for it."""
    if diary is not None and not diary.location.is_sqlite:
        return "It is kept on your own database server, and nothing is sent anywhere else:"
    return "It all stays in one file on this computer, nothing is sent anywhere:"
