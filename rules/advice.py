"""What painlog says to the person: the keep-moving reminder, alert sentences, their sources.

All wording lives here so it can be read and reviewed in one place. It is written in
painlog's own words from the facts in SOURCE_RULES; it says what to do, never names a
diagnosis, and stays calm where the sources are reassuring (most back pain is not dangerous
and gets better). Emergency wording is the exception: plain and direct, because there the
sources say "today".
"""

from __future__ import annotations

from collections.abc import Iterable

from painlog.rules.records import Place
from painlog.seeds import catalogue

__all__ = [
    "EMERGENCY_SLUGS",
    "KEEP_MOVING",
    "KEEP_MOVING_SOURCE",
    "MESSAGES",
    "SOURCES",
    "keep_moving_suggestions",
]

KEEP_MOVING = (
    "Keep moving: limit time in bed, start with gentle stretches and short walks, and get "
    "back to your usual day as soon as you can, easing off only what clearly makes it worse."
)
"""The reminder carried by every non-emergency alert (SOURCE_RULES section 4)."""

KEEP_MOVING_SOURCE = "NINDS low back pain fact sheet"
"""Where the keep-moving reminder comes from."""

_RED_FLAGS = "Red-flag screening (IFOMPT, Finucane et al., JOSPT 2020)"
_CHOU = "Chou et al., Ann Intern Med 2007;147:478-91 (ACP/APS guideline)"
_MCID = "extension: Farrar et al., Pain 2001; Ostelo et al., Spine 2008"

SOURCES: dict[str, str] = {
    "emergency": f"Low back pain articles (red flags: cauda equina); {_RED_FLAGS}",
    "see_clinician": (
        f"Three-criteria rule of the low back pain articles; duration: {_CHOU}; "
        f"red flags: {_RED_FLAGS}; change: {_MCID}"
    ),
    "red_flag": f"Low back pain articles (red flags); {_RED_FLAGS}",
    "worsening": _MCID,
    "duration": _CHOU,
    "keep_moving": KEEP_MOVING_SOURCE,
}
"""Each alert kind's source, shown with the alert."""

MESSAGES: dict[str, str] = {
    "emergency": (
        "Get emergency care now: call your local emergency number or go to an emergency "
        "department today."
    ),
    "see_clinician": (
        "Book an appointment with a doctor to have your pain checked: it has lasted over "
        "{weeks} weeks, is not easing, and you logged a warning sign."
    ),
    "red_flag": (
        "Book an appointment with a doctor in the next few days and tell them about the "
        "warning sign you logged."
    ),
    "worsening": (
        "Your pain is clearly up on last week: ease off whatever set it off, keep gently "
        "active, and see a doctor or physiotherapist if it keeps rising."
    ),
    "duration_subacute": (
        "Your pain has lasted {weeks} weeks; most back pain settles with time, but if yours is "
        "not easing, ask a doctor or physiotherapist to review it."
    ),
    "duration_chronic": (
        "Your pain has lasted {weeks} weeks; ask a doctor or physiotherapist about a regular "
        "exercise programme, which helps long-lasting pain."
    ),
    "keep_moving_bed": (
        "Try to spend less time in bed: get up and move a little today, with a short walk "
        "or a gentle stretch."
    ),
    "keep_moving_exercise": (
        "Fit a little movement into today: a short walk or one of the suggested exercises."
    ),
}
"""The one-sentence "what to do" of each alert (keyed by kind, or kind and variant).

`{weeks}` is filled in from seeds/thresholds.toml, so the sentence follows the data.
"""

EMERGENCY_SLUGS: frozenset[str] = frozenset({"saddle-numbness", "bladder-bowel-control"})
"""Emergency signs always treated as such, whatever the catalogue says.

The catalogue marks emergency signs with `emergency = true`; the rules use that *and* this
set, so an edit to the data file can never quietly stop an emergency sign from alerting.
"""

# Which exercise categories to offer, in order, for the regions a person logged. A gentle
# movement plus a stretch: walking is supported for acute back pain (Chou 2007, NINDS), and
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
