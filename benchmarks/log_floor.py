"""The store's share of `painlog log 4 --did walking`, run alone as a process (`python -m
benchmarks.log_floor DB DAY`): the `Diary` imported (its tables and modules), the diary
opened, every day up to DAY read (what the alerts before and after the log are computed
from), and the day changed in one write.

No argument parsing, no rules, no alerts computed and nothing printed: what is left is
the work any `painlog log` must do through the one store, so the benchmark can say how
much of the command's time the store's floor takes.
"""

from __future__ import annotations

import sys
from datetime import date


def main(db: str, day: date) -> None:
    from painlog.rules.records import DayLog
    from painlog.store.diary import Diary

    with Diary.open(db) as diary:
        diary.days(end=day)
        diary.change_day(day, lambda held: held or DayLog(day, 4), day)


if __name__ == "__main__":
    main(sys.argv[1], date.fromisoformat(sys.argv[2]))
