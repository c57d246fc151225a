"""The charts tell the truth: every drawn mark sits where its value says, at every size.

A diary with chosen values (0, 1, 2, 3, 5, 9 and 10, weeks whose max is their mean or one
above it, a week not logged) is drawn by the Trends screen at four terminal sizes and by
`painlog chart` at the same widths and heights. Each chart's text is read back
(`chart_reading`) and every day and week is checked against its own value:

* a line chart labels its rows with whole numbers, one row or more per point, and each
  mark sits on the row nearest its value;
* a bar form (for a chart too short to give each point its own row) has one labelled bar
  per item, lengths in proportion to the values, and the number printed;
* no series hides another: every logged day and week has all of its marks;
* the weekly PEG score (a second diary: the same logs and answers in 8 of the 12 weeks,
  one of them a week not logged) sits on the same scale as the pain: a mark on its row in
  a line chart, its number after its week's bar in a bar form, nothing for a week not
  answered.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from chart_reading import BAR, Canvas, bar_rows, read_chart
from pilot_helpers import settle

from painlog.cli.chart import chart_text
from painlog.drawing.charts import NO_ROOM_FOR_PEG
from painlog.rules.peg import weekly_scores
from painlog.rules.records import DayLog, ExerciseDone, PegAnswer, Place
from painlog.rules.weekly import (
    OVERVIEW_WEEKS,
    WeekSummary,
    daily_exercises,
    daily_pain,
    daily_worst,
    location_name,
    weekday_labels,
    weekly_summaries,
)
from painlog.rules.windows import format_mean
from painlog.store.diary import Diary
from painlog.tui.app import PainlogApp

TODAY = date(2026, 11, 21)  # a Saturday; the week shown runs Monday 16 to Sunday 22 Nov
MONDAY = date(2026, 11, 16)
SIZES = [(60, 20), (80, 24), (120, 40), (200, 50)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]

EXERCISES = ("glute-bridge", "bridge-march", "hamstring-curl")
PLACES = ("lower-back", "hip-side", "sacroiliac", "buttock", "upper-back")

# This week, Monday to Saturday (Sunday is still to come): pain, worst, exercises, places.
THIS_WEEK = [
    (0, None, 1, ("lower-back",)),
    (1, None, 3, ("lower-back", "hip-side")),
    (2, 3, 0, ("lower-back", "sacroiliac")),
    (3, 9, 2, ("lower-back", "hip-side", "buttock")),
    (5, 5, 1, ("lower-back", "sacroiliac")),
    (10, None, 0, ("hip-side", "upper-back")),
]
# The eleven weeks before, oldest first: each week's pains (None: a week not logged).
EARLIER_WEEKS = [
    [5, 5],  # mean 5, max 5: equal
    [3, 5, 4],  # mean 4, max 5: one apart
    None,
    [1, 1],
    [0, 0],
    [9, 10],
    [10],
    [2, 3],
    [5, 6],
    [9],
    [4, 5, 6],  # mean 5, max 6: one apart
]


def chosen_logs() -> list[DayLog]:
    logs = []
    for back, pains in enumerate(reversed(EARLIER_WEEKS), start=1):
        start = MONDAY - timedelta(weeks=back)
        for offset, pain in enumerate(pains or []):
            logs.append(DayLog(start + timedelta(days=offset), pain))
    for offset, (pain, worst, exercises, places) in enumerate(THIS_WEEK):
        logs.append(
            DayLog(
                MONDAY + timedelta(days=offset),
                pain,
                worst=worst,
                exercises=tuple(ExerciseDone(slug) for slug in EXERCISES[:exercises]),
                places=tuple(Place(slug) for slug in places),
            )
        )
    return logs


# The PEG answers of the twelve weeks, oldest first (None: not answered): equal to the
# week's mean (5), thirds (13/3, 8/3, 7/3, 5/3), both ends of the scale, and a week
# answered but not logged (the third).
CHOSEN_PEG = [
    (5, 5, 5),
    (4, 5, 4),
    (2, 3, 3),
    None,
    (0, 0, 0),
    (10, 10, 10),
    None,
    (3, 2, 2),
    None,
    None,
    (6, 7, 8),
    (1, 2, 2),
]


def chosen_answers() -> list[PegAnswer]:
    """Each week's answers, given on a different day of its week."""
    oldest = MONDAY - timedelta(weeks=OVERVIEW_WEEKS - 1)
    return [
        PegAnswer(oldest + timedelta(weeks=index, days=index % 6), *answers)
        for index, answers in enumerate(CHOSEN_PEG)
        if answers is not None
    ]


