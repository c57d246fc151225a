"""Export: write the clinician's weekly summary or every day to a CSV file, or the one-page
report to an HTML file to print.

The person picks the kind and the range, sees the first rows as the file will hold them
(the report's first lines, as text), and writes the file. The export is built and written
in a thread worker; an existing file is only replaced after a yes in a confirmation
dialog, and the file is made readable by its owner only, since it holds health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, RadioSet, Static

from painlog.screens.base import DiaryScreen
from painlog.screens.confirm import ConfirmScreen
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.screens.widgets.tick_box import ChoiceButton

PREVIEW_ROWS = 5
TYPING_PAUSE = 0.3
"""Seconds without a key press in From or To before the preview is rebuilt."""

KIND_HELP = {
    "weekly": "one row per week, to take to a clinician",
    "daily": "one row per day with every field: a copy painlog import reads back",
    "report": "one page for a clinician: HTML to open in a browser and print",
}
FROM_DEFAULT = {
    "weekly": "current episode or 12 weeks",
    "daily": "first day logged",
    "report": "current episode or 12 weeks",
}
TO_DEFAULT = {"weekly": "today", "daily": "last day logged", "report": "today"}
SUFFIX = {"weekly": "csv", "daily": "csv", "report": "html"}
REPORT_PREVIEW_LINES = 8


class ExportScreen(DiaryScreen):
    """Choose weekly or daily, a range and a file; preview; ctrl+s writes the file."""

    DEFAULT_CSS = """
    ExportScreen #export-form {
        height: auto;
        padding: 0 1;
    }
    ExportScreen .form-row {
        height: 1;
        margin-bottom: 1;
    }
    ExportScreen #export-kind {
        border: none;
        padding: 0;
        height: 1;
        width: 1fr;
        layout: horizontal;
        background: transparent;
    }
    ExportScreen #export-kind RadioButton {
        padding: 0 2 0 0;
        width: auto;
        background: transparent;
    }
    ExportScreen .export-input {
        border: none;
        height: 1;
        padding: 0 1;
        width: 20;
    }
    ExportScreen #export-path {
        width: 1fr;
    }
    ExportScreen .export-hint {
        color: $text-muted;
        padding: 0 1;
        width: 1fr;
    }
    ExportScreen #export-preview-title {
        padding: 0 1;
        text-style: bold;
    }
    ExportScreen #export-preview {
        height: auto;
        max-height: 8;
        margin: 0 1;
    }
    ExportScreen #export-report-preview {
        display: none;
        height: auto;
        margin: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ExportScreen #export-written {
        padding: 0 1;
        height: auto;
    }
    ExportScreen #export-status {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "export",
            "Write file",
            id="export.write",
            tooltip="Write the CSV file (asks before replacing a file)",
        ),
    ]

    @dataclass
    class Previewed(Message):
        """An export built for the preview; `key` is the (kind, from, to) asked for."""

        key: tuple
        export: object

    @dataclass
    class Written(Message):
        """The file was written."""

        path: Path
        description: str

    @dataclass
    class Failed(Message):
        """Building or writing the export failed; nothing was written."""

        reason: str

    def __init__(self, today: date, diary=None, folder: Path | None = None) -> None:
        super().__init__(today, diary)
        self.folder = folder
        self.kind = "weekly"
        self._path_edited = False
        self._wanted: tuple | None = None
        self._typing: Timer | None = None
        self.last_written: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-form"):
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="form-label")
                with RadioSet(id="export-kind"):
                    yield ChoiceButton("Weekly summary", value=True, id="kind-weekly")
                    yield ChoiceButton("Every day", id="kind-daily")
                    yield ChoiceButton("Report", id="kind-report")
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Static(KIND_HELP["weekly"], id="kind-help", classes="export-hint")
            with Horizontal(classes="form-row"):
                yield Label("From", classes="form-label")
                yield Input(id="export-from", classes="export-input", placeholder="YYYY-MM-DD")
                yield Static("", id="from-hint", classes="export-hint")
            with Horizontal(classes="form-row"):
                yield Label("To", classes="form-label")
                yield Input(id="export-to", classes="export-input", placeholder="YYYY-MM-DD")
                yield Static("", id="to-hint", classes="export-hint")
            with Horizontal(classes="form-row"):
                yield Label("File", classes="form-label")
                yield Input(id="export-path", classes="export-input")
        yield Static("", id="export-preview-title")
        table: DataTable = DataTable(id="export-preview", cursor_type="none", zebra_stripes=True)
        yield table
        yield Static("", id="export-report-preview", markup=False)
        yield Static("", id="export-written")
        yield Static("Opening your diary…", id="export-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "painlog"
        self.sub_title = "Export a CSV or the report"
        self._set_default_path()
        self._show_hints()
        self.query_one("#export-kind", RadioSet).focus()
        super().on_mount()

    # -- the form ---------------------------------------------------------------------------

    def _default_path(self) -> Path:
        folder = self.folder if self.folder is not None else Path.home()
        return folder / f"painlog-{self.kind}-{self.today.isoformat()}.{SUFFIX[self.kind]}"

    def _set_default_path(self) -> None:
        field = self.query_one("#export-path", Input)
        with field.prevent(Input.Changed):
            field.value = str(self._default_path())

    def _show_hints(self, export=None) -> None:
        """Beside each date field, the date it comes to: the one typed, read (`monday` shows
        which Monday), or the default's once the preview knows it."""
        for name, default, found in (
            ("from", FROM_DEFAULT, getattr(export, "start", None)),
            ("to", TO_DEFAULT, getattr(export, "end", None)),
        ):
            typed = self.query_one(f"#export-{name}", Input).value.strip()
            if typed:
                hint = self._read_hint(typed)
            else:
                hint = f"empty: {default[self.kind]}"
                if found is not None:
                    hint += f" → {found.isoformat()}"
            self.query_one(f"#{name}-hint", Static).update(hint)

    def _read_hint(self, typed: str) -> str:
        """`→ Mon 16 Nov 2026` for a date that reads, nothing for one that does not (the
        status line says why)."""
        from painlog.rules.describe import day_heading
        from painlog.rules.entry import InvalidInput
        from painlog.rules.parsing import parse_date

        try:
            return f"→ {day_heading(parse_date(typed, self.today))}"
        except InvalidInput:
            return ""

    def range(self) -> tuple[date | None, date | None]:
        """The dates typed, parsed the way the command line reads them.

        Raises:
            InvalidInput: naming `from` or `to`.
        """
        from painlog.rules.entry import InvalidInput
        from painlog.rules.parsing import parse_date
        from painlog.store.export import check_range

        found: dict[str, date | None] = {}
        for name in ("from", "to"):
            text = self.query_one(f"#export-{name}", Input).value.strip()
            try:
                found[name] = parse_date(text, self.today) if text else None
            except InvalidInput as error:
                raise InvalidInput(name, text, error.accepted) from None
        check_range(found["from"], found["to"], self.today)
        return found["from"], found["to"]

    def target(self) -> Path:
        """The file to write, as an absolute path."""
        text = self.query_one("#export-path", Input).value.strip()
        return Path(text).expanduser().absolute()

    @on(RadioSet.Changed, "#export-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        self.kind = (event.pressed.id or "kind-weekly").removeprefix("kind-")
        self.query_one("#kind-help", Static).update(KIND_HELP[self.kind])
        if not self._path_edited:
            self._set_default_path()
        self._show_hints()
        self._refresh_preview()

    @on(Input.Changed, "#export-from")
    @on(Input.Changed, "#export-to")
    def _range_changed(self) -> None:
        self._show_hints()
        # Wait for a pause in the typing: a preview of years of logs takes a moment, and
        # one per key press would only pile up.
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, self._refresh_preview)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._path_edited = True

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self) -> None:
        self.action_export()

    # -- preview ------------------------------------------------------------------------------

    def load(self) -> None:
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        if self.diary is None:
            return
        from painlog.rules.entry import InvalidInput

        try:
            start, end = self.range()
        except InvalidInput as error:
            self._wanted = None
            self.query_one("#export-preview", DataTable).clear(columns=True)
            self.query_one("#export-preview-title", Static).update("Preview: none")
            self._set_status(f"Range not accepted: {error}")
            return
        self._wanted = (self.kind, start, end)
        self._set_status("Preparing the preview…")
        self._build_preview(self._wanted)

    @work(thread=True, exclusive=True, group="export-preview")
    def _build_preview(self, key: tuple) -> None:
        try:
            export = self._built(key)
        except Exception as error:
            reason = _reason(error)
            if reason is None:
                raise  # a bug: the app's handler logs it
            self.post_message(self.Failed(reason))
            return
        self.post_message(self.Previewed(key, export))

    @on(Previewed)
    def _show_preview(self, message: Previewed) -> None:
        if message.key != self._wanted:
            return  # the person changed the kind or range meanwhile
        export = message.export
        table = self.query_one("#export-preview", DataTable)
        table.clear(columns=True)
        report_preview = self.query_one("#export-report-preview", Static)
        table.display = export.kind != "report"
        report_preview.display = export.kind == "report"
        if export.kind == "report":
            lines = export.preview.splitlines()
            report_preview.update("\n".join(lines[:REPORT_PREVIEW_LINES]) + "\n…")
            self.query_one("#export-preview-title", Static).update(
                f"Preview: the report's first lines, as text ({export.description})"
            )
            self._show_hints(export)
            self._set_status("ctrl+s writes the page (or Enter in File)")
            return
        rows = [[_shown(cell) for cell in row] for row in export.rows[:PREVIEW_ROWS]]
        for index, name in enumerate(export.header):
            # Explicit widths: a whole ISO date always shows, whatever was there before.
            width = max([len(name), *(cell.cell_len for cell in (row[index] for row in rows))])
            table.add_column(name, width=width)
        for row in rows:
            table.add_row(*row)
        shown = min(PREVIEW_ROWS, len(export.rows))
        self.query_one("#export-preview-title", Static).update(
            f"Preview: first {shown} of {export.description}"
            if export.rows
            else f"Preview: nothing logged in that range ({export.description})"
        )
        self._show_hints(export)
        self._set_status("ctrl+s writes the file (or Enter in File)")

    # -- writing ------------------------------------------------------------------------------

    def action_export(self) -> None:
        from painlog.rules.entry import InvalidInput

        if self.diary is None:
            self.notify("Still opening your diary; try again in a moment.")
            return
        try:
            start, end = self.range()
        except InvalidInput as error:
            self._set_status(f"Not written: {error}")
            return
        if not self.query_one("#export-path", Input).value.strip():
            self._set_status("Not written: type the file to write in File")
            self.query_one("#export-path", Input).focus()
            return
        path = self.target()
        if path.is_dir():
            self._set_status(f"Not written: {path} is a folder; add a file name")
            return
        if not path.parent.is_dir():
            self._set_status(f"Not written: the folder {path.parent} does not exist")
            return
        key = (self.kind, start, end)
        if self._typing is not None:
            self._typing.stop()  # the range is read now; a late preview would only flicker
        if path.exists():

            def answer(replace: bool | None) -> None:
                if replace:
                    self._write(key, path, overwrite=True)
                else:
                    self._set_status("Not written: the existing file was kept")

            self.app.push_screen(
                ConfirmScreen(
                    f"This file already exists:\n{path}\nReplace it with this export?",
                    yes="Replace",
                    no="Keep it",
                ),
                answer,
            )
            return
        self._write(key, path, overwrite=False)

    def _built(self, key: tuple):
        """The export or report for `key` (kind, from, to), read from the diary (in a
        worker)."""
        if key[0] == "report":
            from painlog.store.report import report_file

            return report_file(self.diary, self.today, key[1], key[2])
        from painlog.store.export import export_diary

        return export_diary(self.diary, key[0], self.today, key[1], key[2])

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, key: tuple, path: Path, overwrite: bool) -> None:
        from painlog.store.files import write_private

        try:
            export = self._built(key)
            write_private(path, export.text, overwrite=overwrite)
        except FileExistsError:
            self.post_message(
                self.Failed(f"{path} appeared meanwhile; ctrl+s again to be asked about it")
            )
            return
        except Exception as error:
            reason = _reason(error)
            if reason is None:
                raise  # a bug: the app's handler logs it
            self.post_message(self.Failed(reason))  # nothing is left half-written
            return
        self.post_message(self.Written(path, export.description))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.last_written = message.path
        self.query_one("#export-written", Static).update(
            f"Wrote {message.description} to {message.path} (readable by you only)"
        )
        self._set_status("Written. Change the range or kind to write another file.")
        self.notify(str(message.path), title="Export written", markup=False)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._set_status(f"Not written: {message.reason}")
        self.notify(message.reason, title="Not written", severity="error", markup=False)

    def _set_status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(text)


def _shown(cell: str):
    """A cell on one line of the preview: line breaks as ⏎, control characters an older
    diary's note may hold escaped."""
    from rich.text import Text

    from painlog.rules.text import shown_text

    flat = shown_text(cell, breaks=" ⏎ ")
    return Text(flat[:40] + ("…" if len(flat) > 40 else ""))


def _reason(error: Exception) -> str | None:
    """What to tell the person about a failure they can act on; None for a bug."""
    from painlog.rules.entry import InvalidInput
    from painlog.store.errors import explain

    if isinstance(error, InvalidInput):
        return str(error)
    explained = explain(error)
    return None if explained is None else str(explained)
