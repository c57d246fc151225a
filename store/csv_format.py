"""The CSV dialect painlog writes and reads: columns, cells, escaping and private files.

Both exports and the import share this module, so what one writes the other reads back
exactly. The dialect is RFC 4180 (comma, double quotes where needed, CRLF line ends), UTF-8
with a byte order mark so Excel reads accents correctly, ISO dates and a dot as decimal
separator.

Multi-valued cells (places, exercises, intakes, treatments, warning signs, alerts) hold
their items separated by `" | "`: a comma or semicolon is the list separator of some
spreadsheet locales, a bar is none, and no slug or dose contains one. A day's check-ins
carry free text, so their cell is compact JSON instead (`checkins_text`): JSON escapes
every line break and tab, so the cell holds none, and it starts with `[`, never a formula.

Formula injection: a text cell a spreadsheet could run as a formula (one starting with `=`,
`+`, `-`, `@`, a tab or a carriage return) is written with a `'` in front, as OWASP
recommends. A text cell that itself starts with `'` gets one too, so the import can undo it
exactly: it removes one leading `'` from every text cell, and nothing else. Number cells are
written as plain numbers (`-1.2`) and never escaped.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction
from functools import lru_cache

from painlog.rules.entry import PEG_QUESTIONS, InvalidInput, check_pain
from painlog.rules.intakes import intake_from, split_intake
from painlog.rules.parsing import parse_exercises, parse_flags, parse_places, read_time
from painlog.rules.records import CheckIn, ExerciseDone, Intake, PegAnswer, Place
from painlog.rules.windows import format_ratio
from painlog.seeds import Catalogue

SEPARATOR = " | "
"""Between the items of a multi-valued cell."""

BOM = "\ufeff"
"""Written first, so Excel opens the file as UTF-8; the import accepts files without it."""

LINE_END = "\r\n"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP)."""

QUOTE_PREFIX = "'"

DAILY_COLUMNS = (
    "date",
    "pain",
    "worst",
    "places",
    "exercises",
    "medications",
    "treatments",
    "red_flags",
    "bed_rest",
    "note",
    "checkins",
    "peg",
)
"""The daily export's header, in order (documented in the README)."""

DAILY_COLUMNS_BEFORE_CHECKINS = DAILY_COLUMNS[: DAILY_COLUMNS.index("checkins")]
"""The daily export's header of schemas 4 and 5: such a file imports with no check-in
and no PEG answer."""

DAILY_COLUMNS_BEFORE_MEDICATIONS = tuple(
    column
    for column in DAILY_COLUMNS_BEFORE_CHECKINS
    if column not in ("medications", "treatments")
)
"""The daily export's header before schema 4: such a file imports with no medication or
treatment on any day."""

WEEKLY_COLUMNS = (
    "week_start",
    "week_end",
    "episode_week",
    "duration_class",
    "days_logged",
    "mean_pain",
    "min_pain",
    "max_pain",
    "max_worst",
    "mean_change_vs_previous_week",
    "places",
    "exercise_sessions",
    "exercises",
    "medication_days",
    "medications",
    "treatments",
    "bed_rest_days",
    "red_flags",
    "alerts",
    "change_since_first_week_points",
    "change_since_first_week_percent",
    "peg_pain",
    "peg_enjoyment",
    "peg_activity",
    "peg_score",
)
"""The weekly summary's header, in order (documented in the README)."""

