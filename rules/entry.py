"""What a valid day's log is, and the message a person sees when theirs is not.

Every way into painlog (the Today form, `painlog log`, an import) checks a log here before
anything is written, so a refusal always reads the same and nothing half-valid is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time

from painlog.rules.checkins import checkin_pain, checkin_worst
from painlog.rules.records import (
    CANCER_HISTORY_FLAG,
    PAIN_MAX,
    PAIN_MIN,
    DayLog,
    PegAnswer,
    Profile,
)
from painlog.rules.text import check_text
from painlog.seeds import Catalogue, catalogue

NOTE_MAX_CHARS = 100_000
DOSE_MAX = 10_000
EARLIEST_BIRTH_YEAR = 1900
EARLIEST_YEAR = 1900
LATEST_YEAR = 9999
"""The years a date may be in, wherever it comes from (typed, imported)."""


class InvalidInput(ValueError):
    """A value refused before it reached the database.

    Attributes:
        field: The name the person knows the field by (as on the command line).
        value: What was given, as text.
        accepted: What would have been accepted, in plain words.
    """

    def __init__(self, field: str, value: str, accepted: str) -> None:
        super().__init__(field, value, accepted)
        self.field = field
        self.value = value
        self.accepted = accepted

    def __str__(self) -> str:
        return f"{self.field}: {shown_value(self.value)} is not accepted; expected {self.accepted}"


class CheckInRefused(InvalidInput):
    """A refusal of one of a day's check-ins, or of a score said to come from them.

    Worded as every refusal is, naming the check-in's field as the day's would be (`at`,
    `pain`, `where`, `note`); the type says it is the check-ins' (the daily file's
    `checkins` column)."""


SHOWN_VALUE_CHARS = 200
"""A refused value longer than this (no path, date or name is) is shown cut, with its
length: a 5,000-digit pain score is refused in a line a person can read."""


def shown_value(value: str) -> str:
    """`value` quoted as in a refusal: `repr`, so control characters show escaped."""
    if len(value) <= SHOWN_VALUE_CHARS:
        return repr(value)
    return f"{value[: SHOWN_VALUE_CHARS // 2]!r}… ({len(value):,} characters)"


def check_pain(field: str, value: object) -> int:
    """Return a pain score as an int, or refuse anything but a whole number 0-10.

    Text is accepted when it is exactly a whole number, since that is how both the
    command line and the form hand values over.
    """
    accepted = f"a whole number from {PAIN_MIN} to {PAIN_MAX}"
    if isinstance(value, bool):
        raise InvalidInput(field, str(value), accepted)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.removeprefix("-").isdigit():
            raise InvalidInput(field, value, accepted)
        if len(text.removeprefix("-").lstrip("0")) > 2:
            # Out of range whatever the digits; and int() refuses more than 4,300 of them.
            raise InvalidInput(field, value, accepted)
        value = int(text)
    if not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise InvalidInput(field, str(value), accepted)
    return value


def check_day(log: DayLog, today: date, seeds: Catalogue | None = None) -> None:
    """Refuse a log that could not have been meant, naming the first problem found.

    Args:
        log: The day's log as the person entered it.
        today: The person's local date; logs for later days are refused.
        seeds: The catalogue with the person's own exercises (the packaged one when None).
            Retired own exercises are accepted: a day that had one keeps it when edited.

    Raises:
        InvalidInput: naming the field, the value and what is accepted.
    """
    seeds = seeds or catalogue()
    if log.day > today:
        raise InvalidInput("date", log.day.isoformat(), f"today ({today.isoformat()}) or earlier")
    if log.day.year < EARLIEST_YEAR:
        # An imported file may name any year; a typed date never gets here (parse_date).
        raise InvalidInput(
            "date", log.day.isoformat(), f"a date in the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        )
    with _of_checkins():
        for checkin in log.checkins:
            # Before the day's scores, which may come from these: a check-in's pain of 11
            # is named as such, not as the day's worst.
            _check_minute("at", checkin.at)
            check_pain("pain", checkin.pain)
    check_pain("pain", log.pain)
    if log.worst is not None:
        worst = check_pain("worst", log.worst)
        if worst < log.pain:
            raise InvalidInput(
                "worst", str(worst), f"at least the day's pain ({log.pain}), or nothing"
            )
    _check_places(log.places, seeds)
    seen_exercises = set()
    for done in log.exercises:
        if seeds.exercise(done.slug) is None:
            raise InvalidInput("did", done.slug, "an exercise slug from `painlog exercises`")
        if done.slug in seen_exercises:
            raise InvalidInput("did", done.slug, "each exercise at most once per day")
        seen_exercises.add(done.slug)
        for name in ("sets", "reps", "minutes"):
            amount = getattr(done, name)
            if amount is not None and (
                isinstance(amount, bool)
                or not isinstance(amount, int)
                or not 0 < amount <= DOSE_MAX
            ):
                raise InvalidInput(name, str(amount), f"a whole number from 1 to {DOSE_MAX}")
    for intake in log.took:
        if seeds.medication(intake.slug) is None:
            raise InvalidInput("took", intake.slug, medications_accepted(seeds))
        if intake.dose is not None:
            check_intake_dose(intake.dose)
        if intake.at is not None:
            _check_minute("time", intake.at)
    for slug in log.treated:
        if seeds.treatment(slug) is None:
            raise InvalidInput("treated", slug, treatments_accepted(seeds))
    if len(set(log.treated)) != len(log.treated):
        raise InvalidInput("treated", ",".join(log.treated), "each treatment at most once a day")
    for slug in log.flags:
        if seeds.red_flag(slug) is None:
            raise InvalidInput("flag", slug, flags_accepted(seeds, slug))
    if len(set(log.flags)) != len(log.flags):
        raise InvalidInput("flag", ",".join(log.flags), "each warning sign at most once")
    _check_note("note", log.note)
    with _of_checkins():
        _check_checkins(log, seeds)


@contextmanager
def _of_checkins() -> Iterator[None]:
    """Refusals raised inside are the check-ins' (`CheckInRefused`), worded the same."""
    try:
        yield
    except InvalidInput as error:
        raise CheckInRefused(error.field, error.value, error.accepted) from None


