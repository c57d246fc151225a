"""The words for places and exercises: one reading for the Today pickers and the shell.

A place can be typed by its slug (`lower-back`), its name (`lower back`) or the start of
a word of it (`low`), followed by a side and a kind of pain (`hip-side left sharp`); an
exercise the same way, followed by a dose (`walk 30min`, `glute 3x10`). The pickers rank
what matches as the person types and let them choose; the command line cannot ask, so
`resolve` takes a match only when nothing else is as good, and otherwise refuses with the
candidates or the closest names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from painlog.rules.entry import InvalidInput, shown_value
from painlog.rules.records import ExerciseDone, Place
from painlog.rules.text import shown_text
from painlog.seeds import Catalogue, Exercise
from painlog.seeds.catalogue import OWN_PREFIX

CATEGORY_ORDER = {"aerobic": 0, "stretch": 1, "strength": 2, "other": 3}
OWN_MARK = " · yours"
"""After an own exercise's name in a list, so it reads as the person's own in words."""

SURE_SCORE = 3
"""The weakest match the command line takes on its own: a word of the name starts with
what was typed. A match inside a word (`ridge`) or of scattered letters is only suggested."""

SUGGESTIONS = 3
"""How many close names a refusal offers."""

LISTED = 6
"""How many equally good matches a refusal names before it stops with `…`."""

SETS_REPS = re.compile(r"^(\d{1,5})x(\d{1,5})$")
MINUTES = re.compile(r"^(\d{1,5})\s*(?:m|min|mins|minutes)$")
REPS = re.compile(r"^(\d{1,5})\s*(?:r|reps?)$")

# A dose typed with spaces (`3 x 10`, `30 min`) is one word, as `3x10` and `30min` are.
AFTER_EXERCISE = (
    "SLUG[:SETSxREPS][:MINUTESmin], e.g. walking:30min, or an exercise then at most one of "
    "each dose (3x10, 12r, 30min), e.g. walk 30min"
)
A_DOSE = "a dose (3x10, 12r or 30min)"
_SPACED_SETS = re.compile(r"(\d)\s*x\s*(\d)", re.ASCII)
_SPACED_UNIT = re.compile(r"(\d)\s+(minutes|mins|min|m|reps|rep|r)\b", re.ASCII)
_WORD_BREAKS = re.compile(r"[\s/()-]+")
_KEY_BREAKS = re.compile(r"[\s_-]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something that can be picked: a location or an exercise.

    Attributes:
        slug: What is stored.
        name: Its plain name, as the catalogue or the person wrote it.
        search: The lower-case text typing is matched against (name, slug, and for an
            exercise its category, and `yours` for an own one).
        label: What a list shows (the name escaped, with `OWN_MARK` for an own exercise).
    """

    slug: str
    name: str
    search: str
    label: str = ""

    @property
    def shown(self) -> str:
        """The text a list shows for it."""
        return self.label or self.name

    @property
    def keys(self) -> frozenset[str]:
        """The texts that name it exactly: slug and name (and an own slug without `own-`),
        with letter case, hyphens and spaces alike."""
        keys = {_key(self.slug), _key(self.name)}
        if self.slug.startswith(OWN_PREFIX):
            keys.add(_key(self.slug.removeprefix(OWN_PREFIX)))
        return frozenset(keys)


class NotOneMatch(InvalidInput):
    """Typed words that name no item, or several equally well.

    Read as `did: 'band' matches more than one exercise: ...; write more of the name`,
    rather than the general "is not accepted; expected" form, which would repeat itself.

    `accepted` stays a phrase that reads after "expected", for a caller that rewords the
    refusal in the general form (an import names the file's column).

    Attributes:
        matches: The equally good candidates (empty when nothing matched).
        reason: What went wrong, after the value.
        advice: What to do about it, after the reason.
    """

    def __init__(
        self,
        field: str,
        value: str,
        reason: str,
        advice: str,
        accepted: str,
        matches: Sequence[Candidate] = (),
    ) -> None:
        super().__init__(field, value, accepted)
        self.reason = reason
        self.advice = advice
        self.matches = tuple(matches)

    def __str__(self) -> str:
        return f"{self.field}: {shown_value(self.value)} {self.reason}; {self.advice}"


def _key(text: str) -> str:
    return " ".join(_KEY_BREAKS.sub(" ", text.strip().lower()).split())


def score(query: str, text: str) -> int:
    """How well `query` matches `text` (both lower case): 4 when `text` starts with it, 3
    when one of its words does, 2 when it is inside, 1 when its letters come in order, 0
    when it does not match."""
    if text.startswith(query):
        return 4
    if any(word.startswith(query) for word in _WORD_BREAKS.split(text)):
        return 3
    if query in text:
        return 2
    letters = iter(text)
    return 1 if all(ch in letters for ch in query.replace(" ", "")) else 0


