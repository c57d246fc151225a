"""The weekly and daily CSV exports: golden files, spreadsheet safety, ranges, private files."""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painlog.rules.checkins import with_checkin
from painlog.rules.entry import InvalidInput
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Intake, PegAnswer, Place, Profile
from painlog.rules.weekly import WEEK_START_SETTING
from painlog.store.csv_format import (
    BOM,
    DAILY_COLUMNS,
    FORMULA_STARTS,
    SEPARATOR,
    WEEKLY_COLUMNS,
    neutralise,
    restore,
)
from painlog.store.diary import Diary
from painlog.store.export import (
    daily_cells,
    default_weekly_range,
    export_diary,
    weekly_rows,
    write_daily,
    write_weekly,
)
from painlog.store.files import write_private
from painlog.store.importer import import_daily

TODAY = date(2026, 11, 21)  # a Saturday
GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("PAINLOG_UPDATE_GOLDEN") == "1"

NOTES = {
    date(2026, 11, 2): '=HYPERLINK("http://example.com","click")',
    date(2026, 11, 3): "+44 20 7946 0000 called",
    date(2026, 11, 4): "-2 after the walk",
    date(2026, 11, 9): "@home all day",
    date(2026, 11, 10): "\tindented with a tab",
    date(2026, 11, 11): "\rstarts with a carriage return",
    date(2026, 11, 12): "'already quoted",
    date(2026, 11, 16): 'Slept badly, "really" badly\nsecond line\r\nthird line',
    date(2026, 11, 17): "Ça va — 痛い 🙂, naïve café",
}


CHECKIN_NOTES = (
    'Stiff on waking, "better" after a shower',
    "=1+1, a tab\there | a bar\r\nnew line; 痛い 🙂",
)
"""Check-in notes with what a CSV, a spreadsheet or JSON could trip over."""


def logged_by_checkins() -> DayLog:
    """16 Nov as logged only through two check-ins: its pain (2) and worst (3) are theirs."""
    day = date(2026, 11, 16)
    morning = CheckIn(time(7, 30), 1, (Place("lower-back", "left", "ache"),), CHECKIN_NOTES[0])
    evening = CheckIn(time(21, 10), 3, (Place("hip-side", "right"),), CHECKIN_NOTES[1])
    log = with_checkin(with_checkin(None, day, morning), day, evening)
    return replace(log, exercises=(ExerciseDone("walking"),))


PEG_ANSWERS = (
    PegAnswer(date(2026, 10, 18), 4, 6, 5),  # a Sunday not logged: a row of its own
    PegAnswer(date(2026, 10, 30), 5, 7, 6),  # in the week with no log
    PegAnswer(date(2026, 11, 21), 3, 2, 2),  # on a logged day's row
)


def fixed_history() -> list[DayLog]:
    """Six weeks with every kind of field, a gap week, an emergency sign, hostile notes and
    check-ins (a day logged through them alone, and one beside the day's own pain)."""
    logs = [
        DayLog(date(2026, 10, 12), 3, places=(Place("lower-back", "left", "ache"),)),
        DayLog(date(2026, 10, 13), 4, worst=5, places=(Place("lower-back", "left", "ache"),)),
        DayLog(date(2026, 10, 14), 3, exercises=(ExerciseDone("walking", minutes=30),)),
        DayLog(date(2026, 10, 15), 3, exercises=(ExerciseDone("glute-bridge", 3, 10),)),
        DayLog(
            date(2026, 10, 19),
            5,
            places=(Place("hip-side", "right", "sharp"), Place("upper-back")),
        ),
        DayLog(
            date(2026, 10, 20),
            6,
            worst=8,
            bed_rest=True,
            took=(
                Intake("ibuprofen", "400mg", time(8, 0)),
                Intake("paracetamol"),
                Intake("ibuprofen", "400 mg", time(14, 30)),
            ),
            treated=("heat",),
        ),
        DayLog(date(2026, 10, 21), 6, exercises=(ExerciseDone("pigeon-pose", reps=12),)),
        DayLog(
            date(2026, 10, 22),
            7,
            worst=9,
            flags=("fever", "trauma"),
            took=(Intake("ibuprofen"),),
            treated=("own-kinesio-taping", "massage"),
        ),
        # 26 Oct - 1 Nov: nothing logged
        DayLog(date(2026, 11, 2), 6, exercises=(ExerciseDone("swimming", 2, None, 20),)),
        DayLog(date(2026, 11, 3), 5, places=(Place("buttock", "both"),)),
        DayLog(date(2026, 11, 4), 5, exercises=(ExerciseDone("walking", minutes=45),)),
        DayLog(date(2026, 11, 9), 4, exercises=(ExerciseDone("walking", minutes=30),)),
        DayLog(date(2026, 11, 10), 3, places=(Place("knee", None, "stiff"),)),
        DayLog(date(2026, 11, 11), 3, exercises=(ExerciseDone("glute-bridge", 3, 12, 10),)),
        DayLog(date(2026, 11, 12), 2),
        logged_by_checkins(),
        DayLog(date(2026, 11, 17), 2, places=(Place("thigh-back", "left", "tingling"),)),
        DayLog(date(2026, 11, 20), 1, flags=("saddle-numbness",)),
        DayLog(
            date(2026, 11, 21),
            2,
            worst=3,
            places=(Place("lower-back", "left", "ache"), Place("hip-side", "right")),
            exercises=(ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)),
            checkins=(CheckIn(time(9, 0), 2, (Place("hip-side", "right"),)),),
        ),
    ]
    return [replace(log, note=NOTES.get(log.day, "")) for log in logs]