def _check_minute(field: str, at: object) -> None:
    """Refuse a time of day with seconds or a zone: times are kept to the minute."""
    if not isinstance(at, time) or at.second or at.microsecond or at.tzinfo:
        shown = at.isoformat() if isinstance(at, time) else str(at)
        raise InvalidInput(field, shown, "a time of day as HH:MM")


def _check_checkins(log: DayLog, seeds: Catalogue) -> None:
    """Refuse a check-in that is not valid on its own, two at one minute, check-ins out of
    time order, or a day whose pain or worst said to come from its check-ins does not."""
    previous = None
    for checkin in log.checkins:
        if previous is not None and checkin.at <= previous:
            raise InvalidInput(
                "at", checkin.at.strftime("%H:%M"), "one check-in a minute, earliest first"
            )
        previous = checkin.at
        _check_places(checkin.places, seeds)
        _check_note("note", checkin.note)
        day_places = {(x.location, x.side) for x in log.places}
        for place in checkin.places:
            if (place.location, place.side) not in day_places:
                raise InvalidInput(
                    "where", _place_text(place), "a check-in's places among the day's places"
                )
    if log.pain_from_checkins and (not log.checkins or log.pain != checkin_pain(log.checkins)):
        raise InvalidInput(
            "pain", str(log.pain), "the rounded mean of the day's check-ins, or a pain you set"
        )
    if log.worst_from_checkins and (
        not log.checkins or log.worst != checkin_worst(log.checkins, log.pain)
    ):
        raise InvalidInput(
            "worst", str(log.worst), "the highest of the day's check-ins, or a worst you set"
        )


PEG_QUESTIONS = ("pain", "enjoyment", "activity")
"""The PEG's answers by the names the command line and the exports give them."""