YES, NO = "yes", "no"
_SETS_ONLY = re.compile(r"^(\d{1,5})\s*sets?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_ITEM_SEPARATORS = re.compile(r"[|,]")


class Number(str):
    """A cell holding a number: written as it is, never escaped."""

    __slots__ = ()


Cell = str | Number


_NO_NUMBER = Number("")
_WHOLE_NUMBERS = tuple(Number(str(value)) for value in range(101))
"""The cells of 0 to 100, made once: scores, counts and weeks fill most number cells."""


def number(value: int | Fraction | None) -> Number:
    """A number cell: whole numbers as they are, fractions to one decimal (empty for None)."""
    if value is None:
        return _NO_NUMBER
    if isinstance(value, int):
        # Exactly int: a bool (an int too) keeps reading as it always has.
        if type(value) is int and 0 <= value <= 100:
            return _WHOLE_NUMBERS[value]
        return Number(str(value))
    return ratio_number(value.numerator, value.denominator)


def ratio_number(numerator: int, denominator: int) -> Number:
    """`number(Fraction(numerator, denominator))`, without making the Fraction."""
    text = format_ratio(numerator, denominator)
    # A change that rounds to zero reads 0.0, never -0.0.
    return Number("0.0" if text == "-0.0" else text)


_QUOTED_FIRST = frozenset(FORMULA_STARTS) | {QUOTE_PREFIX}
"""First characters that get a `'` in front (every formula start is one character)."""


def neutralise(text: str) -> str:
    """Put a `'` before text a spreadsheet would run as a formula, or that starts with `'`."""
    # One set lookup per cell: an export runs this on every text cell of years of logs.
    return QUOTE_PREFIX + text if text[:1] in _QUOTED_FIRST else text


def restore(text: str) -> str:
    """Undo `neutralise`: drop the leading `'` it puts in front of a formula start or of
    another `'`, and only that one.

    A spreadsheet that opens and saves the file may have taken a `'` off already (Gnumeric
    reads it as "this is text"): `'=1+1` comes back as `=1+1`, kept as it is, and a note
    written `''quoted` comes back as `'quoted`, which `neutralise` never writes, so it is
    kept whole too.
    """
    return text[1:] if text[:1] == QUOTE_PREFIX and text[1:2] in _RESTORED_FIRST else text


_RESTORED_FIRST = _QUOTED_FIRST | {"\n"}
"""What may follow the `'` that `restore` drops: what `neutralise` quotes, and a line feed,
since LibreOffice saves a carriage return inside a cell as one."""


def escaped(row: Iterable[Cell]) -> list[str]:
    """The row as the file holds it: text cells neutralised, number cells as they are."""
    return [cell if isinstance(cell, Number) else neutralise(cell) for cell in row]


def write_table(
    stream, header: Sequence[str], rows: Iterable[Sequence[Cell]], bom: bool = True
) -> int:
    """Write a header and rows as RFC 4180 CSV to a text stream; returns the rows written.

    Args:
        stream: A text stream opened with `newline=""` (or a StringIO).
        header: Column names.
        rows: Cells; `Number` cells are written as they are, text cells neutralised.
        bom: Start with a UTF-8 byte order mark.
    """
    return write_escaped(stream, header, map(escaped, rows), bom)


def write_escaped(
    stream, header: Sequence[str], rows: Iterable[Sequence[str]], bom: bool = True
) -> int:
    """`write_table` for rows already `escaped`: the cells are written as they are."""
    if bom:
        stream.write(BOM)
    write = stream.write
    write(csv_line(header))
    count = 0
    for row in rows:
        write(csv_line(row))
        count += 1
    return count


_QUOTED = re.compile(r'[",;\t\r\n]')
"""What makes a cell quoted: RFC 4180's comma, quote and line ends, and the semicolon and
tab a spreadsheet's import dialog may also split on (LibreOffice ticks all three)."""


def csv_line(cells: Sequence[str]) -> str:
    """One CSV line, ending in CRLF, each cell quoted when it holds one of `_QUOTED`."""
    # Every cell is text (`Number` is a str). Most rows need no quotes: one search of the
    # line, and no comma but the separators, instead of one search per cell.
    line = ",".join(cells)
    if line.count(",") == len(cells) - 1 and _QUOTED.search(line) is None:
        return line + LINE_END
    return ",".join(map(_csv_cell, cells)) + LINE_END


def _csv_cell(text: str) -> str:
    if _QUOTED.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def escaped_text(header: Sequence[str], rows: Iterable[Sequence[str]], bom: bool = True) -> str:
    """`write_escaped` into a string."""
    buffer = io.StringIO(newline="")
    write_escaped(buffer, header, rows, bom)
    return buffer.getvalue()


# -- cells of the daily export ------------------------------------------------------------


def place_text(place: Place) -> str:
    """`location[:side][:character]`, as `painlog log --where` takes it."""
    return ":".join(part for part in (place.location, place.side, place.character) if part)


def exercise_text(done: ExerciseDone) -> str:
    """`slug[:SETSxREPS | :REPSr | :SETSsets][:MINUTESmin]`, as `painlog log --did` takes it.

    Sets without reps (`3sets`) is the one form `--did` does not take; the import does.
    """
    parts = [done.slug]
    if done.sets is not None and done.reps is not None:
        parts.append(f"{done.sets}x{done.reps}")
    elif done.reps is not None:
        parts.append(f"{done.reps}r")
    elif done.sets is not None:
        parts.append(f"{done.sets}sets")
    if done.minutes is not None:
        parts.append(f"{done.minutes}min")
    return ":".join(parts)


def joined(items: Iterable[str]) -> str:
    return SEPARATOR.join(items)


def split_items(cell: str) -> list[str]:
    """The items of a multi-valued cell, split at `|` (or at a comma, which people type).

    Surrounding spaces are ignored and empty items dropped; no slug holds `|` or `,`.
    """
    return [item.strip() for item in _ITEM_SEPARATORS.split(cell) if item.strip()]


def read_date(text: str) -> date:
    """An ISO date `YYYY-MM-DD`, or year first with slashes (`2026/11/03`, `2026/11/3`), as
    a spreadsheet may save it; nothing else (no day-first or month-first guessing)."""
    cleaned = text.strip()
    try:
        if _ISO_DATE.match(cleaned):
            return date.fromisoformat(cleaned)
        slashed = _SLASHED_DATE.match(cleaned)
        if slashed is None:
            raise ValueError(cleaned)
        return date(*map(int, slashed.groups()))
    except ValueError:
        raise InvalidInput("date", text, "an ISO date such as 2026-11-03 (or 2026/11/03)") from None


def read_places(cell: str) -> tuple[Place, ...]:
    """The places of a `places` cell (`lower-back:left:ache | hip-side`)."""
    return tuple(place for item in split_items(cell) for place in _place_item(item))


def read_exercises(
    cell: str, seeds: Catalogue | None = None, memo: dict[str, ExerciseDone] | None = None
) -> tuple[ExerciseDone, ...]:
    """The exercises of an `exercises` cell (`walking:30min | glute-bridge:3x10`).

    Args:
        cell: The cell's text.
        seeds: The catalogue to check slugs against (the packaged one when None); retired
            own exercises are accepted, since the file restores past days.
        memo: Items already read with the same `seeds`, reused across a file's rows (years
            of logs repeat the same few items).
    """
    memo = {} if memo is None else memo
    done = []
    for item in split_items(cell):
        if item not in memo:
            memo[item] = _exercise_item(item, seeds)
        done.append(memo[item])
    return tuple(done)


def read_intakes(cell: str, seeds: Catalogue) -> tuple[Intake, ...]:
    """The intakes of a `medications` cell (`ibuprofen:400mg@08:00 | paracetamol`), each
    naming a medication of `seeds` by its slug (retired ones too: the file restores days)."""
    took = []
    for item in split_items(cell):
        name, dose, at = split_intake(item)
        slug = name.lower()
        if seeds.medication(slug) is None:
            raise InvalidInput("took", name, "a medication slug")
        took.append(intake_from(slug, dose, at))
    return tuple(took)


def read_treatments(cell: str, seeds: Catalogue) -> tuple[str, ...]:
    """The treatment slugs of a `treatments` cell (`heat | own-taping`)."""
    treated = []
    for item in split_items(cell):
        slug = item.lower()
        if seeds.treatment(slug) is None:
            raise InvalidInput("treated", item, "a treatment slug (painlog treatments lists them)")
        treated.append(slug)
    return tuple(treated)


def intake_slugs(cell: str) -> list[str]:
    """The medication slugs a `medications` cell names, unchecked (for finding the
    medications a file needs)."""
    slugs = []
    for item in split_items(cell):
        name = item.rsplit("@", 1)[0] if "@" in item else item
        slugs.append(name.split(":", 1)[0].strip().lower())
    return slugs


def treatment_slugs(cell: str) -> list[str]:
    """The treatment slugs a `treatments` cell names, unchecked."""
    return [item.lower() for item in split_items(cell)]


def exercise_slugs(cell: str) -> list[str]:
    """The slugs an `exercises` cell names, unchecked (for finding own exercises in a file)."""
    return [item.split(":", 1)[0].strip().lower() for item in split_items(cell)]


def read_flags(cell: str) -> tuple[str, ...]:
    """The warning-sign slugs of a `red_flags` cell (`fever | trauma`)."""
    return tuple(flag for item in split_items(cell) for flag in parse_flags(item))


# Years of logs repeat the same few items: parse each distinct one once. The records are
# frozen, so sharing them is safe; a refusal raises and is not cached. (Exercises are
# remembered per file through `read_exercises`' memo: they depend on the diary's catalogue.)


@lru_cache(maxsize=4096)
def _place_item(item: str) -> tuple[Place, ...]:
    return parse_places(item)


def _exercise_item(item: str, seeds: Catalogue | None) -> ExerciseDone:
    parts = [part.strip() for part in item.split(":")]
    sets_only = [m for part in parts if (m := _SETS_ONLY.match(part.lower()))]
    rest = [part for part in parts if not _SETS_ONLY.match(part.lower())]
    (done,) = parse_exercises(":".join(rest), seeds, allow_retired=True) or (None,)
    if done is None:
        raise InvalidInput("exercises", item, "SLUG[:SETSxREPS][:MINUTESmin]")
    if sets_only:
        if len(sets_only) > 1 or done.sets is not None:
            raise InvalidInput("exercises", item, "at most one number of sets")
        done = replace(done, sets=int(sets_only[0].group(1)))
    return done


# -- check-ins and PEG answers ----------------------------------------------------------------

CHECKINS_FORM = (
    'a JSON list of check-ins, earliest first, such as [{"at":"08:00","pain":3,'
    '"where":["lower-back:left"],"note":"after breakfast"}] ("where" and "note" may be '
    "left out)"
)
_CHECKIN_KEYS = frozenset(("at", "pain", "where", "note"))
_PAIN_ACCEPTED = "a whole number from 0 to 10"


def checkins_text(checkins: Sequence[CheckIn]) -> str:
    """A `checkins` cell: empty for none, else compact JSON, one object per check-in with
    `at` (HH:MM), `pain`, and `where` (places as the `places` cell writes them) and `note`
    when there are any. JSON escapes line breaks, tabs and quotes; other text (accents,
    emoji) is written as it is."""
    if not checkins:
        return ""  # most days: no list to build
    items = []
    for checkin in checkins:
        item: dict[str, object] = {"at": checkin.at.strftime("%H:%M"), "pain": checkin.pain}
        if checkin.places:
            item["where"] = [place_text(place) for place in checkin.places]
        if checkin.note:
            item["note"] = checkin.note
        items.append(item)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def read_checkins(cell: str) -> tuple[CheckIn, ...]:
    """The check-ins of a `checkins` cell, as `checkins_text` writes them.

    Only the form is read here: the pain's range, the places' being among the day's, one
    check-in a minute and the note's text are the day's checks (`check_day`).

    Raises:
        InvalidInput: naming `checkins` for a cell that is not such JSON, or the part
            (`at`, `pain`, `where`, `note`) that is not of its kind.
    """
    if not cell.strip():
        return ()
    try:
        items = json.loads(cell)
    except (ValueError, RecursionError):
        raise InvalidInput("checkins", cell, CHECKINS_FORM) from None
    if not isinstance(items, list):
        raise InvalidInput("checkins", cell, CHECKINS_FORM)
    return tuple(_checkin(item) for item in items)


def _checkin(item: object) -> CheckIn:
    """One check-in object of a `checkins` cell."""
    if not isinstance(item, dict) or not {"at", "pain"} <= item.keys() <= _CHECKIN_KEYS:
        raise InvalidInput("checkins", _json(item), CHECKINS_FORM)
    at, pain = item["at"], item["pain"]
    if not isinstance(at, str):
        raise InvalidInput("at", _json(at), "a time of day as HH:MM, from 00:00 to 23:59")
    # A JSON number, whole: "4" or 4.0 is not how the export writes it, and true is not 1.
    if type(pain) is not int:
        raise InvalidInput("pain", _json(pain), _PAIN_ACCEPTED)
    where = item.get("where", [])
    if not isinstance(where, list) or not all(isinstance(text, str) for text in where):
        raise InvalidInput("where", _json(where), 'a list of places, e.g. ["hip-side:left"]')
    note = item.get("note", "")
    if not isinstance(note, str):
        raise InvalidInput("note", _json(note), "text")
    return CheckIn(read_time("at", at), check_pain("pain", pain), _checkin_places(where), note)


def _checkin_places(where: list[str]) -> tuple[Place, ...]:
    places = []
    for text in where:
        found = _place_item(text)
        if len(found) != 1:
            raise InvalidInput("where", text, "one place, as location[:side][:character]")
        places.append(found[0])
    return tuple(places)


def _json(value: object) -> str:
    """A part of a refused cell, shown as the file writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


PEG_FORM = (
    "pain N, enjoyment N, activity N, each a whole number from 0 to 10 "
    "(e.g. pain 4, enjoyment 6, activity 5)"
)


def peg_text(answer: PegAnswer | None) -> str:
    """A `peg` cell: `pain 4, enjoyment 6, activity 5`, or empty for no answers."""
    if answer is None:
        return ""
    return ", ".join(f"{name} {getattr(answer, name)}" for name in PEG_QUESTIONS)


def read_peg(cell: str) -> tuple[int, int, int] | None:
    """The pain, enjoyment and activity answers of a `peg` cell (the three in any order,
    letter case and spaces let pass), or None for an empty cell.

    Raises:
        InvalidInput: naming `peg` for a cell of another form, or the answer (`pain`,
            `enjoyment`, `activity`) that is not a whole number from 0 to 10.
    """
    if not cell.strip():
        return None
    answers: dict[str, int] = {}
    for part in cell.split(","):
        name, _space, value = part.strip().partition(" ")
        name = name.lower()
        if name not in PEG_QUESTIONS or name in answers or not value.strip():
            raise InvalidInput("peg", cell, PEG_FORM)
        answers[name] = check_pain(name, value)
    if len(answers) != len(PEG_QUESTIONS):
        raise InvalidInput("peg", cell, PEG_FORM)
    pain, enjoyment, activity = (answers[name] for name in PEG_QUESTIONS)
    return pain, enjoyment, activity


def read_yes_no(field: str, text: str) -> bool:
    cleaned = text.strip().lower()
    if cleaned in (YES, NO):
        return cleaned == YES
    raise InvalidInput(field, text, f"{YES} or {NO}")