@pytest.fixture
def history_diary(new_diary_location):
    with Diary.open(new_diary_location()) as diary:
        diary.add_medication("Ibuprofen")
        diary.add_medication("Paracetamol")
        diary.add_treatment("Kinesio taping")
        diary.insert_days(fixed_history())
        for answer in PEG_ANSWERS:
            diary.answer_peg(answer, TODAY)
        diary.save_profile(Profile(birth_year=1960), TODAY)
        yield diary


def read_csv(text: str) -> list[list[str]]:
    """The cells as a spreadsheet's CSV reader sees them (after the byte order mark)."""
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), strict=True))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE:
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} changed; PAINLOG_UPDATE_GOLDEN=1 rewrites it"


# -- golden files ----------------------------------------------------------------------------


def test_daily_export_matches_the_golden_file(history_diary):
    export = export_diary(history_diary, "daily", TODAY)
    check_golden("daily.csv", export.text)
    assert export.start == date(2026, 10, 12)
    assert export.end == TODAY
    # A row for each logged day, and one for each day with PEG answers and no log.
    assert len(export.rows) == len(fixed_history()) + 2


def test_weekly_export_matches_the_golden_file(history_diary):
    export = export_diary(history_diary, "weekly", TODAY)
    check_golden("weekly.csv", export.text)
    # Default range: the episode still open today, which began on the first painful log.
    assert (export.start, export.end) == (date(2026, 10, 12), TODAY)