def rank(query: str, candidates: Sequence[Candidate], usage: dict[str, int]) -> list[Candidate]:
    """Candidates matching `query`, best first.

    A name that starts with the query beats one with a word that starts with it, which
    beats a substring, which beats letters in order. Ties go to what the person uses most,
    then to the candidates' order, so a list never reshuffles for no reason.
    """
    query = " ".join(query.lower().split())
    if not query:
        return sorted(candidates, key=lambda c: -usage.get(c.slug, 0))
    scored = []
    for position, candidate in enumerate(candidates):
        found = score(query, candidate.search)
        if found:
            scored.append((-found, -usage.get(candidate.slug, 0), position, candidate))
    return [item[-1] for item in sorted(scored)]


def resolve(
    text: str,
    candidates: Sequence[Candidate],
    field: str,
    kind: str,
    every: str | None = None,
) -> Candidate:
    """The one candidate `text` names, for a reader that cannot ask which was meant.

    An exact slug wins, then an exact name (or an own exercise's slug without `own-`);
    otherwise the best match by `rank`'s order, when it is the only one that good and a
    word of it starts with `text`.

    Args:
        text: The words typed for the name, without side, kind of pain or dose.
        candidates: What may be named.
        field: The field in a refusal (`where`, `did`).
        kind: What a candidate is, in words (`place`, `exercise`).
        every: Where to find every name, said when none is close (by default the
            refusal lists every slug).

    Raises:
        NotOneMatch: when several match equally well (naming them), or none does
            (naming up to three close ones, or all when there are few).
    """
    wanted = text.strip().lower()
    for candidate in candidates:
        if candidate.slug == wanted:
            return candidate
    key = _key(text)
    exact = [c for c in candidates if key in c.keys]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _several(field, text, kind, exact)
    query = " ".join(wanted.split())
    scored = [(score(query, c.search), c) for c in candidates] if query else []
    best = max((found for found, _c in scored), default=0)
    if best >= SURE_SCORE:
        top = [c for found, c in scored if found == best]
        if len(top) == 1:
            return top[0]
        raise _several(field, text, kind, top)
    raise _none(field, text, kind, candidates, every)


def _several(field: str, text: str, kind: str, matches: Sequence[Candidate]) -> NotOneMatch:
    named = ", ".join(f"{shown_text(c.name)} ({c.slug})" for c in matches[:LISTED])
    more = ", …" if len(matches) > LISTED else ""
    return NotOneMatch(
        field,
        text,
        f"matches more than one {kind}: {named}{more}",
        "write more of the name, or the slug",
        f"one {kind}, not several: {named}{more}",
        matches,
    )


def _none(
    field: str, text: str, kind: str, candidates: Sequence[Candidate], every: str | None
) -> NotOneMatch:
    accepted = every or "one of " + ", ".join(c.slug for c in candidates)
    close = closest(text, candidates)
    if close:
        slugs = [c.slug for c in close]
        listed = slugs[0] if len(slugs) == 1 else ", ".join(slugs[:-1]) + " or " + slugs[-1]
        advice = f"did you mean {listed}?"
    else:
        advice = "use " + accepted
    return NotOneMatch(field, text, f"matches no {kind}", advice, accepted)


def resolve_words(
    name: str,
    candidates: Sequence[Candidate],
    field: str,
    kind: str,
    what_follows: str,
    every: str | None = None,
) -> Candidate:
    """`resolve` for the name words of an item typed in words, which says so when the
    first words alone name an item and the rest are not what may follow it (`walk fast`).

    Args:
        name: The words left once sides, kinds of pain or doses are taken out.
        what_follows: What may follow the name, for a refusal (`a dose (3x10, ...)`).

    Raises:
        NotOneMatch: as `resolve` does, or when only the first words name an item.
    """
    try:
        return resolve(name, candidates, field, kind, every)
    except NotOneMatch as error:
        words = name.split()
        if error.matches or len(words) < 2:
            raise
        for cut in range(len(words) - 1, 0, -1):
            first, rest = " ".join(words[:cut]), " ".join(words[cut:])
            try:
                found = resolve(first, candidates, field, kind)
            except NotOneMatch:
                continue
            raise NotOneMatch(
                field,
                name,
                f"matches no {kind}",
                f"{first!r} alone is {shown_text(found.name)} ({found.slug}), and {rest!r} "
                f"is not {what_follows}",
                f"a {kind}, then {what_follows}",
            ) from None
        raise


