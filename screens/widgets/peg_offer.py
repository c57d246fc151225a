"""The weekly check's line on Today, and what answering or skipping it does.

Today hands the line the week's PEG as it read it with the day (`PegWeek`). The line shows
while the week holding today is due (no answers, not skipped) and Today shows today.
Answering opens `PegForm`, which stores the answers; a skip is stored in a thread worker.
Either way the line posts a message with the week as it now stands and a sentence for
Today's status line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from painlog.rules.records import PegAnswer
    from painlog.store.peg_answers import PegWeek

PEG_KEY = "ctrl+g"
"""Answer the week's PEG, or change its answers: any time on Today."""
PEG_SKIP_KEY = "ctrl+l"
"""Not this week: only while the line offers the PEG."""

WORDINGS = (
    ("Weekly check: 3 questions about the past week", "answer", "not this week"),
    ("Weekly check: 3 questions", "answer", "not this week"),
    ("Weekly check", "answer", "not this week"),
    ("Weekly check", "answer", "skip"),
)
"""The line from the longest to the shortest; the longest that fits is shown."""


class PegOffer(Widget):
    """One line offering the week's PEG; it opens the PEG's form, and stores a skip."""

    DEFAULT_CSS = """
    PegOffer {
        display: none;
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    """

    @dataclass
    class Answered(Message):
        """The week's answers were written; `replaced` when they replaced earlier ones."""

        answer: PegAnswer
        replaced: bool
        week: PegWeek
        """The week as it stands now."""

        @property
        def status(self) -> str:
            from painlog.rules.peg import peg_score
            from painlog.rules.windows import format_mean
            from painlog.screens.peg_form import week_of

            done = "updated" if self.replaced else "saved"
            score = format_mean(peg_score(self.answer))
            return f"PEG for {week_of(self.week.start)} {done}: score {score}"

    @dataclass
    class Skipped(Message):
        """The week was skipped: not offered again until the next one."""

        week: PegWeek
        """The week as read back after the skip."""

        @property
        def status(self) -> str:
            return f"Weekly check skipped until next week; {PEG_KEY} answers it"

    @dataclass
    class Refused(Message):
        """The skip was not stored, for `reason`."""

        reason: str

        @property
        def status(self) -> str:
            return f"Not skipped: {self.reason}"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.week: PegWeek | None = None
        self.on_today = False

    @property
    def offered(self) -> bool:
        """Whether the line is offering the PEG now."""
        return self.week is not None and self.week.due and self.on_today

    def show_week(self, week: PegWeek | None, *, on_today: bool) -> None:
        """Offer `week` while it is due and Today shows today (None: keep the week held).

        Args:
            week: The week holding today, as last read.
            on_today: Whether Today shows today; a past day never shows the offer.
        """
        if week is not None:
            self.week = week
        self.on_today = on_today
        self.display = self.offered

    def render(self) -> Text:
        width = self.content_size.width
        for lead, answer, skip in WORDINGS:
            line = Text.assemble(
                lead, " · ", (PEG_KEY, "bold"), f" {answer} · ", (PEG_SKIP_KEY, "bold"), f" {skip}"
            )
            if line.cell_len <= width:
                return line
        return line

    # -- answering and skipping ------------------------------------------------------------

    def answer(self, diary, today: date) -> None:
        """Open the PEG for the week holding `today`, with its answers so far."""
        from painlog.screens.peg_form import PegForm

        week = self.week
        if week is None:
            return  # Today asks for it only once the diary has answered

        def saved(answer: PegAnswer | None) -> None:
            if answer is not None:
                self.post_message(
                    self.Answered(
                        answer, week.answer is not None, replace(week, answer=answer, due=False)
                    )
                )

        self.app.push_screen(PegForm(week.start, today, diary, week.answer), saved)

    def skip(self, diary, today: date) -> None:
        """Skip the week holding `today`: it is not offered again until the next."""
        if self.week is not None:
            self._skip(diary, self.week.start, today)

    @work(thread=True, exclusive=True, group="peg-write")
    def _skip(self, diary, start: date, today: date) -> None:
        from painlog.rules.peg import PEG_SKIPPED_SETTING
        from painlog.store.errors import StoreError

        try:
            diary.set_setting(PEG_SKIPPED_SETTING, start.isoformat())
            week = diary.peg_week(today)
        except StoreError as error:
            self.post_message(self.Refused(str(error)))
            return
        self.post_message(self.Skipped(week))

    @on(Answered)
    @on(Skipped)
    def _written(self, message: Answered | Skipped) -> None:
        # Not stopped: Today says so in its status line.
        self.show_week(message.week, on_today=self.on_today)
