"""`painlog peg`: answer the week's three PEG questions, or see the recent answers."""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory, local_today, open_diary, read_diary

RECENT_WEEKS = 12
"""How many weeks `painlog peg` without answers looks back."""


def register(command: CommandFactory) -> None:
    """Add the `peg` subcommand."""
    from painlog.rules.peg import PEG_ITEMS

    questions = "\n".join(
        f"  {item.name.upper():<10} {item.question} (0 {item.low}, 10 {item.high})"
        for item in PEG_ITEMS
    )
    peg = command(
        "peg",
        "answer the weekly PEG: pain, enjoyment of life, activity",
        "examples:\n  painlog peg 4 6 5\n  painlog peg 4 6 5 --date 'last friday'\n"
        "  painlog peg              (the questions and your recent answers)\n"
        "\nThree questions about the past week, each 0-10:\n"
        + questions
        + "\n\nThe answers stand for the week (as Settings begins it) that holds --date;"
        "\nanswering again replaces that week's. The score is their mean. From Krebs et al.,"
        "\nJ Gen Intern Med 2009; the CDC's 2022 guideline on pain names it for following"
        "\npain and function over time.",
    )
    peg.add_argument(
        "answers",
        nargs="*",
        metavar="PAIN ENJOYMENT ACTIVITY",
        help="the three answers, 0-10 each; none shows the questions and recent answers",
    )
    peg.add_argument("--date", default="today", help="a day of the week answered for")
    peg.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput, check_peg
    from painlog.rules.parsing import parse_date
    from painlog.rules.records import PegAnswer

    today = local_today()
    day = parse_date(args.date, today)
    if not args.answers:
        return show_recent(args, today)
    if len(args.answers) != 3:
        raise InvalidInput(
            "answers",
            " ".join(args.answers),
            "three whole numbers from 0 to 10: PAIN ENJOYMENT ACTIVITY",
        )
    from painlog.rules.entry import check_pain

    pain, enjoyment, activity = (
        check_pain(name, text)
        for name, text in zip(("pain", "enjoyment", "activity"), args.answers, strict=True)
    )
    answer = PegAnswer(day, pain, enjoyment, activity)
    check_peg(answer, today)  # before the diary is opened (or created)
    with open_diary(args) as diary:
        replaced = diary.answer_peg(answer, today)
        first_weekday = diary.first_weekday()
    verb = "Replaced the answers for" if replaced else "Answered"
    print(f"{verb} the week of {week_of(day, first_weekday, today)}: {answer_words(answer)}.")
    return EXIT_OK


def show_recent(args: argparse.Namespace, today) -> int:
    """The questions, then the answers of the last `RECENT_WEEKS` weeks, latest first."""
    from datetime import timedelta

    from painlog.rules.peg import PEG_ITEMS, answers_by_week, week_answer
    from painlog.store.errors import NoDiary

    for item in PEG_ITEMS:
        print(f"{item.name}: {item.question} (0 {item.low}, 10 {item.high})")
    try:
        with read_diary(args) as diary:
            first_weekday = diary.first_weekday()
            answers = diary.peg_answers(today - timedelta(weeks=RECENT_WEEKS), today)
    except NoDiary:
        answers, first_weekday = [], 0
    print()
    if week_answer(answers, today, first_weekday) is None:
        print(f"Not answered yet for the week of {week_of(today, first_weekday, today)}.")
    if not answers:
        print(f"No answers in the last {RECENT_WEEKS} weeks.")
        return EXIT_OK
    for start, answer in sorted(answers_by_week(answers, first_weekday).items(), reverse=True):
        print(f"Week of {week_of(start, first_weekday, today)}: {answer_words(answer)}")
    return EXIT_OK


def week_of(day, first_weekday: int, today) -> str:
    """The first day of the week holding `day`: `Mon 30 Nov` (with the year when it is
    not this year's)."""
    from painlog.rules.weekly import day_month, week_start

    start = week_start(day, first_weekday)
    return f"{start:%a} {day_month(start, today)}"


def answer_words(answer) -> str:
    """`pain 4, enjoyment 6, activity 5; score 5.0`."""
    from painlog.rules.peg import peg_score
    from painlog.rules.windows import format_mean

    return (
        f"pain {answer.pain}, enjoyment {answer.enjoyment}, activity {answer.activity}; "
        f"score {format_mean(peg_score(answer))}"
    )