def test_golden_files_are_utf8_with_bom_and_crlf_only():
    for name in ("daily.csv", "weekly.csv"):
        data = (GOLDEN / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        data.decode("utf-8")
        # Every LF outside a quoted note ends a record with CRLF.
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert data.endswith(b"\r\n")
        assert data.count(b"\r\n") >= len(records)


# -- what the weekly rows say ---------------------------------------------------------------


def weekly(history_diary) -> list[dict[str, str]]:
    rows = read_csv(export_diary(history_diary, "weekly", TODAY).text)
    assert tuple(rows[0]) == WEEKLY_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_weekly_has_one_row_per_week_and_nothing_else(history_diary):
    rows = weekly(history_diary)
    starts = [row["week_start"] for row in rows]
    assert starts == [str(date(2026, 10, 12) + timedelta(weeks=n)) for n in range(6)]
    for row in rows:
        assert row["week_end"] == str(date.fromisoformat(row["week_start"]) + timedelta(6))
    assert [row["episode_week"] for row in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [row["duration_class"] for row in rows] == ["acute"] * 6  # 40 days so far


def test_weekly_figures(history_diary):
    first, second, gap, fourth, fifth, last = weekly(history_diary)
    assert (first["days_logged"], first["mean_pain"], first["min_pain"]) == ("4", "3.2", "3")
    assert (first["max_pain"], first["max_worst"]) == ("4", "5")
    assert first["places"] == "lower-back (2)"
    assert first["exercises"] == f"glute-bridge (1){SEPARATOR}walking (1)"  # ties by name
    assert first["exercise_sessions"] == "2"
    assert second["mean_pain"] == "6.0"
    assert second["mean_change_vs_previous_week"] == "2.8"  # 6 - 3.25 = 2.75
    assert second["bed_rest_days"] == "1"
    assert second["red_flags"] == f"fever{SEPARATOR}trauma"
    assert "worsening" in second["alerts"].split(SEPARATOR)
    # A week with no log stays visible, with no figures (a gap is not zero pain).
    assert gap["days_logged"] == "0"
    assert gap["mean_pain"] == gap["min_pain"] == gap["mean_change_vs_previous_week"] == ""
    assert fourth["mean_change_vs_previous_week"] == ""  # the week before has no log
    assert fifth["mean_change_vs_previous_week"] == "-2.3"  # 3 - 5.33
    assert last["alerts"].split(SEPARATOR)[0] == "emergency"
    assert last["red_flags"] == "saddle-numbness"


def test_change_since_the_first_week_in_points_and_percent(history_diary):
    rows = weekly(history_diary)
    first = rows[0]
    assert first["change_since_first_week_points"] == "0.0"
    assert first["change_since_first_week_percent"] == "0.0"
    assert rows[1]["change_since_first_week_points"] == "2.8"
    assert rows[1]["change_since_first_week_percent"] == "84.6"  # 2.75 / 3.25
    assert rows[2]["change_since_first_week_points"] == ""
    # Last week: 1.75 - 3.25 = -1.5 points, -46.2%
    assert rows[5]["change_since_first_week_points"] == "-1.5"
    assert rows[5]["change_since_first_week_percent"] == "-46.2"


def test_each_week_has_its_peg_answers_and_score(history_diary):
    rows = weekly(history_diary)
    peg = [
        tuple(row[column] for column in ("peg_pain", "peg_enjoyment", "peg_activity", "peg_score"))
        for row in rows
    ]
    assert peg == [
        ("4", "6", "5", "5.0"),
        ("", "", "", ""),
        ("5", "7", "6", "6.0"),  # a week with no log may have its PEG
        ("", "", "", ""),
        ("", "", "", ""),
        ("3", "2", "2", "2.3"),  # 7 / 3, to one decimal as the mean pain
    ]


def test_the_answers_standing_for_a_week_are_its_latest_by_the_first_weekday(history_diary):
    # Given for Sunday 15 Nov (weeks from Monday), then for Saturday 14 Nov once weeks
    # start on Sunday: each week of either kind holds two sets.
    history_diary.answer_peg(PegAnswer(date(2026, 11, 15), 10, 10, 10), TODAY)
    history_diary.set_setting(WEEK_START_SETTING, "sunday")
    history_diary.answer_peg(PegAnswer(date(2026, 11, 14), 1, 2, 2), TODAY)
    rows = {row["week_start"]: row["peg_score"] for row in weekly(history_diary)}
    assert (rows["2026-11-08"], rows["2026-11-15"]) == ("1.7", "2.3")  # 14 and 21 Nov's
    history_diary.set_setting(WEEK_START_SETTING, "monday")
    rows = {row["week_start"]: row["peg_score"] for row in weekly(history_diary)}
    assert (rows["2026-11-09"], rows["2026-11-16"]) == ("10.0", "2.3")  # 15 and 21 Nov's


def test_an_episode_that_ends_on_a_weeks_first_day_is_that_weeks_episode():
    # Pain every day from Monday 24 Aug to Monday 7 Sep, then 14 logged pain-free days
    # close the episode: its last painful day, 7 Sep, is the first day of a week.
    painful = [DayLog(date(2026, 8, 24) + timedelta(days=n), 4) for n in range(15)]
    free = [DayLog(date(2026, 9, 8) + timedelta(days=n), 0) for n in range(14)]
    rows = weekly_rows(painful + free, Profile(), TODAY, date(2026, 8, 31), date(2026, 9, 20))
    assert [(row.episode_week, row.duration_class) for row in rows] == [
        (2, "acute"),
        (3, "acute"),
        (None, None),
    ]


def test_first_week_without_logs_is_not_the_baseline():
    logs = [DayLog(date(2026, 11, 10), 4), DayLog(date(2026, 11, 17), 2)]
    rows = weekly_rows(logs, Profile(), TODAY, date(2026, 11, 2), TODAY)
    assert [row.change_since_first for row in rows] == [None, 0, -2]
    assert rows[2].change_since_first_percent == -50


def test_a_zero_baseline_has_no_percentage():
    logs = [DayLog(date(2026, 11, 10), 0), DayLog(date(2026, 11, 17), 2)]
    rows = weekly_rows(logs, Profile(), TODAY, date(2026, 11, 9), TODAY)
    assert rows[1].change_since_first == 2
    assert rows[1].change_since_first_percent is None


def test_default_range_is_the_last_12_weeks_without_an_episode(new_diary_location):
    logs = [DayLog(TODAY - timedelta(days=n), 0) for n in range(30)]
    start, end = default_weekly_range(logs, Profile(), TODAY)
    assert end == TODAY
    assert start == date(2026, 8, 31)  # the Monday 11 weeks before this week's
    with Diary.open(new_diary_location()) as diary:
        diary.insert_days(logs)
        export = export_diary(diary, "weekly", TODAY)
    assert len(export.rows) == 12
    assert all(row[2] == "" and row[3] == "" for row in export.rows)  # no episode


def test_an_onset_in_the_profile_starts_the_default_range():
    logs = [DayLog(date(2026, 11, 18), 4)]
    start, _end = default_weekly_range(logs, Profile(onset=date(2026, 9, 1)), TODAY)
    assert start == date(2026, 9, 1)


def test_weeks_follow_the_first_weekday_setting(history_diary):
    history_diary.set_setting(WEEK_START_SETTING, "sunday")
    rows = read_csv(export_diary(history_diary, "weekly", TODAY).text)[1:]
    assert date.fromisoformat(rows[0][0]).weekday() == 6


def test_a_range_picks_whole_weeks(history_diary):
    export = export_diary(history_diary, "weekly", TODAY, date(2026, 11, 4), date(2026, 11, 10))
    assert [row[0] for row in export.rows] == ["2026-11-02", "2026-11-09"]
    # Logged days of those weeks before --from count: weeks are whole.
    assert export.rows[0][4] == "3"


def test_daily_range_is_exact(history_diary):
    export = export_diary(history_diary, "daily", TODAY, date(2026, 11, 3), date(2026, 11, 9))
    assert [row[0] for row in export.rows] == ["2026-11-03", "2026-11-04", "2026-11-09"]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (None, TODAY + timedelta(days=1), "to"),
        (date(2026, 11, 10), date(2026, 11, 9), "from"),
        (TODAY + timedelta(days=1), None, "from"),
    ],
)
def test_a_range_that_cannot_be_meant_is_refused(history_diary, start, end, field):
    with pytest.raises(InvalidInput) as refused:
        export_diary(history_diary, "weekly", TODAY, start, end)
    assert refused.value.field == field


