"""The one date reader (`rules.parsing.parse_date`): every form a date may be typed in, the
year limits below, at and above them, and properties over any date and any text.

Every command and form reads dates through it; the command and screen tests check that
they do (tests/cli/test_cli_dates.py, the Export, Settings and welcome screen tests).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from painlog.rules.describe import day_heading
from painlog.rules.entry import InvalidInput
from painlog.rules.parsing import (
    DATE_ACCEPTED,
    EARLIEST_YEAR,
    LATEST_YEAR,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    parse_date,
)

TODAY = date(2026, 11, 21)
"""A Saturday."""
YEARS = "1900 to 9999"

MANY = settings(max_examples=300, deadline=None)


def refused(text: str, today: date = TODAY, field: str = "date") -> InvalidInput:
    """The refusal of `text`, checked to be one line naming the field and the value."""
    with pytest.raises(InvalidInput) as raised:
        parse_date(text, today, field)
    error = raised.value
    message = str(error)
    assert (error.field, error.value) == (field, text)
    assert message.startswith(f"{field}: "), message
    assert "\n" not in message and "\r" not in message
    assert error.accepted and error.accepted in message
    return error


# -- every form, as a table ------------------------------------------------------------

ACCEPTED = [
    # words
    ("today", TODAY),
    ("  Today ", TODAY),
    ("yesterday", date(2026, 11, 20)),
    ("YESTERDAY", date(2026, 11, 20)),
    ("tomorrow", date(2026, 11, 22)),
    # counted back
    ("0 days ago", TODAY),
    ("1 day ago", date(2026, 11, 20)),
    ("3 days ago", date(2026, 11, 18)),
    ("3days ago", date(2026, 11, 18)),
    ("3  days   ago", date(2026, 11, 18)),
    ("60 days ago", date(2026, 9, 22)),
    ("1 week ago", date(2026, 11, 14)),
    ("2 weeks ago", date(2026, 11, 7)),
    ("a day ago", date(2026, 11, 20)),
    ("a week ago", date(2026, 11, 14)),
    ("two days ago", date(2026, 11, 19)),
    ("Ten Weeks Ago", date(2026, 9, 12)),
    # a weekday: the most recent one not after today (today is a Saturday)
    ("saturday", TODAY),
    ("sat", TODAY),
    ("SAT", TODAY),
    ("friday", date(2026, 11, 20)),
    ("fri", date(2026, 11, 20)),
    ("thursday", date(2026, 11, 19)),
    ("thu", date(2026, 11, 19)),
    ("thur", date(2026, 11, 19)),
    ("thurs", date(2026, 11, 19)),
    ("wednesday", date(2026, 11, 18)),
    ("wed", date(2026, 11, 18)),
    ("weds", date(2026, 11, 18)),
    ("tuesday", date(2026, 11, 17)),
    ("tue", date(2026, 11, 17)),
    ("tues", date(2026, 11, 17)),
    ("monday", date(2026, 11, 16)),
    ("mon", date(2026, 11, 16)),
    ("Monday", date(2026, 11, 16)),
    ("sunday", date(2026, 11, 15)),
    ("sun", date(2026, 11, 15)),
    # "last": the most recent one before today
    ("last saturday", date(2026, 11, 14)),
    ("last sat", date(2026, 11, 14)),
    ("last friday", date(2026, 11, 20)),
    ("Last  Monday", date(2026, 11, 16)),
    ("last sunday", date(2026, 11, 15)),
    # year first, with -, / or . and with or without a time
    ("2026-11-03", date(2026, 11, 3)),
    ("2026/11/03", date(2026, 11, 3)),
    ("2026.11.03", date(2026, 11, 3)),
    ("2026-1-3", date(2026, 1, 3)),
    ("2026/1/3", date(2026, 1, 3)),
    ("20261103", date(2026, 11, 3)),
    ("2024-02-29", date(2024, 2, 29)),
    ("2026-11-03T08:00", date(2026, 11, 3)),
    ("2026-11-03t08:00", date(2026, 11, 3)),
    ("2026-11-03 08:00", date(2026, 11, 3)),
    ("2026-11-03  08:00", date(2026, 11, 3)),
    ("2026-11-03T08:00:59", date(2026, 11, 3)),
    ("2026-11-03T23:59:59.123456", date(2026, 11, 3)),
    ("2026-11-03T08:00Z", date(2026, 11, 3)),
    ("2026-11-03T08:00:00+01:00", date(2026, 11, 3)),
    ("2026-11-03 08:00 -0500", date(2026, 11, 3)),
    ("2026/11/03 08:00", date(2026, 11, 3)),
    ("2026.11.03 8:00", date(2026, 11, 3)),
    ("2026-11-03 7:30pm", date(2026, 11, 3)),
    ("2026-11-03 12:05 AM", date(2026, 11, 3)),
    # a month by name
    ("3 Nov", date(2026, 11, 3)),
    ("3 november", date(2026, 11, 3)),
    ("Nov 3", date(2026, 11, 3)),
    ("3rd Nov", date(2026, 11, 3)),
    ("1 Jan 2026", date(2026, 1, 1)),
    ("Nov 3 2025", date(2025, 11, 3)),
    ("November 3, 2025", date(2025, 11, 3)),
    ("3-Nov-2025", date(2025, 11, 3)),
    ("3 Nov. 2025", date(2025, 11, 3)),
    ("2025 Nov 3", date(2025, 11, 3)),
    ("2025-nov-03", date(2025, 11, 3)),
    ("1st Sept 2026", date(2026, 9, 1)),
    ("22nd may 2026", date(2026, 5, 22)),
    ("3rd of November 2026", date(2026, 11, 3)),
    # painlog's own echo reads back
    ("Sat 21 Nov 2026", TODAY),
    ("Tue 3 Nov 2026", date(2026, 11, 3)),
    ("tuesday, 3 november 2026", date(2026, 11, 3)),
    # the years at the limits
    ("1900-01-01", date(1900, 1, 1)),
    ("1900/01/01", date(1900, 1, 1)),
    ("1 Jan 1900", date(1900, 1, 1)),
    ("9999-12-31", date(9999, 12, 31)),
    ("9999.12.31", date(9999, 12, 31)),
    ("31 Dec 9999", date(9999, 12, 31)),
    ("99990101", date(9999, 1, 1)),
    ("46345 days ago", date(1900, 1, 1)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_every_accepted_form(text, expected):
    assert parse_date(text, TODAY) == expected


REFUSED = [
    # the years below and above the limits
    ("1899-12-31", YEARS),
    ("1899/12/31", YEARS),
    ("1899.12.31", YEARS),
    ("31 Dec 1899", YEARS),
    ("0001-01-01", YEARS),
    ("0001-01-01T00:00", YEARS),
    ("0000-01-01", YEARS),
    ("10000-01-01", YEARS),
    ("1 Jan 10000", YEARS),
    ("99999-12-31", YEARS),
    ("18991231", YEARS),
    ("46346 days ago", "before 1900"),
    ("99999 days ago", "before 1900"),
    ("9999 weeks ago", "before 1900"),
    ("9" * 5_000 + " days ago", "before 1900"),
    ("9" * 5_000 + "-01-01", YEARS),
    # day and month as numbers, in either order: never guessed
    ("3/11/2026", "11 March or 3 November"),
    ("11/3/2026", "2026-03-11 or 2026-11-03"),
    ("3.11.2026", "year first"),
    ("3-11-2026", "year first"),
    ("3/11", "year first"),
    ("13/11/2026", "2026-11-13"),
    ("3/3/2026", "2026-03-03"),
    ("03.11.26", "two-digit year"),
    ("26-11-03", "two-digit year"),
    # not a date that exists
    ("31 Feb", "exists"),
    ("Feb 30 2026", "exists"),
    ("2026-02-30", "exists"),
    ("2025-02-29", "exists"),
    ("2026-11-31", "exists"),
    ("2026-13-01", "exists"),
    ("2026-00-10", "exists"),
    ("20261301", "exists"),
    # a time that does not exist
    ("2026-11-03 24:00", "23:59"),
    ("2026-11-03T08:60", "23:59"),
    ("2026-11-03T08:00:61", "23:59"),
    ("2026-11-03 13:30pm", "12:59pm"),
    ("2026-11-03 0:30am", "12:59pm"),
    # a weekday that is not the date's
    ("Sat 3 Nov 2026", "is a Tuesday"),
    # not a date at all
    ("", "ISO date"),
    ("   ", "ISO date"),
    ("ab", "ISO date"),
    ("abc", "ISO date"),
    ("not a date", "ISO date"),
    ("3 fortnights ago", "ISO date"),
    ("eleven days ago", "ISO date"),
    ("some days ago", "ISO date"),
    ("-3 days ago", "ISO date"),
    ("3 days", "ISO date"),
    ("next monday", "ISO date"),
    ("this monday", "ISO date"),
    ("last", "ISO date"),
    ("monday last", "ISO date"),
    ("2026", "ISO date"),
    ("3", "ISO date"),
    ("nov 2026", "ISO date"),
    ("3 nov 26", "ISO date"),
    ("3 4 nov", "ISO date"),
    ("nov dec 3", "ISO date"),
    ("2026-11/03", "ISO date"),
    ("2026-11-03-", "ISO date"),
    ("2026-11-03 08", "ISO date"),
    ("٢٠٢٦-١١-٠٣", "ISO date"),  # Arabic-Indic digits
    ("２０２６-１１-０３", "ISO date"),  # full-width digits
    ("2026\u221211\u221203", "ISO date"),  # minus signs, not hyphens
    ("2026-11-03\x1b[2J", "ISO date"),
]


@pytest.mark.parametrize(("text", "needle"), REFUSED)
def test_every_refused_form(text, needle):
    error = refused(text)
    assert needle in error.accepted, error.accepted


def test_an_ambiguous_date_names_both_readings_and_the_accepted_forms():
    error = refused("3/11/2026")
    assert "11 March or 3 November" in error.accepted
    assert "write 2026-03-11 or 2026-11-03" in error.accepted
    assert DATE_ACCEPTED in error.accepted


def test_a_refusal_names_the_field_it_was_given_for():
    assert refused("3/11/2026", field="as-of").field == "as-of"
    assert refused("1899-12-31", field="onset").field == "onset"


def test_a_long_value_is_shown_cut_in_the_refusal():
    message = str(refused("9" * 5_000 + " days ago"))
    assert len(message) < 400
    assert "5,009 characters" in message


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2024, 3, 1), "yesterday", date(2024, 2, 29)),
        (date(2027, 1, 5), "2 weeks ago", date(2026, 12, 22)),
        (date(2030, 12, 1), "3 Nov", date(2030, 11, 3)),
        (date(2026, 11, 16), "monday", date(2026, 11, 16)),  # a Monday: "monday" is today
        (date(2026, 11, 16), "last monday", date(2026, 11, 9)),
        (date(2026, 11, 17), "monday", date(2026, 11, 16)),
        (date(2026, 11, 17), "last monday", date(2026, 11, 16)),
        (date(1900, 1, 1), "today", date(1900, 1, 1)),
        (date(9999, 12, 31), "today", date(9999, 12, 31)),
    ],
)
def test_relative_forms_count_from_the_today_given(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (date(1900, 1, 1), "yesterday"),
        (date(1900, 1, 1), "1 day ago"),
        (date(1900, 1, 6), "last sunday"),  # 1899-12-31
        (date(9999, 12, 31), "tomorrow"),  # past the end of the calendar itself
    ],
)
def test_relative_forms_outside_the_years_are_refused(today, text):
    assert YEARS in refused(text, today).accepted


# -- properties ------------------------------------------------------------------------

dates = st.dates(date(EARLIEST_YEAR, 1, 1), date(LATEST_YEAR, 12, 31))
times = st.sampled_from(
    ["", "T08:00", "t23:59", " 00:00", " 12:30:59", "T08:00:00Z", "T08:00:00.5+02:00", " 7:05"]
)


@MANY
@given(day=dates, separator=st.sampled_from("-/."), padded=st.booleans(), time=times)
def test_year_first_reads_year_month_day_with_any_separator_and_time(day, separator, padded, time):
    month, day_of_month = (f"{day:%m}", f"{day:%d}") if padded else (day.month, day.day)
    text = f"{day.year}{separator}{month}{separator}{day_of_month}{time}"
    assert parse_date(text, TODAY) == day


@MANY
@given(day=dates, today=dates)
def test_what_painlog_echoes_reads_back_as_the_same_date(day, today):
    for text in (
        day_heading(day),
        day.isoformat(),
        f"{day.day} {day:%B %Y}",
        f"{day:%b} {day.day}, {day.year}",
        f"{day:%A}, {day.day} {day:%b} {day.year}",
    ):
        assert parse_date(text, today) == day, text


@MANY
@given(
    today=st.dates(date(EARLIEST_YEAR, 1, 8), date(LATEST_YEAR, 12, 31)),
    weekday=st.integers(0, 6),
    short=st.booleans(),
    last=st.booleans(),
)
def test_a_weekday_is_the_most_recent_one_not_after_today(today, weekday, short, last):
    name = WEEKDAY_NAMES[weekday][:3] if short else WEEKDAY_NAMES[weekday]
    found = parse_date(f"last {name}" if last else name.upper(), today)
    assert found.weekday() == weekday
    if last:  # the most recent before today: 1 to 7 days back
        assert today - timedelta(days=7) <= found < today
    else:  # the most recent not after today: 0 to 6 days back
        assert today - timedelta(days=6) <= found <= today


@MANY
@given(today=dates, count=st.integers(0, 60_000), weeks=st.booleans())
def test_counted_back_is_today_minus_the_count_or_refused_before_1900(today, count, weeks):
    text = f"{count} {'week' if weeks else 'day'}{'' if count == 1 else 's'} ago"
    meant = today.toordinal() - count * (7 if weeks else 1)
    if meant >= date(EARLIEST_YEAR, 1, 1).toordinal():
        assert parse_date(text, today) == date.fromordinal(meant)
    else:
        assert "before 1900" in refused(text, today).accepted


@MANY
@given(
    day=st.integers(1, 12),
    month=st.integers(1, 12),
    year=st.integers(1900, 9999),
    sep=st.sampled_from("/.-"),
)
def test_day_and_month_as_numbers_are_never_guessed(day, month, year, sep):
    error = refused(f"{day}{sep}{month}{sep}{year}")
    assert "year first" in error.accepted
    readings = {date(year, month, day), date(year, day, month)}
    for reading in readings:
        assert reading.isoformat() in error.accepted


@MANY
@given(
    year=st.integers(0, 1899) | st.integers(10_000, 10**12),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    sep=st.sampled_from("-/."),
)
def test_years_outside_1900_to_9999_are_refused(year, month, day, sep):
    assert YEARS in refused(f"{year:04d}{sep}{month:02d}{sep}{day:02d}").accepted
    assert YEARS in refused(f"{day} {MONTH_NAMES[month - 1]} {year:04d}").accepted


words = st.sampled_from(
    ["today", "last", "ago", "days", "week", "mon", "nov", "sept", "3rd", "t", "z", "-", "/"]
)
datelike = st.lists(
    st.one_of(words, st.integers(0, 100_000).map(str), st.sampled_from(" -/.:,T+")),
    max_size=8,
).map("".join)


@settings(max_examples=1_000, deadline=None)
@given(text=st.text(max_size=40) | datelike, today=dates)
def test_any_text_is_a_date_within_the_years_or_one_line_refusal(text, today):
    try:
        found = parse_date(text, today)
    except InvalidInput as error:
        message = str(error)
        assert error.field == "date" and message.startswith("date: ")
        assert "\n" not in message and "\x1b" not in message
        return
    assert EARLIEST_YEAR <= found.year <= LATEST_YEAR
