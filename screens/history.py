"""History (F3): every logged day, newest first, to find a day and correct or delete it.

The list is read in chunks of 200 calendar days, newest first, each in a thread worker, and
grows as the cursor nears its end, so ten years open as fast as ten days. Enter opens the
highlighted day on the Today form (which asks before dropping unsaved edits there); `d`
deletes it after a yes, and every other screen is told so its figures and alerts follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from painlog.rules.describe import day_heading, flag_text, summary_text
from painlog.rules.intakes import intake_words, treatment_words
from painlog.rules.records import DayLog, Intake
from painlog.rules.text import counted, shown_text
from painlog.screens.base import DiaryScreen, stylesheet
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.widgets.commands import BindingCommands
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.seeds import Catalogue, catalogue

if TYPE_CHECKING:
    from painlog.store.diary import SavedDay

CHUNK_DAYS = 200
"""Calendar days read per chunk."""
LOOKAHEAD_ROWS = 30
"""Read the next chunk when the cursor comes this close to the last row."""
EARLIEST = date(1900, 1, 1)
"""No diary reaches further back; reading stops here whatever the count says."""

DETAIL_CHECKINS = 6
"""Check-ins the detail lists for a day; Today lists every one."""

FIXED_WIDTHS = {"day": 15, "pain": 6}
SHARES = {"where": 4, "did": 5, "also": 3}
"""How the width left after the day and pain columns is split between the others."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """Logs read for the list: every log from `start` on (to `end`, or to the newest)."""

    start: date
    logs: list[DayLog]


class HistoryScreen(DiaryScreen):
    """Logged days, newest first; Enter edits the highlighted day, `d` deletes it."""

    CSS_PATH = stylesheet(__file__)

    COMMANDS = {BindingCommands}

    BINDINGS = [
        Binding(
            "e",
            "edit",
            "Edit",
            key_display="⏎/e",
            id="history.edit",
            tooltip="Open the highlighted day on the Today form to correct it",
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="history.delete",
            tooltip="Delete the highlighted day's log (asks first)",
        ),
        Binding(
            "r",
            "for_report",
            "For report",
            id="history.for_report",
            tooltip="Put the highlighted day's note in the clinician's report, or take it out",
        ),
    ]

    @dataclass
    class ChunkLoaded(Message):
        """Logs for the list; `replace` when they are a fresh read of everything shown."""

        generation: int
        chunk: Chunk
        total: int
        replace: bool
        seeds: Catalogue
        """The catalogue with the diary's own exercises, for their names."""
        marked: frozenset[date] | None
        """The days whose note goes in the clinician's report, read with a fresh read
        (None with a further chunk: the marks already known still hold)."""

    @dataclass
    class MarkChanged(Message):
        """The day's note was put in the report (`marked`) or taken out; or, with
        `refused`, why not (nothing changed)."""

        day: date
        marked: bool
        refused: str = ""

    @dataclass
    class DeleteConflict(Message):
        """The day to delete changed elsewhere since the list showed it; nothing deleted."""

        day: date
        stored: SavedDay

    @dataclass
    class DayDeleted(Message):
        day: date
        deleted: bool

    def __init__(self, today: date, diary=None) -> None:
        super().__init__(today, diary)
        self._logs: dict[date, DayLog] = {}
        self._oldest: date | None = None
        """The first day of the range read so far (every log from it on is listed)."""
        self._total = 0
        self._generation = 0
        self._fetching = False
        self._seeds = catalogue()
        self._marked: set[date] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Day", key="day", width=FIXED_WIDTHS["day"])
        table.add_column("Pain", key="pain", width=FIXED_WIDTHS["pain"])
        for key, label in (("where", "Where"), ("did", "Did"), ("also", "Also")):
            table.add_column(label, key=key, width=10)
        yield table
        yield Static("Opening your diary…", id="history-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self.sub_title = "History"
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fit_columns()
        self._show_detail()  # its check-in lines are cut to the width

    # -- reading ------------------------------------------------------------------------

    def load(self) -> None:
        """Read (again) everything listed so far, or the first chunk."""
        self._generation += 1
        self._fetching = True
        self._fetch(self._generation, self._oldest, None, known=0)

    @work(thread=True, exclusive=True, group="history-fetch")
    def _fetch(self, generation: int, start: date | None, before: date | None, known: int):
        """Read every log from `start` on (a re-read), or the chunk before `before`.

        Args:
            known: How many logs are listed already (to know when the oldest is reached).
        """
        total = self.diary.count_days()
        if start is not None:
            # A re-read of the range already listed, in one query.
            logs = self.diary.days(start, None)
        else:
            end = None if before is None else before - timedelta(days=1)
            start = (before or self.today + timedelta(days=1)) - timedelta(days=CHUNK_DAYS)
            logs = self.diary.days(start, end)
            # Skip over long unlogged stretches rather than stopping at an empty chunk.
            while not logs and known < total and start > EARLIEST:
                end, start = start - timedelta(days=1), start - timedelta(days=CHUNK_DAYS)
                logs = self.diary.days(start, end)
        replace = before is None
        seeds = self.diary.catalogue()
        marked = frozenset(day for day, _note in self.diary.report_notes()) if replace else None
        self.post_message(
            self.ChunkLoaded(generation, Chunk(start, logs), total, replace, seeds, marked)
        )

    @on(ChunkLoaded)
    def _chunk_loaded(self, message: ChunkLoaded) -> None:
        if message.generation != self._generation:
            return  # Superseded by a reload.
        self._fetching = False
        self._seeds = message.seeds
        if message.marked is not None:
            self._marked = set(message.marked)
        table = self.query_one(DataTable)
        self._total = message.total
        self._oldest = message.chunk.start
        newest_first = sorted(message.chunk.logs, key=lambda log: log.day, reverse=True)
        if message.replace:
            keep = self._highlighted_day()
            self._logs = {}
            table.clear()
        else:
            keep = None
        self._logs.update({log.day: log for log in newest_first})
        for log in newest_first:
            # Keyed by date, so a move or a delete goes straight to its row.
            table.add_row(*self._cells(log), key=log.day.isoformat())
        if keep is not None and keep in self._logs:
            table.move_cursor(row=self._row_of(keep), animate=False)
        self._fit_columns()
        self._show_detail()
        self._maybe_fetch_more()

    def _maybe_fetch_more(self) -> None:
        table = self.query_one(DataTable)
        more = len(self._logs) < self._total and (self._oldest or EARLIEST) > EARLIEST
        if not more or self._fetching or self.diary is None:
            return
        if table.row_count - table.cursor_row <= LOOKAHEAD_ROWS or table.row_count < 50:
            self._fetching = True
            self._fetch(self._generation, None, self._oldest, known=len(self._logs))

    # -- the table ------------------------------------------------------------------------

    def _cells(self, log: DayLog) -> list:
        pain = f"{log.pain}" if log.worst is None else f"{log.pain} ({log.worst})"
        where = ", ".join(_location_name(place.location) for place in log.places)
        did = ", ".join(_exercise_name(done.slug, self._seeds) for done in log.exercises)
        also = []
        if log.flags:
            also.append("⚠ " + ", ".join(flag_text(flag) for flag in log.flags))
        if log.checkins:
            also.append(counted(len(log.checkins), "check-in"))
        if log.took:
            # The column names each medication once; the detail line below gives every
            # intake with its dose and time.
            taken = dict.fromkeys(intake.slug for intake in log.took)
            also.append("took " + ", ".join(intake_words(Intake(x), self._seeds) for x in taken))
        if log.treated:
            also.append(", ".join(treatment_words(x, self._seeds) for x in log.treated))
        if log.bed_rest:
            also.append("in bed")
        if log.day in self._marked:
            also.append("★ report")
        if log.note:
            also.append(shown_text(log.note).splitlines()[0] if log.note.strip() else "")
        return [
            day_heading(log.day),
            Text(pain, justify="right"),
            _cell(where or "-"),
            _cell(did or "-"),
            _cell("; ".join(part for part in also if part)),
        ]

    def _reload_shown(self, day: date, log: DayLog) -> None:
        """Show `log` for `day` in place of what the list read earlier."""
        if day not in self._logs:
            return
        self._logs[day] = log
        table = self.query_one(DataTable)
        for column, cell in zip(table.columns, self._cells(log), strict=True):
            table.update_cell(day.isoformat(), column, cell)
        self._show_detail()

    def _fit_columns(self) -> None:
        table = self.query_one(DataTable)
        if not table.columns:
            return
        padding = 2 * table.cell_padding * len(table.columns)
        left = self.size.width - sum(FIXED_WIDTHS.values()) - padding - 2
        left = max(left, 3 * len(SHARES))
        total = sum(SHARES.values())
        widths = {key: left * share // total for key, share in SHARES.items()}
        changed = False
        for key, width in widths.items():
            column = table.columns.get(key)
            if column is not None and column.width != width:
                column.width = width
                column.auto_width = False
                changed = True
        if changed:
            table.refresh(layout=True)

    def _highlighted_day(self) -> date | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return date.fromisoformat(key) if key else None

    def _row_of(self, day: date) -> int:
        return self.query_one(DataTable).get_row_index(day.isoformat())

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()
        self._maybe_fetch_more()

    def _show_detail(self) -> None:
        detail = self.query_one("#history-detail", Static)
        shown = len(self._logs)
        counts = f"{counted(self._total, 'day')} logged" + (
            f", {shown} listed so far" if shown < self._total else ""
        )
        self.sub_title = f"History: {counts}"
        day = self._highlighted_day()
        log = self._logs.get(day) if day is not None else None
        if log is None:
            detail.update("Nothing logged yet: F2 opens today's log.")
            return
        text = Text.assemble((day_heading(log.day), "bold"), ": ", summary_text(log, self._seeds))
        if log.checkins:
            text.append("\n")
            width = detail.content_region.width or self.size.width - 2
            text.append_text(_checkins_text(log, width))
        if log.note:
            marked = " (★ in the report)" if day in self._marked else ""
            text.append(f"\nNote{marked}: {shown_text(log.note)}")
        detail.update(text)

    # -- actions --------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    async def _selected(self) -> None:
        await self.action_edit()

    async def action_edit(self) -> None:
        day = self._highlighted_day()
        if day is None:
            return
        await self.app.switch_mode("today")
        today = self.app.today_screen
        if today is not None:
            today.go_to(day)

    def action_for_report(self) -> None:
        day = self._highlighted_day()
        if day is None or self.diary is None:
            return
        self._mark(day, day not in self._marked)

    @work(thread=True, group="history-mark")
    def _mark(self, day: date, marked: bool) -> None:
        from painlog.rules.entry import InvalidInput
        from painlog.store.errors import StoreError

        try:
            self.diary.mark_for_report(day, marked)
        except InvalidInput:
            self.post_message(
                self.MarkChanged(day, marked, "this day has no note: add one on Today first")
            )
            return
        except StoreError as error:
            self.post_message(self.MarkChanged(day, marked, str(error)))
            return
        self.post_message(self.MarkChanged(day, marked))

    @on(MarkChanged)
    def _mark_changed(self, message: MarkChanged) -> None:
        if message.refused:
            self.notify(message.refused, title="Not marked", severity="warning", markup=False)
            return
        if message.marked:
            self._marked.add(message.day)
        else:
            self._marked.discard(message.day)
        log = self._logs.get(message.day)
        if log is not None:
            self._reload_shown(message.day, log)
        self.notify(
            "Its note goes in the clinician's report."
            if message.marked
            else "Its note is left out of the clinician's report.",
            title=day_heading(message.day),
        )

    def action_delete(self) -> None:
        day = self._highlighted_day()
        if day is None or self.diary is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(day)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the log for {day_heading(day)}?",
                yes="Delete",
                no="Keep it",
            ),
            answer,
        )

    @work(thread=True, group="history-delete")
    def _delete(self, day: date, expected: datetime | None = None, checked: bool = False) -> None:
        """Delete the day, unless it changed elsewhere since the list showed it.

        Args:
            day: The day.
            expected: The version to delete, once the person has seen and confirmed a
                version written elsewhere.
            checked: True when `expected` is that confirmed version.
        """
        from painlog.store.errors import DayChangedElsewhere

        if not checked:
            stored = self.diary.saved_day(day)
            shown = self._logs.get(day)
            if stored is not None and stored.log != shown:
                self.post_message(self.DeleteConflict(day, stored))
                return
            expected = stored.version if stored is not None else None
        try:
            deleted = self.diary.delete_day(day, expected)
        except DayChangedElsewhere as changed:
            if changed.theirs is None:
                deleted = False
            else:
                self.post_message(self.DeleteConflict(day, changed.theirs))
                return
        self.post_message(self.DayDeleted(day, deleted))

    @on(DeleteConflict)
    def _delete_conflict(self, message: DeleteConflict) -> None:
        from painlog.rules.describe import summary_text

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(message.day, message.stored.version, checked=True)
            else:
                self._reload_shown(message.day, message.stored.log)

        self.app.push_screen(
            ConfirmScreen(
                f"{day_heading(message.day)} was changed elsewhere after this list was read; "
                f"it now reads: {summary_text(message.stored.log)}. Delete it anyway?",
                yes="Delete",
                no="Keep it",
            ),
            answer,
        )

    @on(DayDeleted)
    def _day_deleted(self, message: DayDeleted) -> None:
        if message.deleted:
            self._total -= 1
            self.notify(f"Deleted the log for {day_heading(message.day)}.")
        table = self.query_one(DataTable)
        if message.day in self._logs:
            del self._logs[message.day]
            table.remove_row(message.day.isoformat())
        self._show_detail()
        # Today, Trends and Alerts re-read the logs (Today re-runs the alerts).
        self.app.notify_logs_changed(except_screen=self)