def check_peg(answer: PegAnswer, today: date) -> None:
    """Refuse PEG answers that are not whole numbers 0-10, or for a day after today.

    Raises:
        InvalidInput: naming the answer (`pain`, `enjoyment`, `activity`) or the date.
    """
    if answer.day > today:
        raise InvalidInput(
            "date", answer.day.isoformat(), f"today ({today.isoformat()}) or earlier"
        )
    if answer.day.year < EARLIEST_YEAR:
        raise InvalidInput(
            "date", answer.day.isoformat(), f"a date in the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        )
    for name in PEG_QUESTIONS:
        check_pain(name, getattr(answer, name))


def _check_places(places, seeds: Catalogue) -> None:
    """Refuse an unknown place, side or character, or a place given twice."""
    seen_places = set()
    for place in places:
        location = seeds.location(place.location)
        if location is None:
            raise InvalidInput(
                "where", place.location, "one of " + ", ".join(x.slug for x in seeds.locations)
            )
        if place.side is not None:
            if not location.has_side:
                raise InvalidInput(
                    "side", place.side, f"no side for {location.slug} (it is central)"
                )
            if place.side not in seeds.sides:
                raise InvalidInput("side", place.side, "one of " + ", ".join(seeds.sides))
        if place.character is not None and seeds.character(place.character) is None:
            raise InvalidInput(
                "character",
                place.character,
                "one of " + ", ".join(x.slug for x in seeds.characters),
            )
        key = (place.location, place.side)
        if key in seen_places:
            raise InvalidInput("where", _place_text(place), "each place at most once per day")
        seen_places.add(key)


def _check_note(field: str, note: object) -> None:
    """Refuse a note that is not text, too long, or holds what no text should."""
    if not isinstance(note, str):
        raise InvalidInput(field, type(note).__name__, "text")
    if len(note) > NOTE_MAX_CHARS:
        raise InvalidInput(
            field, f"{len(note)} characters", f"text of at most {NOTE_MAX_CHARS} characters"
        )
    if any("\ud800" <= ch <= "\udfff" for ch in note):
        # Bytes the terminal could not decode arrive as lone surrogates; they cannot be
        # stored as UTF-8, so say so rather than fail later.
        raise InvalidInput(field, "text that is not valid UTF-8", "UTF-8 text")
    # Text is text: an ESC sequence in a note could drive the terminal it is shown on, and
    # most tools reading an export stop at a NUL. Line breaks and tabs are kept.
    check_text(field, note)


INTAKE_DOSE_MAX_CHARS = 40
"""Room for "2 tablets of 200 mg" and the like; a dose is not a note."""


def check_intake_dose(dose: object) -> str:
    """Return an intake's dose as written, or refuse an empty, over-long or control-character
    one (an intake without a dose has none at all, not an empty one). `@`, `|` and commas
    are refused too: they separate an intake's time and the items of a list."""
    accepted = f"text of 1 to {INTAKE_DOSE_MAX_CHARS} characters without @, | or commas, e.g. 400mg"
    if not isinstance(dose, str):
        raise InvalidInput("dose", type(dose).__name__, accepted)
    check_text("dose", dose)
    if (
        not dose.strip()
        or len(dose) > INTAKE_DOSE_MAX_CHARS
        or dose != dose.strip()
        or any(mark in dose for mark in "@|,")
    ):
        shown = f"{len(dose)} characters" if len(dose) > INTAKE_DOSE_MAX_CHARS else dose
        raise InvalidInput("dose", shown, accepted)
    return dose


def medications_accepted(seeds: Catalogue) -> str:
    """What a refused medication is told is accepted."""
    names = [x.slug for x in seeds.medications_in_use]
    if not names:
        return "a medication you added first (painlog meds add NAME)"
    return "one of " + ", ".join(names) + " (painlog meds add NAME adds another)"


def treatments_accepted(seeds: Catalogue) -> str:
    """What a refused treatment is told is accepted."""
    return (
        "one of "
        + ", ".join(x.slug for x in seeds.treatments_in_use)
        + " (painlog treatments add NAME adds your own)"
    )


def flags_accepted(seeds: Catalogue, slug: str = "") -> str:
    """What a refused warning sign is told is accepted; for the sign a history of cancer
    used to be logged under, where it went instead."""
    accepted = "one of " + ", ".join(x.slug for x in seeds.red_flags)
    if slug == CANCER_HISTORY_FLAG:
        accepted += (
            " (a history of cancer is part of your profile now: "
            "painlog profile --cancer-history yes)"
        )
    return accepted


CANCER_HISTORY_ANSWERS = {"yes": True, "no": False, "none": None}
"""What the cancer-history question accepts, as typed, and what each answer means."""


def check_cancer_history(field: str, text: str) -> bool | None:
    """Read an answer to "have you ever had cancer?": yes, no or none (not answered).

    Raises:
        InvalidInput: naming `field`, for anything else.
    """
    answer = text.strip().lower()
    if answer not in CANCER_HISTORY_ANSWERS:
        raise InvalidInput(field, text, "yes, no or none")
    return CANCER_HISTORY_ANSWERS[answer]


def _place_text(place) -> str:
    return ":".join(part for part in (place.location, place.side, place.character) if part)


def check_profile(profile: Profile, today: date) -> None:
    """Refuse a birth year outside 1900..this year, a pain onset after today, or a cancer
    history other than yes, no or unanswered (True, False, None)."""
    year = profile.birth_year
    if year is not None and (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not EARLIEST_BIRTH_YEAR <= year <= today.year
    ):
        raise InvalidInput(
            "birth-year", str(year), f"a year from {EARLIEST_BIRTH_YEAR} to {today.year}"
        )
    if profile.onset is not None and profile.onset > today:
        raise InvalidInput(
            "onset", profile.onset.isoformat(), f"today ({today.isoformat()}) or earlier"
        )
    if not (profile.cancer_history is None or isinstance(profile.cancer_history, bool)):
        raise InvalidInput("cancer-history", str(profile.cancer_history), "yes, no or none")
