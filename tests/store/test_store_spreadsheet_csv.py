"""A daily CSV through a spreadsheet and back: what LibreOffice and Gnumeric do to a file
when it is opened and saved again, and what a refusal then says."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painlog.rules.checkins import as_read, with_checkin
from painlog.rules.records import CheckIn, DayLog, ExerciseDone, Intake, PegAnswer, Place
from painlog.store.csv_format import BOM, DAILY_COLUMNS, Number, csv_line
from painlog.store.diary import Diary
from painlog.store.export import write_daily
from painlog.store.importer import ImportRefused, check_daily, import_daily

TODAY = date(2026, 11, 21)
LOGS = [
    with_checkin(
        DayLog(
            TODAY - timedelta(days=3),
            4,
            6,
            places=(Place("lower-back", "left", "ache"), Place("hip-side", "right")),
            exercises=(ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)),
            took=(Intake("ibuprofen", "400mg", time(8)), Intake("ibuprofen", None, time(14))),
            treated=("heat",),
            note="Long drive; stiff after.",
        ),
        TODAY - timedelta(days=3),
        CheckIn(time(17, 45), 5, (Place("hip-side", "right"),), 'stiff; "sore"\tafter,\r\n=1'),
    ),
    DayLog(TODAY - timedelta(days=2), 3, note="tab\there, and a comma"),
    DayLog(TODAY - timedelta(days=1), 2, bed_rest=True, note='a "quote"'),
    DayLog(TODAY, 1),
]
ANSWERS = [PegAnswer(TODAY - timedelta(days=5), 6, 5, 4), PegAnswer(TODAY, 2, 1, 0)]
"""One set for a day not logged (a row of its own), one on a logged day's row."""


def exported(logs=LOGS, bom: bool = True, answers=ANSWERS) -> str:
    stream = io.StringIO(newline="")
    write_daily(stream, logs, bom, answers)
    return stream.getvalue()


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def saved_as(rows: list[list[str]], delimiter: str = ",", quote_all: bool = False) -> str:
    """The rows as a spreadsheet writes them: another separator, every cell quoted."""
    stream = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(stream, delimiter=delimiter, quoting=quoting, lineterminator="\n").writerows(rows)
    return stream.getvalue()


def imported(text: str | bytes, tmp_path) -> tuple[list[DayLog], list[PegAnswer]]:
    """The days and the PEG answers of a file, imported into a new diary."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    check_daily(data, TODAY)
    path = str(tmp_path / f"d{len(list(tmp_path.iterdir()))}.db")
    with Diary.open(path) as diary:
        for slug in ("ibuprofen",):
            diary.add_medication(slug.capitalize())
        import_daily(diary, data, TODAY)
        return diary.days(), diary.peg_answers()


WRITTEN = (LOGS, ANSWERS)


def refusal(data: bytes) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        check_daily(data, TODAY)
    return [str(problem) for problem in refused.value.problems]


# -- what painlog writes ---------------------------------------------------------------------


def test_a_cell_with_a_semicolon_or_a_tab_is_quoted():
    lines = exported(answers=()).split("\r\n")
    assert ',"Long drive; stiff after.",' in lines[1]
    assert lines[1].endswith(
        ',"[{""at"":""17:45"",""pain"":5,""where"":[""hip-side:right""],'
        '""note"":""stiff; \\""sore\\""\\tafter,\\r\\n=1""}]",'
    )
    assert lines[2].endswith(',"tab\there, and a comma",,')
    assert lines[3].endswith(',"a ""quote""",,')
    assert lines[4].endswith(",no,,,")  # empty cells: nothing to quote


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        (["a", "b"], "a,b\r\n"),
        (["a;b", "c\td", 'e"f', "g,h", "i\nj", ""], '"a;b","c\td","e""f","g,h","i\nj",\r\n'),
        ([Number("-1.5"), "x"], "-1.5,x\r\n"),
        (["", ""], ",\r\n"),
    ],
)
def test_csv_line(cells, line):
    assert csv_line(cells) == line


# -- what a spreadsheet writes back ------------------------------------------------------------


