"""Help (F1 or ?): the emergency signs first, then this screen's keys, the pain scale, the
weekly check (PEG) and every alert with the rule behind it and its source.

Everything shown is built from the data the rest of painlog runs on: the keys from the
bindings active on the screen the help was opened over, the scale from `rules.scale`, the
weekly check's questions from `rules.peg`, the alerts from `rules.alerts` /
`rules.advice` with their numbers from seeds/thresholds.toml, and the warning signs from
the seeds catalogue. A rule changed there reads changed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static

from painlog.rules.advice import (
    CALM,
    CRITERION_WORDS,
    KEEP_MOVING,
    KEEP_MOVING_SOURCE,
    MESSAGES,
    QUIET,
    SEEN,
    SIGN_PHRASES,
    SOURCES,
    message,
)
from painlog.rules.alerts import FALL, KINDS, NO_WEIGHT, SEVERITY
from painlog.rules.peg import PEG_ITEMS
from painlog.rules.scale import ANCHORS, pain_band
from painlog.rules.scale import SOURCE as SCALE_SOURCE
from painlog.screens.base import stylesheet
from painlog.screens.widgets.alert_banner import LABELS
from painlog.screens.widgets.peg_offer import PEG_KEY, PEG_SKIP_KEY
from painlog.seeds import catalogue
from painlog.seeds.thresholds import Thresholds, thresholds

SCALE_POINTS = (0, 3, 5, 7, 10)
"""The points of the 0-10 scale the help puts into words."""

PEG_SOURCE = (
    "the PEG scale (Krebs EE et al., J Gen Intern Med 2009), which the CDC's 2022 clinical "
    "practice guideline on prescribing for pain names for following pain and function. "
    "The questions are put in painlog's own words."
)
"""Where the weekly check comes from."""

SKIPPED_ACTIONS = frozenset({"page_left", "page_right"})
"""Bindings that exist on every scrolling container but mean nothing to a person here."""

PLAIN_NAMES = {
    "app.focus_next": "Next field",
    "app.focus_previous": "Previous field",
    "screen.copy_text": "Copy the text selected with the mouse",
    "command_palette": "Command palette: every action by name",
}
"""Textual's own bindings, in the words painlog uses."""

KEY_NAMES = {
    "tab": "Tab",
    "shift+tab": "shift+Tab",
    "enter": "Enter",
    "esc": "Esc",
    "escape": "Esc",
    "space": "Space",
    "backspace": "Backspace",
    "del": "Delete",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "pgup": "PgUp",
    "pgdn": "PgDn",
}
"""Key names as printed on keyboards."""

