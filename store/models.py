"""The tables painlog keeps, one row per thing a person logged.

Constraints live in the database as well as in `rules.entry`, so a row that breaks them
cannot exist whatever code path (or future bug) tries to write it.

The annotations are evaluated as the classes are made (no `from __future__ import
annotations`): pydantic would otherwise evaluate each one again from its text.
"""

from datetime import UTC, date, datetime, time

from pydantic import ConfigDict
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class Table(SQLModel):
    """The base of painlog's tables.

    Rows are read and written through Core (`Model.__table__`), never made or validated
    as pydantic models, so each model's validator is left to be built when first asked
    for (`defer_build`) instead of as the class is declared.
    """

    model_config = ConfigDict(defer_build=True)


class DayLogRow(Table, table=True):
    """One calendar day's log; the parent of its places, exercises and flags."""

    __tablename__ = "day_log"
    __table_args__ = (
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain_0_10"),
        CheckConstraint("worst IS NULL OR worst BETWEEN 0 AND 10", name="worst_0_10"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, index=True)
    pain: int
    worst: int | None = None
    bed_rest: bool = False
    note: str = ""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    # Schema 6: whether the person left the day's pain and worst to its check-ins
    # (`rules.checkins`); false in every day logged before.
    pain_from_checkins: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    worst_from_checkins: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


def _parent_id(unique: bool = False) -> Column:
    # A fresh Column per table: SQLAlchemy binds a Column object to one table only.
    return Column(
        Integer,
        ForeignKey("day_log.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
        unique=unique,
    )


class PainPlaceRow(Table, table=True):
    """Where it hurt on a day."""

    __tablename__ = "pain_place"
    __table_args__ = (UniqueConstraint("log_id", "location", "side", name="one_place_a_day"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    position: int = 0
    location: str
    side: str | None = None
    character: str | None = None


class ExerciseDoneRow(Table, table=True):
    """An exercise done on a day, with its dose when given."""

    __tablename__ = "exercise_done"
    __table_args__ = (UniqueConstraint("log_id", "slug", name="one_exercise_a_day"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    position: int = 0
    slug: str = Field(index=True)
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None


class FlagReportRow(Table, table=True):
    """A warning sign noticed on a day."""

    __tablename__ = "flag_report"
    __table_args__ = (UniqueConstraint("log_id", "slug", name="one_flag_a_day"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    slug: str = Field(index=True)


class IntakeRow(Table, table=True):
    """A medication taken on a day (schema 4): several a day, each with its own dose and
    time when given; taken without a dose is still taken."""

    __tablename__ = "intake"
    __table_args__ = (
        CheckConstraint("dose IS NULL OR length(dose) BETWEEN 1 AND 40", name="intake_dose"),
    )

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    position: int = 0
    slug: str = Field(index=True)
    dose: str | None = None
    taken_at: time | None = None


class TreatmentDoneRow(Table, table=True):
    """A treatment done on a day (schema 4): heat, massage, a physiotherapy session..."""

    __tablename__ = "treatment_done"
    __table_args__ = (UniqueConstraint("log_id", "slug", name="one_treatment_a_day"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    position: int = 0
    slug: str = Field(index=True)


class ReportMarkRow(Table, table=True):
    """A day whose note goes in the clinician's report; it goes with the day's log."""

    __tablename__ = "report_mark"

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id(unique=True))
    created_at: datetime = Field(default_factory=utc_now)


class CheckInRow(Table, table=True):
    """A timed check-in within a day (schema 6): one a minute."""

    __tablename__ = "checkin"
    __table_args__ = (
        UniqueConstraint("log_id", "at", name="one_checkin_a_minute"),
        CheckConstraint("pain BETWEEN 0 AND 10", name="checkin_pain_0_10"),
    )

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    at: time
    pain: int
    note: str = ""


class CheckInPlaceRow(Table, table=True):
    """Where it hurt at a check-in (schema 6), known by its day and time; the day's places
    hold it too."""

    __tablename__ = "checkin_place"
    __table_args__ = (
        UniqueConstraint("log_id", "at", "location", "side", name="one_place_a_checkin"),
        # Goes with its check-in, so replacing a day's check-ins is one delete.
        ForeignKeyConstraint(
            ["log_id", "at"], ["checkin.log_id", "checkin.at"], ondelete="CASCADE"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(sa_column=_parent_id())
    at: time
    position: int = 0
    location: str
    side: str | None = None
    character: str | None = None


class PegAnswerRow(Table, table=True):
    """The three PEG answers given for a week (schema 6), kept under the day they were
    given for; a week holds one set (`Diary.answer_peg`)."""

    __tablename__ = "peg_answer"
    __table_args__ = (
        CheckConstraint("pain BETWEEN 0 AND 10", name="peg_pain_0_10"),
        CheckConstraint("enjoyment BETWEEN 0 AND 10", name="peg_enjoyment_0_10"),
        CheckConstraint("activity BETWEEN 0 AND 10", name="peg_activity_0_10"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, index=True)
    pain: int
    enjoyment: int
    activity: int
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class ProfileRow(Table, table=True):
    """The single row of what the person told painlog about themselves.

    Columns added by a schema step come last, as `ALTER TABLE ... ADD COLUMN` puts them,
    so an upgraded table and a new one are alike.
    """

    __tablename__ = "profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_profile"),)

    id: int = Field(default=1, primary_key=True)
    birth_year: int | None = None
    onset: date | None = None
    updated_at: datetime = Field(default_factory=utc_now)
    # Schema 3: None while not answered.
    cancer_history: bool | None = None


class AlertAckRow(Table, table=True):
    """A person's acknowledgement of an alert; the alert itself is always recomputed."""

    __tablename__ = "alert_ack"
    __table_args__ = (UniqueConstraint("kind", "since", name="one_ack_an_alert"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    since: date
    acknowledged_at: datetime = Field(default_factory=utc_now)
    # Schema 3: the person's local date of the latest acknowledgement (an emergency counts
    # as assessed only by one given after the sign's day); None in rows from before it.
    acknowledged_on: date | None = None


class SettingRow(Table, table=True):
    """One preference (first day of the week, theme, ...) as text, keyed by name."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str
    updated_at: datetime = Field(default_factory=utc_now)


class OwnExerciseRow(Table, table=True):
    """An exercise the person added (a physiotherapist's programme, say).

    Its slug never changes, so the days that name it keep it through a rename; a retired
    exercise keeps its row for the same reason.
    """

    __tablename__ = "own_exercise"
    __table_args__ = (
        CheckConstraint("slug LIKE 'own-%'", name="own_slug"),
        CheckConstraint(
            "category IN ('strength', 'stretch', 'aerobic', 'other')", name="own_category"
        ),
    )

    slug: str = Field(primary_key=True)
    name: str = Field(unique=True)
    category: str
    dose: str = ""
    retired_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class MedicationRow(Table, table=True):
    """A medication the person takes (schema 4), under their own name for it.

    As with own exercises, its slug never changes and a retired one keeps its row, so the
    days that name it keep it.
    """

    __tablename__ = "medication"
    __table_args__ = (CheckConstraint("length(dose) <= 40", name="medication_dose"),)

    slug: str = Field(primary_key=True)
    name: str = Field(unique=True)
    dose: str = ""
    as_needed: bool = False
    retired_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class OwnTreatmentRow(Table, table=True):
    """A treatment the person added to the ones the sources name (schema 4)."""

    __tablename__ = "own_treatment"
    __table_args__ = (CheckConstraint("slug LIKE 'own-%'", name="own_treatment_slug"),)

    slug: str = Field(primary_key=True)
    name: str = Field(unique=True)
    retired_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
