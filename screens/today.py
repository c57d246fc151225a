"""Today: the one form where a day is logged, or a past day corrected.

The first frame holds the heading, the alert banner and the pain score, which is what a
person types first. The day's saved log, the pickers' lists and the alerts arrive from a
worker as one `DayView`; the rest of the form (`DayDetails`) is mounted when the first one
does and filled as soon as it is there, so its rows are laid out and drawn once, with the
day in them, rather than empty first. A score typed meanwhile is kept. Saving happens in a
worker too, replying with a message either way.

Check-ins (ctrl+n, and the list under the score) are written one at a time as they are
made, each in a worker against the version the form read; the form then follows what was
written and keeps the person's unsaved edits for the next ctrl+s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.lazy import Lazy
from textual.message import Message
from textual.widget import MountError
from textual.widgets import Header, Label, Static

from painlog.rules.describe import day_heading
from painlog.rules.recent import RECENT_DAYS, logged_recently
from painlog.screens.base import DiaryScreen
from painlog.screens.widgets.alert_banner import AlertBanner
from painlog.screens.widgets.day_details import DayDetails
from painlog.screens.widgets.keys_footer import KeysFooter
from painlog.screens.widgets.pain_scale import PainScale
from painlog.screens.widgets.peg_offer import PEG_KEY, PEG_SKIP_KEY, PegOffer

if TYPE_CHECKING:
    from painlog.rules.records import CheckIn, DayLog
    from painlog.screens.checkin_form import CheckInChange
    from painlog.seeds import Catalogue
    from painlog.store.alerting import AlertView
    from painlog.store.day_view import DayView
    from painlog.store.diary import SavedDay
    from painlog.store.peg_answers import PegWeek

NARROW_HEADER = 70
"""Below this width the header says the day without its year."""


class TodayScreen(DiaryScreen):
    """Log or edit one day: pain, places, exercises, warning signs, bed rest, note."""

    AUTO_FOCUS = "#pain"
    """The score is what a person types first, from the first frame on."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="today.save",
            tooltip="Save this day's log (replaces what was saved for the date)",
        ),
        Binding(
            "ctrl+n",
            "add_checkin",
            "Check-in",
            id="today.checkin",
            tooltip="Add a check-in to this day: the time, the pain then, where, a note",
        ),
        Binding(
            "left_square_bracket",
            "shift_day(-1)",
            "Prev day",
            key_display="[",
            id="today.previous",
            tooltip="Go to the day before, to fill in a missed day",
        ),
        Binding(
            "right_square_bracket",
            "shift_day(1)",
            "Next day",
            key_display="]",
            id="today.next",
            tooltip="Go to the day after (not past today)",
        ),
        Binding(
            "ctrl+t",
            "go_today",
            "Back to today",
            show=False,
            id="today.today",
            tooltip="Back to today's log",
        ),
        Binding(
            "escape",
            "to_pain",
            "To the pain score",
            show=False,
            id="today.pain",
            tooltip="Leave the field you are in (a filter, the note) for the pain score",
        ),
        Binding(
            PEG_KEY,
            "peg",
            "Weekly check",
            show=False,
            id="today.peg",
            tooltip="Answer this week's three PEG questions, or change the answers",
        ),
        Binding(
            PEG_SKIP_KEY,
            "peg_skip",
            "Not this week",
            show=False,
            id="today.peg_skip",
            tooltip="Skip this week's check while it is offered; it comes back next week",
        ),
    ]

    @dataclass
    class DayLoaded(Message):
        """A day's saved log, the pickers' lists and the alerts, read together."""

        view: DayView

    @dataclass
    class CatalogueLoaded(Message):
        """The catalogue with the diary's own exercises, for the exercise picker."""

        seeds: Catalogue

    @dataclass
    class DaySaved(Message):
        """A log was written; `created` is False when it replaced an earlier one."""

        log: DayLog
        created: bool
        alerts: list[AlertView]
        version: datetime | None = None
        """The version written, which the next save of the day is checked against."""

    @dataclass
    class SaveConflict(Message):
        """The day was written elsewhere since the form read it; nothing was saved."""

        mine: DayLog
        theirs: SavedDay | None
        """What is stored now (None: the day was deleted meanwhile)."""

    @dataclass
    class CheckInWritten(Message):
        """A check-in was added, changed or deleted; `said` tells the person which."""

        after: SavedDay
        """The day as written."""
        alerts: list[AlertView]
        said: str

    @dataclass
    class CheckInConflict(Message):
        """The day was written elsewhere since the form read it; the check-in change was
        not written."""

        change: CheckInChange
        theirs: SavedDay | None
        """What is stored now (None: the day was deleted meanwhile)."""

    @dataclass
    class AlertsChanged(Message):
        """The active alerts, recomputed from the logs."""

        alerts: list[AlertView]

    @dataclass
    class SaveRefused(Message):
        """A save was refused; nothing was written."""

        reason: str
        field: str | None = None
        """The refused field as `rules.entry` names it (`where`, ...), when one was."""

    def __init__(self, today: date, diary=None, day: date | None = None) -> None:
        super().__init__(today, diary)
        self.day = day or today
        self._saved: DayLog | None = None
        self._recent_days: set[date] | None = None
        """The days logged among the last seven, read with the day and kept up by saves
        (None until the diary answers)."""
        self._loading = True
        self._pending: DayView | None = None
        """A view read before the rows under the pain score were mounted."""
        self._version: datetime | None = None
        """The version of the day's log the form last read or wrote (None: no log)."""
        self._removal_note: str | None = None
        self._view: DayView | None = None
        """The last view shown, while nothing has been saved since: a move to another day
        reads only that day's log and keeps the rest."""
        self._details: DayDetails | None = None
        """The rows under the pain score, once mounted (a frame after the day's score)."""
        self._previewed: int | None = None
        """The saved score shown ahead of the rows, while they are mounted (so it is not
        taken for one the person typed)."""
        self._alerts_shown = False
        self._place_usage: dict[str, int] = {}
        """How often each location was logged, read with the day, for the check-in form."""
        self._writing_checkin = False
        """A check-in change is being written (a dialog closing must not reload the day
        under it)."""
        self._checkin_draft: CheckIn | None = None
        """A check-in typed and not written (refused, or the day changed elsewhere): the
        next ctrl+n starts from it, so nothing typed is lost."""

    @property
    def shows_day(self) -> bool:
        """True once the day's score and heading are shown and the banner has been given
        the current alerts; on the first day read, the rows under the score follow a
        frame later (`shows_form`)."""
        # Before the rows are mounted, the view waiting for them is the day's shown.
        waiting = self._pending is not None and self._pending.day == self.day
        return self._alerts_shown and (waiting or not self._loading)

    @property
    def shows_form(self) -> bool:
        """True once the whole form holds the day's saved log (empty when it has none),
        rows included, and the banner has been given the current alerts."""
        return self._alerts_shown and not self._loading and self._details is not None

    def compose(self) -> ComposeResult:
        yield Header()
        yield AlertBanner(id="banner")
        yield PegOffer(id="peg-offer")
        with VerticalScroll(id="today-form"), Horizontal(classes="form-row"):
            yield Label("Pain", classes="form-label")
            yield PainScale(id="pain")
        yield Static("Opening your diary…", id="status", markup=False)
        # The keys a frame later (`textual.lazy.Lazy`): the score is there to type in first.
        yield Lazy(KeysFooter())

    def on_mount(self) -> None:
        self._show_heading()
        if self.diary is not None:
            self.load()  # handed in with the screen: nothing else will read the day

    async def _mount_details(self) -> None:
        """Mount the rows under the score and fill them with the view waiting for them.

        Called once the frame showing the day's score is drawn, as `textual.lazy.Lazy`
        mounts. One batch: the rows are laid out and drawn once, with the day in them, not
        empty and then again filled.
        """
        if self._details is not None or not self.is_attached:
            return  # already there, or the app is closing
        details = DayDetails(id="details")
        with self.app.batch_update():
            try:
                await self.query_one("#today-form").mount(details)
            except MountError:
                return  # the screen was taken down meanwhile: the app is closing
            self._details = details
            pending, self._pending = self._pending, None
            if pending is not None and pending.day == self.day:
                self._show_view(pending)
            elif self.diary is not None:
                self.load()  # the person moved to another day meanwhile

    # -- the diary arrives ----------------------------------------------------------------

    def attach(self, diary, view: DayView | None = None) -> None:
        """Hand the screen its diary and, when the app read it in the same worker, the view
        of today it read.

        Args:
            diary: The open `Diary`.
            view: What the form shows for `self.day`, or None to read it now.
        """
        self.diary = diary
        if view is not None and view.day == self.day:
            self._show_view(view)
        elif self.is_mounted:
            self.load()

    def on_screen_resume(self) -> None:
        self.reload_if_clean()

    def reload_if_clean(self) -> None:
        """Read the day again when the form holds no unsaved edit: another program may
        have written it while this screen was out of view or the app out of focus."""
        if self._writing_checkin:
            return  # What it writes is shown once written; a read now could be older.
        if self.diary is not None and not self._loading and not self.has_unsaved_changes:
            self.load()

    def load(self) -> None:
        """Read the day and everything around it again."""
        self._view = None
        if self.diary is not None:
            self._load(self.day)

    def lists_changed(self) -> None:
        # Only the picker's list changes; what the person is typing stays.
        self._view = None
        if self.diary is not None and self._details is not None:
            self._load_catalogue()

    @work(thread=True, exclusive=True, group="today-catalogue")
    def _load_catalogue(self) -> None:
        self.post_message(self.CatalogueLoaded(self.diary.catalogue()))

    @on(CatalogueLoaded)
    def _catalogue_loaded(self, message: CatalogueLoaded) -> None:
        if self._details is not None:
            self._details.set_catalogue(message.seeds)

    def logs_changed(self) -> None:
        # Reloading would throw away what the person is typing; only refresh a clean form.
        if self.diary is None:
            return
        if self.has_unsaved_changes:
            self._view = None
            self._refresh_alerts()
        else:
            self.load()

    @work(thread=True, exclusive=True, group="today-load")
    def _load(self, day: date, around: DayView | None = None) -> None:
        from painlog.store.day_view import for_day, read_day_view

        if around is None:
            view = read_day_view(self.diary, day, self.today)
        else:
            view = for_day(self.diary, around, day)
        self.post_message(self.DayLoaded(view))

    @work(thread=True, exclusive=True, group="today-alerts")
    def _refresh_alerts(self) -> None:
        from painlog.store.alerting import current_alerts

        self.post_message(self.AlertsChanged(current_alerts(self.diary, self.today)))

    @on(AlertsChanged)
    def _alerts_changed(self, message: AlertsChanged) -> None:
        self._show_alerts(message.alerts)

    @on(DayLoaded)
    def _day_loaded(self, message: DayLoaded) -> None:
        self._show_view(message.view)

    def _show_view(self, view: DayView) -> None:
        """Fill the form from `view` once its rows are mounted (until then, keep it)."""
        if view.day != self.day:
            return  # The person has moved on to another day meanwhile.
        self._show_alerts(view.alerts)
        if self._details is None:
            # The day's score, heading and alerts are drawn now; the rows under the score
            # are mounted after that frame and take the view then.
            if self._pending is None:
                self.call_after_refresh(self._mount_details)
            self._pending = view
            self._show_score(view)
            return
        pain = self.query_one("#pain", PainScale)
        typed = self._typed_score()
        self._previewed = None
        # A re-read that brings the log already shown (the screen back in view after a
        # dialog, say) leaves the status line alone: it may say what the dialog just did.
        reread = not self._loading and view.log == self._saved
        self._view = view
        self._saved = view.log
        self._version = view.version
        self._recent_days = set(view.recent_days)
        self._show_heading()
        self._show_peg(view.peg)
        self._loading = False
        self._details.set_catalogue(view.catalogue)
        self._details.set_usage(view.place_usage, view.exercise_usage)
        self._place_usage = view.place_usage
        self._fill(view.log)
        if typed is None:
            if not reread:
                self._set_status(self._saved_status())
        else:
            pain.set_value(typed)
            self._edited()

    def _show_score(self, view: DayView) -> None:
        """Show the day's saved score, the days logged and the weekly check ahead of the
        rows under the score; a score typed meanwhile stays."""
        self._recent_days = set(view.recent_days)
        self._show_heading()
        self._show_peg(view.peg)
        pain = self.query_one("#pain", PainScale)
        if pain.value is None:
            self._saved = view.log
            self._set_status(self._saved_status())
            if view.log is not None:
                self._previewed = view.log.pain
                pain.set_value(view.log.pain)

    def _typed_score(self) -> int | None:
        """The score typed while the day loads, if any. The form was emptied when loading
        began, so a score in it now was typed since (unless it is the saved one shown
        ahead of the rows): the score is there from the first frame, and the saved log
        must not overwrite it."""
        if not self._loading:
            return None
        value = self.query_one("#pain", PainScale).value
        return None if value == self._previewed else value

    # -- the form -------------------------------------------------------------------------

    def _fill(self, log: DayLog | None) -> None:
        self.query_one("#pain", PainScale).set_value(log.pain if log else None)
        if self._details is not None:
            self._details.fill(log)
        self._show_sources()

    def _show_sources(self) -> None:
        """Say beside the pain and the worst pain when they come from the check-ins, so a
        score that moves with them is understood (and one the person sets reads as
        theirs)."""
        from painlog.rules.checkins import from_checkins_kept

        pain = self.query_one("#pain", PainScale)
        if self._details is None:
            return
        worst = self._details.details.worst
        count = len(self._saved.checkins) if self._saved else 0
        pain_follows, worst_follows = (
            from_checkins_kept(self._saved, pain.value, worst)
            if pain.value is not None
            else (False, False)
        )
        one = "from 1 check-in"
        # Beside a day with check-ins, a score that does not follow them is said to be
        # the person's: else it reads as if a check-in had been missed.
        yours = "set by you" if count else ""
        pain.source = (
            (one if count == 1 else f"mean of {count} check-ins") if pain_follows else yours
        )
        self._details.show_sources(
            (one if count == 1 else f"highest of {count} check-ins")
            if worst_follows
            else (yours if worst is not None else "")
        )

    def _follow_write(self, old: DayLog | None, new: DayLog) -> None:
        """Bring the form up to `new`, written beside it (a check-in), where the person has
        not changed it since it showed `old`: the pain and worst pain take the written
        values while still as they were, and Where gains the places written. Every other
        edit stays, unsaved."""
        pain = self.query_one("#pain", PainScale)
        if pain.value == (old.pain if old else None):
            pain.set_value(new.pain)
        if self._details is None:
            return
        worst = self._details.details.worst
        if worst == (old.worst if old else None):
            worst = new.worst
        had = {_where(x) for x in old.places} if old else set()
        # A check-in's places must be among the day's, even one taken out of Where since.
        needed = {_where(x) for checkin in new.checkins for x in checkin.places}
        places = tuple(x for x in new.places if _where(x) not in had or _where(x) in needed)
        self._details.follow_write(worst, places)

    def form_log(self) -> DayLog | None:
        """The day as the form shows it now, or None while no pain score is chosen (or
        while the rows under it are still being mounted)."""
        from painlog.rules.checkins import from_checkins_kept, settled
        from painlog.rules.records import DayLog

        pain = self.query_one("#pain", PainScale).value
        if pain is None or self._details is None:
            return None
        details = self._details.details
        # The day's check-ins are kept as saved; its pain and worst keep following them
        # while the form shows what they give.
        pain_follows, worst_follows = from_checkins_kept(self._saved, pain, details.worst)
        return settled(
            DayLog(
                day=self.day,
                pain=pain,
                worst=details.worst,
                places=details.places,
                exercises=details.exercises,
                flags=details.flags,
                bed_rest=details.bed_rest,
                note=details.note,
                took=details.took,
                treated=details.treated,
                checkins=self._saved.checkins if self._saved else (),
                pain_from_checkins=pain_follows,
                worst_from_checkins=worst_follows,
            )
        )

    @property
    def has_unsaved_changes(self) -> bool:
        """True when the form differs from what is saved for the day (while the day is
        loading: when a score has been typed)."""
        if self._loading:
            return self.is_mounted and self._typed_score() is not None
        current = self.form_log()
        if current is None:
            return self._saved is not None or self._form_touched()
        if self._saved is None:
            return True
        return _normalised(current) != _normalised(self._saved)

    def _form_touched(self) -> bool:
        return self._details is not None and not self._details.details.empty

    @on(PainScale.Changed, "#pain")
    def _pain_edited(self) -> None:
        self._edited()

    @on(DayDetails.Edited)
    def _details_edited(self) -> None:
        self._edited()

    def on_picker_removed(self, message) -> None:
        # Handled by name: the pickers' module loads with the rows, after the first frame.
        field = "Where" if message.picker.id == "places" else "Did"
        # Shown by the edit that follows, in place of "Unsaved changes".
        self._removal_note = f"Removed {message.text} from {field}: ctrl+z brings it back"

    def _edited(self) -> None:
        self._show_sources()
        note, self._removal_note = self._removal_note, None
        if not self._loading:
            if note is not None:
                self._set_status(note)
            elif self.has_unsaved_changes:
                self._set_status("Unsaved changes: ctrl+s saves")
            else:
                self._set_status(self._saved_status())

    # -- actions --------------------------------------------------------------------------

    def _ready(self) -> bool:
        """True once the day is read and its rows mounted; else says to wait."""
        if self.diary is None or self._loading or self._details is None:
            self.notify("Still opening your diary; try again in a moment.")
            return False
        return True

    def action_save(self) -> None:
        if not self._ready():
            return
        typed = self._details.take_typed()
        if typed is not None:
            picker, problem = typed
            field = ROW_LABELS.get(picker.id or "", "Did")
            self._set_status(f"Not saved: {field}: {problem}")
            picker.filter_input.focus()
            return
        log = self.form_log()
        if log is None:
            self._set_status("Not saved: choose a pain score first (0-9, or 1 then 0 for 10)")
            self.query_one("#pain", PainScale).focus()
            return
        self._save(log, self._version)

    @work(thread=True, exclusive=True, group="today-save")
    def _save(self, log: DayLog, expected: datetime | None) -> None:
        """Write the form's day, unless someone else wrote it since the form read it.

        Args:
            log: The day as the form shows it.
            expected: The version the write must replace: the one the form read, or,
                when the person chose to keep theirs over a newer one, that one.
        """
        from painlog.rules.entry import InvalidInput
        from painlog.store.alerting import current_alerts
        from painlog.store.errors import DayChangedElsewhere, StoreError

        try:
            before, after = self.diary.change_day(
                log.day, lambda _held: log, self.today, expected=expected
            )
        except DayChangedElsewhere as changed:
            self.post_message(self.SaveConflict(log, changed.theirs))
            return
        except InvalidInput as error:
            self.post_message(self.SaveRefused(str(error), error.field))
            return
        except StoreError as error:
            self.post_message(self.SaveRefused(str(error)))
            return
        self.post_message(
            self.DaySaved(
                log, before is None, current_alerts(self.diary, self.today), after.version
            )
        )

    @on(SaveConflict)
    def _save_conflict(self, message: SaveConflict) -> None:
        from painlog.screens.changed_elsewhere import (
            KEEP_MINE,
            TAKE_THEIRS,
            ChangedElsewhereScreen,
        )

        theirs = message.theirs
        version = theirs.version if theirs is not None else None

        def chosen(choice: str | None) -> None:
            if message.mine.day != self.day:
                return
            if choice == KEEP_MINE:
                self._set_status("Saving yours over the other version…")
                self._save(message.mine, version)
            elif choice == TAKE_THEIRS:
                self._take(theirs)
                self._set_status("Took the version saved elsewhere")
            else:
                self._set_status("Not saved: the day changed elsewhere; ctrl+s asks again")

        seeds = self._view.catalogue if self._view is not None else None
        self.app.push_screen(
            ChangedElsewhereScreen(message.mine, theirs.log if theirs else None, seeds), chosen
        )

    @on(DaySaved)
    def _day_saved(self, message: DaySaved) -> None:
        from painlog.screens.emergency import EmergencyScreen

        if self._recent_days is not None:
            self._recent_days.add(message.log.day)
            self._show_heading()
        if message.log.day == self.day:
            self._saved = message.log
            self._version = message.version
            # Ready for the next entry, or a correction of the score just saved.
            self.focus_pain()
        self._view = None
        self._set_status(self._saved_status(just_now=True))
        self._show_alerts(message.alerts)
        # Only an emergency whose sign is logged today says "now"; one from an earlier
        # day asks, in the banner, whether the person has been assessed since, and "I
        # understand" must not answer that question for them.
        emergency = next(
            (
                view
                for view in message.alerts
                if view.alert.kind == "emergency" and view.reported_today and not view.acknowledged
            ),
            None,
        )
        if emergency is not None:
            self.app.push_screen(
                EmergencyScreen(emergency), lambda _ok: self._acknowledge(emergency.alert.key)
            )
        # Not stopped: it bubbles on to the app, which re-runs what depends on the logs.

    @work(thread=True, group="today-ack")
    def _acknowledge(self, key: tuple[str, date]) -> None:
        self.diary.acknowledge(*key, on=self.today)

    def _show_alerts(self, alerts: list[AlertView]) -> None:
        from painlog.store.alerting import banner_alert

        shown = banner_alert(alerts)
        waiting = sum(1 for view in alerts if not view.acknowledged) - (
            1 if shown is not None and not shown.acknowledged else 0
        )
        self.query_one(AlertBanner).show_alert(shown, more=max(0, waiting))
        self._alerts_shown = True

    @on(SaveRefused)
    def _save_refused(self, message: SaveRefused) -> None:
        self._writing_checkin = False
        self._set_status(f"Not saved: {message.reason}")
        self.notify(message.reason, title="Not saved", severity="error", markup=False)
        # To the row the refusal names (a place a check-in still names, taken out of
        # Where, is refused by the store, not by the form).
        picker = REFUSED_ROWS.get(message.field or "")
        if picker is not None and self._details is not None:
            self.query_one(f"#{picker}").filter_input.focus()

    # -- check-ins ------------------------------------------------------------------------

    def action_add_checkin(self) -> None:
        if not self._ready():
            return
        from painlog.screens.checkin_form import CheckInChange

        day = self.day
        draft, self._checkin_draft = self._checkin_draft, None

        def added(checkin: CheckIn | None) -> None:
            if checkin is not None and day == self.day:
                self._checkin_draft = checkin  # until it is written
                self._write_checkin(CheckInChange(day, checkin), self._version)

        self._open_checkin(None, added, draft)

    def on_check_in_list_open(self, message) -> None:
        # Handled by name, as the list's module loads with the rows after the first frame.
        from painlog.rules.checkins import checkin_at
        from painlog.screens.checkin_form import CheckInChange

        checkin = checkin_at(self._saved, message.at)
        if checkin is None or not self._ready():
            return
        day = self.day

        def edited(changed: CheckIn | None) -> None:
            if changed is not None and changed != checkin and day == self.day:
                self._write_checkin(CheckInChange(day, changed, checkin.at), self._version)

        self._open_checkin(checkin, edited)

    def on_check_in_list_delete(self, message) -> None:
        from painlog.rules.checkins import checkin_at
        from painlog.screens.checkin_form import CheckInChange
        from painlog.screens.confirm import ConfirmScreen

        checkin = checkin_at(self._saved, message.at)
        if checkin is None or not self._ready():
            return
        day = self.day
        question = f"Delete the {checkin.at:%H:%M} check-in (pain {checkin.pain})?"
        if self._saved.pain_from_checkins and len(self._saved.checkins) == 1:
            question += f" The day keeps its pain, {self._saved.pain}, as yours."

        def answer(yes: bool | None) -> None:
            if yes and day == self.day:
                self._write_checkin(CheckInChange(day, None, checkin.at), self._version)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep it"), answer)

    def _open_checkin(self, item: CheckIn | None, then, draft: CheckIn | None = None) -> None:
        from painlog.screens.checkin_form import CheckInForm

        taken = frozenset(x.at for x in self._saved.checkins) if self._saved else frozenset()
        form = CheckInForm(self.day, item, draft=draft, taken=taken, usage=self._place_usage)
        self.app.push_screen(form, then)

    def _write_checkin(
        self, change: CheckInChange, expected: datetime | None, whole: DayLog | None = None
    ) -> None:
        """Write a check-in change to the day as the form read it (version `expected`), or
        else, with `whole`, that whole day (the person kept theirs over another version).
        The form's other edits are not written: they wait for ctrl+s."""
        self._writing_checkin = True
        self._checkin_writer(change, expected, whole)

    @work(thread=True, group="today-checkin")
    def _checkin_writer(
        self, change: CheckInChange, expected: datetime | None, whole: DayLog | None
    ) -> None:
        from painlog.rules.entry import InvalidInput
        from painlog.store.alerting import current_alerts
        from painlog.store.errors import DayChangedElsewhere, StoreError

        write = change.apply if whole is None else (lambda _held: whole)
        try:
            _before, after = self.diary.change_day(change.day, write, self.today, expected)
        except DayChangedElsewhere as changed:
            self.post_message(self.CheckInConflict(change, changed.theirs))
            return
        except (InvalidInput, StoreError) as error:
            again = "; ctrl+n offers the check-in again" if change.adds else ""
            self.post_message(self.SaveRefused(f"{error}{again}"))
            return
        said = change.said
        if whole is not None:
            said = f"Saved yours over the other version ({said[0].lower()}{said[1:]})"
        self.post_message(self.CheckInWritten(after, current_alerts(self.diary, self.today), said))

    @on(CheckInWritten)
    def _checkin_written(self, message: CheckInWritten) -> None:
        self._writing_checkin = False
        log = message.after.log
        if self._recent_days is not None:
            self._recent_days.add(log.day)
            self._show_heading()
        if log.day == self.day:
            self._checkin_draft = None
            self._follow_write(self._saved, log)
            self._saved = log
            self._version = message.after.version
            focused = self.focused
            if not log.checkins and focused is not None and focused.id == "checkins":
                self.focus_pain()  # the list is hidden with its last check-in
            self._details.show_checkins(log.checkins)
            self._show_sources()
            said = message.said
            if self.has_unsaved_changes:
                said += "; your other changes are not saved yet: ctrl+s saves them"
            self._set_status(said)
        self._view = None
        self._show_alerts(message.alerts)
        self.app.notify_logs_changed(except_screen=self)

    @on(CheckInConflict)
    def _checkin_conflict(self, message: CheckInConflict) -> None:
        from painlog.screens.changed_elsewhere import (
            KEEP_MINE,
            TAKE_THEIRS,
            ChangedElsewhereScreen,
        )

        self._writing_checkin = False
        change, theirs = message.change, message.theirs
        if change.day != self.day:
            return
        version = theirs.version if theirs is not None else None
        # Yours is this form's day with the change made: keeping it writes the form whole.
        mine = change.apply(self.form_log() or self._saved)
        again = "; ctrl+n offers your check-in again" if change.adds else ""

        def chosen(choice: str | None) -> None:
            if change.day != self.day:
                return
            if choice == KEEP_MINE:
                self._set_status("Saving yours over the other version…")
                self._write_checkin(change, version, whole=mine)
            elif choice == TAKE_THEIRS:
                self._take(theirs)
                self._set_status(f"Took the version saved elsewhere{again}")
            else:
                self._set_status(f"Not saved: the day changed elsewhere{again}")

        seeds = self._view.catalogue if self._view is not None else None
        self.app.push_screen(
            ChangedElsewhereScreen(mine, theirs.log if theirs else None, seeds), chosen
        )

    def _take(self, theirs: SavedDay | None) -> None:
        """Show the day as saved elsewhere, dropping the form's edits (the person chose)."""
        self._saved = theirs.log if theirs is not None else None
        self._version = theirs.version if theirs is not None else None
        self._fill(self._saved)
        self._view = None
        self.app.notify_logs_changed(except_screen=self)

    def action_shift_day(self, delta: int) -> None:
        target = self.day + timedelta(days=delta)
        if target > self.today:
            self.notify("That day has not happened yet.")
            return
        self.go_to(target)

    def action_go_today(self) -> None:
        self.go_to(self.today)

    def action_to_pain(self) -> None:
        # Escape, from anywhere in the form: the one field digits always reach. What is
        # typed in a filter stays there (a save still adds it, or says why it cannot).
        self.focus_pain()

    def go_to(self, day: date) -> None:
        """Show `day` with the pain score focused, asking first when the form holds
        unsaved changes (kept, and left where they were, on a no)."""
        if day == self.day:
            self.focus_pain()
            return

        def switch(confirmed: bool | None) -> None:
            if confirmed:
                self._show_day(day)

        if self.has_unsaved_changes:
            from painlog.screens.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(
                    f"Discard the unsaved changes to {day_heading(self.day)}?",
                    yes="Discard",
                    no="Keep editing",
                ),
                switch,
            )
        else:
            self._show_day(day)

    def _show_day(self, day: date) -> None:
        self.day = day
        self._checkin_draft = None
        self._saved = None
        self._version = None
        self._loading = True
        self._previewed = None
        self._fill(None)
        if self._details is not None:
            self._details.rewind()
        self._show_heading()
        self._show_peg()
        self._set_status("Loading…")
        self.focus_pain()
        if self.diary is not None:
            self._load(day, self._view)

    def focus_pain(self) -> None:
        """Put focus on the pain score, where the status line says to type.

        Also once the screen has been refreshed: a screen coming back into view (F2,
        History's Enter, a dialog closing) gives focus back to whatever had it before,
        and that comes after this call.
        """
        pain = self.query_one("#pain", PainScale)
        pain.focus()
        self.call_after_refresh(pain.focus)

    # -- the weekly check (PEG) ------------------------------------------------------------

    def _show_peg(self, week: PegWeek | None = None) -> None:
        self.query_one(PegOffer).show_week(week, on_today=self.day == self.today)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "peg_skip":
            return self.is_mounted and self.query_one(PegOffer).offered
        return True

    def action_peg(self) -> None:
        offer = self.query_one(PegOffer)
        if self.diary is None or offer.week is None:
            self.notify("Still opening your diary; try again in a moment.")
            return
        offer.answer(self.diary, self.today)

    def action_peg_skip(self) -> None:
        if self.diary is not None:
            self.query_one(PegOffer).skip(self.diary, self.today)

    @on(PegOffer.Answered)
    @on(PegOffer.Skipped)
    def _peg_written(self, message: PegOffer.Answered | PegOffer.Skipped) -> None:
        # A move to another day keeps the view's week, and the rows still to come fill
        # the form from the view they wait with: neither must bring the offer back.
        if self._view is not None:
            self._view = replace(self._view, peg=message.week)
        if self._pending is not None:
            self._pending = replace(self._pending, peg=message.week)
        self.refresh_bindings()
        self._set_status(message.status)
        if isinstance(message, PegOffer.Answered):
            self.app.notify_logs_changed(except_screen=self)

    @on(PegOffer.Refused)
    def _peg_refused(self, message: PegOffer.Refused) -> None:
        self._set_status(message.status)

    # -- status ---------------------------------------------------------------------------

    def _show_heading(self) -> None:
        relative = {0: "today", 1: "yesterday"}.get((self.today - self.day).days)
        # Below 70 columns the header holds about 44 characters: the year and a word go.
        narrow = 0 < self.size.width < NARROW_HEADER
        heading = f"{self.day:%a} {self.day.day} {self.day:%b}" if narrow else day_heading(self.day)
        if relative:
            heading += f" ({relative})"
        if self._recent_days is not None:
            count = logged_recently(self._recent_days, self.today)
            heading += f" · {count}/{RECENT_DAYS} {'logged' if narrow else 'days logged'}"
        self.sub_title = heading
        self.title = "painlog"

    def on_resize(self) -> None:
        self._show_heading()

    def _saved_status(self, just_now: bool = False) -> str:
        if self._checkin_draft is not None:
            return f"{self._plain_saved_status(just_now)}; ctrl+n offers your check-in again"
        return self._plain_saved_status(just_now)

    def _plain_saved_status(self, just_now: bool) -> str:
        if self._saved is None:
            return "Not logged yet: type the pain score, then Tab through; ctrl+s saves"
        if just_now:
            return f"Saved at {datetime.now():%H:%M}"
        return "Saved: edit anything and ctrl+s to update"

    def _set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)


ROW_LABELS = {"places": "Where", "exercises": "Did", "took": "Took", "treated": "Treated"}
REFUSED_ROWS = {"where": "places", "did": "exercises", "took": "took", "treated": "treated"}
"""The picker of each field a refusal may name, as `rules.entry` names it."""
"""Each picker's row, as its label names it, for a message about what is typed there."""


def _where(place) -> tuple[str, str | None]:
    """A place as the day knows it: one location and side a day."""
    return place.location, place.side


def _normalised(log: DayLog) -> DayLog:
    # The checklist reports ticks in its own order; the saved order may differ.
    return replace(log, flags=tuple(sorted(log.flags)))
