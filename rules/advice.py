"""What painlog says to the person: the keep-moving reminder, alert sentences, their sources.

All wording lives here so it can be read and reviewed in one place. It is written in
painlog's own words from the facts in SOURCE_RULES; it says what to do, never names a
diagnosis, and stays calm where the sources are reassuring (most back pain is not dangerous
and gets better). Emergency wording is the exception: plain and direct, because there the
sources say "today".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from painlog.rules.records import Place
from painlog.seeds import catalogue
from painlog.seeds.thresholds import Thresholds

__all__ = [
    "CALM",
    "CRITERION_WORDS",
    "EMERGENCY_SLUGS",
    "KEEP_MOVING",
    "KEEP_MOVING_SOURCE",
    "MESSAGES",
    "QUIET",
    "SEEN",
    "SIGN_PHRASES",
    "SOURCES",
    "criteria_text",
    "emergency_message",
    "keep_moving_suggestions",
    "message",
    "same_day_message",
    "unknown_note",
]

KEEP_MOVING = (
    "Keep moving: limit time in bed, start with gentle stretches and short walks, and get "
    "back to your usual day as soon as you can, easing off only what clearly makes it worse."
)
"""The reminder carried by every alert while activity advice may be given (SOURCE_RULES
section 4)."""

KEEP_MOVING_SOURCE = "NINDS low back pain fact sheet"
"""Where the keep-moving reminder comes from."""

_RED_FLAGS = "extension: red-flag screening framework (IFOMPT, Finucane et al., JOSPT 2020)"
_CHOU = "Chou et al., Ann Intern Med 2007;147:478-91 (ACP/APS guideline)"
_MCID = "extension: Farrar et al., Pain 2001; Ostelo et al., Spine 2008"

SOURCES: dict[str, str] = {
    "emergency": f"Low back pain articles (red flags: cauda equina); {_RED_FLAGS}",
    "same_day": (
        "Hip-pain articles (hip fractures come from falls; not being able to put weight on "
        "the leg); extension: the age cut-off, from their figure of over 300,000 people over "
        "65 in hospital with a hip fracture each year (Agency for Healthcare Research and "
        "Quality)"
    ),
    "see_clinician": (
        "Three-criteria rule of the low back pain articles; extension: severe as a "
        "mean of 7 or more (Serlin et al., Pain 1995), a change of 2 points or 30% "
        "(Farrar et al., Pain 2001; Ostelo et al., Spine 2008)"
    ),
    "red_flag": (
        f"Low back pain articles (red flags); hip-pain articles (warning signs); {_RED_FLAGS}"
    ),
    "worsening": _MCID,
    "duration": _CHOU,
    "keep_moving": KEEP_MOVING_SOURCE,
}
"""Each alert kind's source, shown with the alert."""

CALM = "calm"
"""No sign calls for care or for caution: activity advice may be given."""
QUIET = "quiet"
"""A fall or not being able to put weight on the leg was logged recently: no activity
advice (whoever examines the hip should give it), otherwise as calm."""
SEEN = "seen"
"""An emergency sign is active or same-day care is due: no activity advice, and the other
alerts say to tell whoever assesses the person, rather than to book a visit later."""

