"""`painlog demo`: a made-up diary to explore painlog with."""

from __future__ import annotations

import argparse
from datetime import timedelta

from painlog.cli import CommandFactory, whole_number

DEMO_FILE_NAME = "painlog-demo.db"
DEMO_WEEKS = 16  # store.demo.DEFAULT_WEEKS; repeated so `--help` needs no import
DEMO_SEED = 1  # store.demo.DEFAULT_SEED
MAX_SEED_DIGITS = 18
"""Any seed people type fits; int() would refuse more than 4,300 digits."""


def register(command: CommandFactory) -> None:
    """Add the `demo` subcommand."""
    demo = command(
        "demo",
        "fill a new database with a made-up diary to explore painlog",
        "examples:\n"
        "  painlog demo --db demo.db && painlog --db demo.db\n"
        "  painlog demo --db ten-years.db --weeks 522 --seed 7\n"
        "\nThe history ends today: an episode that starts moderate, eases with regular\n"
        "exercise, has a bad patch after a fall (the one warning sign) and a few unlogged\n"
        f"days. Without --db it goes to {DEMO_FILE_NAME} in your data folder, never into\n"
        "your own diary; a database that already holds logs is refused.",
    )
    demo.add_argument(
        "--weeks",
        metavar="N",
        default=str(DEMO_WEEKS),
        help=f"weeks of history, 4 to 1040 (default {DEMO_WEEKS})",
    )
    demo.add_argument(
        "--seed",
        metavar="S",
        default=str(DEMO_SEED),
        help=f"any whole number; same seed, same diary (default {DEMO_SEED})",
    )
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.cli import local_today
    from painlog.rules.entry import InvalidInput
    from painlog.store.demo import MAX_WEEKS, MIN_WEEKS, fill_demo, story_start

    today = local_today()
    weeks = whole_number("weeks", args.weeks, MIN_WEEKS, MAX_WEEKS)
    seed_text = args.seed.strip()
    digits = seed_text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > MAX_SEED_DIGITS:
        raise InvalidInput("seed", args.seed, f"a whole number of at most {MAX_SEED_DIGITS} digits")
    where = args.db or str(demo_path())
    from painlog.store.diary import Diary

    with Diary.open(where) as diary:
        days = fill_demo(diary, weeks, int(seed_text), today)
        shown = diary.location.display
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    print(
        f"Filled {shown} with {days} logged days from {first.isoformat()} to "
        f"{today.isoformat()} (seed {int(seed_text)}); the current episode started "
        f"{story_start(weeks, today).isoformat()}."
    )
    print(f"Open it with:  painlog --db {_quoted(shown)}")
    return 0


def demo_path():
    """Where `painlog demo` writes without --db: beside the diary, never the diary itself."""
    from painlog.store.location import default_db_path

    return default_db_path().with_name(DEMO_FILE_NAME)


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)
