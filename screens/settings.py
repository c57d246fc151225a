"""Settings (F7): first day of the week, theme, birth year, when the pain started, whether
the person has had cancer, and where the diary file is.

Everything is stored in the diary itself (its profile, and its settings table), never in
code, so it travels with the file. Every write runs in a thread worker and replies with a
message; refused input says what is wrong and what is accepted, and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Header, Input, Label, Select, Static

from painlog.rules.records import Profile
from painlog.rules.weekly import WEEK_START_SETTING, WEEKDAYS
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.widgets.keys_footer import KeysFooter

WEEK_START = WEEK_START_SETTING
"""The setting holding the first day of the week: a name from `rules.weekly.WEEKDAYS`."""

BIRTH_YEAR_HINT = "age over 55 / under 20: a warning sign"
ONSET_HINT = "6- and 12-week alerts count from it"
CANCER_HINT = "a past cancer is a warning sign"
CANCER_LABEL = "Had cancer"
"""The form's name for the cancer-history question (a refusal names the field so)."""


def cancer_text(profile: Profile) -> str:
    """The cancer-history answer as the forms show it: yes, no, or empty when not given."""
    return {True: "yes", False: "no", None: ""}[profile.cancer_history]


def profile_from_text(birth_year: str, onset: str, today: date, cancer: str = "") -> Profile:
    """The profile typed in a form: empty (or "none") leaves a field unset.

    Args:
        birth_year: What was typed for the birth year.
        onset: What was typed for the date the pain started.
        today: The person's local date.
        cancer: What was typed for the cancer history: yes, no, or empty.

    Raises:
        InvalidInput: naming the field as the form labels it, the value and what is
            accepted.
    """
    from painlog.rules.entry import (
        EARLIEST_BIRTH_YEAR,
        InvalidInput,
        check_cancer_history,
        check_profile,
    )
    from painlog.rules.parsing import parse_date

    year_text = birth_year.strip()
    year: int | None = None
    if year_text and year_text.lower() != "none":
        accepted = f"a year from {EARLIEST_BIRTH_YEAR} to {today.year}, or nothing"
        # The digits are counted first: int() refuses more than 4,300 of them.
        if not (year_text.isascii() and year_text.isdigit()) or len(year_text.lstrip("0")) > 4:
            raise InvalidInput("Birth year", year_text, accepted)
        year = int(year_text)
        if not EARLIEST_BIRTH_YEAR <= year <= today.year:
            raise InvalidInput("Birth year", year_text, accepted)
    onset_text = onset.strip()
    started: date | None = None
    if onset_text and onset_text.lower() != "none":
        try:
            started = parse_date(onset_text, today, "Pain started")
        except InvalidInput as error:
            raise InvalidInput("Pain started", onset_text, error.accepted) from None
        if started > today:
            raise InvalidInput(
                "Pain started", onset_text, f"today ({today.isoformat()}) or earlier, or nothing"
            )
    answer = check_cancer_history(CANCER_LABEL, cancer) if cancer.strip() else None
    profile = Profile(year, started, answer)
    check_profile(profile, today)
    return profile


