"""`painlog exercises`: the catalogue, and the person's own exercises (add, rename, retire).

Listing never creates a database: with no diary yet it shows the catalogue alone. Adding,
renaming, retiring and restoring check everything before writing, and print what the
exercise now is, so a mistake shows at once.
"""

from __future__ import annotations

import argparse

from painlog.cli import CommandFactory
from painlog.cli.completers import complete_own, complete_retired
from painlog.cli.list_actions import checked_slug, diary_catalogue, list_actions, slug_argument

EPILOG = """\
examples:
  painlog exercises                                   the catalogue and your own exercises
  painlog exercises add "Clamshell with band" --category strength --dose "3 x 12 each side"
  painlog exercises rename own-clamshell-with-band "Clamshell, green band"
  painlog exercises retire own-clamshell-with-band   no longer offered; past days keep it
  painlog exercises restore own-clamshell-with-band

Your own exercises get a slug starting with own- (shown when you add one); `painlog log
--did` takes it with or without own-, or the name: `--did own-clamshell-with-band:3x12`,
`--did clamshell-with-band:3x12` or `--did "clamshell with band 3x12"`. Categories:
strength, stretch, aerobic, other (the default). Renaming keeps every day that has the
exercise."""


def register(command: CommandFactory) -> None:
    """Add the `exercises` subcommand and its actions."""
    exercises = command("exercises", "list exercises, or add, rename and retire your own", EPILOG)
    exercises.set_defaults(handler=run_list)
    action = list_actions(exercises)

    add = action(
        "add",
        "add an exercise of your own",
        'painlog exercises add "Bird dog" --category strength --dose "2 x 8 each side"',
    )
    add.add_argument("name", help="what to call it (up to 60 characters)")
    add.add_argument(
        "--category",
        default="other",
        help="strength, stretch, aerobic or other (other when not given)",
    )
    add.add_argument("--dose", default="", help="how much, as your physiotherapist said")
    add.set_defaults(handler=run_add)

    rename = action(
        "rename", "rename one of your exercises", 'painlog exercises rename own-bird-dog "Bird dog"'
    )
    _slug_argument(rename, complete_own)
    rename.add_argument("name", help="the new name")
    rename.add_argument("--category", help="a new category as well")
    rename.add_argument("--dose", help="a new dose as well")
    rename.set_defaults(handler=run_rename)

    retire = action(
        "retire",
        "stop offering one of your exercises (days that have it keep it)",
        "painlog exercises retire own-bird-dog",
    )
    _slug_argument(retire, complete_own)
    retire.set_defaults(handler=run_retire)

    restore = action(
        "restore", "offer a retired exercise again", "painlog exercises restore own-bird-dog"
    )
    _slug_argument(restore, complete_retired)
    restore.set_defaults(handler=run_restore)


def _slug_argument(parser: argparse.ArgumentParser, completer) -> None:
    slug_argument(parser, "its slug (starts with own-)", completer)


def run_list(args: argparse.Namespace) -> int:
    from painlog.seeds.catalogue import OWN_CATEGORIES

    seeds = diary_catalogue(args)
    width = max(len(x.slug) for x in seeds.exercises)
    for category in ("strength", "stretch", "aerobic"):
        print(category.capitalize())
        for exercise in seeds.exercises:
            if exercise.category == category and not exercise.own:
                print(f"  {exercise.slug:<{width}}  {exercise.name}: {exercise.dose}")
                if exercise.caution:
                    print(f"  {'':<{width}}  caution: {exercise.caution}")
        print()
    own = [x for x in seeds.exercises if x.own]
    in_use = [x for x in own if not x.retired]
    print("Your own")
    if not own:
        print('  none yet: painlog exercises add "NAME" --category strength --dose "3 x 10"')
    elif not in_use:
        print("  none in use (restore one below, or add another)")
    for exercise in sorted(in_use, key=lambda x: OWN_CATEGORIES.index(x.category)):
        print(f"  {_own_line(exercise, width)}")
    retired = [x for x in own if x.retired]
    if retired:
        print()
        print("Retired (kept on the days that have them)")
        for exercise in retired:
            print(f"  {_own_line(exercise, width)}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.own_exercises import check_category, check_dose, check_name

    # Refuse before a database is opened for writing (or created): opening makes the day's
    # backup, and a refused command leaves the folder as it was.
    check_name(args.name, diary_catalogue(args))
    check_category(args.category)
    check_dose(args.dose)
    with open_diary(args) as diary:
        exercise = diary.add_exercise(args.name, args.category, args.dose)
    print(f"Added {_own_line(exercise)}")
    print(f"Log it with: painlog log PAIN --did {exercise.slug}")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.own_exercises import check_category, check_dose, check_name

    seeds = _checked_slug(args)
    check_name(args.name, seeds, renaming=args.slug.strip().lower())
    if args.category is not None:
        check_category(args.category)
    if args.dose is not None:
        check_dose(args.dose)
    with open_diary(args) as diary:
        exercise = diary.change_exercise(args.slug, args.name, args.category, args.dose)
    print(f"Now {_own_line(exercise)}")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.store.clock import local_today

    _checked_slug(args)
    with open_diary(args) as diary:
        exercise = diary.retire_exercise(args.slug, local_today())
    print(f"Retired {_own_line(exercise)}; the days that have it keep it.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary

    _checked_slug(args)
    with open_diary(args) as diary:
        exercise = diary.restore_exercise(args.slug)
    print(f"Restored {_own_line(exercise)}")
    return 0


def _checked_slug(args: argparse.Namespace):
    """The catalogue with the diary's lists, once the slug is known to be an own exercise."""
    from painlog.rules.own_exercises import check_own_slug

    return checked_slug(args, "exercise", "an exercise you added", check_own_slug)


def _own_line(exercise, width: int = 0) -> str:
    from painlog.rules.text import shown_text

    dose = f": {exercise.dose}" if exercise.dose else ""
    # Escaped: an older diary may hold a control character in an own exercise's name.
    line = f"{exercise.slug:<{width}}  {exercise.name} ({exercise.category}){dose}"
    return shown_text(line)