def test_libreoffice_adds_an_empty_column_at_the_end(tmp_path):
    text = "".join(line + ",\r\n" for line in exported().split("\r\n") if line)
    assert imported(text, tmp_path) == WRITTEN


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("quote_all", [False, True])
def test_a_semicolon_or_tab_separated_save_is_read(tmp_path, delimiter, quote_all):
    text = saved_as(rows_of(exported()), delimiter, quote_all)
    assert imported(text, tmp_path) == WRITTEN


def test_year_first_dates_with_slashes_are_read(tmp_path):
    rows = rows_of(exported())
    for row in rows[1:]:
        year, month, day = row[0].split("-")
        row[0] = f"{year}/{int(month)}/{day}"
    assert imported(saved_as(rows), tmp_path) == WRITTEN


def test_no_byte_order_mark_and_every_number_quoted(tmp_path):
    text = saved_as(rows_of(exported(bom=False)), quote_all=True)
    assert imported(text, tmp_path) == WRITTEN


def test_a_row_of_empty_cells_is_a_blank_line(tmp_path):
    rows = rows_of(exported())
    rows.insert(2, [""] * len(DAILY_COLUMNS))
    assert imported(saved_as(rows), tmp_path) == WRITTEN


def test_day_first_dates_are_still_refused():
    rows = rows_of(exported())
    rows[1][0] = "18/11/2026"
    assert refusal(saved_as(rows).encode()) == [
        "line 2: date: '18/11/2026' is not accepted; expected an ISO date such as 2026-11-03 "
        "(or 2026/11/03)"
    ]


# -- refusals that name the cause ----------------------------------------------------------


def test_a_windows_1252_save_lists_every_line_with_the_cause():
    rows = rows_of(exported())
    rows[1][-1] = "Café after the walk"
    rows[3][-1] = "Slept à la maison"
    problems = refusal(saved_as(rows).encode("cp1252"))
    assert problems[0].startswith("the file was saved as Windows-1252 (or Latin-1): save it")
    assert problems[1:] == [
        "line 2: byte 0xe9 is not UTF-8 text; expected a file saved as UTF-8",
        "line 4: byte 0xe0 is not UTF-8 text; expected a file saved as UTF-8",
    ]


def test_a_utf16_save_says_so():
    problems = refusal(exported(bom=False).encode("utf-16"))
    assert problems[0].startswith("the file was saved as UTF-16 (Excel's Unicode Text)")


def test_an_empty_column_in_the_middle_is_named():
    rows = rows_of(exported())
    for row in rows:
        row.insert(3, "")
    problems = refusal(saved_as(rows).encode())
    assert problems == [
        "line 1: 13 columns: a spreadsheet added an empty column 4; delete it and save again "
        f"(expected {','.join(DAILY_COLUMNS)})"
    ]


def test_an_empty_column_in_an_older_file_is_named_against_its_header():
    rows = [row[:10] for row in rows_of(exported(answers=())) if row[0] != "date"]
    rows.insert(0, list(DAILY_COLUMNS[:10]))
    for row in rows:
        row.insert(3, "")
    problems = refusal(saved_as(rows).encode())
    assert problems == [
        "line 1: 11 columns: a spreadsheet added an empty column 4; delete it and save again "
        f"(expected {','.join(DAILY_COLUMNS[:10])})"
    ]


def test_a_missing_column_is_named():
    note = DAILY_COLUMNS.index("note")
    rows = [row[:note] + row[note + 1 :] for row in rows_of(exported())]
    problems = refusal(saved_as(rows).encode())
    assert problems[0].startswith("line 1: 11 columns, without note; expected date,")
    # A file from before check-ins without its note: the note is what it lacks.
    rows = [row[:note] for row in rows_of(exported())]
    problems = refusal(saved_as(rows).encode())
    assert problems[0].startswith("line 1: 9 columns, without note; expected date,")


def test_a_full_row_with_more_columns_than_the_header_is_still_refused():
    rows = rows_of(exported())
    rows[2].append("surprise")
    problems = refusal(saved_as(rows).encode())
    assert problems == [
        f"line 3: 13 fields, expected 12 ({', '.join(DAILY_COLUMNS)}); "
        "is the row cut short or a comma unquoted?"
    ]


# -- the property -------------------------------------------------------------------------

