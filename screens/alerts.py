"""Alerts: every active alert with its reason in numbers, the rule's source and what to do,
and what the rules could not judge (too few days logged)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Header, Static

from painlog.rules.describe import day_heading
from painlog.rules.text import counted
from painlog.rules.weekly import day_month
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.widgets.alert_banner import LABELS
from painlog.screens.widgets.keys_footer import KeysFooter


class AlertCard(Static, can_focus=True):
    """One alert, focusable so it can be acknowledged from the keyboard."""

    def __init__(self, view) -> None:
        super().__init__(classes=f"alert-card -{view.alert.severity}")
        self.view = view

    def on_mount(self) -> None:
        self.update(self._body())
        alert = self.view.alert
        label, kind = LABELS[alert.severity], alert.kind.replace("_", " ")
        # An emergency's kind is its severity's own word: "EMERGENCY", not "EMERGENCY · emergency".
        self.border_title = label if kind.lower() == label.lower() else f"{label} · {kind}"
        if self.view.asks_assessed:
            state = "assessed, you said" if self.view.acknowledged else "not answered"
        else:
            state = "acknowledged" if self.view.acknowledged else "new"
        self.border_subtitle = f"since {day_month(alert.since)} · {state}"

    def _body(self) -> Text:
        from painlog.seeds import catalogue

        alert = self.view.alert
        text = Text()
        text.append(alert.message + "\n", style="bold")
        text.append("Why: ", style="bold")
        text.append(alert.reason + "\n")
        if alert.suggestions:
            exercises = [catalogue().exercise(slug) for slug in alert.suggestions]
            text.append("Try: ", style="bold")
            text.append(
                "; ".join(f"{x.name} ({x.dose})" for x in exercises if x is not None) + "\n"
            )
        if alert.advice:
            text.append(alert.advice + "\n", style="italic")
        if self.view.asks_assessed and not self.view.acknowledged:
            text.append(
                "Press a if a doctor has assessed you since "
                f"{day_month(alert.reported)}: it leaves the Today banner.\n",
                style="bold",
            )
        text.append("Source: ", style="dim bold")
        text.append(alert.source, style="dim")
        return text


class AlertsScreen(DiaryScreen):
    """Every active alert, most serious first; `a` acknowledges the one in focus."""

    CSS_PATH = stylesheet(__file__)

    BINDINGS = [
        Binding(
            "a",
            "acknowledge",
            "Acknowledge",
            id="alerts.acknowledge",
            tooltip=(
                "Mark the alert in focus as seen (an emergency from an earlier day: say you "
                "have been assessed since): it leaves the Today banner"
            ),
        ),
        Binding("down,j", "app.focus_next", "Next", show=False),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
    ]

    @dataclass
    class AlertsLoaded(Message):
        alerts: list
        notes: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Checking your logs…", id="alerts-summary")
        yield VerticalScroll(id="alerts-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Alerts as of {day_heading(self.today)}"

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="alerts-load")
    def _load(self) -> None:
        self.post_message(self._read())

    def _read(self) -> AlertsLoaded:
        """The alerts and notes as of today (reads the database: call it from a worker)."""
        from painlog.store.alerting import current_review

        found = current_review(self.diary, self.today)
        return self.AlertsLoaded(found.views, found.notes)

    @on(AlertsLoaded)
    async def _show(self, message: AlertsLoaded) -> None:
        listing = self.query_one("#alerts-list", VerticalScroll)
        focused_key = getattr(self.focused, "view", None)
        focused_key = focused_key.alert.key if focused_key is not None else None
        await listing.remove_children()
        summary = self.query_one("#alerts-summary", Static)
        notes = "".join(f"\nNote: {note}" for note in message.notes)
        if not message.alerts:
            summary.update(
                "No alerts. Nothing in your logs matches the rules painlog checks "
                "(F1 lists them)." + (notes or " Keep logging and keep moving.")
            )
            return
        new = sum(1 for view in message.alerts if not view.acknowledged)
        summary.update(
            f"{counted(len(message.alerts), 'active alert')}, {new} not yet acknowledged. "
            "They describe what to do, not what is wrong: only a clinician can say that." + notes
        )
        cards = [AlertCard(view) for view in message.alerts]
        await listing.mount_all(cards)
        target = next((c for c in cards if c.view.alert.key == focused_key), cards[0])
        target.focus()

    def action_acknowledge(self) -> None:
        card = self.focused
        if not isinstance(card, AlertCard) or card.view.acknowledged:
            return
        self._acknowledge(card.view.alert.key)

    @work(thread=True, group="alerts-ack")
    def _acknowledge(self, key) -> None:
        # With the day: an emergency counts as assessed only by an answer after its day.
        self.diary.acknowledge(*key, on=self.today)
        self.post_message(self._read())
        self.app.call_from_thread(self.app.notify_logs_changed)