def test_tied_counts_read_the_same_whatever_the_hash_seed():
    """Week figures come from sets; the cell orders ties by name, not by hash order."""
    import subprocess
    import sys

    code = (
        "from datetime import date\n"
        "from painlog.rules.records import DayLog, ExerciseDone, Place\n"
        "from painlog.store.export import weekly_rows\n"
        "from painlog.rules.records import Profile\n"
        "ex = tuple(ExerciseDone(s) for s in ('yoga','walking','swimming','pilates','hero-pose'))\n"
        "pl = tuple(Place(s) for s in ('knee','foot','calf','buttock'))\n"
        "logs = [DayLog(date(2026,11,16), 3, places=pl, exercises=ex)]\n"
        "row = weekly_rows(logs, Profile(), date(2026,11,21), date(2026,11,16),"
        " date(2026,11,21))[0]\n"
        "print(row.cells()[10], row.cells()[12])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1
    assert outputs.pop().startswith("buttock (1) | calf (1) | foot (1) | knee (1)")


# -- spreadsheet safety ----------------------------------------------------------------------


def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(history_diary):
    rows = read_csv(export_diary(history_diary, "daily", TODAY).text)
    notes = {row[0]: row[DAILY_COLUMNS.index("note")] for row in rows[1:]}
    for day, note in NOTES.items():
        cell = notes[day.isoformat()]
        if note.startswith((*FORMULA_STARTS, "'")):
            assert cell == "'" + note
        else:
            assert cell == note
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS)