def closest(
    text: str, candidates: Sequence[Candidate], count: int = SUGGESTIONS
) -> list[Candidate]:
    """Up to `count` candidates close to `text`: misspellings first (by difflib), then
    those `text` is inside of."""
    key = _key(text)
    if not key:
        return []
    by_key: dict[str, Candidate] = {}
    for candidate in candidates:
        for each in sorted(candidate.keys):
            by_key.setdefault(each, candidate)
    found: list[Candidate] = []
    for each in difflib.get_close_matches(key, list(by_key), n=count * 2, cutoff=0.6):
        if by_key[each] not in found:
            found.append(by_key[each])
    query = " ".join(text.lower().split())
    for candidate in candidates:
        if candidate not in found and score(query, candidate.search) >= 2:
            found.append(candidate)
    return found[:count]


# -- places ---------------------------------------------------------------------------------


def location_candidates(seeds: Catalogue) -> list[Candidate]:
    """Every location, in the catalogue's order."""
    return [Candidate(x.slug, x.name, f"{x.name} {x.slug}".lower()) for x in seeds.locations]


def place_words(seeds: Catalogue) -> tuple[set[str], dict[str, str]]:
    """The sides, and each kind of pain by slug and by name with the slug it stands for."""
    characters = {x.slug: x.slug for x in seeds.characters}
    characters |= {x.name.lower(): x.slug for x in seeds.characters}
    return set(seeds.sides), characters


def split_place(text: str, seeds: Catalogue) -> tuple[str, list[str]]:
    """Separate the words naming a place from its side and kind of pain.

    `hip-side: left sharp` gives `("hip-side", ["left", "sharp"])`.
    """
    sides, characters = place_words(seeds)
    words, extras = [], []
    for word in text.lower().replace(":", " ").split():
        (extras if word in sides or word in characters else words).append(word)
    return " ".join(words), extras


def make_place(
    slug: str, extras: Sequence[str], seeds: Catalogue, strict: bool, typed: str = ""
) -> Place:
    """The place at location `slug` with the side and kind of pain among `extras`.

    Args:
        strict: Refuse a second side or kind of pain (the command line, which cannot
            show which one it kept). Otherwise the last of each counts and a side is
            dropped for a location that has none (a picker, which shows the result).

    Raises:
        InvalidInput: when strict, for a word that is neither, or given twice.
    """
    sides, characters = place_words(seeds)
    location = seeds.location(slug)
    side = character = None
    for word in extras:
        if word in sides and (strict or (location is not None and location.has_side)):
            if strict and side is not None:
                raise _place_refused(typed or slug, seeds)
            side = word
        elif word in characters:
            if strict and character is not None:
                raise _place_refused(typed or slug, seeds)
            character = characters[word]
        elif strict:
            raise _place_refused(typed or slug, seeds)
    return Place(slug, side, character)


def _place_refused(typed: str, seeds: Catalogue) -> InvalidInput:
    return InvalidInput("where", typed, _after_place(seeds))


def _after_place(seeds: Catalogue) -> str:
    return (
        "a place, then at most one side ("
        + ", ".join(seeds.sides)
        + ") and one kind of pain ("
        + ", ".join(x.slug for x in seeds.characters)
        + ")"
    )


def read_place(item: str, seeds: Catalogue) -> Place:
    """One `--where` item: `lower-back:left:sharp`, or words, `lower back left sharp`.

    Raises:
        InvalidInput: for a place that is not one, or a side or kind of pain that is not
            one or comes twice.
    """
    candidates = location_candidates(seeds)
    if ":" not in item:
        name, extras = split_place(item, seeds)
        if not name:
            raise InvalidInput("where", item, "a place first, e.g. lower-back or lower back")
        sides = ", ".join(seeds.sides)
        characters = ", ".join(x.slug for x in seeds.characters)
        follows = f"a side ({sides}) or kind of pain ({characters})"
        found = resolve_words(name, candidates, "where", "place", follows)
        return make_place(found.slug, extras, seeds, strict=True, typed=item)
    head, *rest = item.split(":")
    location = resolve(head, candidates, "where", "place").slug
    if len(rest) > 2:
        raise InvalidInput("where", item, "LOCATION[:SIDE][:CHARACTER]")
    sides, characters = place_words(seeds)
    side = character = None
    for part in (part.strip() for part in rest):
        if part in sides and side is None and character is None:
            side = part
        elif part in characters and character is None:
            character = characters[part]
        else:
            raise InvalidInput(
                "where",
                item,
                "LOCATION[:SIDE][:CHARACTER] with SIDE one of "
                + ", ".join(seeds.sides)
                + " and CHARACTER one of "
                + ", ".join(x.slug for x in seeds.characters),
            )
    return Place(location, side, character)


