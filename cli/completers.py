"""What the shell offers on Tab for the values of `painlog` options (see `painlog completion`).

argcomplete calls these only while completing; a normal command never does. Each takes
what is typed so far and returns whole values that start with it, keeping the items before
the last comma, so `--did walking,gl<TAB>` offers `walking,glute-bridge`.
"""

from __future__ import annotations

from collections.abc import Iterable


def complete_where(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """Locations, then after a colon the sides and kinds of pain that may follow."""
    from painlog.seeds import catalogue

    seeds = catalogue()
    before, current = _last_item(prefix)
    head, *rest = current.split(":")
    if not rest:
        return _offer(before, prefix, (x.slug for x in seeds.locations))
    location = seeds.location(head.strip().lower())
    if location is None or len(rest) > 2:
        return []
    characters = [x.slug for x in seeds.characters]
    if len(rest) == 1:
        sides = list(seeds.sides) if location.has_side else []
        after = sides + characters
    else:
        after = characters if rest[0] in seeds.sides else []
    stem = ":".join([head, *rest[:-1]])
    return _offer(before, prefix, (f"{stem}:{word}" for word in after))


def complete_did(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The exercises in use, the diary's own ones included when the diary can be read."""
    from painlog.seeds import catalogue

    before, _current = _last_item(prefix)
    seeds = _diary_catalogue(parsed_args) or catalogue()
    return _offer(before, prefix, (x.slug for x in seeds.exercises_in_use))


def complete_took(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The person's medications in use, when the diary can be read."""
    before, _current = _last_item(prefix)
    seeds = _diary_catalogue(parsed_args)
    slugs = [x.slug for x in seeds.medications_in_use] if seeds else []
    return _offer(before, prefix, slugs)


def complete_treated(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The treatments in use, the person's own included when the diary can be read."""
    from painlog.seeds import catalogue

    before, _current = _last_item(prefix)
    seeds = _diary_catalogue(parsed_args) or catalogue()
    return _offer(before, prefix, (x.slug for x in seeds.treatments_in_use))


def complete_medication(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The person's medications, for `painlog meds rename/retire/restore`."""
    seeds = _diary_catalogue(parsed_args)
    slugs = [x.slug for x in seeds.medications] if seeds else []
    return [slug for slug in slugs if slug.startswith(prefix)]


def complete_own_treatment(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The person's own treatments, for `painlog treatments rename/retire/restore`."""
    seeds = _diary_catalogue(parsed_args)
    slugs = [x.slug for x in seeds.treatments if x.own] if seeds else []
    return [slug for slug in slugs if slug.startswith(prefix)]


def complete_flag(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The warning signs' slugs."""
    from painlog.seeds import catalogue

    before, _current = _last_item(prefix)
    return _offer(before, prefix, (x.slug for x in catalogue().red_flags))


def complete_own(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The person's own exercises still in use (to rename or retire)."""
    seeds = _diary_catalogue(parsed_args)
    slugs = [x.slug for x in seeds.exercises if x.own and not x.retired] if seeds else []
    return [slug for slug in slugs if slug.startswith(prefix)]


def complete_retired(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The person's retired own exercises (to restore)."""
    seeds = _diary_catalogue(parsed_args)
    slugs = [x.slug for x in seeds.exercises if x.own and x.retired] if seeds else []
    return [slug for slug in slugs if slug.startswith(prefix)]


def _last_item(prefix: str) -> tuple[str, str]:
    """The items before the last comma (with it), and the one being typed."""
    before, comma, current = prefix.rpartition(",")
    return before + comma, current


def _offer(before: str, prefix: str, values: Iterable[str]) -> list[str]:
    offered = (before + value for value in values)
    return [value for value in offered if value.startswith(prefix.lower())]


def _diary_catalogue(parsed_args):
    """The catalogue with the diary's own exercises, or None when it cannot be read.

    The diary is opened read-only and never upgraded; a missing, damaged, newer or older
    diary, or a server that does not answer, just means no own exercises are offered: a
    Tab must never print an error into the person's command line.
    """
    try:
        from painlog.store.diary import Diary

        with Diary.open(getattr(parsed_args, "db", None), read_only=True) as diary:
            return diary.catalogue()
    except Exception:
        return None
