"""What the use cases need, wired once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_notify.domain.formats import Names
from chuishao_notify.domain.reminders import ReminderSchedule
from chuishao_shared.reference import ReferenceData


@dataclass
class NotifyContext:
    engine: AsyncEngine
    reference: ReferenceData
    names: Names
    schedule: ReminderSchedule

    def duty_desks(self, community: str | None) -> list[str]:
        """The case's community, street and district codes, nearest first (empty when unknown)."""
        try:
            return self.reference.chain(community) if community else []
        except KeyError:
            return []


def names_from(reference: ReferenceData) -> Names:
    return Names(
        categories={c.code: c.name for c in reference.categories.values()},
        jurisdictions={j.code: j.name for j in reference.jurisdictions.values()},
        departments={d.code: d.name for d in reference.departments.values()},
    )
