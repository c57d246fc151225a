"""The person's medications and own treatments: reading and changing the two lists.

Part of the `Diary` (it mixes `OwnLists` in); nothing else writes these tables. Each
change is one write transaction that checks the new value against the lists as they stand
inside it, so two programs cannot add the same name. Slugs never change, and retiring
keeps the row, so every day that names one keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, Engine, insert, select, update

from painlog.rules.medications import (
    check_medication_name,
    check_medication_slug,
    check_usual_dose,
    draft_medication,
)
from painlog.rules.own_treatments import (
    check_own_treatment_slug,
    check_treatment_name,
    draft_treatment,
    own_treatment,
)
from painlog.seeds import Catalogue, Medication, Treatment
from painlog.store.models import MedicationRow, OwnTreatmentRow, utc_now

MEDICATIONS = MedicationRow.__table__
OWN_TREATMENTS = OwnTreatmentRow.__table__


def medications(connection: Connection) -> tuple[Medication, ...]:
    """Every medication the person added, retired ones included, oldest first."""
    rows = connection.execute(
        select(MEDICATIONS).order_by(MEDICATIONS.c.created_at, MEDICATIONS.c.slug)
    )
    return tuple(
        Medication(row.slug, row.name, row.dose, bool(row.as_needed), row.retired_on is not None)
        for row in rows
    )


def own_treatments(connection: Connection) -> tuple[Treatment, ...]:
    """Every treatment the person added, retired ones included, oldest first."""
    rows = connection.execute(
        select(OWN_TREATMENTS).order_by(OWN_TREATMENTS.c.created_at, OWN_TREATMENTS.c.slug)
    )
    return tuple(own_treatment(row.slug, row.name, row.retired_on is not None) for row in rows)


def insert_medications(connection: Connection, items: tuple[Medication, ...]) -> None:
    """Add medications (checked by the caller), as an import restoring days does."""
    if items:
        now = utc_now()
        connection.execute(
            insert(MEDICATIONS),
            [
                {
                    "slug": x.slug,
                    "name": x.name,
                    "dose": x.dose,
                    "as_needed": x.as_needed,
                    "created_at": now,
                    "updated_at": now,
                }
                for x in items
            ],
        )


def insert_treatments(connection: Connection, items: tuple[Treatment, ...]) -> None:
    """Add own treatments (checked by the caller), as an import restoring days does."""
    if items:
        now = utc_now()
        connection.execute(
            insert(OWN_TREATMENTS),
            [{"slug": x.slug, "name": x.name, "created_at": now, "updated_at": now} for x in items],
        )


class OwnLists:
    """The `Diary`'s methods for the person's medications and own treatments."""

    engine: Engine
    _writer: Engine
    _catalogue_of: Callable[[Connection], Catalogue]

    # -- medications ------------------------------------------------------------------------

    def medications(self) -> tuple[Medication, ...]:
        """The person's medications, retired ones included, oldest first."""
        with self.engine.connect() as connection:
            return medications(connection)

    def add_medication(self, name: str, dose: str = "", as_needed: bool = False) -> Medication:
        """Add a medication and return it with its slug (made from the name).

        Raises:
            InvalidInput: for a name already used or too long, or a dose over 40
                characters; nothing is written.
        """
        with self._writer.begin() as connection:
            added = draft_medication(name, dose, as_needed, self._catalogue_of(connection))
            insert_medications(connection, (added,))
        return added

    def change_medication(
        self,
        slug: str,
        name: str | None = None,
        dose: str | None = None,
        as_needed: bool | None = None,
    ) -> Medication:
        """Rename a medication or change its usual dose or whether it is taken as needed;
        the days that have it keep it.

        Raises:
            InvalidInput: for an unknown slug or a refused value; nothing is written.
        """
        with self._writer.begin() as connection:
            seeds = self._catalogue_of(connection)
            old = check_medication_slug(slug, seeds)
            new = Medication(
                old.slug,
                old.name if name is None else check_medication_name(name, seeds, old.slug),
                old.dose if dose is None else check_usual_dose(dose),
                old.as_needed if as_needed is None else as_needed,
                old.retired,
            )
            if new != old:
                connection.execute(
                    update(MEDICATIONS)
                    .where(MEDICATIONS.c.slug == old.slug)
                    .values(
                        name=new.name, dose=new.dose, as_needed=new.as_needed, updated_at=utc_now()
                    )
                )
        return new

    def retire_medication(self, slug: str, today: date) -> Medication:
        """Stop offering a medication for new days; the days that have it keep it.

        Raises:
            InvalidInput: for an unknown slug.
        """
        return self._retire_medication(slug, today)

    def restore_medication(self, slug: str) -> Medication:
        """Offer a retired medication again.

        Raises:
            InvalidInput: for an unknown slug.
        """
        return self._retire_medication(slug, None)

    def _retire_medication(self, slug: str, on: date | None) -> Medication:
        with self._writer.begin() as connection:
            old = check_medication_slug(slug, self._catalogue_of(connection))
            if old.retired != (on is not None):
                connection.execute(
                    update(MEDICATIONS)
                    .where(MEDICATIONS.c.slug == old.slug)
                    .values(retired_on=on, updated_at=utc_now())
                )
        return Medication(old.slug, old.name, old.dose, old.as_needed, retired=on is not None)

    # -- own treatments ---------------------------------------------------------------------

    def own_treatments(self) -> tuple[Treatment, ...]:
        """The treatments the person added, retired ones included, oldest first."""
        with self.engine.connect() as connection:
            return own_treatments(connection)

    def add_treatment(self, name: str) -> Treatment:
        """Add an own treatment and return it with its slug (`own-` and the name).

        Raises:
            InvalidInput: for a name already used (by any treatment) or too long.
        """
        with self._writer.begin() as connection:
            added = draft_treatment(name, self._catalogue_of(connection))
            insert_treatments(connection, (added,))
        return added

    def rename_treatment(self, slug: str, name: str) -> Treatment:
        """Rename an own treatment; the days that have it keep it.

        Raises:
            InvalidInput: for a slug that is not an own treatment, or a refused name.
        """
        with self._writer.begin() as connection:
            seeds = self._catalogue_of(connection)
            old = check_own_treatment_slug(slug, seeds)
            new = own_treatment(old.slug, check_treatment_name(name, seeds, old.slug), old.retired)
            if new != old:
                connection.execute(
                    update(OWN_TREATMENTS)
                    .where(OWN_TREATMENTS.c.slug == old.slug)
                    .values(name=new.name, updated_at=utc_now())
                )
        return new

    def retire_treatment(self, slug: str, today: date) -> Treatment:
        """Stop offering an own treatment for new days; the days that have it keep it.

        Raises:
            InvalidInput: for a slug that is not an own treatment.
        """
        return self._retire_treatment(slug, today)

    def restore_treatment(self, slug: str) -> Treatment:
        """Offer a retired own treatment again.

        Raises:
            InvalidInput: for a slug that is not an own treatment.
        """
        return self._retire_treatment(slug, None)

    def _retire_treatment(self, slug: str, on: date | None) -> Treatment:
        with self._writer.begin() as connection:
            old = check_own_treatment_slug(slug, self._catalogue_of(connection))
            if old.retired != (on is not None):
                connection.execute(
                    update(OWN_TREATMENTS)
                    .where(OWN_TREATMENTS.c.slug == old.slug)
                    .values(retired_on=on, updated_at=utc_now())
                )
        return own_treatment(old.slug, old.name, retired=on is not None)