def chosen_peg() -> dict[date, Fraction]:
    return weekly_scores(chosen_answers(), 0)


def chosen_weeks() -> list[WeekSummary]:
    oldest = MONDAY - timedelta(weeks=OVERVIEW_WEEKS - 1)
    return weekly_summaries(chosen_logs(), 0, oldest, MONDAY)


@pytest.fixture(scope="module")
def chosen_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("truth") / "chosen.db")
    with Diary.open(path) as diary:
        diary.insert_days(chosen_logs())
    return path


@pytest.fixture(scope="module")
def peg_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("truth") / "chosen-peg.db")
    with Diary.open(path) as diary:
        diary.insert_days(chosen_logs())
        for answer in chosen_answers():
            diary.answer_peg(answer, TODAY)
    return path


def test_the_chosen_weeks_hold_the_values_the_checks_are_about():
    weeks = chosen_weeks()
    assert len(weeks) == OVERVIEW_WEEKS
    assert [(w.mean, w.max_pain) for w in weeks[:2]] == [(5, 5), (4, 5)]
    assert weeks[2].mean is None
    assert daily_pain(weeks[-1]) == (0, 1, 2, 3, 5, 10, None)
    assert daily_exercises(weeks[-1]) == (1, 3, 0, 2, 1, 0, None)
    peg = chosen_peg()
    assert [peg.get(week.start) for week in weeks] == [
        None if answers is None else Fraction(sum(answers), 3) for answers in CHOSEN_PEG
    ]
    assert weeks[2].mean is None and weeks[2].start in peg  # answered, not logged
    assert peg[weeks[0].start] == weeks[0].mean  # the PEG mark beside an equal mean


# --- the checks, one per chart ---------------------------------------------------------------


def _nearest(canvas: Canvas, what: str, char: str, values: list[float]) -> list[str]:
    """Marks `char` left to right against `values` in order, on a whole-number row scale."""
    axis = canvas.value_axis()
    assert axis is not None
    marks = canvas.marks(char)
    if len(marks) != len(values):
        return [f"{what}: {len(marks)} marks {char} for {len(values)} values {values}"]
    problems = []
    for (column, row), value in zip(marks, values, strict=True):
        off = axis.off_by(row, value)
        if off:
            problems.append(
                f"{what}: {value:g} drawn at column {column} on the row for "
                f"{axis.value_at(row):.2f} ({off:.1f} rows from its own)"
            )
    return problems


def _bars(
    canvas: Canvas, what: str, expected: dict[str, float | None], exact: bool = True
) -> tuple[list[str], dict[str, object]]:
    """Check a bar form: one labelled bar per item, in proportion, with its number printed.

    Returns the problems and the bar row of each expected label.
    """
    problems = []
    rows = bar_rows(canvas)
    unlabelled = [row.row for row in rows if not row.label and BAR in row.text]
    if unlabelled:
        problems.append(f"{what}: bar rows without a label at {unlabelled}")
    found = {}
    for label in expected:
        matches = [row for row in rows if row.label == label]
        if len(matches) == 1:
            found[label] = matches[0]
    # The scale, read from the longest bar (a bar of a mean is rounded to whole cells).
    drawn = [(value, found[label].cells) for label, value in expected.items() if label in found]
    longest = max(((v, c) for v, c in drawn if v), default=(1.0, 1))
    per_point = longest[1] / longest[0] if exact else round(longest[1] / longest[0])
    if per_point < 1:
        problems.append(f"{what}: {per_point:.2f} cells per point; values share lengths")
    for label, value in expected.items():
        row = found.get(label)
        if row is None:
            continue
        if not row.contiguous:
            problems.append(f"{what}: the bar of {label} is broken")
        if value is None:
            if row.cells or row.numbers():
                problems.append(f"{what}: {label} was not logged but reads {row.text.strip()!r}")
            continue
        length = value * per_point
        if abs(row.cells - length) > (1e-9 if exact else 0.5 + 1e-9):
            problems.append(
                f"{what}: {label} {value:g} drawn {row.cells} cells long, not {length:g}"
            )
        if not row.numbers() or abs(row.numbers()[0] - value) > 0.05:
            problems.append(f"{what}: {label} {value:g} does not print its number")
    return problems, found