# -- exercises ------------------------------------------------------------------------------


def exercise_candidates(seeds: Catalogue, retired: bool = False) -> list[Candidate]:
    """The exercises to offer, everyday activities first, retired own exercises left out
    unless `retired`.

    Walking and the other everyday activities lead because the sources back them for
    everyone, so on a new diary `w` finds Walking before Wide squat. Own exercises come
    after the catalogue's of their category; "yours" and "own" find them all.
    """
    offered = seeds.exercises if retired else seeds.exercises_in_use
    exercises = sorted(offered, key=lambda x: CATEGORY_ORDER[x.category])
    return [_exercise_candidate(x) for x in exercises]


def _exercise_candidate(exercise: Exercise) -> Candidate:
    # An own exercise's name as an older diary may hold it: escaped, never raw.
    label = shown_text(exercise.name) + (OWN_MARK if exercise.own else "")
    search = f"{exercise.name} {exercise.slug} {exercise.category}"
    return Candidate(
        exercise.slug,
        exercise.name,
        (search + (" yours" if exercise.own else "")).lower(),
        label,
    )


def is_dose(word: str) -> bool:
    """Whether `word` is a dose: `3x10` (sets x reps), `12r` or `30min`."""
    return bool(SETS_REPS.match(word) or MINUTES.match(word) or REPS.match(word))


def split_exercise(text: str) -> tuple[str, list[str]]:
    """Separate the words naming an exercise from its dose: `glute 3 x 10` gives
    `("glute", ["3x10"])`."""
    joined = _SPACED_UNIT.sub(r"\1\2", _SPACED_SETS.sub(r"\1x\2", text.lower()))
    words, doses = [], []
    for word in joined.split():
        (doses if is_dose(word) else words).append(word)
    return " ".join(words), doses


def make_exercise(slug: str, doses: Sequence[str], strict: bool, typed: str = "") -> ExerciseDone:
    """The exercise `slug` done with `doses`.

    Args:
        strict: Refuse a dose given twice and keep a zero, so the day's checks refuse it
            (the command line). Otherwise the last of each counts and a zero is no dose
            (a picker, which shows the result).
        typed: The item as typed, for a refusal.

    Raises:
        InvalidInput: when strict, for a word that is no dose, or a dose given twice.
    """
    sets = reps = minutes = None
    for dose in doses:
        if (match := SETS_REPS.match(dose)) and (sets is None or not strict):
            sets, reps = int(match.group(1)), int(match.group(2))
        elif (match := REPS.match(dose)) and (reps is None or not strict):
            reps = int(match.group(1))
        elif (match := MINUTES.match(dose)) and (minutes is None or not strict):
            minutes = int(match.group(1))
        elif strict:
            raise InvalidInput("did", typed or ":".join([slug, *doses]), AFTER_EXERCISE)
    if not strict:
        sets, reps, minutes = (value or None for value in (sets, reps, minutes))
    return ExerciseDone(slug, sets, reps, minutes)


def read_exercise(item: str, seeds: Catalogue, allow_retired: bool = False) -> ExerciseDone:
    """One `--did` item: `glute-bridge:3x10`, or words, `glute bridge 3x10`.

    Args:
        allow_retired: Accept retired own exercises (an import restoring old days does;
            logging a new day does not).

    Raises:
        InvalidInput: for an exercise that is not one, or retired, or a dose that is not
            one or comes twice.
    """
    candidates = exercise_candidates(seeds, retired=allow_retired)
    if ":" in item:
        head, *doses = (part.strip() for part in item.split(":"))
    else:
        whole = [c for c in candidates if _key(item) in c.keys]
        head, doses = (item, []) if len(whole) == 1 else split_exercise(item)
        if not head:
            raise InvalidInput("did", item, "an exercise first, e.g. walking:30min or walk 30min")
    if not allow_retired:
        _refuse_retired(head, seeds)
    every = "a name or slug that `painlog exercises` lists"
    if ":" in item:
        found = resolve(head, candidates, "did", "exercise", every)
    else:
        found = resolve_words(head, candidates, "did", "exercise", A_DOSE, every)
    return make_exercise(found.slug, doses, strict=True, typed=item)


def _refuse_retired(head: str, seeds: Catalogue) -> None:
    key = _key(head)
    for exercise in seeds.exercises:
        if exercise.retired and key in _exercise_candidate(exercise).keys:
            raise InvalidInput(
                "did",
                head,
                "an exercise in use (this one is retired; `painlog exercises restore "
                f"{exercise.slug}` brings it back)",
            )
