"""Bad input everywhere: property-based tests over the command line's arguments and the
app's fields. Valid input is stored exactly; invalid input is refused in one line and
changes nothing; no traceback ever reaches the person, and an unexpected error is logged
(without note text) and reported in one line."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pilot_helpers import settle
from safety_helpers import SAFETY_TODAY, table_rows
from strategies import note_characters

from painlog.rules.entry import NOTE_MAX_CHARS
from painlog.rules.records import DayLog, ExerciseDone, Place
from painlog.seeds import catalogue
from painlog.store.diary import Diary

SEEDS = catalogue()
NASTY_NOTES = [
    "",
    " ",
    "\t\r\n",
    "x" * 10_000,
    "🙂" * 10_000,
    "😀👍🏽👨‍👩‍👧‍👦🏳️‍🌈",
    "ألم في أسفل الظهر بعد المشي",
    "כאב גב \u202eevil\u202c תחתון",
    "\ttabs\tare text\t",
    "line1\nline2\r\nline3\rline4",
    "\ufeffstarts with a BOM",
    "e\u0301 n\u0303 \u200b\u200c\u200d",
    "'; DROP TABLE day_log; --",
    "%s %d {0} {note} $HOME `id`",
    "-starts with a dash",
    "--note",
]
LONGEST_NOTE = "y" * NOTE_MAX_CHARS
APP_NOTES = [
    "🙂" * 5_000 + "x" * 5_000,
    NASTY_NOTES[5] + NASTY_NOTES[7],
    NASTY_NOTES[8],
    NASTY_NOTES[9] + NASTY_NOTES[11],
]
"""What the app test saves (each save costs ~0.3 s): 10,000 characters of emoji and text,
emoji sequences with right-to-left text, tabs, line endings, zero-width."""
REFUSED_NOTES = [
    "nul \x00 inside",
    "\x01\x02\x07\x08\x1b[2J\x1b]0;title\x07\x7f",
    "clipboard \x1b]52;c;aGVsbG8=\x07",
    "c1 \x9b31m",
]
"""Control characters other than tabs and line breaks: refused wherever they are typed."""
OFTEN = settings(
    max_examples=int(os.environ.get("PAINLOG_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

notes = st.one_of(
    st.sampled_from([*NASTY_NOTES, LONGEST_NOTE]),
    st.text(alphabet=note_characters, max_size=400),
)


@st.composite
def valid_days(draw) -> DayLog:
    pain = draw(st.integers(0, 10))
    locations = draw(
        st.lists(st.sampled_from(SEEDS.locations), unique_by=lambda x: x.slug, max_size=3)
    )
    places = tuple(
        Place(
            location.slug,
            draw(st.sampled_from([None, *SEEDS.sides])) if location.has_side else None,
            draw(st.sampled_from([None, *(x.slug for x in SEEDS.characters)])),
        )
        for location in locations
    )
    exercises = tuple(
        ExerciseDone(
            exercise.slug,
            *draw(
                st.sampled_from(
                    [(None, None, None), (3, 10, None), (None, 12, None), (None, None, 30)]
                )
            ),
        )
        for exercise in draw(
            st.lists(st.sampled_from(SEEDS.exercises), unique_by=lambda x: x.slug, max_size=3)
        )
    )
    return DayLog(
        day=SAFETY_TODAY - timedelta(days=draw(st.integers(0, 4000))),
        pain=pain,
        worst=draw(st.one_of(st.none(), st.integers(pain, 10))),
        places=places,
        exercises=exercises,
        flags=tuple(
            x.slug
            for x in draw(
                st.lists(st.sampled_from(SEEDS.red_flags), unique_by=lambda x: x.slug, max_size=2)
            )
        ),
        bed_rest=draw(st.booleans()),
        note=draw(notes),
    )


def argv_of(log: DayLog) -> list[str]:
    argv = ["log", str(log.pain), "--date", log.day.isoformat(), f"--note={log.note}"]
    if log.worst is not None:
        argv.append(f"--worst={log.worst}")
    if log.places:
        argv.append(
            "--where="
            + ",".join(
                ":".join(p for p in (x.location, x.side, x.character) if p) for x in log.places
            )
        )
    if log.exercises:
        doses = {(3, 10, None): ":3x10", (None, 12, None): ":12r", (None, None, 30): ":30min"}
        argv.append(
            "--did="
            + ",".join(x.slug + doses.get((x.sets, x.reps, x.minutes), "") for x in log.exercises)
        )
    if log.flags:
        argv.append("--flag=" + ",".join(log.flags))
    if log.bed_rest:
        argv.append("--bed-rest")
    return argv


@pytest.fixture
def diary_path(small_diary):
    return small_diary


@OFTEN
@given(log=valid_days())
def test_any_valid_log_is_stored_exactly(diary_path, run_main, log):
    # --replace: the examples share one diary, and a log otherwise adds to the day's.
    result = run_main("--db", diary_path, *argv_of(log), "--replace")
    assert result.code == 0, result.err
    with Diary.open(str(diary_path)) as diary:
        assert diary.load_day(log.day) == log


junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "four",
            "4a",
            "IV",
            "٤",
            "４",
            "4.0",
            "1e1",
            "0x4",
            "",
            " ",
            "+4",
            "4 5",
            "½",
            "-1",
            "11",
            "10000",
            "31 Feb",
            "tomorrow",
            "10000-01-01",
            "1 Jan 10000",
            "2026-13-01",
            "elbow",
            "lower-back:middle",
            "walking:fast",
            "walking:0min",
            "headache",
            "lower-back,lower-back",
            "knee:left:zappy:extra",
            "\x00",
            "\ud800",
        ]
    ),
)


@OFTEN
@given(
    pain=junk,
    worst=st.one_of(st.none(), junk),
    date=st.one_of(st.none(), junk),
    where=st.one_of(st.none(), junk),
    did=st.one_of(st.none(), junk),
    flag=st.one_of(st.none(), junk),
    note=st.one_of(
        st.none(),
        notes,
        st.sampled_from(REFUSED_NOTES),
        st.just("z" * (NOTE_MAX_CHARS + 1)),
    ),
)
def test_any_arguments_are_stored_or_refused_in_one_line(
    diary_path, run_main, pain, worst, date, where, did, flag, note
):
    argv = ["--db", str(diary_path), "log", f"{pain}"]
    if pain.startswith("-"):
        argv = ["--db", str(diary_path), "log", "--", pain]
    options = {"worst": worst, "date": date, "where": where, "did": did, "flag": flag}
    extra = [f"--{name}={value}" for name, value in options.items() if value is not None]
    if note is not None:
        extra.append(f"--note={note}")
    argv = argv[:3] + extra + argv[3:]
    before = table_rows(diary_path)
    result = run_main(*argv)
    assert result.code in (0, 2), (result.code, result.err)
    if result.code == 2:
        assert result.one_line_error and result.err.startswith("painlog"), result.err
        assert result.out == ""
        assert table_rows(diary_path) == before
    elif note is not None:
        with Diary.open(str(diary_path)) as diary:
            assert note in {day.note for day in diary.days()}


@pytest.mark.parametrize(
    "date",
    [
        "31 Feb",
        "Feb 30 2026",
        "29 Feb",
        "tomorrow",
        "2026-11-22",
        "10000-01-01",
        "1 Jan 10000",
        "year 10000",
        "2026-13-01",
        "0000-01-01",
        "",
        "   ",
        "yesterdayy",
        "3 days from now",
        "now",
    ],
)
def test_impossible_and_future_dates_are_refused(diary_path, run_main, date):
    before = table_rows(diary_path)
    result = run_main("--db", diary_path, "log", "4", f"--date={date}")
    assert result.code == 2 and result.one_line_error, result.err
    assert "date" in result.err and "is not accepted" in result.err
    assert table_rows(diary_path) == before


@pytest.mark.parametrize(
    "pain",
    ["four", "4a", "a4", "IV", "٤", "４", "4.0", "1e1", "0x4", " ", "+4", "4 5", "½", "11", "-1"],
)
def test_pain_typed_with_letters_is_refused(diary_path, run_main, pain):
    before = table_rows(diary_path)
    result = run_main("--db", diary_path, "log", "--", pain)
    assert result.code == 2 and result.one_line_error, result.err
    assert "pain" in result.err and "a whole number from 0 to 10" in result.err
    assert table_rows(diary_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--birth-year", "19x8"],
        ["--birth-year", "10000"],
        ["--birth-year", "1899"],
        ["--birth-year", "٢٠٠٠"],
        ["--onset", "31 Feb"],
        ["--onset", "tomorrow"],
    ],
)
def test_bad_profile_values_are_refused(diary_path, run_main, args):
    before = table_rows(diary_path)
    result = run_main("--db", diary_path, "profile", *args)
    assert result.code == 2 and result.one_line_error, result.err
    assert table_rows(diary_path) == before


def test_a_note_of_undecodable_bytes_never_shows_a_traceback(diary_path, run_painlog):
    before = table_rows(diary_path)
    result = run_painlog("--db", diary_path, "log", "4", "--note", b"bad \xff byte")
    assert result.code == 2 and result.one_line_error, result.err
    assert table_rows(diary_path) == before


# -- unexpected errors ---------------------------------------------------------------------


@pytest.fixture
def a_bug(monkeypatch):
    """`painlog show` fails as a bug would (a bad PAINLOG_TODAY once did; it is refused
    in words now)."""
    import painlog.cli.show

    def broken(_args):
        raise RuntimeError("a bug in show")

    monkeypatch.setattr(painlog.cli.show, "run", broken)


def test_an_unexpected_error_is_one_line_and_logged(run_main, state_log, a_bug):
    result = run_main("show")
    assert result.code == 70
    assert result.err == f"painlog: unexpected error (details in {state_log})\n"
    log = state_log.read_text(encoding="utf-8")
    assert "RuntimeError" in log and "broken" in log


def test_when_the_error_log_cannot_be_written_the_line_says_so(
    run_main, monkeypatch, tmp_path, a_bug
):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    result = run_main("show")
    assert result.code == 70
    assert result.err == "painlog: unexpected error (the error log could not be written)\n"


# -- the app's fields ------------------------------------------------------------------------


def status_of(app) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#status", Static).render())


async def save_note(pilot, note: str) -> str:
    from textual.widgets import TextArea

    from painlog.screens.widgets.pain_scale import PainScale

    area = pilot.app.screen.query_one("#note", TextArea)
    area.load_text(note)
    pilot.app.screen.query_one("#pain", PainScale).focus()
    await pilot.press("5", "ctrl+s")
    await settle(pilot)
    return area.text


async def test_the_app_stores_every_kind_of_note_exactly_and_refuses_bad_ones(small_diary):
    from textual.widgets import TextArea

    from painlog.screens.widgets.pain_scale import PainScale
    from painlog.tui.app import PainlogApp

    before = table_rows(small_diary)
    app = PainlogApp(db=str(small_diary), today=SAFETY_TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        # Letters and punctuation in the pain field are ignored; saving without a score
        # is refused; a day after today cannot be reached.
        await pilot.press("a", "x", "Z", "exclamation_mark", "full_stop", "ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#pain", PainScale).value is None
        assert status_of(app).startswith("Not saved: choose a pain score first")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.day == SAFETY_TODAY
        # Notes the checks refuse: nothing is written.
        for note in REFUSED_NOTES:
            await save_note(pilot, note)
            assert status_of(app).startswith("Not saved: note"), status_of(app)
            assert "\x1b" not in status_of(app)  # the refusal shows it escaped
            assert table_rows(small_diary) == before
        for note in APP_NOTES:
            shown = await save_note(pilot, note)
            assert status_of(app).startswith("Saved"), status_of(app)
            with Diary.open(str(small_diary)) as diary:
                assert diary.load_day(SAFETY_TODAY).note == shown
        # Typed for real, key by key (Pilot cannot type an emoji; load_text did above).
        area = app.screen.query_one("#note", TextArea)
        area.load_text("")
        area.focus()
        await pilot.press(*"שלום ok é")
        app.screen.query_one("#pain").focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Diary.open(str(small_diary)) as diary:
            assert diary.load_day(SAFETY_TODAY).note == "שלום ok é"


typed_junk = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=6)


@settings(max_examples=2, deadline=None, database=None)
@given(data=st.data())
def test_any_input_in_the_app_is_stored_exactly_or_ignored(tmp_path_factory, data):
    """One app session per example, several days filled in it: letters typed in the pain
    field are ignored, a drawn pain and note are stored exactly as the form holds them."""
    from textual.widgets import TextArea

    from painlog.screens.widgets.pain_scale import PainScale
    from painlog.tui.app import PainlogApp

    db = tmp_path_factory.mktemp("app") / "painlog.db"
    saved: dict = {}

    async def run() -> None:
        app = PainlogApp(db=str(db), today=SAFETY_TODAY)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            for step in range(2):
                if step:
                    await pilot.press("left_square_bracket")
                    await settle(pilot)
                scale = app.screen.query_one("#pain", PainScale)
                scale.focus()
                await pilot.press(*data.draw(typed_junk, label="typed in pain"))
                assert scale.value is None
                pain = data.draw(st.integers(0, 9), label="pain")
                area = app.screen.query_one("#note", TextArea)
                area.load_text(data.draw(notes, label="note"))
                scale.focus()
                await pilot.press(str(pain), "ctrl+s")
                await settle(pilot)
                assert status_of(app).startswith("Saved"), status_of(app)
                saved[app.screen.day] = (pain, area.text)

    asyncio.run(run())
    with Diary.open(str(db)) as diary:
        stored = {day: diary.load_day(day) for day in saved}
    assert {day: (log.pain, log.note) for day, log in stored.items()} == saved


async def test_an_unexpected_error_in_the_app_is_one_line_and_logged_without_the_note(
    small_diary, monkeypatch, state_log, capsys
):
    from textual.worker import WorkerFailed

    from painlog.tui.app import PainlogApp

    def broken(self, day, change, today, expected=None):
        log = change(None)
        raise RuntimeError(f"cannot save {log.note!r} for {log.day}")

    # Today saves through change_day (the write that checks the version it read).
    monkeypatch.setattr(Diary, "change_day", broken)
    app = PainlogApp(db=str(small_diary), today=SAFETY_TODAY)
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await save_note(pilot, "private: pelvic pain flare")
    assert app.return_code == 70
    err = capsys.readouterr().err
    assert f"painlog: unexpected error (details in {state_log})" in err
    assert "Traceback" not in err and "pelvic" not in err
    log = state_log.read_text(encoding="utf-8")
    assert "RuntimeError" in log and "broken" in log and "pelvic" not in log


async def test_a_digit_like_symbol_in_the_pain_field_is_ignored(small_diary):
    from painlog.tui.app import PainlogApp

    app = PainlogApp(db=str(small_diary), today=SAFETY_TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("²")
        await settle(pilot)
        assert app.screen.query_one("#pain").value is None
    assert app.return_code in (None, 0)
