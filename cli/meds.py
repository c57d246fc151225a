"""`painlog meds`: the medications you take (list, add, rename, retire, restore).

painlog has no list of medicines and gives no advice about any: a person adds what they
take, under their own name for it. Listing never creates a database; every change checks
what it is given before the diary is opened for writing, so a refused command leaves the
folder as it was.
"""

from __future__ import annotations

import argparse

from painlog.cli import CommandFactory
from painlog.cli.completers import complete_medication
from painlog.cli.list_actions import checked_slug, diary_catalogue, list_actions, slug_argument

EPILOG = """\
examples:
  painlog meds                                     your medications
  painlog meds add Ibuprofen --dose "400 mg" --as-needed
  painlog meds rename ibuprofen "Ibuprofen (Nurofen)" --dose "200 mg"
  painlog meds retire ibuprofen                    no longer offered; past days keep it
  painlog meds restore ibuprofen

Log what you took with `painlog log PAIN --took ibuprofen:400mg@08:00,ibuprofen@14:00`
(a dose and a time are optional; each item is one intake). The slug is made from the
name when you add it and never changes, so renaming keeps every day that has it."""


def register(command: CommandFactory) -> None:
    """Add the `meds` subcommand and its actions."""
    meds = command("meds", "list your medications, or add, rename and retire them", EPILOG)
    meds.set_defaults(handler=run_list)
    action = list_actions(meds)

    add = action("add", "add a medication you take", 'painlog meds add Paracetamol --dose "1 g"')
    add.add_argument("name", help="your name for it (up to 60 characters)")
    add.add_argument("--dose", default="", help="your usual dose, up to 40 characters")
    add.add_argument(
        "--as-needed", action="store_true", help="taken when needed, not on a schedule"
    )
    add.set_defaults(handler=run_add)

    rename = action(
        "rename", "rename a medication", 'painlog meds rename paracetamol "Paracetamol 500"'
    )
    slug_argument(rename, "its slug (painlog meds lists them)", complete_medication)
    rename.add_argument("name", help="the new name")
    rename.add_argument("--dose", help="a new usual dose as well ('' clears it)")
    rename.add_argument(
        "--as-needed",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="taken when needed (or, with --no-as-needed, on a schedule)",
    )
    rename.set_defaults(handler=run_rename)

    for name, help_text, handler in (
        ("retire", "stop offering a medication (days that have it keep it)", run_retire),
        ("restore", "offer a retired medication again", run_restore),
    ):
        sub = action(name, help_text, f"painlog meds {name} ibuprofen")
        slug_argument(sub, "its slug (painlog meds lists them)", complete_medication)
        sub.set_defaults(handler=handler)


def run_list(args: argparse.Namespace) -> int:

    medications = diary_catalogue(args).medications
    in_use = [x for x in medications if not x.retired]
    retired = [x for x in medications if x.retired]
    width = max((len(x.slug) for x in medications), default=0)
    print("Your medications")
    if not medications:
        print('  none yet: painlog meds add NAME --dose "400 mg"')
    elif not in_use:
        print("  none in use (restore one below, or add another)")
    for medication in in_use:
        print(f"  {medication_line(medication, width)}")
    if retired:
        print()
        print("Retired (kept on the days that have them)")
        for medication in retired:
            print(f"  {medication_line(medication, width)}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.medications import draft_medication

    # Checked before a database is opened for writing (or created).
    draft_medication(args.name, args.dose, args.as_needed, diary_catalogue(args))
    with open_diary(args) as diary:
        medication = diary.add_medication(args.name, args.dose, args.as_needed)
    print(f"Added {medication_line(medication)}")
    print(f"Log it with: painlog log PAIN --took {medication.slug}")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.rules.medications import check_medication_name, check_usual_dose

    seeds = _checked_slug(args)
    check_medication_name(args.name, seeds, renaming=args.slug.strip().lower())
    if args.dose is not None:
        check_usual_dose(args.dose)
    with open_diary(args) as diary:
        medication = diary.change_medication(args.slug, args.name, args.dose, args.as_needed)
    print(f"Now {medication_line(medication)}")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary
    from painlog.store.clock import local_today

    _checked_slug(args)
    with open_diary(args) as diary:
        medication = diary.retire_medication(args.slug, local_today())
    print(f"Retired {medication_line(medication)}; the days that have it keep it.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from painlog.cli import open_diary

    _checked_slug(args)
    with open_diary(args) as diary:
        medication = diary.restore_medication(args.slug)
    print(f"Restored {medication_line(medication)}")
    return 0


def _checked_slug(args: argparse.Namespace):
    """The catalogue with the diary's lists, once the slug is known to be a medication of yours."""
    from painlog.rules.medications import check_medication_slug

    return checked_slug(args, "medication", "a medication you added", check_medication_slug)


def medication_line(medication, width: int = 0) -> str:
    """`ibuprofen  Ibuprofen: 400 mg, as needed`, escaped."""
    from painlog.rules.text import shown_text

    details = [
        part for part in (medication.dose, "as needed" if medication.as_needed else "") if part
    ]
    line = f"{medication.slug:<{width}}  {medication.name}" + (
        ": " + ", ".join(details) if details else ""
    )
    return shown_text(line)
