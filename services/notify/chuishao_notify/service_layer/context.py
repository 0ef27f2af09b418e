"""What the use cases need, wired once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from chuishao_notify.domain.destinations import Network
from chuishao_notify.domain.formats import Names
from chuishao_notify.domain.reminders import ReminderSchedule
from chuishao_shared.reference import ReferenceData
from chuishao_shared.reference.community import default_taxonomy


@dataclass
class NotifyContext:
    reference: ReferenceData
    names: Names
    schedule: ReminderSchedule
    # Internal networks receivers may be in after all (CHUISHAO_WEBHOOK_ALLOWED_NETWORKS); none by default.
    allowed_networks: tuple[Network, ...] = ()
    # An open need with no claim is escalated this long before its wanted-by date (domain/need_escalation.py).
    need_escalation_lead: timedelta = timedelta(hours=2)

    def duty_desks(self, community: str | None) -> list[str]:
        """The case's community, street and district codes, nearest first (empty when unknown)."""
        try:
            return self.reference.chain(community) if community else []
        except KeyError:
            return []


def names_from(reference: ReferenceData) -> Names:
    taxonomy = default_taxonomy()
    return Names(
        categories={c.code: c.name for c in reference.categories.values()},
        jurisdictions={j.code: j.name for j in reference.jurisdictions.values()},
        departments={d.code: d.name for d in reference.departments.values()},
        skills={t.code: t.name for t in taxonomy.skills},
        need_kinds={t.code: t.name for t in taxonomy.need_kinds},
    )