def check_daily_pain(text: str, week: WeekSummary) -> list[str]:
    canvas = read_chart(text)
    pains, worsts = daily_pain(week), daily_worst(week)
    axis = canvas.value_axis()
    if axis is not None:
        problems = [f"pain by day: {p}" for p in axis.problems()]
        problems += _nearest(canvas, "pain", "●", [p for p in pains if p is not None])
        problems += _nearest(canvas, "worst", "◆", [w for w in worsts if w is not None])
        rule = [row for row, line in enumerate(canvas.rows) if line.count("─") >= len(line) // 3]
        if len(rule) != 1 or axis.off_by(rule[0], float(week.mean)):
            problems.append(f"pain by day: the mean {float(week.mean):.2f} is not on its row")
        return problems
    labels = _day_labels(canvas)
    expected = dict(zip(labels, pains, strict=True))
    problems, found = _bars(canvas, "pain by day", expected)
    missing = [label for label in labels if label not in found]
    if missing:
        problems.append(f"pain by day: no labelled bar for {missing}")
    for label, worst in zip(labels, worsts, strict=True):
        row = found.get(label)
        shown = row is None or worst is None or ("◆" in row.text and worst in row.numbers())
        if not shown:
            problems.append(f"pain by day: {label}'s worst {worst} is not shown")
    return problems


def _day_labels(canvas: Canvas) -> list[str]:
    """The weekday labels as the chart spells them (three letters, or two when narrow)."""
    names = weekday_labels(0)
    if any(label in names for label in canvas.labels):
        return list(names)
    return [name[:2] for name in names]


def check_exercise(text: str, week: WeekSummary) -> list[str]:
    canvas = read_chart(text)
    counts = daily_exercises(week)
    axis = canvas.value_axis()
    if axis is None:
        labels = _day_labels(canvas)
        problems, found = _bars(canvas, "exercise", dict(zip(labels, counts, strict=True)))
        missing = [label for label in labels if label not in found]
        return problems + ([f"exercise: no labelled bar for {missing}"] if missing else [])
    # Upright bars: each run of bar columns is one day with exercise, left to right.
    heights, previous = [], False
    for column in range(len(canvas.rows[0])):
        height = sum(1 for line in canvas.rows if line[column] == BAR)
        if height and not previous:
            heights.append(height)
        elif height:
            heights[-1] = max(heights[-1], height)
        previous = bool(height)
    wanted = [count for count in counts if count]
    if len(heights) != len(wanted):
        return [f"exercise: {len(heights)} bars for {len(wanted)} days with exercise"]
    per_session = {height / count for height, count in zip(heights, wanted, strict=True)}
    if len(per_session) != 1 or min(per_session) < 1:
        return [f"exercise: bar heights {heights} are not in proportion to {wanted}"]
    return []


def check_places(text: str, week: WeekSummary) -> list[str]:
    canvas = read_chart(text)
    names = {_place_label(slug, canvas): days for slug, days in week.place_days.items()}
    problems, found = _bars(canvas, "places", dict(names))
    room = len(canvas.rows)
    if len(found) < min(room, len(names)):
        problems.append(f"places: {len(found)} of {len(names)} shown with {room} rows")
    if len(found) < len(names) and "more" not in canvas.title:
        problems.append("places: the places left out are not counted")
    for row in bar_rows(canvas):
        if row.label and row.label not in names:
            problems.append(f"places: a bar labelled {row.label!r} is no place logged")
    return problems


def _place_label(slug: str, canvas: Canvas) -> str:
    """The label of a place as drawn: its name, or its name cut short with an ellipsis."""
    name = location_name(slug)
    for label in canvas.labels:
        if label and (label == name or (label.endswith("…") and name.startswith(label[:-1]))):
            return label
    return name


def check_overview(
    text: str, weeks: list[WeekSummary], peg: dict[date, Fraction] | None = None
) -> list[str]:
    canvas = read_chart(text)
    axis = canvas.value_axis()
    logged = [week for week in weeks if week.mean is not None]
    peg = peg or {}
    if axis is not None:
        problems = [f"weeks: {p}" for p in axis.problems()]
        problems += _nearest(canvas, "weekly mean", "●", [float(w.mean) for w in logged])
        problems += _nearest(canvas, "weekly max", "▪", [w.max_pain for w in logged])
        scores = [float(peg[w.start]) for w in weeks if w.start in peg]
        problems += _nearest(canvas, "weekly PEG", "▲", scores)
        if scores and "▲" not in canvas.title:
            problems.append("weeks: the PEG's mark is not in the key")
        return problems
    canvas, printed, note = _peg_apart(canvas)
    labels = {f"{week.start.day} {week.start:%b}": week for week in weeks}
    means = {label: None if w.mean is None else float(w.mean) for label, w in labels.items()}
    problems, found = _bars(canvas, "weeks", means, exact=False)
    if f"{weeks[-1].start.day} {weeks[-1].start:%b}" not in found:
        problems.append("weeks: the newest week is not shown")
    if len(found) < min(len(weeks), len(canvas.rows) - note):
        problems.append(f"weeks: {len(found)} weeks shown with {len(canvas.rows)} rows")
    if len(found) < len(weeks) and str(len(found)) not in canvas.title:
        problems.append("weeks: the title does not say how many weeks are shown")
    # The max: its own mark, at its own length on the same scale as the mean's bar.
    cells = {
        label: row.text.index("▪")
        for label, row in found.items()
        if labels[label].max_pain and "▪" in row.text
    }
    per_point = max((cells[label] / labels[label].max_pain for label in cells), default=1)
    for label, row in found.items():
        week = labels[label]
        if week.mean is None:
            continue
        if "▪" not in row.text:
            problems.append(f"weeks: the max of {label} is hidden")
        elif row.text.index("▪") != round(week.max_pain * per_point):
            problems.append(f"weeks: the max {week.max_pain} of {label} is not at its length")
        if week.max_pain not in row.numbers():
            problems.append(f"weeks: the max {week.max_pain} of {label} is not printed")
    # The PEG: its score after its week's numbers, or, where there is no room for every
    # week's, for none (and a line saying so).
    for label in found:
        score = peg.get(labels[label].start)
        wanted = None if score is None or note else format_mean(score)
        if printed.get(label) != wanted:
            problems.append(f"weeks: the PEG of {label} reads {printed.get(label)}, not {wanted}")
    if any(printed.values()) and "▲" not in canvas.title:
        problems.append("weeks: the PEG's mark is not in the key")
    return problems


def _peg_apart(canvas: Canvas) -> tuple[Canvas, dict[str, str], bool]:
    """A bar form without the PEG scores printed on its rows, the score printed on each
    labelled row (its text after `▲`), and whether a line says there is no room for them."""
    rows, printed = [], {}
    for label, text in zip(canvas.labels, canvas.rows, strict=True):
        before, mark, after = text.partition("▲")
        if mark:
            printed[label] = after.split()[0]
        rows.append(before.ljust(len(text)))
    note = any(NO_ROOM_FOR_PEG in text for text in canvas.rows)
    if note:
        rows = [text for text in rows if NO_ROOM_FOR_PEG not in text]
        labels = [
            label
            for label, text in zip(canvas.labels, canvas.rows, strict=True)
            if NO_ROOM_FOR_PEG not in text
        ]
    else:
        labels = canvas.labels
    return Canvas(canvas.title, rows, labels, canvas.below), printed, note


# --- the Trends screen ------------------------------------------------------------------


async def trends_charts(db: str, size: tuple[int, int], today: date = TODAY) -> dict[str, str]:
    """Each Trends chart's plain text, drawn at its own size in a terminal of `size`."""
    app = PainlogApp(db=db, today=today)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        return {
            name: str(app.screen.query_one(f"#chart-{name}").render())
            for name in ("daily", "exercise", "overview", "places")
        }


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_every_chart_on_the_trends_screen_draws_each_value_where_it_belongs(chosen_db, size):
    charts = await trends_charts(chosen_db, size)
    weeks = chosen_weeks()
    problems = (
        check_daily_pain(charts["daily"], weeks[-1])
        + check_exercise(charts["exercise"], weeks[-1])
        + check_places(charts["places"], weeks[-1])
        + check_overview(charts["overview"], weeks)
    )
    assert problems == [], "\n".join(problems) + "\n\n" + "\n\n".join(charts.values())


async def test_an_empty_panel_says_why(tmp_path):
    charts = await trends_charts(str(tmp_path / "empty.db"), (80, 24))
    assert "No days logged this week" in charts["daily"]
    assert "No days logged this week" in charts["exercise"]
    assert "No places logged this week" in charts["places"]
    assert f"No days logged in these {OVERVIEW_WEEKS} weeks" in charts["overview"]


# --- painlog chart --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_painlog_chart_draws_each_value_where_it_belongs(size):
    weeks = chosen_weeks()
    overview, daily = chart_text(weeks, 0, *size, colour=False).split("\n\n")
    problems = check_overview(overview, weeks) + check_daily_pain(daily, weeks[-1])
    assert problems == [], "\n".join(problems) + "\n\n" + overview + "\n\n" + daily


# --- the PEG beside the pain ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_trends_screen_draws_each_weeks_peg_where_it_belongs(peg_db, size):
    charts = await trends_charts(peg_db, size)
    weeks, peg = chosen_weeks(), chosen_peg()
    problems = check_overview(charts["overview"], weeks, peg)
    assert problems == [], "\n".join(problems) + "\n\n" + charts["overview"]
    if size == (60, 20):
        # The week of 19 Oct (max 10, PEG 10.0) leaves no room for "▲10.0" on its row.
        assert NO_ROOM_FOR_PEG in charts["overview"]
    else:
        assert "▲" in charts["overview"]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_painlog_chart_draws_each_weeks_peg_where_it_belongs(size):
    weeks, peg = chosen_weeks(), chosen_peg()
    overview, daily = chart_text(weeks, 0, *size, colour=False, peg=peg).split("\n\n")
    problems = check_overview(overview, weeks, peg) + check_daily_pain(daily, weeks[-1])
    assert problems == [], "\n".join(problems) + "\n\n" + overview
    assert len(read_chart(overview).marks("▲")) == len(peg)


def test_a_bar_form_prints_every_weeks_peg_or_none():
    """The bar form in the overview's width at 60, 80 and 120 columns: the PEG of every
    week shown, or, when one week's would be cut, of none, and a line saying so."""
    import plotext as plt

    from painlog.drawing.charts import draw_weeks
    from painlog.drawing.palette import NO_COLOUR

    weeks, peg = chosen_weeks(), chosen_peg()

    def drawn(chosen: list[WeekSummary], width: int) -> str:
        plt.clear_figure()
        plt.limitsize(False, False)
        plt.plotsize(width, 12)
        plt.theme("clear")
        draw_weeks(plt, chosen, NO_COLOUR, width, 12, peg)
        return plt.uncolorize(plt.build())

    # With the week of max 10 and PEG 10.0, whose row then needs 24 columns, and without.
    for chosen, narrow_room in ((weeks[:6], False), (weeks[7:11], True)):
        for width in (30, 40, 60):
            text = drawn(chosen, width)
            problems = check_overview(text, chosen, peg)
            assert problems == [], "\n".join(problems) + "\n\n" + text
            room = width > 30 or narrow_room
            assert (NO_ROOM_FOR_PEG not in text) == room, text
            assert ("▲" in text) == room, text
