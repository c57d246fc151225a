"""The one-line banner on Today that carries the most serious active alert."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

LABELS = {
    "emergency": "EMERGENCY",
    "urgent": "SEE A CLINICIAN",
    "warning": "WARNING",
    "info": "NOTE",
}


class AlertBanner(Static):
    """Shows an alert's severity in words and its message; hidden when there is none.

    The severity is a class (`-emergency`, `-urgent`, ...) for colour, and always a word too.
    Clicking it (or F5) opens the Alerts screen.
    """

    DEFAULT_CSS = """
    AlertBanner {
        display: none;
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    AlertBanner.-shown {
        display: block;
    }
    AlertBanner.-emergency {
        background: $error;
        color: $text;
    }
    AlertBanner.-urgent {
        background: $warning;
        color: $text;
    }
    AlertBanner.-warning {
        background: $warning-muted;
    }
    AlertBanner.-info {
        background: $primary-muted;
        text-style: none;
    }
    """

    def show_alert(self, view, more: int = 0) -> None:
        """Show `view` (an AlertView), or hide the banner when it is None."""
        self.remove_class("-emergency", "-urgent", "-warning", "-info")
        if view is None:
            self.remove_class("-shown")
            return
        alert = view.alert
        text = Text()
        marker = "!!" if alert.severity == "emergency" else "!"
        text.append(f"{marker} {LABELS[alert.severity]}: ", style="bold")
        text.append(alert.message)
        if view.asks_assessed:
            text.append("  (F5, a: I have been assessed)", style="not bold")
        elif more:
            text.append(f"  (+{more} more: F5)", style="not bold")
        else:
            text.append("  (F5: details)", style="not bold")
        self.update(text)
        self.add_class("-shown", f"-{alert.severity}")

    def on_click(self) -> None:
        self.app.switch_mode("alerts")