MESSAGES: dict[str, str] = {
    "emergency": (
        "Get emergency care now: call your local emergency number or go to an emergency "
        "department today."
    ),
    "emergency_asked": (
        "Have you been assessed by a doctor since {date}? If not, get emergency care now: "
        "call your local emergency number or go to an emergency department today."
    ),
    "same_day_pair": (
        "Get seen by a doctor today, at urgent care or an emergency department: a fall or "
        "injury together with not being able to put weight on the leg needs checking the "
        "same day."
    ),
    "same_day_age": (
        "Get seen by a doctor today, at urgent care or an emergency department: at {age} or "
        "over, {sign} needs checking the same day."
    ),
    "see_clinician": "Book an appointment with a doctor to have your pain checked: {criteria}.",
    "see_clinician_seen": "Tell whoever assesses you about your pain too: {criteria}.",
    "red_flag": (
        "Book an appointment with a doctor in the next few days and tell them about the "
        "warning sign you logged."
    ),
    "red_flag_seen": "Tell whoever assesses you about this warning sign too.",
    "worsening": (
        "Your pain is clearly up on last week: ease off whatever set it off, keep gently "
        "active, and see a doctor or physiotherapist if it keeps rising."
    ),
    "worsening_quiet": (
        "Your pain is clearly up on last week: see a doctor or physiotherapist if it keeps rising."
    ),
    "worsening_seen": "Your pain is clearly up on last week: tell whoever assesses you.",
    "duration_subacute": (
        "Your pain has lasted {weeks} weeks; most back pain settles with time, but if yours is "
        "not easing, ask a doctor or physiotherapist to review it."
    ),
    "duration_chronic": (
        "Your pain has lasted {weeks} weeks; ask a doctor or physiotherapist about a regular "
        "exercise programme, which helps long-lasting pain."
    ),
    "duration_chronic_quiet": (
        "Your pain has lasted {weeks} weeks; ask a doctor or physiotherapist to review it."
    ),
    # Beside "now" or "today", no reassurance that it settles with time: say it to whoever
    # is about to assess the person.
    "duration_subacute_seen": "Your pain has lasted {weeks} weeks: tell whoever assesses you.",
    "duration_chronic_seen": "Your pain has lasted {weeks} weeks: tell whoever assesses you.",
    "keep_moving_bed": (
        "Try to spend less time in bed: get up and move a little today, with a short walk "
        "or a gentle stretch."
    ),
    "keep_moving_exercise": (
        "Fit a little movement into today: a short walk or one of the suggested exercises."
    ),
}
"""The one-sentence "what to do" of each alert, keyed by kind (or kind and variant), then
by situation: `key_quiet` and `key_seen` are what it says in those situations, where it
differs from `key` (see `message`). Placeholders in braces are filled from the situation
and from seeds/thresholds.toml, so the sentence follows the data."""

# What a sign or a criterion is called inside a sentence.
SIGN_PHRASES: dict[str, str] = {
    "trauma": "a fall or injury",
    "cannot-bear-weight": "not being able to put weight on the leg",
}
"""The same-day signs, as a sentence names them."""

CRITERION_WORDS: dict[str, str] = {
    "severe": "severe",
    "not improving": "not easing",
    "getting worse": "getting worse",
}
"""Criterion 2 of the three-criteria rule, per way it can hold, as a sentence says it."""

EMERGENCY_SLUGS: frozenset[str] = frozenset(
    {"saddle-numbness", "bladder-bowel-control", "urinary-retention"}
)
"""Emergency signs always treated as such, whatever the catalogue says.

The catalogue marks emergency signs with `emergency = true`; the rules use that *and* this
set, so an edit to the data file can never quietly stop an emergency sign from alerting.
"""


def message(key: str, situation: str = CALM, **fill: object) -> str:
    """The sentence for `key` in `situation` (CALM, QUIET or SEEN), placeholders filled.

    SEEN falls back to the QUIET wording, and QUIET to the calm one, where a kind has no
    wording of its own for it: every wording but the calm one leaves activity advice out.
    """
    order = {CALM: ("",), QUIET: ("_quiet", ""), SEEN: ("_seen", "_quiet", "")}[situation]
    text = next(MESSAGES[key + suffix] for suffix in order if key + suffix in MESSAGES)
    return text.format(**fill) if fill else text


def emergency_message(reported: date, today: date) -> str:
    """What the emergency alert says: act now on the day the sign was (last) logged; after
    that day, whether the person has been assessed since."""
    if reported >= today:
        return message("emergency")
    return message("emergency_asked", date=reported.isoformat())


def same_day_message(paired: bool, sign: str, age: int) -> str:
    """What the same-day alert says.

    Args:
        paired: Both a fall and not bearing weight were logged close together.
        sign: Otherwise, the slug of the sign logged (at `age` or over).
        age: The age from which either sign alone calls for same-day care.
    """
    if paired:
        return message("same_day_pair")
    return message("same_day_age", age=age, sign=SIGN_PHRASES.get(sign, sign))


