"""Reading a daily export back: exact round trip, all-or-nothing checks, conflicts, bulk writes."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from strategies import SEEDS, exercises, note_characters, peg_answers, places, with_checkins

from painlog.rules.checkins import as_read
from painlog.rules.records import PAIN_MAX, PAIN_MIN, DayLog, ExerciseDone, PegAnswer, Place
from painlog.rules.weekly import WEEK_START_SETTING, week_start
from painlog.store.csv_format import (
    BOM,
    DAILY_COLUMNS,
    DAILY_COLUMNS_BEFORE_MEDICATIONS,
    csv_line,
)
from painlog.store.diary import Diary
from painlog.store.export import export_diary
from painlog.store.importer import (
    BATCH_ROWS,
    MAX_LINE_CHARS,
    PROBLEMS_LISTED,
    ImportConflict,
    ImportRefused,
    check_daily,
    import_daily,
)

TODAY = date(2026, 11, 21)
GOLDEN_DAILY = Path(__file__).parent.parent / "golden" / "daily.csv"
HEADER = ",".join(DAILY_COLUMNS_BEFORE_MEDICATIONS) + "\r\n"
"""The header of the hand-written rows here: a daily file as schema 3 wrote it (without the
medications and treatments columns), which imports the same way as a current one."""


def day_of(log: DayLog | PegAnswer) -> date:
    return log.day


def snapshot(diary: Diary) -> tuple[list[DayLog], list[PegAnswer]]:
    return diary.days(), diary.peg_answers()


def daily_bytes(diary: Diary) -> bytes:
    return export_diary(diary, "daily", TODAY).text.encode("utf-8")


# -- the round trip ------------------------------------------------------------------------

# Any text a person can type or paste (see strategies.note_characters), with the starts a
# spreadsheet would run, and quotes, often.
any_text = st.text(note_characters, max_size=40)
risky_start = st.sampled_from(
    ["", "=", "+", "-", "@", "\t", "\r", "\n", "'", "''", "'=", '"', ",", " ", "\r\n", "|"]
)
notes = st.builds(lambda start, text, end: start + text + end, risky_start, any_text, risky_start)


@st.composite
def day_log(draw, day: date) -> DayLog:
    pain = draw(st.integers(PAIN_MIN, PAIN_MAX))
    return DayLog(
        day=day,
        pain=pain,
        worst=draw(st.none() | st.integers(pain, PAIN_MAX)),
        places=tuple(
            draw(st.lists(places(), max_size=4, unique_by=lambda p: (p.location, p.side)))
        ),
        exercises=tuple(draw(st.lists(exercises, max_size=4, unique_by=lambda e: e.slug))),
        flags=tuple(
            draw(
                st.lists(
                    st.sampled_from([x.slug for x in SEEDS.red_flags]), unique=True, max_size=3
                )
            )
        ),
        bed_rest=draw(st.booleans()),
        note=draw(notes),
    )


@st.composite
def histories(draw) -> tuple[list[DayLog], list[PegAnswer]]:
    """Days as the app logs them (some with check-ins, some through check-ins alone) and
    PEG answers, on the same days or on days not logged; one set of answers a week, as
    `Diary.answer_peg` keeps them."""
    offsets = draw(st.lists(st.integers(0, 3_000), unique=True, max_size=12))
    logs, answers, weeks = [], [], set()
    for offset in offsets:
        day = TODAY - timedelta(days=offset)
        kind = draw(st.sampled_from(["day", "check-ins", "check-ins alone", "PEG alone"]))
        if kind != "PEG alone":
            log = None if kind == "check-ins alone" else draw(day_log(day))
            if kind != "day":
                log = draw(with_checkins(log, day, notes))
            logs.append(log)
        if (kind == "PEG alone" or draw(st.booleans())) and week_start(day) not in weeks:
            weeks.add(week_start(day))
            answers.append(draw(peg_answers(day)))
    return logs, answers


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories())
def test_export_import_export_is_byte_identical(new_diary_location, history):
    logs, answers = history
    with Diary.open(new_diary_location()) as source:
        source.insert_days(logs)
        for answer in answers:
            source.answer_peg(answer, TODAY)
        first = daily_bytes(source)
    checked = check_daily(first, TODAY)
    assert (checked.days, checked.answers) == (len(logs), len(answers))
    with Diary.open(new_diary_location()) as target:
        result = import_daily(target, first, TODAY)
        assert (result.added, result.answers_added) == (len(logs), len(answers))
        # A file carries values: a pain or worst equal to what the check-ins give follows
        # them again, as `as_read` says.
        assert target.days() == sorted(map(as_read, logs), key=day_of)
        assert target.peg_answers() == sorted(answers, key=lambda x: x.day)
        second = daily_bytes(target)
    assert second == first


ODD_NOTES = [
    "\u2028line separator",
    "\u2029paragraph separator",
    "\ttab first\tand inside",
    "\ufeffa byte order mark",
    "ends with a carriage return\r",
    "\r",
    " \n",
    '"',
    '""',
    "'",
    "'=",
    "=",
    "|",
    "",
]


def test_notes_that_csv_tools_trip_over_round_trip(new_diary_location, diary):
    logs = [
        DayLog(date(2026, 1, 1) + timedelta(days=n), 3, note=note)
        for n, note in enumerate(ODD_NOTES)
    ]
    diary.insert_days(logs)
    data = daily_bytes(diary)
    with Diary.open(new_diary_location()) as target:
        import_daily(target, data, TODAY)
        assert target.days() == logs
        assert daily_bytes(target) == data


def test_the_golden_daily_file_round_trips(diary):
    data = GOLDEN_DAILY.read_bytes()
    import_daily(diary, data, TODAY)
    assert daily_bytes(diary) == data


def test_a_file_without_byte_order_mark_is_read_too(diary):
    data = GOLDEN_DAILY.read_bytes().removeprefix(BOM.encode())
    import_daily(diary, data, TODAY)
    assert diary.count_days() == 19


def test_hand_written_rows_are_read_leniently(diary):
    text = (
        "Date, Pain ,worst,places,exercises,red_flags,bed_rest,note\n"  # LF only, spaces
        '2026-11-20, 4 ,, Lower-Back:left ," walking:30 min, glute-bridge:3x10 ",fever,YES,hi\n'
        "2026-11-21,3,,knee|foot:right,,,no,\n"
    )
    import_daily(diary, text.encode(), TODAY)
    first, second = diary.days()
    assert first.places == (Place("lower-back", "left"),)
    assert first.exercises == (
        ExerciseDone("walking", minutes=30),
        ExerciseDone("glute-bridge", 3, 10),
    )
    assert first.bed_rest is True
    assert second.places == (Place("knee"), Place("foot", "right"))


# -- malformed files import nothing ------------------------------------------------------------

GOOD_ROW = "2026-11-01,3,,,,,no,\r\n"

MALFORMED = {
    "wrong header": (
        "week_start,week_end,days_logged\r\n2026-11-02,2026-11-08,3\r\n",
        [(1, "not that of a daily export")],
    ),
    "bad date": (HEADER + GOOD_ROW + "2026-02-30,3,,,,,no,\r\n", [(3, "date: '2026-02-30'")]),
    "date not ISO": (HEADER + "3 Nov 2026,3,,,,,no,\r\n", [(2, "date: '3 Nov 2026'")]),
    "future date": (HEADER + "2026-11-22,3,,,,,no,\r\n", [(2, "today (2026-11-21) or earlier")]),
    "pain 12": (HEADER + "2026-11-02,12,,,,,no,\r\n", [(2, "pain: '12'")]),
    "worst below pain": (HEADER + "2026-11-02,5,4,,,,no,\r\n", [(2, "worst: '4'")]),
    "unknown place": (HEADER + "2026-11-02,3,,elbow,,,no,\r\n", [(2, "places: 'elbow'")]),
    "unknown exercise": (
        HEADER + "2026-11-02,3,,,jogging:30min,,no,\r\n",
        [(2, "exercises: 'jogging'")],
    ),
    "unknown flag": (HEADER + "2026-11-02,3,,,,dizzy,no,\r\n", [(2, "red_flags: 'dizzy'")]),
    "bad bed rest": (HEADER + "2026-11-02,3,,,,,often,\r\n", [(2, "bed_rest: 'often'")]),
    "duplicated date": (
        HEADER + GOOD_ROW + "2026-11-02,3,,,,,no,\r\n" + GOOD_ROW,
        [(4, "2026-11-01 is given twice (first on line 2)")],
    ),
    "truncated row": (HEADER + GOOD_ROW + "2026-11-02,3,,", [(3, "4 fields, expected 8")]),
    "truncated in a quoted note": (
        HEADER + GOOD_ROW + '2026-11-02,3,,,,,no,"half a\r\nnote',
        [(3, "malformed CSV")],
    ),
    "empty file": ("", [(1, "the file is empty")]),
    "dose out of range": (
        HEADER + "2026-11-02,3,,,walking:0min,,no,\r\n",
        [(2, "exercises (minutes): '0'")],
    ),
    "place twice": (
        HEADER + "2026-11-02,3,,knee:left | knee:left:sharp,,,no,\r\n",
        [(2, "each place at most once")],
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_imports_nothing_and_says_where(diary, case):
    text, expected = MALFORMED[case]
    diary.insert_days([DayLog(date(2026, 10, 1), 2, note="already here")])
    before = snapshot(diary)
    with pytest.raises(ImportRefused) as refused:
        import_daily(diary, text.encode("utf-8"), TODAY)
    problems = refused.value.problems
    assert len(problems) == len(expected), [str(p) for p in problems]
    for problem, (line, message) in zip(problems, expected, strict=True):
        assert problem.line == line
        assert message in str(problem)
    assert snapshot(diary) == before


NOW = ",".join(DAILY_COLUMNS) + "\r\n"
"""The header of today's daily file, with check-ins and PEG answers."""
PAIN_ACCEPTED = "expected a whole number from 0 to 10"
PEG_ROW_ONLY = "expected nothing: a row without pain holds PEG answers only"