class SettingsScreen(DiaryScreen):
    """Preferences and profile; Enter in a field or ctrl+s saves the profile."""

    CSS_PATH = stylesheet(__file__)

    # The lists' keys show on their buttons, which keeps the footer to one row at 80
    # columns; the palette offers them by their tooltips.
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save_profile",
            "Save profile",
            id="settings.save",
            tooltip="Save the birth year, the date the pain started and the cancer history",
        ),
        Binding(
            "e",
            "app.own_exercises",
            "Your exercises",
            id="settings.exercises",
            show=False,
            tooltip="Add, rename, retire or restore exercises of your own",
        ),
        Binding(
            "m",
            "app.own_medications",
            "Your medications",
            id="settings.medications",
            show=False,
            tooltip="Add, rename, retire or restore the medications you take",
        ),
        Binding(
            "t",
            "app.own_treatments",
            "Your treatments",
            id="settings.treatments",
            show=False,
            tooltip="Add, rename, retire or restore treatments of your own",
        ),
        Binding(
            "c",
            "copy_path",
            "Copy path",
            id="settings.copy",
            tooltip="Copy the database path to the clipboard",
        ),
    ]

    @dataclass
    class Loaded(Message):
        """What the diary holds: profile, week start, and where the file is."""

        profile: Profile
        week_start: str
        location: str

    @dataclass
    class ProfileSaved(Message):
        profile: Profile

    @dataclass
    class SettingSaved(Message):
        key: str
        value: str

    @dataclass
    class NotSaved(Message):
        """A write failed (the file is read-only, the disk is full); nothing changed."""

        what: str
        reason: str

    def __init__(self, today: date, diary=None) -> None:
        super().__init__(today, diary)
        self.profile: Profile | None = None
        self.week_start = WEEKDAYS[0]
        self.location = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-form"):
            with Horizontal(classes="settings-row"):
                yield Label("Week starts", classes="settings-label")
                yield Select(
                    [(day.capitalize(), day) for day in WEEKDAYS],
                    value=WEEKDAYS[0],
                    allow_blank=False,
                    compact=True,
                    id="settings-week",
                    classes="settings-select",
                )
                yield Static("for the weekly trend and CSV", classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Label("Theme", classes="settings-label")
                yield Select(
                    [(name, name) for name in sorted(self.app.available_themes)],
                    value=self.app.theme,
                    allow_blank=False,
                    compact=True,
                    id="settings-theme",
                    classes="settings-select",
                )
                yield Static("colours only; words carry meaning", classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Label("Birth year", classes="settings-label")
                yield Input(
                    id="settings-birth-year",
                    classes="settings-input",
                    placeholder="e.g. 1968",
                    compact=True,
                    max_length=12,
                )
                yield Static(BIRTH_YEAR_HINT, classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Label("Pain started", classes="settings-label")
                yield Input(
                    id="settings-onset",
                    classes="settings-input",
                    placeholder="e.g. 3 weeks ago",
                    compact=True,
                    max_length=40,
                )
                yield Static(ONSET_HINT, classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Label(CANCER_LABEL, classes="settings-label")
                yield Input(
                    id="settings-cancer",
                    classes="settings-input",
                    placeholder="yes or no",
                    compact=True,
                    max_length=12,
                )
                yield Static(CANCER_HINT, classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Static("", classes="settings-label")
                yield Button("Save profile (ctrl+s)", id="settings-save", compact=True)
            with Horizontal(id="settings-lists", classes="settings-row"):
                yield Label("Your lists", classes="settings-label")
                # The key is the underlined first letter: "(e)" after each would not fit
                # three buttons in 60 columns.
                for name, key in (("Exercises", "e"), ("Medications", "m"), ("Treatments", "t")):
                    yield Button(
                        f"[u]{name[0]}[/u]{name[1:]}",
                        id=f"settings-{name.lower()}",
                        compact=True,
                        tooltip=f"Your {name.lower()} ({key})",
                    )
            with Horizontal(classes="settings-row"):
                yield Label("Database", classes="settings-label")
                yield Static("…", id="settings-path", markup=False)
            with Horizontal(classes="settings-row"):
                yield Static("", classes="settings-label")
                yield Button("Copy path (c)", id="settings-copy", compact=True)
                yield Static(
                    "read-only here; use --db PATH or PAINLOG_DB",
                    classes="settings-hint",
                )
        yield Static("Opening your diary…", id="settings-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self.sub_title = "Settings"
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        super().on_mount()

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="settings-load")
    def _load(self) -> None:
        week = self.diary.setting(WEEK_START, WEEKDAYS[0])
        self.post_message(
            self.Loaded(
                self.diary.profile(),
                week if week in WEEKDAYS else WEEKDAYS[0],
                self.diary.location.display,
            )
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.profile = message.profile
        self.week_start = message.week_start
        self.location = message.location
        week = self.query_one("#settings-week", Select)
        with week.prevent(Select.Changed):
            week.value = message.week_start
        self._show_theme(self.app.theme)
        self._fill_profile(message.profile)
        self.query_one("#settings-path", Static).update(message.location)
        self._set_status("Changes to week start and theme are saved at once.")

    def _fill_profile(self, profile: Profile) -> None:
        year = self.query_one("#settings-birth-year", Input)
        onset = self.query_one("#settings-onset", Input)
        cancer = self.query_one("#settings-cancer", Input)
        with (
            year.prevent(Input.Changed),
            onset.prevent(Input.Changed),
            cancer.prevent(Input.Changed),
        ):
            year.value = "" if profile.birth_year is None else str(profile.birth_year)
            onset.value = "" if profile.onset is None else profile.onset.isoformat()
            cancer.value = cancer_text(profile)

    def _show_theme(self, name: str) -> None:
        select = self.query_one("#settings-theme", Select)
        if select.value != name:
            with select.prevent(Select.Changed):
                select.value = name

    def _theme_changed(self, theme) -> None:
        # The theme may also change from the command palette: show what is in use.
        if self.is_mounted:
            self._show_theme(theme.name)

    # -- week start and theme ---------------------------------------------------------------

    @on(Select.Changed, "#settings-week")
    def _week_changed(self, event: Select.Changed) -> None:
        if self.diary is None or event.value == self.week_start:
            return
        self._save_setting(WEEK_START, str(event.value))

    @on(Select.Changed, "#settings-theme")
    def _theme_chosen(self, event: Select.Changed) -> None:
        name = str(event.value)
        if name in self.app.available_themes and name != self.app.theme:
            # The App applies it at once and stores it (it stores palette changes too).
            self.app.theme = name
            self._set_status(f"Theme {name}: applied and saved.")

    @work(thread=True, group="settings-write")
    def _save_setting(self, key: str, value: str) -> None:
        from painlog.store.errors import StoreError

        try:
            self.diary.set_setting(key, value)
        except StoreError as error:
            self.post_message(self.NotSaved(key.replace("_", " "), str(error)))
            return
        self.post_message(self.SettingSaved(key, value))

    @on(SettingSaved)
    def _setting_saved(self, message: SettingSaved) -> None:
        if message.key == WEEK_START:
            self.week_start = message.value
            self._set_status(f"Saved: weeks start on {message.value.capitalize()}.")
            self.app.notify_logs_changed(except_screen=self)

    # -- profile ----------------------------------------------------------------------------

    @on(Input.Submitted, "#settings-birth-year")
    @on(Input.Submitted, "#settings-onset")
    @on(Input.Submitted, "#settings-cancer")
    @on(Button.Pressed, "#settings-save")
    def _submit(self) -> None:
        self.action_save_profile()

    @on(Input.Changed, "#settings-birth-year")
    @on(Input.Changed, "#settings-onset")
    @on(Input.Changed, "#settings-cancer")
    def _profile_edited(self) -> None:
        if self.profile is not None:
            self._set_status("Unsaved: Enter or ctrl+s saves the profile.")

    def action_save_profile(self) -> None:
        from painlog.rules.entry import InvalidInput

        if self.diary is None or self.profile is None:
            self.notify("Still opening your diary; try again in a moment.")
            return
        year = self.query_one("#settings-birth-year", Input)
        onset = self.query_one("#settings-onset", Input)
        cancer = self.query_one("#settings-cancer", Input)
        try:
            profile = profile_from_text(year.value, onset.value, self.today, cancer.value)
        except InvalidInput as error:
            self._set_status(f"Not saved: {error}")
            fields = {"Birth year": year, CANCER_LABEL: cancer}
            fields.get(error.field, onset).focus()
            return
        if profile == self.profile:
            self._set_status("Nothing to save: the profile is as stored.")
            return
        self._save_profile(profile)

    @work(thread=True, exclusive=True, group="settings-profile")
    def _save_profile(self, profile: Profile) -> None:
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            self.diary.save_profile(replace(self.diary.profile(), **_fields(profile)), self.today)
        except (InvalidInput, StoreError) as error:
            self.post_message(self.NotSaved("profile", str(error)))
            return
        self.post_message(self.ProfileSaved(profile))

    @on(ProfileSaved)
    def _profile_saved(self, message: ProfileSaved) -> None:
        self.profile = message.profile
        self._fill_profile(message.profile)
        year = message.profile.birth_year or "not given"
        onset = message.profile.onset.isoformat() if message.profile.onset else "not given"
        cancer = cancer_text(message.profile) or "not given"
        self._set_status(f"Saved: birth year {year}, pain started {onset}, had cancer {cancer}.")
        # Age, cancer history and onset change what the alerts say.
        self.app.notify_logs_changed(except_screen=self)

    @on(NotSaved)
    def _not_saved(self, message: NotSaved) -> None:
        self._set_status(f"Not saved ({message.what}): {message.reason}")
        self.notify(message.reason, title="Not saved", severity="error", markup=False)

    @on(Button.Pressed, "#settings-exercises")
    def _exercises_pressed(self) -> None:
        self.app.action_own_exercises()

    @on(Button.Pressed, "#settings-medications")
    def _medications_pressed(self) -> None:
        self.app.action_own_medications()

    @on(Button.Pressed, "#settings-treatments")
    def _treatments_pressed(self) -> None:
        self.app.action_own_treatments()

    # -- the database path ------------------------------------------------------------------

    @on(Button.Pressed, "#settings-copy")
    def _copy_pressed(self) -> None:
        self.action_copy_path()

    def action_copy_path(self) -> None:
        if not self.location:
            self.notify("Still opening your diary; try again in a moment.")
            return
        self.app.copy_to_clipboard(self.location)
        self._set_status(
            "Copied the path. If nothing pastes, your terminal blocks clipboard access: "
            "select the path with the mouse instead."
        )

    def logs_changed(self) -> None:
        # Only the profile can change elsewhere (the welcome); keep what is being typed.
        if self.diary is not None and self.is_mounted and not self._editing():
            self.load()

    def _editing(self) -> bool:
        if self.profile is None:
            return False
        try:
            typed = profile_from_text(
                self.query_one("#settings-birth-year", Input).value,
                self.query_one("#settings-onset", Input).value,
                self.today,
                self.query_one("#settings-cancer", Input).value,
            )
        except ValueError:
            return True
        return typed != self.profile

    def _set_status(self, text: str) -> None:
        self.query_one("#settings-status", Static).update(text)


def _fields(profile: Profile) -> dict[str, object]:
    return {
        "birth_year": profile.birth_year,
        "onset": profile.onset,
        "cancer_history": profile.cancer_history,
    }