def unknown_note(t: Thresholds) -> str:
    """What the Alerts screen says when criterion 2 of the three-criteria rule cannot be
    judged for want of logged days, while criteria 1 and 3 hold."""
    return (
        f"Too few days logged to check whether your pain should be looked at: it has lasted "
        f"over {t.check_after_weeks} weeks and a warning sign counts, but with fewer than "
        f"{t.trend_min_logs} of the last {t.sparse_window_days} days logged painlog cannot "
        "tell whether it is severe, easing or getting worse. Log a few more days."
    )


def _and_list(items: Sequence[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def criteria_text(
    weeks: int,
    held: Sequence[str],
    signs: Sequence[str],
    age: str | None,
    cancer: bool,
) -> str:
    """The criteria of the three-criteria rule that held, in words, for `see_clinician`.

    Args:
        weeks: How long the episode has lasted, in whole weeks.
        held: The ways criterion 2 held (keys of `CRITERION_WORDS`).
        signs: Names of the warning signs logged in this episode.
        age: Why age counts (`rules.episodes.age_label`), or None.
        cancer: Whether a history of cancer counts.
    """
    third = []
    if signs:
        noun = "a warning sign" if len(signs) == 1 else "warning signs"
        third.append(f"you logged {noun} ({'; '.join(signs)})")
    own = [f"your age ({age})"] if age is not None else []
    if cancer:
        own.append("your history of cancer")
    if own:
        counts = "counts as a warning sign" if len(own) == 1 else "count as warning signs"
        third.append(f"{_and_list(own)} {counts}")
    how = _and_list([CRITERION_WORDS[key] for key in held])
    return f"it has lasted {weeks} weeks, it is {how}, and {_and_list(third)}"


# Which exercise categories to offer, in order, for the regions a person logged. A gentle
# movement plus a stretch: walking is supported for acute back pain (the encyclopedic
# summary, NINDS), and
# for the hip the exercise articles pair stretches with hip strengthening.
_PLAN_BACK = ("aerobic", "stretch")
_PLAN_HIP = ("stretch", "strength")


def _regions(places: Iterable[Place | str]) -> set[str]:
    seeds = catalogue()
    regions = set()
    for place in places:
        slug = place if isinstance(place, str) else place.location
        location = seeds.location(slug)
        # Leg places (thigh, knee, calf, foot) can come from the back or the hip; they pick
        # neither, so a leg-only day gets the general suggestion.
        if location is not None and location.region in ("back", "hip"):
            regions.add(location.region)
    return regions


def keep_moving_suggestions(places: Iterable[Place | str], n: int = 2) -> tuple[str, ...]:
    """Pick `n` catalogue exercises suited to where it hurts.

    Hip places only: hip stretches and hip strengthening, alternating (e.g.
    seated-hip-rotation, banded-side-steps). Any back place: walking, then stretches suited
    to every region logged. No back or hip place (nothing logged, leg only, unknown slugs):
    walking and a back stretch. Within each category, exercises with a caution come after
    those without; otherwise the choice follows catalogue order, so it is deterministic.

    Args:
        places: The places of the latest logged day (Place records or location slugs).
        n: How many slugs to return.

    Returns:
        Up to `n` distinct exercise slugs.
    """
    if n <= 0:
        return ()
    regions = _regions(places)
    if regions == {"hip"}:
        plan = _PLAN_HIP
    else:
        plan = _PLAN_BACK
        regions = regions or {"back"}
    suited = [exercise for exercise in catalogue().exercises if regions.issubset(exercise.regions)]
    # Stable sort: uncautioned first, catalogue order otherwise.
    suited.sort(key=lambda exercise: exercise.caution is not None)
    queues = {category: [x.slug for x in suited if x.category == category] for category in plan}
    chosen: list[str] = []
    # Round-robin over the plan so two suggestions are one of each kind.
    while len(chosen) < n and any(queues.values()):
        for category in plan:
            if queues[category] and len(chosen) < n:
                chosen.append(queues[category].pop(0))
    # Then anything else suited, if more were asked for than the plan holds.
    for exercise in suited:
        if len(chosen) >= n:
            break
        if exercise.slug not in chosen:
            chosen.append(exercise.slug)
    return tuple(chosen)