def test_number_cells_stay_numbers_even_when_negative(history_diary):
    rows = weekly(history_diary)
    negative = [row["mean_change_vs_previous_week"] for row in rows]
    assert "-2.3" in negative
    for row in rows:
        for column in (
            "mean_change_vs_previous_week",
            "change_since_first_week_points",
            "change_since_first_week_percent",
            "mean_pain",
            "peg_score",
        ):
            if row[column]:
                float(row[column])  # a plain number, dot as decimal separator
                assert not row[column].startswith("'")
                assert row[column] != "-0.0"


def test_a_slug_like_text_cell_is_neutralised_too():
    # Every text cell goes through the same escape, whatever column it is in.
    row = WEEKLY_COLUMNS  # header cells are plain names
    assert all(neutralise(name) == name for name in row)
    assert neutralise("-hip") == "'-hip"


@given(st.text())
def test_neutralise_is_undone_exactly(text):
    escaped = neutralise(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert restore(escaped) == text


def test_notes_with_commas_quotes_newlines_and_unicode_read_back_whole(history_diary):
    text = export_diary(history_diary, "daily", TODAY).text
    rows = read_csv(text)
    notes = {row[0]: row[DAILY_COLUMNS.index("note")] for row in rows[1:]}
    assert notes["2026-11-16"] == NOTES[date(2026, 11, 16)]
    assert notes["2026-11-17"] == "Ça va — 痛い 🙂, naïve café"
    assert all(len(row) == len(DAILY_COLUMNS) for row in rows)


def test_daily_cells_use_the_command_line_grammar():
    log = DayLog(
        TODAY,
        4,
        places=(Place("lower-back", "left", "sharp"), Place("hip-side", None, "ache")),
        exercises=(
            ExerciseDone("glute-bridge", 3, 10),
            ExerciseDone("walking", minutes=30),
            ExerciseDone("pigeon-pose", reps=12),
            ExerciseDone("yoga", sets=2),
        ),
        flags=("fever",),
        took=(Intake("ibuprofen", "400 mg", time(8, 5)), Intake("ibuprofen"), Intake("co-codamol")),
        treated=("heat", "own-taping"),
    )
    cells = dict(zip(DAILY_COLUMNS, daily_cells(log), strict=True))
    assert cells["places"] == "lower-back:left:sharp | hip-side:ache"
    assert cells["exercises"] == "glute-bridge:3x10 | walking:30min | pigeon-pose:12r | yoga:2sets"
    assert cells["medications"] == "ibuprofen:400 mg@08:05 | ibuprofen | co-codamol"
    assert cells["treatments"] == "heat | own-taping"
    assert cells["red_flags"] == "fever"
    assert cells["bed_rest"] == "no"


def expected_checkin_cells() -> list[str]:
    """The `checkins` cells of `fixed_history`, as written by hand from the README's form."""
    return [
        '[{"at":"07:30","pain":1,"where":["lower-back:left:ache"],'
        '"note":"Stiff on waking, \\"better\\" after a shower"},'
        '{"at":"21:10","pain":3,"where":["hip-side:right"],'
        '"note":"=1+1, a tab\\there | a bar\\r\\nnew line; 痛い 🙂"}]',
        '[{"at":"09:00","pain":2,"where":["hip-side:right"]}]',
    ]


def test_checkins_are_compact_json_with_their_keys_in_order(history_diary):
    rows = read_csv(export_diary(history_diary, "daily", TODAY).text)
    cells = [row[DAILY_COLUMNS.index("checkins")] for row in rows[1:]]
    assert [cell for cell in cells if cell] == expected_checkin_cells()
    for cell in cells:
        # Never a line break or tab (a spreadsheet turns CR into LF), never a formula.
        assert not any(mark in cell for mark in "\r\n\t")
        assert cell == "" or cell.startswith("[")


def test_a_check_in_without_places_or_note_leaves_their_keys_out():
    log = with_checkin(None, TODAY, CheckIn(time(6, 5), 0))
    cells = dict(zip(DAILY_COLUMNS, daily_cells(log), strict=True))
    assert cells["checkins"] == '[{"at":"06:05","pain":0}]'
    assert daily_cells(DayLog(TODAY, 3))[DAILY_COLUMNS.index("checkins")] == ""


def test_peg_answers_go_on_their_days_row_or_a_row_of_their_own(history_diary):
    rows = read_csv(export_diary(history_diary, "daily", TODAY).text)
    by_day = {row[0]: dict(zip(DAILY_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_day["2026-11-21"]["peg"] == "pain 3, enjoyment 2, activity 2"
    assert by_day["2026-11-21"]["pain"] == "2"
    assert by_day["2026-11-20"]["peg"] == ""
    alone = by_day["2026-10-18"]
    assert alone["peg"] == "pain 4, enjoyment 6, activity 5"
    assert [column for column, cell in alone.items() if cell] == ["date", "peg"]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])


def test_a_daily_range_keeps_the_peg_answers_of_its_days(history_diary):
    export = export_diary(history_diary, "daily", TODAY, date(2026, 10, 16), date(2026, 10, 19))
    assert [row[0] for row in export.rows] == ["2026-10-18", "2026-10-19"]
    # Without a range, the first day of the file may be one of PEG answers alone.
    history_diary.answer_peg(PegAnswer(date(2026, 10, 5), 1, 1, 1), TODAY)
    assert export_diary(history_diary, "daily", TODAY).start == date(2026, 10, 5)


def test_writers_write_to_any_text_stream():
    logs = [DayLog(TODAY, 3)]
    buffer = io.StringIO(newline="")
    assert write_daily(buffer, logs, bom=False) == 1
    header = (
        "date,pain,worst,places,exercises,medications,treatments,red_flags,bed_rest,note,"
        "checkins,peg\r\n"
    )
    assert buffer.getvalue() == header + "2026-11-21,3,,,,,,,no,,,\r\n"
    buffer = io.StringIO(newline="")
    rows = weekly_rows(logs, Profile(), TODAY, TODAY, TODAY)
    assert write_weekly(buffer, rows) == 1
    assert buffer.getvalue().startswith(BOM + "week_start,")


def test_an_empty_diary_exports_a_header_only(diary):
    export = export_diary(diary, "daily", TODAY)
    assert export.text == BOM + ",".join(DAILY_COLUMNS) + "\r\n"
    assert export.rows == []


# -- private files ---------------------------------------------------------------------------


def test_written_file_is_private_and_never_overwritten_unasked(tmp_path):
    path = tmp_path / "out.csv"
    old_umask = os.umask(0)
    try:
        write_private(path, "a,b\r\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_private(path, "other")
    assert path.read_bytes() == b"a,b\r\n"


def test_overwrite_replaces_and_makes_the_file_private(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "né\r\n", overwrite=True)
    assert path.read_bytes() == "né\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", broken)
    with pytest.raises(OSError):
        write_private(path, "a")
    with pytest.raises(OSError):
        write_private(tmp_path / "other.csv", "a", overwrite=True)
    assert list(tmp_path.iterdir()) == []


# -- in a real spreadsheet, when one is installed ---------------------------------------------


def _ods_cells(path: Path) -> list[list[tuple[str | None, str | None, str]]]:
    """(value type, formula, text) of each cell of a flat ODS file, row by row."""
    import xml.etree.ElementTree as ElementTree

    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    rows = []
    for row in ElementTree.parse(path).getroot().iter(table + "table-row"):
        cells = []
        for cell in row.findall(table + "table-cell"):
            repeated = int(cell.get(table + "number-columns-repeated", "1"))
            if repeated > 100:
                break  # the empty rest of the row
            paragraphs = ["".join(p.itertext()) for p in cell.iter(text + "p")]
            value = (cell.get(office + "value-type"), cell.get(table + "formula"))
            cells += [(*value, "\n".join(paragraphs))] * repeated
        if cells:
            rows.append(cells)
    return rows


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_numbers_as_numbers_and_runs_no_formula(tmp_path, history_diary):
    """Open both exports in LibreOffice Calc with formula evaluation on, as a person might."""
    import subprocess

    for kind in ("daily", "weekly"):
        (tmp_path / f"{kind}.csv").write_text(
            export_diary(history_diary, kind, TODAY).text, encoding="utf-8", newline=""
        )
    # comma, double quote, UTF-8, from line 1, ..., evaluate formulas (token 13) on
    options = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            f"--infilter={options}",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "daily.csv"),
            str(tmp_path / "weekly.csv"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    daily = _ods_cells(tmp_path / "daily.fods")
    weekly = _ods_cells(tmp_path / "weekly.fods")
    assert [cell[2] for cell in daily[0]] == list(DAILY_COLUMNS)  # the BOM is not in the name
    assert [cell[2] for cell in weekly[0]] == list(WEEKLY_COLUMNS)
    for row in daily[1:] + weekly[1:]:
        assert all(formula is None for _type, formula, _text in row)
    notes = {row[0][2]: row[DAILY_COLUMNS.index("note")][2] for row in daily[1:]}
    assert "Ça va — 痛い 🙂, naïve café" in notes.values()
    assert "second line\nthird line" in notes[next(d for d in notes if "Slept" in notes[d])]
    logged = [row for row in daily[1:] if row[1][2]]  # not the rows of PEG answers alone
    assert len(logged) == len(fixed_history())
    assert all(row[1][0] == "float" and row[0][0] == "date" for row in logged)
    checkins = [row[DAILY_COLUMNS.index("checkins")] for row in logged]
    assert [cell for cell in checkins if cell[2]] == [
        ("string", None, text) for text in expected_checkin_cells()
    ]
    pegs = [row[DAILY_COLUMNS.index("peg")][2] for row in daily[1:]]
    assert "pain 3, enjoyment 2, activity 2" in pegs
    changes = [row[9] for row in weekly[1:] if row[9][2]]
    assert ("float", None, "-2.3") in changes


def test_a_daily_file_from_before_medications_imports_with_none(new_diary_location):
    """A daily export written by schema 3 (no medications or treatments columns) imports
    as it always did, and exports again as the same rows with the two columns empty."""
    old = (GOLDEN / "daily-schema-3.csv").read_bytes()
    with Diary.open(new_diary_location()) as diary:
        result = import_daily(diary, old, TODAY)
        again = export_diary(diary, "daily", TODAY).text
        assert result.medications_added == () and result.treatments_added == ()
        assert all(day.took == () and day.treated == () for day in diary.days())
    old_rows = read_csv(old.decode("utf-8"))
    new_rows = read_csv(again)
    assert new_rows[0] == list(DAILY_COLUMNS)
    widened = [[*row[:5], "", "", *row[5:], "", ""] for row in old_rows[1:]]
    assert new_rows[1:] == widened


def test_a_daily_file_from_before_check_ins_imports_with_none(new_diary_location):
    """A daily export written by schema 5 (no checkins or peg columns) imports as it always
    did, and exports again as the same rows with the two columns empty."""
    old = (GOLDEN / "daily-schema-5.csv").read_bytes()
    with Diary.open(new_diary_location()) as diary:
        result = import_daily(diary, old, TODAY)
        again = export_diary(diary, "daily", TODAY).text
        assert (result.answers_added, diary.peg_answers()) == (0, [])
        assert all(day.checkins == () for day in diary.days())
    old_rows = read_csv(old.decode("utf-8"))
    new_rows = read_csv(again)
    assert new_rows[0] == list(DAILY_COLUMNS)
    assert new_rows[1:] == [[*row, "", ""] for row in old_rows[1:]]


def test_the_golden_daily_file_brings_its_medications_and_own_treatments(new_diary_location):
    data = (GOLDEN / "daily.csv").read_bytes()
    with Diary.open(new_diary_location()) as diary:
        result = import_daily(diary, data, TODAY)
        assert [x.slug for x in result.medications_added] == ["ibuprofen", "paracetamol"]
        assert [(x.slug, x.name) for x in result.treatments_added] == [
            ("own-kinesio-taping", "Kinesio taping")
        ]
        assert export_diary(diary, "daily", TODAY).text.encode("utf-8") == data
