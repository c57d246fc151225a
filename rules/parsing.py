"""Turning what a person types into records: dates, places, exercises and warning signs.

The command line and the forms share these, so `lower-back:left:sharp`, `lower back left
sharp` or `3 days ago` mean the same wherever they are typed (the words for places and
exercises are `rules.vocabulary`'s). Each parser refuses with `InvalidInput`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date, time, timedelta

from painlog.rules.entry import EARLIEST_YEAR, LATEST_YEAR, InvalidInput, flags_accepted
from painlog.rules.records import ExerciseDone, Place
from painlog.rules.vocabulary import read_exercise, read_place
from painlog.seeds import Catalogue, catalogue

DATE_ACCEPTED = (
    "an ISO date, year first (2026-11-03, 2026/11/03 or 2026.11.03, a time after it is "
    "ignored), 3 Nov 2026, Nov 3, today, yesterday, a weekday (monday, mon, last monday), "
    f"'3 days ago' or '2 weeks ago'; years {EARLIEST_YEAR} to {LATEST_YEAR}"
)

# re.ASCII throughout: `\d` is 0-9 only, so digits of other scripts are refused, not read.
_AGO = re.compile(r"(\d+|[a-z]+) ?(day|week)s? ago", re.ASCII)
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
"""Counts people write as words: `a week ago`, `two days ago`."""
_YEAR_FIRST = re.compile(
    r"(?P<year>\d{3,})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    # A time after the date, as timestamps copied from elsewhere carry: checked, then
    # ignored (the date is the day as written, whatever the zone).
    r"(?:(?:t| )(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,9})?)?"
    r" ?(?:(?P<half>am|pm)|z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
"""ISO's basic form, 20261103: eight digits are always year, month, day."""
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?", re.ASCII)
"""Day and month in either order (3/11/2026, 11.3.26, 3-11): which comes first is not
guessed."""
_WORDS = re.compile(r"[ ,./-]+")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", re.ASCII)
_YEAR = re.compile(r"\d{3,}", re.ASCII)

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _names(full: Sequence[str], extra: dict[str, int]) -> dict[str, int]:
    """Each name in full and by its first three letters, with `extra` short forms."""
    names = {name: index for index, name in enumerate(full)}
    names.update({name[:3]: index for index, name in enumerate(full)})
    names.update(extra)
    return names


