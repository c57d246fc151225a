"""The exports' fast paths write what the plain per-log functions write, cell for cell."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEEDS, exercises, places

from painlog.rules.records import PAIN_MAX, PAIN_MIN, DayLog, ExerciseDone, Place
from painlog.store.csv_format import FORMULA_STARTS, QUOTE_PREFIX, escaped
from painlog.store.diary import Diary
from painlog.store.export import daily_cells, export_diary, write_daily

TODAY = date(2026, 11, 21)

# Notes and own words that a spreadsheet would run, or that start with the escape itself.
hostile = st.sampled_from([*FORMULA_STARTS, QUOTE_PREFIX, "", "a"]).flatmap(
    lambda first: st.text(max_size=8).map(lambda rest: first + rest)
)


@st.composite
def day_logs(draw) -> DayLog:
    pain = draw(st.integers(PAIN_MIN, PAIN_MAX))
    return DayLog(
        day=draw(st.dates(date(2020, 1, 1), TODAY)),
        pain=pain,
        worst=draw(st.none() | st.integers(pain, PAIN_MAX)),
        places=tuple(
            draw(st.lists(places(), max_size=3, unique_by=lambda p: (p.location, p.side)))
        ),
        exercises=tuple(draw(st.lists(exercises, max_size=3, unique_by=lambda e: e.slug))),
        flags=tuple(
            draw(st.lists(st.sampled_from([x.slug for x in SEEDS.red_flags]), unique=True))
        ),
        bed_rest=draw(st.booleans()),
        note=draw(hostile | st.text(st.characters(codec="utf-8", exclude_characters="\x00"))),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(day_logs(), max_size=12, unique_by=lambda log: log.day))
def test_the_daily_export_is_the_daily_cells_of_every_log(logs):
    with Diary.open(":memory:") as diary:
        diary.insert_days(logs)
        loaded = diary.days()
        export = export_diary(diary, "daily", TODAY)
    assert export.rows == [escaped(daily_cells(log)) for log in loaded]
    buffer = io.StringIO(newline="")
    write_daily(buffer, loaded)
    assert export.text == buffer.getvalue()


def test_repeated_places_and_exercises_are_shared_and_kept_in_order():
    walk, bridge = ExerciseDone("walking", minutes=30), ExerciseDone("glute-bridge", 3, 10)
    back, hip = Place("lower-back", "left", "ache"), Place("hip-side", "right")
    logs = [
        DayLog(date(2026, 11, 1), 3, places=(back, hip), exercises=(walk, bridge)),
        DayLog(date(2026, 11, 2), 4, places=(hip, back), exercises=(bridge, walk)),
        DayLog(date(2026, 11, 3), 5, places=(back, hip), exercises=(walk, bridge)),
    ]
    with Diary.open(":memory:") as diary:
        diary.insert_days(logs)
        loaded = diary.days()
        rows = export_diary(diary, "daily", TODAY).rows
    assert loaded == logs
    assert loaded[0].places[0] is loaded[2].places[0]
    assert [row[3] for row in rows] == [
        "lower-back:left:ache | hip-side:right",
        "hip-side:right | lower-back:left:ache",
        "lower-back:left:ache | hip-side:right",
    ]
    assert rows[1][4] == "glute-bridge:3x10 | walking:30min"