TODAY_KEYS: tuple[tuple[str, str], ...] = (
    ("0-9", "Pain score: 1 then 0 gives 10; arrows step it up and down"),
    ("type in Where, Did, Took", "Filters the list; Enter adds the top match (Up/Down: another)"),
    ("words after a name", "`hip left sharp`: side and kind; `walk 30min`, `glute 3x10`: a dose"),
    ("Took", "`ibu 400mg 8:00`: what, how much, when; again for each time you took it"),
    ("Treated", "Heat, cold, massage, TENS...: `heat`, `phys` (a physiotherapy session)"),
    ("Backspace", "On an empty filter: removes the last item of the row (or click its ✕)"),
    ("Space or Enter", "On a warning sign: ticks or unticks it (✓ shows it ticked)"),
    ("Delete", "On Worst: back to not given"),
    ("Enter or a click", "On a check-in: opens it to change its time, pain, places or note"),
    ("Delete, d or its ✕", "On a check-in: deletes it, after a yes"),
    ("your exercises", "Marked · yours in Did; add, rename or retire them in Settings (F7), e"),
    ("your medications", "Add them in Settings (F7), m; painlog keeps no list of its own"),
    ("your treatments", "Heat, massage... are always offered; add your own in Settings, t"),
)
"""Keys of the Today form that are typing rather than bindings."""


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One line of the keys table: the key(s), what they do, and where they apply."""

    keys: str
    name: str
    detail: str = ""
    scope: str = "screen"


def trigger_texts(t: Thresholds) -> dict[str, str]:
    """When each alert kind is raised, in plain words, with the numbers from the data."""
    flags = catalogue()
    emergency = ", ".join(f.name.lower() for f in flags.red_flags if f.emergency)
    fall, weight = (flags.red_flag(slug).name.lower() for slug in (FALL, NO_WEIGHT))
    return {
        "emergency": (
            f"You tick an emergency sign ({emergency}) on a day. Raised whatever the pain "
            f"score, and it stays while the sign was logged in the last "
            f"{t.emergency_active_days} days. After the day you logged it, it asks whether "
            "a doctor has assessed you since: say so on Alerts (F5, a) and it leaves the "
            "Today banner, though it stays listed until it lapses."
        ),
        "same_day": (
            f"You log {fall} and {weight} no more than {t.same_day_pair_days} days apart, "
            f"the later of them in the last {t.same_day_recent_days} days (today counts); "
            f"or either of them in the last {t.same_day_recent_days} days at "
            f"{t.same_day_age} or over (by birth year, so the year you turn "
            f"{t.same_day_age} counts)."
        ),
        "see_clinician": (
            "The three-criteria rule, when all three hold: the pain has lasted over "
            f"{t.check_after_weeks} weeks; it is severe (average {t.severe_mean} or more), "
            f"not improving (not {t.change_percent}% below the first logged days of this "
            "episode) or getting worse; and you logged a warning sign in this episode, or "
            f"your age is over {t.age_over} or under {t.age_under} (by birth year, so "
            f"{t.age_under} this year counts), or you have had cancer (Settings). The pain "
            f"is read over this week when you logged at least {t.trend_min_logs} of its "
            f"{t.trend_window_days} days; otherwise over your {t.trend_min_logs} latest "
            f"logged days of the last {t.sparse_window_days}, against the first "
            f"{t.trend_min_logs} logged days of the episode. With fewer logged days painlog "
            "cannot tell, and the Alerts screen says so."
        ),
        "red_flag": (
            "You log a warning sign you had not logged in the "
            f"{t.flag_new_days} days before. It stays while the sign was logged in the last "
            f"{t.flag_active_days} days."
        ),
        "worsening": (
            f"This week's average pain (today and the {t.trend_window_days - 1} days before) "
            f"is {t.change_points} or more points above the week before, or "
            f"{t.change_percent}% or more and at least {t.change_min_points} point above "
            "it: a change you would feel, not day-to-day noise. Each of the two weeks needs "
            f"at least {t.trend_min_logs} logged days."
        ),
        "duration": (
            f"This episode of pain reaches {t.subacute_weeks} weeks, then "
            f"{t.chronic_weeks} weeks, while you still log pain. It counts from the date the "
            "pain started (Settings), or else from your first painful log; "
            f"{t.episode_gap_days} pain-free logged days in a row end an episode, and so do "
            f"more than {t.episode_silence_days} days in a row with nothing logged (unless "
            "you gave the date the pain started)."
        ),
        "keep_moving": (
            f"A day spent mostly in bed in the last {t.bed_rest_days} days, or no exercise on "
            f"your last {t.no_exercise_logs} logged days; not when your last "
            f"{t.well_logs} logged days were pain-free."
        ),
    }


SITUATION_NAMES = {QUIET: "After fall", SEEN: "When seen"}
"""How the help labels a wording used only in some situations (see `SITUATION_NOTE`)."""

LATER = {"emergency_asked": "Later"}
"""Wordings an alert moves on to after the day it was raised, and their label."""

SITUATION_NOTE = (
    "After fall: while a fall or not being able to put weight on the leg was logged in the "
    "last {days} days. When seen: while an emergency sign or the same-day alert is active. "
    "Then no alert gives activity advice: that is for whoever examines you."
)
"""What the situation labels mean, with the number filled in from the data."""


def advice_texts(t: Thresholds) -> dict[str, list[tuple[str, str]]]:
    """What each alert kind tells you to do: (label, sentence) for each wording.

    Each wording is what `rules.advice.message` gives in each situation, so the help shows
    exactly the sentences the alerts use; one the same in several situations is listed
    once. Placeholders are filled with the numbers from the data or, where the sentence is
    built from your logs, with words saying what goes there.
    """
    weeks = {
        "duration_subacute": t.subacute_weeks,
        "duration_chronic": t.chronic_weeks,
    }
    criteria = (
        f"it has lasted N weeks, it is {' / '.join(CRITERION_WORDS.values())} (what holds), "
        "and you logged a warning sign (its name), or your age or a history of cancer "
        "counts as one"
    )
    fill = {
        "date": "the day you logged it",
        "age": t.same_day_age,
        "sign": " or ".join(SIGN_PHRASES.values()),
        "criteria": criteria,
    }
    found: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for key in MESSAGES:
        if key.endswith(("_quiet", "_seen")):
            continue  # a situation's wording of another key: listed with it
        kind = next((k for k in KINDS if key == k or key.startswith(k + "_")), None)
        if kind is None:
            continue
        wordings: dict[str, list[str]] = {}
        for situation in (CALM, QUIET, SEEN):
            text = message(key, situation, weeks=weeks.get(key, ""), **fill)
            wordings.setdefault(text, []).append(situation)
        for text, situations in wordings.items():
            if key in LATER:
                label = LATER[key]
            elif CALM in situations:
                label = "Do"
            else:
                label = " / ".join(SITUATION_NAMES[situation] for situation in situations)
            found[kind].append((label, text))
    return found


def key_rows(screen: Screen) -> list[KeyRow]:
    """The keys active on `screen` right now: its own, the field in focus, and the app's.

    Keys bound to the same action are shown together (`→/↑/+ More`). Typing keys that are
    not bindings (the Today form's) come from the screen's `HELP_KEYS`, when it has them.
    """
    app = screen.app
    grouped: dict[tuple[int, str], KeyRow] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.description or binding.action in SKIPPED_ACTIONS:
            continue
        if key.startswith("super+"):
            continue  # the macOS twin of a ctrl key, listed with it
        node = active.node
        scope = "app" if node is app else ("screen" if node is screen else "field")
        display = _key_display(app.get_key_display(binding))
        group = (id(node), binding.action)
        name = PLAIN_NAMES.get(binding.action, binding.description)
        detail = active.tooltip or ""
        if binding.action in PLAIN_NAMES or detail.rstrip(".").lower() == name.lower():
            detail = ""
        found = grouped.get(group)
        if found is None:
            grouped[group] = KeyRow(display, name, detail, scope)
        elif display not in found.keys.split(" / "):
            grouped[group] = KeyRow(f"{found.keys} / {display}", found.name, found.detail, scope)
    rows = [KeyRow(keys, text, "", "screen") for keys, text in _typing_keys(screen)]
    order = {"screen": 0, "field": 1, "app": 2}
    rows += sorted(grouped.values(), key=lambda row: order[row.scope])
    return rows


def _typing_keys(screen: Screen) -> Sequence[tuple[str, str]]:
    declared = getattr(screen, "HELP_KEYS", None)
    if declared is not None:
        return declared
    from painlog.screens.today import TodayScreen

    return TODAY_KEYS if isinstance(screen, TodayScreen) else ()


def _key_display(shown: str) -> str:
    if shown.startswith("^") and len(shown) > 1:
        return "ctrl+" + shown[1:]
    if re.fullmatch(r"f\d{1,2}", shown):
        return shown.upper()
    return KEY_NAMES.get(shown, shown)


def screen_name(screen: Screen) -> str:
    """What to call the screen the help was opened over."""
    name = type(screen).__name__.removesuffix("Screen")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name) or "painlog"


class HelpScreen(ModalScreen[None]):
    """Help for the screen it was opened over; Escape, F1, ? or q closes it.

    Args:
        name: What the screen below is called ("Today").
        keys: The keys to list (see `key_rows`), taken when the help was opened.
    """

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "Close help", key_display="Esc"),
        Binding("down,j", "scroll('down')", "Scroll down", show=False),
        Binding("up,k", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, name: str, keys: Iterable[KeyRow]) -> None:
        super().__init__()
        self.screen_title = name
        self.keys = list(keys)

    @classmethod
    def for_screen(cls, screen: Screen) -> HelpScreen:
        """Help for `screen`, with the keys active on it now."""
        return cls(screen_name(screen), key_rows(screen))

    def compose(self) -> ComposeResult:
        t = thresholds()
        with Vertical(id="help-dialog"):
            yield Label(f"Help · {self.screen_title}", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._emergency(), id="help-emergency")
                yield Static(self._keys(), id="help-keys", classes="help-section")
                yield Static(self._scale(), id="help-scale", classes="help-section")
                yield Static(self._peg(), id="help-peg", classes="help-section")
                yield Static(self._alerts(t), id="help-alerts", classes="help-section")
                yield Static(self._warning_signs(t), id="help-signs", classes="help-section")
                yield Static(self._privacy(), id="help-privacy", classes="help-section")
            with Horizontal(id="help-buttons"):
                yield Static(
                    "↑↓ PgUp PgDn scroll · Esc, F1 or ? closes", id="help-hint", markup=False
                )
                yield Button("Close (Esc)", id="help-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    # -- sections -------------------------------------------------------------------------

    def _emergency(self) -> Group:
        signs = _marked(
            ("!!", flag.name, flag.description) for flag in catalogue().red_flags if flag.emergency
        )
        return Group(
            Text("!! EMERGENCY SIGNS: get help today", style="bold reverse"),
            signs,
            Text(MESSAGES["emergency"], style="bold"),
            Text(
                "These signs can come with little or no pain: a low score does not make them "
                "less urgent. Tick them on Today (Signs) and painlog says so at once."
            ),
            Text(f"Source: {SOURCES['emergency']}", style="dim"),
        )

    def _keys(self) -> Group:
        headings = {
            "screen": f"On {self.screen_title}",
            "field": "In the field in focus",
            "app": "Everywhere",
        }
        parts: list = [_heading("Keys")]
        for scope, title in headings.items():
            rows = [row for row in self.keys if row.scope == scope]
            if not rows:
                continue
            table = _grid()
            for row in rows:
                text = Text(row.name)
                if row.detail:
                    text.append(f": {row.detail}", style="dim")
                table.add_row(Text(row.keys, style="bold"), text)
            parts += [Text(title, style="italic"), table]
        return Group(*parts)

    def _scale(self) -> Group:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for point in SCALE_POINTS:
            table.add_row(
                Text(f"{point:>2}/10", style="bold"), Text(pain_band(point)), Text(ANCHORS[point])
            )
        return Group(
            _heading("The pain scale, 0 to 10"),
            Text(
                "Pain: your usual pain that day. Worst: the worst moment. "
                "1-3 mild, 4-6 moderate, 7-10 severe."
            ),
            table,
            Text(
                "Check-ins (ctrl+n on Today) note the pain at a moment of the day, as often "
                "as you like. Until you set the day's pain yourself, it is the mean of its "
                "check-ins, rounded half up (3 and 4 give 4); until you give a worst, it is "
                "the highest check-in (when at least the day's pain). Both move as check-ins "
                "are added, changed or deleted, and Today says so beside them. A pain or "
                "worst you set stays yours."
            ),
            Text(f"Source: {SCALE_SOURCE}", style="dim"),
        )

    def _peg(self) -> Group:
        table = _grid()
        for number, item in enumerate(PEG_ITEMS, 1):
            text = Text(item.question)
            text.append(f" 0: {item.low}, 10: {item.high}.", style="dim")
            table.add_row(Text(f"{number}.", style="bold"), text)
        return Group(
            _heading("The weekly check (PEG)"),
            Text(
                "Once a week Today offers three questions about the past week, each answered "
                "0 to 10. The score is the mean of the three answers: 0 to 10, higher meaning "
                "more pain and more of life held back by it. Answered week after week, it "
                "shows how your pain and what you can do change over time."
            ),
            table,
            Text(
                f"On Today, {PEG_KEY} answers this week's questions, or changes the answers; "
                f"{PEG_SKIP_KEY} skips the week while it is offered, and the next week asks "
                "again. A week starts on the day chosen in Settings (F7)."
            ),
            Text(f"Source: {PEG_SOURCE}", style="dim"),
        )

    def _alerts(self, t: Thresholds) -> Group:
        triggers = trigger_texts(t)
        advice = advice_texts(t)
        parts: list = [
            _heading("Alerts: when painlog raises them, and why"),
            Text(
                "Worked out from your logs each time, most serious first (F5 lists the "
                "active ones). They say what to do, not what is wrong: only a clinician can "
                "say that."
            ),
        ]
        for kind in KINDS:
            severity = SEVERITY[kind]
            head = Text(f"{MARKERS[severity]} {LABELS[severity]} · {kind.replace('_', ' ')}")
            head.stylize("bold")
            table = _grid()
            table.add_row(Text("When", style="bold"), Text(triggers[kind]))
            for label, text in advice[kind]:
                table.add_row(Text(label, style="bold"), Text(text))
            table.add_row(Text("Source", style="bold"), Text(SOURCES[kind], style="dim"))
            parts += [Text(""), head, table]
        parts += [
            Text(""),
            Text(SITUATION_NOTE.format(days=t.hip_quiet_days)),
            Text(""),
            Text("Otherwise every alert adds:", style="bold"),
            Text(KEEP_MOVING),
            Text(f"Source: {KEEP_MOVING_SOURCE}", style="dim"),
        ]
        return Group(*parts)

    def _warning_signs(self, t: Thresholds) -> Group:
        signs = [
            ("!", flag.name, flag.description)
            for flag in catalogue().red_flags
            if not flag.emergency
        ]
        signs.append(
            (
                "!",
                f"Age over {t.age_over} or under {t.age_under}",
                f"From your birth year (Settings, F7; {t.age_under} in the year you turn "
                f"{t.age_under} counts): counts for the three criteria, but raises no alert "
                "alone.",
            )
        )
        signs.append(
            (
                "!",
                "A history of cancer",
                "Your answer in Settings (F7): counts for the three criteria, but raises no "
                "alert alone.",
            )
        )
        return Group(
            _heading("Other warning signs: see a clinician soon"),
            Text("Each raises a red-flag alert and counts for the third of the three criteria."),
            _marked(signs),
        )

    def _privacy(self) -> Group:
        return Group(
            _heading("Your data"),
            Text(
                "Everything stays in one file on this computer (Settings, F7, shows where); "
                "painlog makes no network connections. F6 exports a CSV for a clinician."
            ),
        )


MARKERS = {"emergency": "!!", "urgent": "!", "warning": "!", "info": "i"}
"""A symbol per severity, so it never rests on colour (the same as the Today banner's)."""


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _grid() -> Table:
    """Two columns with a hanging indent: a short label, then text that wraps under itself."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    return table


def _marked(items: Iterable[tuple[str, str, str]]) -> Table:
    """Warning signs as "!! Name: what to look for" rows."""
    table = _grid()
    for marker, name, description in items:
        text = Text()
        text.append(name, style="bold")
        text.append(f": {description}")
        table.add_row(Text(marker, style="bold"), text)
    return table
