"""`painlog chart` with the weekly PEG: the latest score and its change under the trend line,
and each answered week's score on the weekly chart, read back from the printed text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from chart_reading import read_chart
from cli_results import ok

from painlog.rules.peg import weekly_scores
from painlog.rules.records import PegAnswer
from painlog.store.demo import fill_demo
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)
MONDAY = date(2026, 11, 16)

# Weeks back from this one, and the answers given in them: 8 of the 12 weeks.
ANSWERS = {
    0: (3, 3, 2),
    1: (4, 5, 4),
    2: (6, 7, 7),
    3: (7, 8, 8),
    5: (4, 4, 3),
    6: (4, 5, 5),
    9: (5, 6, 6),
    11: (6, 6, 7),
}


def answers() -> list[PegAnswer]:
    return [PegAnswer(MONDAY - timedelta(weeks=back), *x) for back, x in ANSWERS.items()]


@pytest.fixture(scope="module")
def peg_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("peg") / "peg.db"
    with Diary.open(str(path)) as diary:
        fill_demo(diary, 16, 1, TODAY)
        for answer in diary.peg_answers():  # the demo's own, replaced by these
            diary.forget_peg(answer.day)
        for answer in answers():
            diary.answer_peg(answer, TODAY)
    return path


@pytest.fixture
def peg_db(tmp_path, peg_template) -> Path:
    copy = tmp_path / "peg.db"
    copy.write_bytes(peg_template.read_bytes())
    return copy


def weekly_chart(stdout: str) -> str:
    """The weekly chart: the first block after the sentences."""
    return stdout.split("\n\n")[1]


def test_chart_prints_the_latest_peg_and_draws_every_answered_week(run_cli, peg_db):
    out = ok(run_cli("chart", "--db", peg_db, env={"COLUMNS": "100", "LINES": "50"}))
    lines = out.splitlines()
    assert lines[2] == "12-week trend: weekly mean 4.0 -> 3.0 (down 1.0)"
    # 8/3 against 13/3 the week before.
    assert lines[3] == "PEG 2.7 in the week of 16 Nov (down 1.7 from 9 Nov), 8 of 12 weeks answered"
    chart = read_chart(weekly_chart(out))
    assert chart.title == "Weekly pain, 12 weeks: mean ● and max ▪, PEG score ▲"
    axis = chart.value_axis()
    assert axis is not None and axis.problems() == []
    scores = weekly_scores(answers(), 0)
    wanted = [float(scores[start]) for start in sorted(scores)]
    marks = chart.marks("▲")
    assert len(marks) == len(wanted) == 8
    for (column, row), value in zip(marks, wanted, strict=True):
        assert axis.off_by(row, value) == 0, (column, row, value)
    # Each answered week's mark sits one column left of its mean, under the same date.
    means = chart.marks("●")
    assert {column + 1 for column, _ in marks} <= {column for column, _ in means}


def test_as_of_an_earlier_day_reads_no_later_answer(run_cli, peg_db):
    out = ok(run_cli("chart", "--db", peg_db, "--as-of", "2026-11-01", "--weeks", "6"))
    lines = out.splitlines()
    # 23/3 against 11/3 two weeks before; the answers of 2, 9 and 16 Nov are later.
    assert lines[3] == "PEG 7.7 in the week of 26 Oct (up 4.0 from 12 Oct), 3 of 6 weeks answered"
    assert len(read_chart(weekly_chart(out)).marks("▲")) == 3


def test_weeks_merged_to_fit_score_the_mean_of_their_answered_weeks(run_cli, peg_db):
    out = ok(run_cli("chart", "--db", peg_db, "--weeks", "16", env={"COLUMNS": "40"}))
    chart = read_chart(weekly_chart(out))
    assert all(len(line) <= 40 for line in weekly_chart(out).splitlines())
    axis = chart.value_axis()
    assert axis is not None
    # 36 columns give 9 points of four columns: spans of two weeks, counted back from this
    # one, each scored by the exact mean of its answered weeks.
    scores = weekly_scores(answers(), 0)
    spans = [
        [scores.get(MONDAY - timedelta(weeks=back)) for back in (pair + 1, pair)]
        for pair in range(0, 16, 2)
    ]
    wanted = [
        float(sum(found) / len(found))
        for found in ([s for s in span if s is not None] for span in reversed(spans))
        if found
    ]
    marks = chart.marks("▲")
    assert len(marks) == len(wanted)
    for (_column, row), value in zip(marks, wanted, strict=True):
        assert axis.off_by(row, value) == 0


def test_a_diary_with_answers_and_no_logs_still_draws_them(run_cli, tmp_path):
    path = tmp_path / "answers-only.db"
    with Diary.open(str(path)) as diary:
        diary.answer_peg(PegAnswer(MONDAY - timedelta(weeks=2), 2, 3, 4), TODAY)
    out = ok(run_cli("chart", "--db", path))
    lines = out.splitlines()
    assert lines[2:4] == [
        "12-week trend: nothing logged",
        "PEG 3.0 in the week of 2 Nov (the first answered), 1 of 12 weeks answered",
    ]
    chart = read_chart(weekly_chart(out))
    assert len(chart.marks("▲")) == 1
    assert chart.marks("●") == []  # no week logged, no pain drawn


def test_a_diary_without_answers_says_how_to_give_them(run_cli, tmp_path):
    path = tmp_path / "demo.db"
    with Diary.open(str(path)) as diary:
        fill_demo(diary, 16, 1, TODAY)
        for answer in diary.peg_answers():
            diary.forget_peg(answer.day)
    out = ok(run_cli("chart", "--db", path))
    assert out.splitlines()[3] == (
        "No PEG yet: answer it from Today or run painlog peg PAIN ENJOYMENT ACTIVITY"
    )
    assert "▲" not in out and "PEG score" not in out
