"""Properties: any valid day saved is the day loaded; invalid pain never gets that far."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import SEEDS, exercises, minutes, note_characters, places, with_checkins

from painlog.rules.entry import InvalidInput, check_day, check_pain
from painlog.rules.records import PAIN_MAX, PAIN_MIN, DayLog, Intake
from painlog.store.diary import Diary

TODAY = date(2026, 11, 21)

pains = st.integers(PAIN_MIN, PAIN_MAX)
# Any text a person can type or paste (see strategies.note_characters; lone surrogates:
# test_a_note_that_is_not_unicode_text_is_refused).
notes = st.text(note_characters, max_size=500)
short_notes = st.text(note_characters, max_size=20)


@st.composite
def day_logs(draw, notes=notes) -> DayLog:
    pain = draw(pains)
    return DayLog(
        day=draw(st.dates(date(1990, 1, 1), TODAY)),
        pain=pain,
        worst=draw(st.none() | st.integers(pain, PAIN_MAX)),
        places=tuple(
            draw(st.lists(places(), max_size=6, unique_by=lambda p: (p.location, p.side)))
        ),
        exercises=tuple(draw(st.lists(exercises, max_size=6, unique_by=lambda e: e.slug))),
        flags=tuple(
            draw(st.lists(st.sampled_from([x.slug for x in SEEDS.red_flags]), unique=True))
        ),
        bed_rest=draw(st.booleans()),
        note=draw(notes),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(log=day_logs(), second=day_logs())
def test_any_valid_day_round_trips(new_diary_location, log, second):
    check_day(log, TODAY)
    with Diary.open(new_diary_location()) as diary:
        assert diary.save_day(log, TODAY) is True
        assert diary.load_day(log.day) == log
        assert diary.days() == [log]
        # Saving another valid day for the same date replaces it entirely.
        replacement = DayLog(
            log.day,
            second.pain,
            second.worst,
            second.places,
            second.exercises,
            second.flags,
            second.bed_rest,
            second.note,
        )
        assert diary.save_day(replacement, TODAY) is False
        assert diary.load_day(log.day) == replacement
        assert diary.count_days() == 1


treatments = st.lists(
    st.sampled_from([x.slug for x in SEEDS.treatments]), max_size=3, unique=True
).map(tuple)
MEDICATIONS = ("Ibuprofen", "Paracetamol")
"""The medications the diary of `test_a_changed_day_reads_back_as_changed_whatever_it_kept`
holds; their slugs are their names in lower case."""
intakes = st.lists(
    st.builds(
        Intake,
        st.sampled_from([name.lower() for name in MEDICATIONS]),
        st.none() | st.sampled_from(["200 mg", "1 g"]),
        st.none() | minutes,
    ),
    max_size=3,
).map(tuple)


@st.composite
def changes(draw) -> tuple[DayLog, DayLog]:
    """A day as stored and the day a change makes of it: each kind of item (places,
    exercises, signs, treatments, intakes, check-ins) either kept as it was or drawn anew, so a
    write meets every mix of kinds that changed and kinds that did not. Check-ins, the
    places they name and the pain they set go together, as the rules keep them."""
    held = draw(day_logs(short_notes))
    held = replace(held, treated=draw(treatments), took=draw(intakes))
    if draw(st.booleans()):
        held = draw(with_checkins(held, held.day))
    other = draw(day_logs(short_notes))
    other = replace(other, day=held.day, treated=draw(treatments), took=draw(intakes))
    if draw(st.booleans()):
        other = draw(with_checkins(other, held.day))
    with_them = ("places", "checkins", "pain", "worst", "pain_from_checkins", "worst_from_checkins")
    places = with_them if held.checkins or other.checkins else ("places",)
    groups = [places, ("exercises",), ("flags",), ("treated",), ("took",)]
    kept = draw(st.lists(st.sampled_from(groups), unique=True))
    changed = replace(other, **{kind: getattr(held, kind) for group in kept for kind in group})
    return held, changed


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(change=changes())
def test_a_changed_day_reads_back_as_changed_whatever_it_kept(new_diary_location, change):
    """`change_day` rewrites only the kinds of item that changed: what it kept and what it
    rewrote read back as the change made them, and the days around are untouched."""
    held, changed = change
    neighbour = replace(held, day=held.day - timedelta(days=1))
    with Diary.open(new_diary_location()) as diary:
        for name in MEDICATIONS:
            diary.add_medication(name)
        check_day(changed, TODAY, diary.catalogue())
        diary.insert_days([neighbour, held])
        before, after = diary.change_day(held.day, lambda stored: changed, TODAY)
        assert before is not None and before.log == held
        assert after.log == changed
        assert diary.load_day(held.day) == changed
        assert diary.load_day(neighbour.day) == neighbour


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(logs=st.lists(day_logs(short_notes), max_size=5, unique_by=lambda log: log.day))
def test_any_valid_days_bulk_insert_and_load_in_date_order(new_diary_location, logs):
    with Diary.open(new_diary_location()) as diary:
        diary.insert_days(logs)
        assert diary.days() == sorted(logs, key=lambda log: log.day)


invalid_pains = (
    st.integers(max_value=PAIN_MIN - 1)
    | st.integers(min_value=PAIN_MAX + 1)
    | st.booleans()
    | st.floats(allow_nan=True)
    | st.sampled_from([[4], (4,), b"4", 4 + 0j])
)


@settings(max_examples=60, deadline=None)
@given(pain=invalid_pains | st.none())
def test_check_day_refuses_invalid_pain(pain):
    with pytest.raises(InvalidInput) as raised:
        check_day(DayLog(TODAY, pain), TODAY)
    assert raised.value.field == "pain"
    assert raised.value.value == str(pain)


@settings(max_examples=60, deadline=None)
@given(pain=pains, worst=invalid_pains)
def test_check_day_refuses_invalid_worst(pain, worst):
    with pytest.raises(InvalidInput) as raised:
        check_day(DayLog(TODAY, pain, worst=worst), TODAY)
    assert raised.value.field == "worst"


@settings(max_examples=60, deadline=None)
@given(pain=st.integers(1, PAIN_MAX), data=st.data())
def test_check_day_refuses_worst_below_pain(pain, data):
    worst = data.draw(st.integers(PAIN_MIN, pain - 1))
    with pytest.raises(InvalidInput) as raised:
        check_day(DayLog(TODAY, pain, worst=worst), TODAY)
    assert (raised.value.field, raised.value.value) == ("worst", str(worst))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pain=invalid_pains.filter(lambda x: not isinstance(x, bool)))
def test_a_refused_pain_is_never_stored(new_diary_location, pain):
    with Diary.open(new_diary_location()) as diary:
        with pytest.raises(InvalidInput):
            diary.save_day(DayLog(TODAY, pain), TODAY)
        assert diary.count_days() == 0


@settings(max_examples=60, deadline=None)
@given(days_ahead=st.integers(1, 100_000))
def test_check_day_refuses_any_future_date(days_ahead):
    future = TODAY + timedelta(days=days_ahead)
    with pytest.raises(InvalidInput) as raised:
        check_day(DayLog(future, 3), TODAY)
    assert (raised.value.field, raised.value.value) == ("date", future.isoformat())


@settings(max_examples=60, deadline=None)
@given(text=st.from_regex(r"\A\s*-?[0-9]{1,4}(\.[0-9])?\s*\Z"))
def test_check_pain_on_text_accepts_exactly_whole_numbers_0_to_10(text):
    stripped = text.strip()
    if "." not in stripped and PAIN_MIN <= int(stripped) <= PAIN_MAX:
        assert check_pain("pain", text) == int(stripped)
    else:
        with pytest.raises(InvalidInput):
            check_pain("pain", text)


# -- bulk inserts ---------------------------------------------------------------------------


def test_a_naive_timestamp_is_still_refused_by_its_column_type(diary, monkeypatch):
    # The bulk path converts values with the column types' own bind processors.
    from datetime import datetime

    import painlog.store.diary as diary_module

    monkeypatch.setattr(diary_module, "utc_now", lambda: datetime(2026, 11, 21, 12))
    with pytest.raises(Exception, match="timezone"):
        diary.insert_days([DayLog(TODAY, 3)])
    assert diary.count_days() == 0
