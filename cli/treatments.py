"""`painlog treatments`: the treatments the sources name, and your own (add, rename, retire).

painlog records that a treatment was done; it says nothing about whether it helps. Listing
never creates a database; a change checks what it is given before the diary is opened.
"""

from __future__ import annotations

import argparse

from painlog.cli import CommandFactory
from painlog.cli.completers import complete_own_treatment
from painlog.cli.list_actions import checked_slug, diary_catalogue, list_actions, slug_argument

EPILOG = """\
examples:
  painlog treatments                               the list, with where each comes from
  painlog treatments add "Kinesio taping"
  painlog treatments rename own-kinesio-taping "Taping"
  painlog treatments retire own-kinesio-taping     no longer offered; past days keep it
  painlog treatments restore own-kinesio-taping

Log one with `painlog log PAIN --treated heat,massage`. Your own treatments get a slug
starting with own-; renaming keeps every day that has the treatment."""


def register(command: CommandFactory) -> None:
    """Add the `treatments` subcommand and its actions."""
    treatments = command(
        "treatments", "list treatments, or add, rename and retire your own", EPILOG
    )
    treatments.set_defaults(handler=run_list)
    action = list_actions(treatments)

    add = action("add", "add a treatment of your own", 'painlog treatments add "Hydrotherapy"')
    add.add_argument("name", help="what to call it (up to 60 characters)")
    add.set_defaults(handler=run_add)

    rename = action(
        "rename",
        "rename one of your treatments",
        'painlog treatments rename own-hydrotherapy "Pool therapy"',
    )
    slug_argument(rename, "its slug (starts with own-)", complete_own_treatment)
    rename.add_argument("name", help="the new name")
    rename.set_defaults(handler=run_rename)

    for name, help_text, handler in (
        ("retire", "stop offering one of your treatments (days keep it)", run_retire),
        ("restore", "offer a retired treatment again", run_restore),
    ):
        sub = action(name, help_text, f"painlog treatments {name} own-hydrotherapy")
        slug_argument(sub, "its slug (starts with own-)", complete_own_treatment)
        sub.set_defaults(handler=handler)


def run_list(args: argparse.Namespace) -> int:
    from painlog.rules.text import shown_text

    treatments = diary_catalogue(args).treatments
    width = max(len(x.slug) for x in treatments)
    print("From the sources (painlog records them; it gives no advice about them)")
    for treatment in treatments:
        if not treatment.own:
            print(f"  {treatment.slug:<{width}}  {treatment.name}  ({treatment.source})")
    own = [x for x in treatments if x.own]
    print()
    print("Your own")
    if not own:
        print('  none yet: painlog treatments add "NAME"')
    for treatment in own:
        retired = "  (retired; kept on the days that have it)" if treatment.retired else ""
        print(shown_text(f"  {treatment.slug:<{width}}  {treatment.name}{retired}"))
    return 0


def run_add(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.own_treatments import draft_treatment

    draft_treatment(args.name, diary_catalogue(args))
    with open_diary(args) as diary:
        treatment = diary.add_treatment(args.name)
    print(_line("Added", treatment))
    print(f"Log it with: painlog log PAIN --treated {treatment.slug}")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.own_treatments import check_treatment_name

    seeds = _checked_slug(args)
    check_treatment_name(args.name, seeds, renaming=args.slug.strip().lower())
    with open_diary(args) as diary:
        treatment = diary.rename_treatment(args.slug, args.name)
    print(_line("Now", treatment))
    return 0


def run_retire(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.store.clock import local_today

    _checked_slug(args)
    with open_diary(args) as diary:
        treatment = diary.retire_treatment(args.slug, local_today())
    print(_line("Retired", treatment) + "; the days that have it keep it.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary

    _checked_slug(args)
    with open_diary(args) as diary:
        treatment = diary.restore_treatment(args.slug)
    print(_line("Restored", treatment))
    return 0


def _checked_slug(args: argparse.Namespace):
    """The catalogue with the diary's lists, once the slug is known to be a treatment of yours."""
    from painlog.rules.own_treatments import check_own_treatment_slug

    return checked_slug(args, "treatment", "a treatment you added", check_own_treatment_slug)


def _line(verb: str, treatment) -> str:
    from painlog.rules.text import shown_text

    return shown_text(f"{verb} {treatment.slug}  {treatment.name}")