notes = st.text(st.sampled_from(list("ab ;,\t\"'é=+-@|")), max_size=12)
SAVES = [
    lambda text: text,
    lambda text: "".join(line + ",\r\n" for line in text.split("\r\n") if line),
    lambda text: saved_as(rows_of(text), ";", quote_all=True),
    lambda text: saved_as(rows_of(text), "\t"),
    lambda text: saved_as(rows_of(text), ",", quote_all=True),
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pains=st.lists(st.integers(0, 10), min_size=1, max_size=6),
    texts=st.lists(notes, min_size=6, max_size=6),
    checked_in=st.lists(st.booleans(), min_size=6, max_size=6),
    answered=st.lists(st.integers(0, 10), max_size=3),
    save=st.sampled_from(range(len(SAVES))),
)
def test_any_spreadsheet_save_imports_the_same_days(
    tmp_path, pains, texts, checked_in, answered, save
):
    logs = []
    for i, pain in enumerate(pains):
        log = DayLog(TODAY - timedelta(days=i), pain, note=texts[i].strip())
        if checked_in[i]:
            # The whole note, spaces too: inside JSON a spreadsheet keeps them.
            log = as_read(with_checkin(log, log.day, CheckIn(time(12, i), pain, (), texts[i])))
        logs.append(log)
    logs.sort(key=lambda log: log.day)
    # A week apart, so each stands for its own week; some on logged days, some not.
    answers = [PegAnswer(TODAY - timedelta(weeks=i), n, 10 - n, n) for i, n in enumerate(answered)]
    answers.sort(key=lambda answer: answer.day)
    text = SAVES[save](exported(logs, answers=answers))
    assert imported(text, tmp_path) == (logs, answers)


# -- files saved by the real programs (tests/store/fixtures/spreadsheets/make_fixtures.sh) --

SAVED = Path(__file__).parent / "fixtures" / "spreadsheets"
GOLDEN_DAILY = Path(__file__).parent / "golden" / "daily.csv"


def _golden_days(tmp_path) -> tuple[list[DayLog], list[PegAnswer]]:
    return _imported_file(GOLDEN_DAILY, tmp_path / "golden.db")


def _imported_file(path: Path, db: Path) -> tuple[list[DayLog], list[PegAnswer]]:
    data = path.read_bytes()
    with Diary.open(str(db)) as diary:
        import_daily(diary, data, TODAY)
        return diary.days(), diary.peg_answers()


@pytest.mark.parametrize(
    "name", ["gnumeric.csv", "libreoffice-comma.csv", "libreoffice-semicolon.csv"]
)
def test_a_file_saved_again_by_a_spreadsheet_imports_the_same_days(tmp_path, name):
    expected, answers = _golden_days(tmp_path)
    found, found_answers = _imported_file(SAVED / name, tmp_path / "saved.db")
    assert len(answers) == 3 and found_answers == answers
    # Check-ins and their notes come back whole: JSON wrote the line breaks as `\r\n`.
    assert any("\r\n" in x.note for log in found for x in log.checkins)
    if name.startswith("libreoffice"):
        # LibreOffice saves every line break inside a cell as a line feed: the notes
        # holding CRLF or CR are the one difference.
        expected = [
            replace(log, note=log.note.replace("\r\n", "\n").replace("\r", "\n"))
            for log in expected
        ]
    assert found == expected


def test_a_windows_1252_save_from_libreoffice_is_refused_with_its_cause(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        check_daily((SAVED / "libreoffice-windows-1252.csv").read_bytes(), TODAY)
    problems = [str(problem) for problem in refused.value.problems]
    assert problems[0].startswith("the file was saved as Windows-1252")
    assert problems[1:] == ["line 23: byte 0xc7 is not UTF-8 text; expected a file saved as UTF-8"]


@pytest.mark.parametrize(
    ("cell", "note"),
    [
        ("'=1+1", "=1+1"),  # as painlog wrote it
        ("=1+1", "=1+1"),  # a spreadsheet took the ' off
        ("''quoted", "'quoted"),  # as painlog wrote it
        ("'quoted", "'quoted"),  # a spreadsheet took one ' off: never written by painlog
        ("'\nline", "\nline"),  # a spreadsheet turned the CR after ' into LF
        ("plain", "plain"),
    ],
)
def test_one_leading_quote_is_dropped_only_where_painlog_put_it(cell, note):
    from painlog.store.csv_format import restore

    assert restore(cell) == note