CHECKIN_AND_PEG_REFUSALS = {
    "check-ins not JSON": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00""",',
        'checkins: \'[{"at":"08:00"\' is not accepted; expected a JSON list of check-ins',
    ),
    "check-ins not a list": (
        '2026-11-02,3,,,,,,,no,,"{""at"":""08:00"",""pain"":3}",',
        'checkins: \'{"at":"08:00","pain":3}\' is not accepted; expected a JSON list',
    ),
    "a check-in with a key of its own": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00"",""pain"":3,""mood"":1}]",',
        'checkins: \'{"at":"08:00","pain":3,"mood":1}\' is not accepted',
    ),
    "a check-in's pain of 11": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00"",""pain"":11}]",',
        f"checkins (pain): '11' is not accepted; {PAIN_ACCEPTED}",
    ),
    "a check-in's pain as text": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00"",""pain"":""4""}]",',
        f"checkins (pain): '\"4\"' is not accepted; {PAIN_ACCEPTED}",
    ),
    "a check-in at 25:00": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""25:00"",""pain"":3}]",',
        "checkins (at): '25:00' is not accepted; expected a time of day as HH:MM",
    ),
    "check-ins out of order": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""09:00"",""pain"":3},{""at"":""08:00"",""pain"":3}]",',
        "checkins (at): '08:00' is not accepted; expected one check-in a minute, earliest first",
    ),
    "a check-in's place not among the day's": (
        '2026-11-02,3,,knee:left,,,,,no,,"[{""at"":""08:00"",""pain"":3,""where"":[""hip-side:left""]}]",',
        "checkins (where): 'hip-side:left' is not accepted; expected a check-in's places "
        "among the day's places",
    ),
    "a check-in's place unknown": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00"",""pain"":3,""where"":[""elbow""]}]",',
        "checkins (where): 'elbow' is not accepted; expected one of lower-back,",
    ),
    "a check-in's note with a control character": (
        '2026-11-02,3,,,,,,,no,,"[{""at"":""08:00"",""pain"":3,""note"":""\\u001b[2J""}]",',
        "checkins (note): '\\x1b[2J' is not accepted",
    ),
    "a PEG answer of 11": (
        '2026-11-02,3,,,,,,,no,,,"pain 11, enjoyment 6, activity 5"',
        f"peg (pain): '11' is not accepted; {PAIN_ACCEPTED}",
    ),
    "a PEG answer of 4.5": (
        '2026-11-02,3,,,,,,,no,,,"pain 4, enjoyment 4.5, activity 5"',
        f"peg (enjoyment): '4.5' is not accepted; {PAIN_ACCEPTED}",
    ),
    "a PEG answer in words": (
        '2026-11-02,3,,,,,,,no,,,"pain 4, enjoyment 6, activity some"',
        f"peg (activity): 'some' is not accepted; {PAIN_ACCEPTED}",
    ),
    "PEG answers as text": (
        "2026-11-02,3,,,,,,,no,,,quite bad",
        "peg: 'quite bad' is not accepted; expected pain N, enjoyment N, activity N",
    ),
    "two PEG answers of three": (
        '2026-11-02,3,,,,,,,no,,,"pain 4, activity 5"',
        "peg: 'pain 4, activity 5' is not accepted; expected pain N, enjoyment N, activity N",
    ),
    "a row of PEG answers with a note": (
        '2026-11-02,,,,,,,,,hello,,"pain 4, enjoyment 6, activity 5"',
        f"note: 'hello' is not accepted; {PEG_ROW_ONLY}",
    ),
    "a row of PEG answers with bed rest": (
        '2026-11-02,,,,,,,,no,,,"pain 4, enjoyment 6, activity 5"',
        f"bed_rest: 'no' is not accepted; {PEG_ROW_ONLY}",
    ),
    "a row of PEG answers with check-ins": (
        '2026-11-02,,,,,,,,,,"[{""at"":""08:00"",""pain"":3}]","pain 4, enjoyment 6, activity 5"',
        'checkins: \'[{"at":"08:00","pain":3}]\' is not accepted; ' + PEG_ROW_ONLY,
    ),
    "a row of bad PEG answers alone": (
        '2026-11-02,,,,,,,,,,,"pain 4, enjoyment 6, activity 12"',
        f"peg (activity): '12' is not accepted; {PAIN_ACCEPTED}",
    ),
    "PEG answers for a day after today": (
        '2026-11-22,,,,,,,,,,,"pain 4, enjoyment 6, activity 5"',
        "date: '2026-11-22' is not accepted; expected today (2026-11-21) or earlier",
    ),
    "no pain and no PEG answers": (
        "2026-11-02,,,,,,,,no,,,",
        f"pain: '' is not accepted; {PAIN_ACCEPTED}",
    ),
}


@pytest.mark.parametrize("case", sorted(CHECKIN_AND_PEG_REFUSALS))
def test_a_bad_check_in_or_peg_cell_is_named_in_one_line_and_nothing_is_imported(diary, case):
    row, message = CHECKIN_AND_PEG_REFUSALS[case]
    text = NOW + "2026-11-01,3,,,,,,,no,,,\r\n" + row + "\r\n"
    diary.insert_days([DayLog(date(2026, 10, 1), 2, note="already here")])
    diary.answer_peg(PegAnswer(date(2026, 10, 1), 1, 2, 3), TODAY)
    before = snapshot(diary)
    with pytest.raises(ImportRefused) as refused:
        import_daily(diary, text.encode("utf-8"), TODAY)
    (problem,) = refused.value.problems
    assert str(problem).startswith(f"line 3: {message}"), str(problem)
    assert "\n" not in str(problem)
    assert snapshot(diary) == before


def test_every_problem_is_reported_with_the_line_it_starts_on(diary):
    text = (
        HEADER
        + '2026-11-01,3,,,,,no,"a note\r\nover\r\nthree lines"\r\n'  # lines 2-4
        + "2026-11-02,11,,elbow,,,no,\r\n"  # line 5: two problems
        + "2026-11-03,3,,,,,no,fine\r\n"  # line 6
        + "2026-11-01,3,,,,,no,\r\n"  # line 7: duplicate of line 2
        + "2026-11-04,3\r\n"  # line 8: cut short
        + "20261105,3,,,,,no,\r\n"  # line 9: not ISO
    )
    with pytest.raises(ImportRefused) as refused:
        check_daily(text.encode(), TODAY)
    lines = [problem.line for problem in refused.value.problems]
    assert lines == [5, 5, 7, 8, 9]
    assert "pain: '11'" in str(refused.value.problems[0])
    assert "places: 'elbow'" in str(refused.value.problems[1])
    assert diary.count_days() == 0


def test_text_that_is_not_utf8_is_refused_with_its_line(diary):
    data = (HEADER + GOOD_ROW).encode() + "2026-11-02,3,,,,,no,café\r\n".encode("latin-1")
    with pytest.raises(ImportRefused) as refused:
        check_daily(data, TODAY)
    cause, problem = refused.value.problems
    assert cause.line is None and "saved as Windows-1252" in cause.message
    assert problem.line == 3
    assert "UTF-8" in problem.message


# -- days already logged --------------------------------------------------------------------


@pytest.fixture
def logged(diary):
    diary.insert_days(
        [
            DayLog(date(2026, 11, 1), 7, note="logged before"),
            DayLog(date(2026, 11, 5), 1, places=(Place("knee", "left"),)),
        ]
    )
    return diary


FILE = HEADER + "2026-11-01,3,,,,,no,from file\r\n2026-11-02,4,,,,,no,\r\n2026-11-05,2,,,,,yes,\r\n"


def test_conflicting_dates_are_listed_and_nothing_is_written(logged):
    before = snapshot(logged)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(logged, FILE.encode(), TODAY)
    assert conflict.value.dates == [date(2026, 11, 1), date(2026, 11, 5)]
    assert [str(p) for p in conflict.value.problems] == [
        "line 2: 2026-11-01 is already logged",
        "line 4: 2026-11-05 is already logged",
    ]
    assert snapshot(logged) == before


def test_replace_writes_the_files_days_over_the_logged_ones(logged):
    result = import_daily(logged, FILE.encode(), TODAY, "replace")
    assert (result.added, result.replaced, result.skipped) == (1, 2, 0)
    days = {log.day: log for log in logged.days()}
    assert days[date(2026, 11, 1)].note == "from file"
    assert days[date(2026, 11, 5)].places == ()  # children of the old day are gone
    assert days[date(2026, 11, 5)].bed_rest is True
    assert len(days) == 3


def test_skip_existing_keeps_the_logged_days(logged):
    result = import_daily(logged, FILE.encode(), TODAY, "skip")
    assert (result.added, result.replaced, result.skipped) == (1, 0, 2)
    days = {log.day: log for log in logged.days()}
    assert days[date(2026, 11, 1)].note == "logged before"
    assert days[date(2026, 11, 5)].places == (Place("knee", "left"),)
    assert date(2026, 11, 2) in days


def test_replace_is_one_transaction(logged, monkeypatch):
    import painlog.store.diary as diary_module

    before = snapshot(logged)

    def fail(*_args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(diary_module, "_insert_children", fail)
    with pytest.raises(RuntimeError):
        import_daily(logged, FILE.encode(), TODAY, "replace")
    assert snapshot(logged) == before  # the deletes were rolled back too


# -- a file from before the cancer history moved into the profile --------------------------

OLD_FILE = (
    HEADER
    + "2026-11-01,4,,,,cancer-history | fever,no,\r\n"
    + "2026-11-02,3,,,,Cancer-History,no,\r\n"
    + "2026-11-03,2,,,,,no,\r\n"
)


@pytest.mark.parametrize("mode", ["refuse", "replace", "skip"])
def test_an_old_file_that_logs_cancer_history_sets_the_profile_not_the_days(diary, mode):
    from painlog.rules.records import Profile

    diary.save_profile(Profile(1950, None, False), TODAY)
    checked = check_daily(OLD_FILE.encode(), TODAY)
    assert checked.cancer_history is True
    result = import_daily(diary, OLD_FILE.encode(), TODAY, mode)
    assert result.cancer_history_set is True
    assert diary.profile() == Profile(1950, None, True)
    assert [log.flags for log in diary.days()] == [("fever",), (), ()]
    # Once it says yes, a second import has nothing to change there.
    again = import_daily(diary, OLD_FILE.encode(), TODAY, "skip")
    assert again.cancer_history_set is False and diary.profile().cancer_history is True


def test_a_file_without_it_leaves_the_cancer_history_alone(diary):
    assert check_daily(FILE.encode(), TODAY).cancer_history is False
    assert import_daily(diary, FILE.encode(), TODAY).cancer_history_set is False
    assert diary.profile().cancer_history is None


def test_the_cancer_history_goes_with_the_days_in_one_transaction(diary, monkeypatch):
    import painlog.store.diary as diary_module

    def fail(*_args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(diary_module, "_insert_children", fail)
    with pytest.raises(RuntimeError):
        # Replacing writes the answer before the days: the failure must undo it.
        import_daily(diary, OLD_FILE.encode(), TODAY, "replace")
    assert diary.profile().cancer_history is None and diary.days() == []


# -- PEG answers the diary holds for the same week ------------------------------------------

PEG_FILE = (
    NOW
    + '2026-11-06,,,,,,,,,,,"pain 4, enjoyment 6, activity 5"\r\n'  # Friday, week of 2 Nov
    + '2026-11-09,2,,,,,,,no,,,"pain 3, enjoyment 3, activity 3"\r\n'  # Monday, a new week
)


@pytest.fixture
def answered(diary):
    """A diary with PEG answers for the week of 2 Nov (given for Wednesday 4 Nov)."""
    diary.answer_peg(PegAnswer(date(2026, 11, 4), 7, 7, 7), TODAY)
    return diary


def test_peg_answers_for_a_week_already_answered_are_listed_and_nothing_is_written(answered):
    before = snapshot(answered)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(answered, PEG_FILE.encode(), TODAY)
    assert [str(p) for p in conflict.value.problems] == [
        "line 2: peg: the week 2026-11-02 to 2026-11-08 already has PEG answers"
    ]
    assert (conflict.value.dates, conflict.value.weeks) == ([], [date(2026, 11, 2)])
    assert (conflict.value.total, conflict.value.answered) == (1, 1)
    assert snapshot(answered) == before


def test_replace_puts_the_files_answers_in_place_of_the_weeks(answered):
    result = import_daily(answered, PEG_FILE.encode(), TODAY, "replace")
    assert (result.answers_added, result.answers_replaced, result.answers_skipped) == (1, 1, 0)
    assert answered.peg_answers() == [
        PegAnswer(date(2026, 11, 6), 4, 6, 5),
        PegAnswer(date(2026, 11, 9), 3, 3, 3),
    ]


def test_skip_existing_keeps_the_weeks_answers(answered):
    result = import_daily(answered, PEG_FILE.encode(), TODAY, "skip")
    assert (result.answers_added, result.answers_replaced, result.answers_skipped) == (1, 0, 1)
    assert answered.peg_answers() == [
        PegAnswer(date(2026, 11, 4), 7, 7, 7),
        PegAnswer(date(2026, 11, 9), 3, 3, 3),
    ]
    assert [log.day for log in answered.days()] == [date(2026, 11, 9)]


def test_weeks_are_the_diarys_weeks_by_its_first_weekday(answered):
    # Weeks from Tuesday: 3-9 Nov holds the diary's 4 Nov and both of the file's answers.
    answered.set_setting(WEEK_START_SETTING, "tuesday")
    with pytest.raises(ImportConflict) as conflict:
        import_daily(answered, PEG_FILE.encode(), TODAY)
    assert conflict.value.weeks == [date(2026, 11, 3), date(2026, 11, 3)]
    answered.set_setting(WEEK_START_SETTING, "thursday")  # 29 Oct - 4 Nov: no clash
    result = import_daily(answered, PEG_FILE.encode(), TODAY)
    assert (result.added, result.answers_added) == (1, 2)
    assert len(answered.peg_answers()) == 3


def test_a_day_and_its_weeks_answers_already_there_are_listed_in_file_order(answered):
    answered.insert_days([DayLog(date(2026, 11, 9), 5)])
    answered.answer_peg(PegAnswer(date(2026, 11, 10), 1, 1, 1), TODAY)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(answered, PEG_FILE.encode(), TODAY)
    assert [str(p) for p in conflict.value.problems] == [
        "line 2: peg: the week 2026-11-02 to 2026-11-08 already has PEG answers",
        "line 3: 2026-11-09 is already logged",
        "line 3: peg: the week 2026-11-09 to 2026-11-15 already has PEG answers",
    ]
    assert conflict.value.dates == [date(2026, 11, 9)]
    assert (conflict.value.total, conflict.value.answered) == (3, 2)


def test_two_answers_in_one_week_round_trip(new_diary_location):
    """After a change of the first weekday a week may hold two sets of answers (the later
    stands for it): the file keeps both, and so does the import."""
    with Diary.open(new_diary_location()) as source:
        source.set_setting(WEEK_START_SETTING, "sunday")
        source.answer_peg(PegAnswer(date(2026, 11, 15), 5, 5, 5), TODAY)  # Sunday
        source.set_setting(WEEK_START_SETTING, "monday")
        source.answer_peg(PegAnswer(date(2026, 11, 16), 4, 4, 4), TODAY)  # the next day
        first = daily_bytes(source)
        answers = source.peg_answers()
    assert len(answers) == 2
    with Diary.open(new_diary_location()) as target:
        target.set_setting(WEEK_START_SETTING, "sunday")  # both in one week here
        result = import_daily(target, first, TODAY)
        assert (result.added, result.answers_added) == (0, 2)
        assert target.peg_answers() == answers
        assert daily_bytes(target) == first


def test_the_peg_answers_go_with_the_days_in_one_transaction(diary, monkeypatch):
    from painlog.store.diary import ImportWriter

    def fail(*_args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(ImportWriter, "add_peg_answers", fail)
    with pytest.raises(RuntimeError):
        import_daily(diary, PEG_FILE.encode(), TODAY)
    assert snapshot(diary) == ([], [])


def test_a_peg_conflict_in_a_late_batch_rolls_back_the_batches_written_before(answered):
    logs = [log for log in history_of(BATCH_ROWS * 2 + 10) if log.day < date(2026, 10, 1)]
    text = daily_text(logs) + '2026-11-05,,,,,,,,,,,"pain 1, enjoyment 1, activity 1"\r\n'
    before = snapshot(answered)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(answered, text.encode(), TODAY)
    assert conflict.value.weeks == [date(2026, 11, 2)]
    assert snapshot(answered) == before


# -- bulk writes ----------------------------------------------------------------------------


def history_of(days: int) -> list[DayLog]:
    """`days` days back from today, each with a place and an exercise, a sign now and then."""
    return [
        DayLog(
            TODAY - timedelta(days=n),
            n % 11,
            places=(Place("knee", "left"),),
            exercises=(ExerciseDone("walking", minutes=20),),
            flags=("fever",) if n % 50 == 0 else (),
        )
        for n in range(days)
    ]


# Statements per batch: which days are logged, then (when written) the logs, their ids and
# a bulk insert per child table; replacing deletes the logged days first. Once per import:
# the diary's own lists (exercises, medications, treatments), and the transaction's start
# (SQLite's BEGIN, the server's lock timeout and writers' lock).
PER_BATCH = {"refuse": 6, "replace": 7, "skip": 1}
ONCE = {"sqlite": 4, "postgresql": 5}


@pytest.mark.parametrize("mode", ["refuse", "replace", "skip"])
@pytest.mark.parametrize("days", [BATCH_ROWS * 2 + 200, BATCH_ROWS * 4 + 400])
def test_each_batch_costs_the_same_statements_whatever_the_size(
    new_diary_location, engine_name, mode, days
):
    logs = history_of(days)
    with Diary.open(new_diary_location()) as source:
        source.insert_days(logs)
        data = daily_bytes(source)
    statements: list[tuple[str, bool]] = []

    def count(_conn, _cursor, statement, _parameters, _context, executemany):
        statements.append((statement.split()[0].upper(), executemany))

    with Diary.open(new_diary_location()) as diary:
        if mode != "refuse":
            diary.insert_days(logs)  # every day is logged: replaced, or skipped
        event.listen(diary.engine, "before_cursor_execute", count)
        try:
            import_daily(diary, data, TODAY, mode)
        finally:
            event.remove(diary.engine, "before_cursor_execute", count)
        assert daily_bytes(diary) == data
    batches = -(-days // BATCH_ROWS)
    assert len(statements) == ONCE[engine_name] + PER_BATCH[mode] * batches, statements
    inserts = [many for verb, many in statements if verb == "INSERT"]
    assert all(inserts)  # executemany: Core bulk inserts, not a row at a time
    assert len(inserts) == (0 if mode == "skip" else 4 * batches)


@pytest.mark.parametrize("mode", ["refuse", "replace", "skip"])
def test_a_problem_in_a_late_batch_rolls_back_the_batches_written_before(logged, mode):
    """import_daily checks as it writes: a row refused after two batches were written (a
    file changed since it was checked) leaves the diary as it was."""
    logs = [log for log in history_of(BATCH_ROWS * 2 + 10) if log.day < date(2026, 10, 1)]
    text = daily_text(logs) + "2026-11-02,11,,,,,,,no,,,\r\n"
    before = snapshot(logged)
    with pytest.raises(ImportRefused) as refused:
        import_daily(logged, text.encode(), TODAY, mode)
    assert [str(p) for p in refused.value.problems] == [
        f"line {len(logs) + 2}: pain: '11' is not accepted; expected a whole number from 0 to 10"
    ]
    assert snapshot(logged) == before


def test_a_date_logged_in_a_late_batch_rolls_back_the_batches_written_before(logged):
    logs = [log for log in history_of(BATCH_ROWS * 2 + 10) if log.day < date(2026, 10, 1)]
    text = daily_text(logs) + "2026-11-05,3,,,,,,,no,from the file,,\r\n"
    before = snapshot(logged)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(logged, text.encode(), TODAY)
    assert conflict.value.dates == [date(2026, 11, 5)]
    assert snapshot(logged) == before


def daily_text(logs: list[DayLog]) -> str:
    """A daily export of `logs` (oldest first), without its BOM."""
    with Diary.open(":memory:") as scratch:
        scratch.insert_days(logs)
        return export_diary(scratch, "daily", TODAY, bom=False).text


# -- many problems, and files that are not text -------------------------------------------


def test_more_problems_than_are_listed_are_counted(diary):
    rows = "".join(f"{day.isoformat()},12,,,,,no,\r\n" for day in _days(250))
    with pytest.raises(ImportRefused) as refused:
        check_daily((HEADER + rows).encode(), TODAY)
    assert len(refused.value.problems) == PROBLEMS_LISTED
    assert refused.value.total == 250
    assert [p.line for p in refused.value.problems] == list(range(2, 2 + PROBLEMS_LISTED))
    with pytest.raises(ImportRefused) as again:
        import_daily(diary, (HEADER + rows).encode(), TODAY)
    assert (len(again.value.problems), again.value.total) == (PROBLEMS_LISTED, 250)
    assert diary.count_days() == 0


def test_more_dates_logged_than_are_listed_are_counted(diary):
    logs = [DayLog(day, 3) for day in _days(250)]
    diary.insert_days(logs)
    data = daily_bytes(diary)
    with pytest.raises(ImportConflict) as conflict:
        import_daily(diary, data, TODAY)
    assert len(conflict.value.dates) == PROBLEMS_LISTED
    assert conflict.value.total == 250
    assert diary.days() == logs


def _days(count: int) -> list[date]:
    return [TODAY - timedelta(days=count - n) for n in range(count)]


def test_a_nul_byte_stops_the_reading_at_its_line():
    data = (HEADER + GOOD_ROW + "2026-11-02,3,,,,,no,a\x00b\r\n" + "2026-11-03,3\r\n").encode()
    with pytest.raises(ImportRefused) as refused:
        check_daily(data, TODAY)
    (problem,) = refused.value.problems
    assert problem.line == 3 and "not a text file" in problem.message


def test_a_line_longer_than_any_row_stops_the_reading():
    data = (HEADER + "2026-11-02,3,,,,,no," + "x" * (MAX_LINE_CHARS + 10) + "\r\n").encode()
    with pytest.raises(ImportRefused) as refused:
        check_daily(data, TODAY)
    (problem,) = refused.value.problems
    assert problem.line == 2 and f"longer than {MAX_LINE_CHARS:,}" in problem.message


@pytest.mark.parametrize("kind", ["/dev/zero", "binary", "invalid UTF-8", "one long line"])
def test_a_file_that_is_not_text_is_refused_within_a_second(tmp_path, kind):
    if kind == "/dev/zero":
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
    else:
        path = tmp_path / "not-text"
        block = {
            "binary": bytes(range(256)),
            "invalid UTF-8": (HEADER + GOOD_ROW).encode() * 100 + b"caf\xe9\r\n",
            "one long line": b"a" * 4096,
        }[kind]
        path.write_bytes(block * (50_000_000 // len(block)))  # 50 MB
    start = time.perf_counter()
    with open(path, "rb") as stream, pytest.raises(ImportRefused) as refused:
        check_daily(stream, TODAY)
    assert time.perf_counter() - start < 1.0
    problems = refused.value.problems
    if kind == "invalid UTF-8":
        # The likely cause, then the first hundred lines that are not UTF-8.
        assert problems[0].line is None and "Windows-1252" in problems[0].message
        assert [p.line for p in problems[1:4]] == [201, 402, 603]
        assert (len(problems), refused.value.total) == (PROBLEMS_LISTED, 1 + PROBLEMS_LISTED)
    else:
        (problem,) = problems
        assert problem.line is not None


def test_the_notes_an_older_diary_holds_with_control_characters_are_refused_on_import(
    new_diary_location,
):
    """An export of an older diary, whose notes may hold ESC or OSC 52: every such line is
    listed, and nothing is imported."""
    text = (
        HEADER
        + "2026-11-01,3,,,,,no,\x1b]52;c;aGVsbG8=\x07\r\n"
        + "2026-11-02,3,,,,,no,fine\ttabbed\r\n"
        + '2026-11-03,3,,,,,no,"kept\r\nline breaks"\r\n'
        + "2026-11-05,3,,,,,no,\x1b[2Jblank\r\n"
        + "2026-11-06,3,,,,,no,c1 \x9b31m\x7f\r\n"
    )
    with pytest.raises(ImportRefused) as refused:
        check_daily(text.encode(), TODAY)
    assert [p.line for p in refused.value.problems] == [2, 6, 7]
    assert all("control characters" in p.message for p in refused.value.problems)
    assert "\\x1b" in str(refused.value.problems[0])  # shown escaped, never raw
    assert "\x1b" not in str(refused.value)
    with Diary.open(new_diary_location()) as target:
        with pytest.raises(ImportRefused):
            import_daily(target, text.encode(), TODAY)
        assert target.count_days() == 0


# -- repeated cells -------------------------------------------------------------------------

# A few cells, good then bad, drawn again and again: the import reads each distinct cell
# once. Half the files hold good cells only, so whole files are read as well as refused.
GOOD_CELLS = {
    "pain": ["0", "3", "10", " 4 "],
    "worst": ["", "10"],
    "places": ["", "lower-back:ache", "lower-back:stiff | hip-side:left", "knee|foot:right"],
    "exercises": [
        "",
        "walking:30min",
        "walking:15min | glute-bridge:3x10",
        "glute-bridge:3sets",
        "own-back-routine:10min",
    ],
    "medications": ["", "ibuprofen", "ibuprofen:400mg@08:00 | paracetamol@20:00 | ibuprofen"],
    "treatments": ["", "heat", "own-taping | tens"],
    "red_flags": ["", "trauma", "fever | trauma"],
    "bed_rest": ["no", "yes"],
    "note": ["", "Walked to work.", "'=1+1", "'"],
    "checkins": [
        "",
        '[{"at":"08:00","pain":3}]',
        '[{"at":"7:30","pain":0,"note":"a \\"quoted\\", | note\\n"},{"at":"21:00","pain":10}]',
    ],
    "peg": ["", "pain 4, enjoyment 6, activity 5", " Activity 0 ,pain 10,  enjoyment 3 "],
}
BAD_CELLS = {
    "pain": ["11", "-1", "x"],
    "worst": ["5", "2", "12"],  # below some pains
    "places": ["elbow", "knee:middle", "knee:left | knee:left:sharp"],
    "exercises": ["jogging", "walking | walking", "walking:0min", "glute-bridge:3x10:2sets"],
    "medications": ["ibuprofen@25:00", "ibuprofen:@08:00", "@08:00"],
    "treatments": ["cupping", "heat | heat"],
    "red_flags": ["dizzy", "fever | fever"],
    "bed_rest": ["often"],
    "note": [],
    "checkins": [
        '[{"at":"25:00","pain":3}]',
        '[{"at":"08:00","pain":11}]',
        '[{"at":"08:00","pain":4.5}]',
        '[{"at":"09:00","pain":2},{"at":"08:00","pain":3}]',
        '[{"at":"08:00","pain":3,"where":["hip-side:left"]}]',  # among some rows' places
        '[{"at":"08:00","pain":3,"where":["knee"]}]',
        '[{"at":"08:00"',
        '{"at":"08:00","pain":3}',
        '[{"at":"08:00","pain":3,"mood":"fine"}]',
    ],
    "peg": [
        "pain 11, enjoyment 6, activity 5",
        "pain 4.5, enjoyment 6, activity 5",
        "pain four, enjoyment 6, activity 5",
        "pain 4, enjoyment 6",
        "lots",
    ],
}


@st.composite
def repetitive_rows(draw) -> list[list[str]]:
    clean = draw(st.booleans())
    offsets = draw(st.lists(st.integers(0 if clean else -2, 60), unique=True, max_size=25))
    cells = {
        column: good if clean else good + BAD_CELLS[column] for column, good in GOOD_CELLS.items()
    }
    return [
        [(TODAY - timedelta(days=offset)).isoformat()]
        + [draw(st.sampled_from(cells[column])) for column in DAILY_COLUMNS[1:]]
        for offset in offsets
    ]


def _csv(rows: list[list[str]]) -> bytes:
    return (csv_line(DAILY_COLUMNS) + "".join(map(csv_line, rows))).encode()


def _parsed(data: bytes) -> tuple[list[DayLog], list[tuple[int | None, str]]]:
    """The days a file holds (read into a diary in memory), or its problems."""
    try:
        check_daily(data, TODAY)
    except ImportRefused as refused:
        return [], [(problem.line, problem.message) for problem in refused.problems]
    with Diary.open(":memory:") as scratch:
        import_daily(scratch, data, TODAY)
        return scratch.days(), []


@settings(max_examples=150, deadline=None)
@given(repetitive_rows())
def test_a_file_reads_as_its_rows_read_one_by_one(rows):
    logs, problems = _parsed(_csv(rows))
    alone = [_parsed(_csv([row])) for row in rows]
    expected = [
        (line, message)
        for line, (_logs, row_problems) in enumerate(alone, start=2)
        for _line, message in row_problems
    ]
    assert problems == expected
    if not expected:
        assert logs == sorted((log for row_logs, _ in alone for log in row_logs), key=day_of)


def test_a_refused_cell_is_refused_on_every_row_that_holds_it():
    rows = [
        [f"2026-11-0{n}", "3", "", "elbow", "walking", "", "", "", "no", "", "", ""]
        for n in (1, 2, 3)
    ]
    _logs, problems = _parsed(_csv(rows))
    assert problems == [
        (
            line,
            "places: 'elbow' is not accepted; expected one of "
            + ", ".join(x.slug for x in SEEDS.locations),
        )
        for line in (2, 3, 4)
    ]
