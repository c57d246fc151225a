"""The weekly PEG answers: recording a week's and reading them back.

Part of the `Diary` (it mixes `PegAnswers` in); nothing else writes the table. A week
holds one set of answers, kept under the day they were given for; which days make a week
follows the first weekday in Settings, read in the same transaction as the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, delete, insert, literal, select

from painlog.rules.entry import check_peg
from painlog.rules.peg import PEG_SKIPPED_SETTING, peg_due, week_answer
from painlog.rules.records import PegAnswer
from painlog.rules.weekly import WEEK_START_SETTING, first_weekday_of, week_bounds, week_start
from painlog.store.models import PegAnswerRow, SettingRow, utc_now

PEG = PegAnswerRow.__table__
SETTINGS = SettingRow.__table__


@dataclass(frozen=True, slots=True)
class PegWeek:
    """The PEG for the diary week holding a day.

    Attributes:
        start: The week's first day (the first weekday as in Settings).
        answer: The answers standing for the week, or None.
        due: Whether Today offers the PEG: no answers, and the week was not skipped.
    """

    start: date
    answer: PegAnswer | None
    due: bool


class PegAnswers:
    """The `Diary`'s PEG answers (its `engine` and `_writer`)."""

    engine: Engine
    _writer: Engine

    def answer_peg(self, answer: PegAnswer, today: date) -> bool:
        """Record the PEG answers for the diary week holding `answer.day` (the first
        weekday as in Settings), replacing any given for that week.

        Returns:
            True when they replaced answers already given for the week.

        Raises:
            InvalidInput: for answers outside 0-10 or a day after today; nothing changes.
        """
        check_peg(answer, today)
        now = utc_now()
        with self._writer.begin() as connection:
            first = connection.execute(
                select(SETTINGS.c.value).where(SETTINGS.c.key == WEEK_START_SETTING)
            ).scalar()
            start, end = week_bounds(answer.day, first_weekday_of(first))
            replaced = connection.execute(delete(PEG).where(PEG.c.day.between(start, end))).rowcount
            connection.execute(
                insert(PEG).values(
                    day=answer.day,
                    pain=answer.pain,
                    enjoyment=answer.enjoyment,
                    activity=answer.activity,
                    created_at=now,
                    updated_at=now,
                )
            )
        return replaced > 0

    def peg_answers(self, start: date | None = None, end: date | None = None) -> list[PegAnswer]:
        """The PEG answers given for days from `start` to `end` (either may be open),
        oldest first."""
        query = select(PEG.c.day, PEG.c.pain, PEG.c.enjoyment, PEG.c.activity).order_by(PEG.c.day)
        if start is not None:
            query = query.where(PEG.c.day >= start)
        if end is not None:
            query = query.where(PEG.c.day <= end)
        with self.engine.connect() as connection:
            return [PegAnswer(*row) for row in connection.execute(query)]

    def forget_peg(self, day: date) -> bool:
        """Forget the PEG answers given for `day`; True when there were some."""
        with self._writer.begin() as connection:
            return connection.execute(delete(PEG).where(PEG.c.day == day)).rowcount > 0

    def peg_week(self, today: date) -> PegWeek:
        """The PEG for the week holding `today`, read in one statement (Today asks for it
        each time it opens): the first weekday and the skipped week beside the answers
        within six days of `today`, which hold the week's whatever its first weekday."""
        near = PEG.c.day.between(today - timedelta(days=6), today + timedelta(days=6))
        # Settings as scalar subqueries on a one-row table joined to the answers: they come
        # back even when no answer does.
        one_row = select(literal(1).label("one")).subquery()
        query = select(
            _setting_value(WEEK_START_SETTING),
            _setting_value(PEG_SKIPPED_SETTING),
            PEG.c.day,
            PEG.c.pain,
            PEG.c.enjoyment,
            PEG.c.activity,
        ).select_from(one_row.outerjoin(PEG, near))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        first, skipped = rows[0][0], rows[0][1]
        answers = [PegAnswer(*row[2:]) for row in rows if row[2] is not None]
        first_weekday = first_weekday_of(first)
        return PegWeek(
            start=week_start(today, first_weekday),
            answer=week_answer(answers, today, first_weekday),
            due=peg_due(answers, skipped, today, first_weekday),
        )


def _setting_value(key: str):
    """The setting `key`'s value as a scalar subquery (NULL when it was never set)."""
    return select(SETTINGS.c.value).where(SETTINGS.c.key == key).scalar_subquery()