def _checkins_text(log: DayLog, width: int) -> Text:
    """The day's check-ins under a line saying what the day's pain takes from them, each
    on one line cut to `width`, as Today lists them."""
    from painlog.rules.describe import checkin_text

    taken = [
        name
        for name, follows in (("pain", log.pain_from_checkins), ("worst", log.worst_from_checkins))
        if follows
    ]
    if len(taken) == 2:
        head = "Check-ins (the day's pain and worst come from them):"
    elif taken:
        head = f"Check-ins (the day's {taken[0]} comes from them):"
    else:
        head = "Check-ins:"
    lines = [head]
    shown = log.checkins[:DETAIL_CHECKINS]
    lines += [f"  {checkin_text(checkin)}" for checkin in shown]
    if len(log.checkins) > len(shown):
        lines.append(f"  … and {len(log.checkins) - len(shown)} more: Enter opens the day")
    text = Text()
    for number, line in enumerate(lines):
        cut = Text(line)
        cut.truncate(max(width, 1), overflow="ellipsis")
        text.append_text(cut)
        if number < len(lines) - 1:
            text.append("\n")
    return text


def _cell(text: str) -> Text:
    return Text(text, no_wrap=True, overflow="ellipsis")


def _exercise_name(slug: str, seeds: Catalogue) -> str:
    exercise = seeds.exercise(slug)
    return shown_text(exercise.name if exercise else slug)


def _location_name(slug: str) -> str:
    location = catalogue().location(slug)
    return location.name if location else shown_text(slug)
