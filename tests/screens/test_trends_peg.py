"""The weekly PEG on Trends: its line above the charts, its series in the weekly chart, what
is said before any answer, and a new answer shown once the diary says it changed."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from pilot_helpers import settle
from textual.widgets import Static

from painlog.drawing.charts import draw_weeks
from painlog.drawing.palette import PEG_MARKER, Palette
from painlog.rules.peg import PEG_HOW, span_scores, weekly_scores
from painlog.rules.records import DayLog, PegAnswer
from painlog.rules.weekly import downsample, weekly_summaries
from painlog.screens.trends import TrendsScreen
from painlog.screens.widgets.charts import OverviewChart
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)  # a Saturday; this week (from Monday) is 16-22 Nov
MONDAY = date(2026, 11, 16)
OLDEST = MONDAY - timedelta(weeks=11)  # 31 Aug, the first of the 12 weeks Trends opens on

# Weeks back from this one, and the answers given in them.
ANSWERS = {0: (1, 2, 2), 1: (6, 7, 8), 4: (3, 2, 2), 6: (10, 10, 10), 11: (5, 5, 5)}


def answers() -> list[PegAnswer]:
    return [
        PegAnswer(MONDAY - timedelta(weeks=back, days=-2), *given)
        for back, given in ANSWERS.items()
    ]


@pytest.fixture
def peg_db(tmp_path) -> str:
    path = str(tmp_path / "peg.db")
    with Diary.open(path) as diary:
        diary.insert_days([DayLog(OLDEST + timedelta(days=3 * n), 2 + n % 5) for n in range(27)])
        for answer in answers():
            diary.answer_peg(answer, TODAY)
    return path


def line(app, name: str) -> str:
    return str(app.screen.query_one(f"#trends-{name}", Static).render())


async def open_trends(pilot) -> TrendsScreen:
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TrendsScreen)
    return pilot.app.screen


async def test_the_latest_peg_and_its_change_are_above_the_charts(peg_db):
    app = PainlogApp(db=peg_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        # 5/3 this week against 7 last week: exact, then rounded once.
        assert line(app, "peg") == (
            "PEG 1.7 in the week of 16 Nov (down 5.3 from 9 Nov), 5 of 12 weeks answered"
        )
        assert screen.query_one(OverviewChart).peg == weekly_scores(answers(), 0)
        await pilot.press("left")
        await settle(pilot)
        # 7 against 7/3 four weeks back; the oldest answer is now outside the 12 weeks.
        assert line(app, "peg") == (
            "PEG 7.0 in the week of 9 Nov (up 4.7 from 19 Oct), 4 of 12 weeks answered"
        )


async def test_weeks_before_the_first_answer_say_none_was_answered(peg_db):
    app = PainlogApp(db=peg_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trends(pilot)
        for _ in range(12):
            await pilot.press("left")
        await settle(pilot)
        assert line(app, "peg") == "PEG: no week answered in these 12 weeks"


async def test_a_diary_without_answers_says_how_to_give_them(tmp_path):
    app = PainlogApp(db=str(tmp_path / "fresh.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trends(pilot)
        assert line(app, "peg") == f"No PEG yet: {PEG_HOW}"
        assert "Today" in PEG_HOW and "painlog peg" in PEG_HOW
        # One line at 80 columns, as the summary's other lines.
        assert len(line(app, "peg")) <= 78
        assert app.screen.query_one("#trends-peg").size.height == 1


async def test_an_answer_given_elsewhere_shows_once_the_diary_has_changed(peg_db):
    app = PainlogApp(db=peg_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(pilot)
        with Diary.open(peg_db) as other:
            other.answer_peg(PegAnswer(TODAY, 4, 4, 4), TODAY)
        app.notify_logs_changed()
        await settle(pilot)
        assert line(app, "peg").startswith("PEG 4.0 in the week of 16 Nov (down 3.0 from 9 Nov)")
        assert screen.query_one(OverviewChart).peg[MONDAY] == 4


# --- what the weekly chart draws: the PEG's gaps are gaps ---------------------------------


class Recorder:
    """Stands in for plotext and keeps every line and every mark written, with its colour."""

    def __init__(self) -> None:
        self.lines: list[tuple[list, list, object]] = []
        self.texts: list[tuple[str, float, float, object]] = []

    def plot(self, xs, ys, color=None, **_kw):
        self.lines.append((list(xs), list(ys), color))

    def text(self, text, x, y, color=None, **_kw):
        self.texts.append((text, x, y, color))

    def __getattr__(self, _name):
        return lambda *args, **kwargs: None


PALETTE = Palette(pain="pain", maximum="max", peg="peg")


@pytest.mark.parametrize("width", [80, 160, 40])
def test_the_peg_line_never_crosses_a_week_without_answers(width):
    logs = [DayLog(OLDEST + timedelta(days=3 * n), 2 + n % 5) for n in range(27)]
    weeks = weekly_summaries(logs, 0, OLDEST, MONDAY)
    peg = weekly_scores(answers(), 0)
    plt = Recorder()
    points = draw_weeks(plt, weeks, PALETTE, width, 20, peg)
    scores = span_scores(points, peg)
    marks = [(x, y) for text, x, y, colour in plt.texts if text == PEG_MARKER]
    assert [y for _, y in marks] == [float(s) for s in scores if s is not None]
    assert all(colour == "peg" for text, *_, colour in plt.texts if text == PEG_MARKER)
    xs = [x for x, _ in marks]
    answered = [index for index, score in enumerate(scores) if score is not None]
    column = dict(zip(answered, xs, strict=True))
    # Each PEG line joins points of neighbouring answered weeks (or spans), and no other.
    joined = {(xs_[0], xs_[-1]) for xs_, _ys, colour in plt.lines if colour == "peg"}
    wanted = set()
    for run_start in answered:
        if run_start - 1 not in column:
            end = run_start
            while end + 1 in column:
                end += 1
            if end > run_start:
                wanted.add((column[run_start], column[end]))
    assert joined == wanted
    assert len(points) == len(weeks) or width == 40
    if width == 40:
        # Too narrow for 12 points of three marks and a space: spans of whole weeks, each
        # scored by the mean of its answered weeks.
        assert points == downsample(weeks, len(points)) and len(points) < len(weeks)


def test_weeks_without_any_answer_draw_as_before():
    logs = [DayLog(OLDEST + timedelta(days=3 * n), 2 + n % 5) for n in range(27)]
    weeks = weekly_summaries(logs, 0, OLDEST, MONDAY)
    with_none, without = Recorder(), Recorder()
    draw_weeks(with_none, weeks, PALETTE, 80, 20, {OLDEST - timedelta(weeks=1): Fraction(3)})
    draw_weeks(without, weeks, PALETTE, 80, 20)
    assert with_none.texts == without.texts and with_none.lines == without.lines
    assert not any(text == PEG_MARKER for text, *_ in without.texts)


def test_a_week_answered_but_not_logged_is_drawn_alone():
    weeks = weekly_summaries([], 0, OLDEST, MONDAY)
    plt = Recorder()
    draw_weeks(plt, weeks, PALETTE, 80, 20, {MONDAY: Fraction(7, 3)})
    assert [(text, y) for text, _x, y, _c in plt.texts if text == PEG_MARKER] == [
        (PEG_MARKER, 7 / 3)
    ]
    assert plt.lines == []