_WEEKDAYS = _names(WEEKDAY_NAMES, {"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_MONTHS = _names(MONTH_NAMES, {"sept": 8})


def parse_date(text: str, today: date, field: str = "date") -> date:
    """Read a date the way people write it, relative to `today`: the one date reader of
    every command and every form.

    Accepted (any case, spaces between words as typed):

    - `today`, `yesterday`, `tomorrow`; `3 days ago`, `1 week ago`;
    - a weekday, `monday` or `mon`: the most recent one not after today (`monday` on a
      Monday is today); `last monday`: the most recent one before today;
    - year first, year-month-day: `2026-11-03`, `2026/11/03`, `2026.11.03`, `20261103`,
      with or without a time (`2026-11-03T08:00`, `2026-11-03 08:00:00Z`), which is
      checked and then ignored;
    - a month by name: `3 Nov`, `3rd November 2026`, `Nov 3, 2026`, `2026-nov-03`, and
      painlog's own `Tue 3 Nov 2026` (the weekday must match). Without a year, this year.

    Refused: day and month as numbers in either order (`3/11/2026` could be 3 November or
    11 March), two-digit years, dates that do not exist, years outside 1900-9999.

    Args:
        text: What was typed.
        today: The person's local date.
        field: The name of the field in a refusal (`date`, `onset`, `as-of`).

    Returns:
        The calendar date meant. Future dates are returned; refusing them is the
        caller's rule (see `check_day`).

    Raises:
        InvalidInput: naming `field` and `text`, with what is accepted.
    """
    cleaned = " ".join(text.strip().lower().split())
    try:
        found = _read_date(cleaned, today, field, text)
    except OverflowError:
        # Counting from a `today` pinned at the calendar's very end (PAINLOG_TODAY).
        raise InvalidInput(field, text, _in_years()) from None
    if found is None:
        raise InvalidInput(field, text, DATE_ACCEPTED)
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        raise InvalidInput(field, text, _in_years(f"that is in {found.year}"))
    return found


def _read_date(cleaned: str, today: date, field: str, text: str) -> date | None:
    """The date `cleaned` names, None when it is no form of date painlog reads.

    Raises:
        InvalidInput: for a form that is read but names no date painlog accepts (an
            impossible day, an ambiguous order, a year out of range).
    """
    relative = {"today": 0, "yesterday": 1, "tomorrow": -1}
    if cleaned in relative:
        return today - timedelta(days=relative[cleaned])
    if (match := _AGO.fullmatch(cleaned)) and (
        match.group(1).isdigit() or match.group(1) in _COUNTS
    ):
        count = str(_COUNTS.get(match.group(1), "")) or match.group(1).lstrip("0") or "0"
        # Too many digits to be a day after 1900, whatever they say: never handed to int()
        # (which refuses more than 4,300 digits) nor to timedelta (which overflows).
        if len(count) > 7:
            raise InvalidInput(field, text, _in_years(f"that is before {EARLIEST_YEAR}"))
        days = int(count) * (7 if match.group(2) == "week" else 1)
        if days > (today - date(EARLIEST_YEAR, 1, 1)).days:
            raise InvalidInput(field, text, _in_years(f"that is before {EARLIEST_YEAR}"))
        return today - timedelta(days=days)
    words = cleaned.split(" ")
    if words[-1] in _WEEKDAYS and (len(words) == 1 or words == ["last", words[-1]]):
        back = (today.weekday() - _WEEKDAYS[words[-1]]) % 7
        if len(words) == 2:
            back = back or 7  # "last monday" on a Monday is a week ago
        return today - timedelta(days=back)
    if match := _YEAR_FIRST.fullmatch(cleaned):
        hour, minute, second = (match.group(name) for name in ("hour", "minute", "second"))
        last_hour = 23 if match["half"] is None else 12
        if hour is not None and (
            int(hour) > last_hour
            or (match["half"] is not None and int(hour) == 0)
            or int(minute) > 59
            or (second is not None and int(second) > 59)
        ):
            raise InvalidInput(
                field, text, DATE_ACCEPTED + "; times as 00:00 to 23:59, or 1:00am to 12:59pm"
            )
        return _calendar_date(match["year"], match["month"], match["day"], field, text)
    if match := _COMPACT.fullmatch(cleaned):
        return _calendar_date(*match.groups(), field, text)
    if match := _NUMERIC.fullmatch(cleaned):
        raise InvalidInput(field, text, _ambiguous(match, today))
    return _named_month(cleaned, today, field, text)


def _named_month(cleaned: str, today: date, field: str, text: str) -> date | None:
    """A date with its month written as a word (`3 Nov 2026`, `Nov 3`, `Tue 3 Nov 2026`)."""
    # "of" as in "3rd of November" says nothing more.
    words = [word for word in _WORDS.split(cleaned) if word and word != "of"]
    weekday = None
    if len(words) > 2 and words[0] in _WEEKDAYS:
        weekday = _WEEKDAYS[words.pop(0)]
    months = [index for index, word in enumerate(words) if word in _MONTHS]
    if len(months) != 1 or len(words) not in (2, 3):
        return None
    month = str(_MONTHS[words[months[0]]] + 1)
    others = words[: months[0]] + words[months[0] + 1 :]
    if months[0] == 1 and len(words) == 3 and _YEAR.fullmatch(words[0]):
        year, day = others  # 2026 nov 3
    elif len(others) == 1:
        year, day = str(today.year), others[0]  # 3 nov, nov 3
    elif _YEAR.fullmatch(others[1]):
        day, year = others  # 3 nov 2026, nov 3 2026
    else:
        return None
    if not (ordinal := _ORDINAL.fullmatch(day)) or not _YEAR.fullmatch(year):
        return None
    found = _calendar_date(year, month, ordinal.group(1), field, text)
    if weekday is not None and found.weekday() != weekday:
        raise InvalidInput(
            field,
            text,
            f"a weekday that matches the date ({found.day} {found:%b %Y} is a {found:%A})",
        )
    return found


def _calendar_date(year: str, month: str, day: str, field: str, text: str) -> date:
    """The date of three numbers, or a refusal naming what is wrong with them."""
    # The year's length is checked before int(): a 5,000-digit year must not reach it.
    if len(year.lstrip("0")) > 4 or not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
        raise InvalidInput(field, text, _in_years())
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        # An impossible month or day is a typo, not a date to guess.
        raise InvalidInput(field, text, "a date that exists: " + DATE_ACCEPTED) from None


def _ambiguous(match: re.Match, today: date) -> str:
    """What to say about a date written as numbers with the day and month in either order."""
    first, _separator, second, year_text = match.groups()
    accepted = f"; accepted: {DATE_ACCEPTED}"
    if year_text is not None and len(year_text) == 2:
        return "the year first, in four digits (a two-digit year is not guessed)" + accepted
    year = today.year if year_text is None else int(year_text)
    readings = []
    for day, month in ((first, second), (second, first)):
        with contextlib.suppress(ValueError):
            readings.append(date(year, int(month), int(day)))
    readings = sorted(set(readings))
    if len(readings) == 2:
        meant = " or ".join(f"{x.day} {x:%B}" for x in readings)
        written = " or ".join(x.isoformat() for x in readings)
        return f"the year first: this could be {meant} (write {written})" + accepted
    written = f": {readings[0].isoformat()}" if readings else ""
    return (
        f"the year first{written} (painlog never guesses whether the day or the month "
        "comes first)" + accepted
    )


def _in_years(why: str = "") -> str:
    """The refusal's `expected` part for a date outside the years painlog keeps."""
    return f"a date in the years {EARLIEST_YEAR} to {LATEST_YEAR}" + (f" ({why})" if why else "")


def parse_places(text: str, seeds: Catalogue | None = None) -> tuple[Place, ...]:
    """Read comma-separated places, each `LOC[:SIDE][:CHARACTER]` (the side may be left
    out: `hip-side:sharp`) or in the Today picker's words (`lower back left sharp`).

    See `rules.vocabulary.resolve` for which names are taken without asking.
    """
    seeds = seeds or catalogue()
    return tuple(read_place(item, seeds) for item in _items(text))


def parse_exercises(
    text: str, seeds: Catalogue | None = None, allow_retired: bool = False
) -> tuple[ExerciseDone, ...]:
    """Read comma-separated exercises, each `SLUG[:DOSE...]` where a dose is `3x10` (sets x
    reps), `12r` or `30min`, or in the Today picker's words (`walk 30min`, `band row`).

    Args:
        text: What was typed.
        seeds: The catalogue with the person's own exercises (the packaged one when None).
        allow_retired: Accept retired own exercises (an import restoring old days does;
            logging a new day does not).
    """
    seeds = seeds or catalogue()
    return tuple(read_exercise(item, seeds, allow_retired) for item in _items(text))


def parse_flags(text: str) -> tuple[str, ...]:
    """Read `SLUG,...` of warning signs noticed."""
    seeds = catalogue()
    flags = []
    for slug in _items(text):
        if seeds.red_flag(slug) is None:
            raise InvalidInput("flag", slug, flags_accepted(seeds, slug))
        flags.append(slug)
    return tuple(flags)


def _items(text: str) -> list[str]:
    return [item.strip().lower() for item in text.split(",") if item.strip()]


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def read_time(field: str, text: str) -> time:
    """A time of day written `HH:MM` (`8:05` too), to the minute.

    Raises:
        InvalidInput: naming `field`, for anything else (`25:00`, `8h`, `08:00:30`).
    """
    match = _TIME.match(text.strip())
    if match is None:
        raise InvalidInput(field, text, "a time of day as HH:MM, from 00:00 to 23:59")
    return time(int(match.group(1)), int(match.group(2)))
