"""`painlog profile`: show or set the birth year, the date the pain started and whether
the person has had cancer."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory, local_today, open_diary, read_diary


def register(command: CommandFactory) -> None:
    """Add the `profile` subcommand."""
    profile = command(
        "profile",
        "show or set your birth year, the date the pain started and your cancer history",
        "examples:\n  painlog profile\n  painlog profile --birth-year 1968 --onset '6 weeks ago'"
        "\n  painlog profile --cancer-history yes\n  painlog profile --onset none"
        "\n\nAge (over 55 or under 20) and a history of cancer are warning signs of the\n"
        "three-criteria rule; neither raises an alert alone.",
    )
    profile.add_argument("--birth-year", metavar="YEAR", help="used for the age warning sign")
    profile.add_argument("--onset", metavar="DATE", help="when this episode of pain started")
    profile.add_argument(
        "--cancer-history",
        metavar="yes|no",
        help="whether you have ever had cancer (none: not answered)",
    )
    profile.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from painlog.rules.entry import InvalidInput, check_cancer_history, check_profile
    from painlog.rules.parsing import parse_date
    from painlog.rules.records import Profile

    today = local_today()
    changes: dict[str, object] = {}
    if args.birth_year is not None:
        text = args.birth_year.strip().lower()
        if text == "none":
            changes["birth_year"] = None
        elif text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 4:
            # The digits are counted first: int() refuses more than 4,300 of them.
            changes["birth_year"] = int(text)
        else:
            raise InvalidInput("birth-year", args.birth_year, "a four-digit year, or none")
    if args.onset is not None:
        text = args.onset.strip().lower()
        changes["onset"] = None if text == "none" else parse_date(args.onset, today, "onset")
    if args.cancer_history is not None:
        changes["cancer_history"] = check_cancer_history("cancer-history", args.cancer_history)
    if changes:
        # Check what can be checked alone before the database is opened (or created).
        check_profile(
            Profile(changes.get("birth_year"), changes.get("onset"), changes.get("cancer_history")),
            today,
        )
    # Showing only reads; setting writes (and creates the diary when there is none).
    with open_diary(args) if changes else read_diary(args) as diary:
        profile = diary.profile()
        if changes:
            profile = replace(profile, **changes)
            diary.save_profile(profile, today)
    from painlog.rules.episodes import age_flag

    counts = "counts as one warning sign when painlog checks whether your pain should be looked at"
    print(f"Birth year:   {profile.birth_year or 'not given'}")
    if (age_reason := age_flag(profile, today)) is not None:
        # Said here once rather than in every daily alert (the three-criteria rule).
        print(f"              {age_reason}: {counts}")
    print(f"Pain started: {profile.onset.isoformat() if profile.onset else 'not given'}")
    answer = {True: "yes", False: "no", None: "not given"}[profile.cancer_history]
    print(f"Had cancer:   {answer}")
    if profile.cancer_history:
        print(f"              {counts}")
    print(f"Database:     {diary.location.display}")
    return EXIT_OK
