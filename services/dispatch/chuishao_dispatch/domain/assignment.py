"""One department's part in a case: pending → acknowledged → in_progress → done, or returned (退单)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chuishao_dispatch.domain.values import parse_time
from chuishao_shared.events.contracts import AssignmentSnapshot
from chuishao_shared.times import utc_iso
from chuishao_shared.vocabulary import ASSIGNMENT_LIVE, ASSIGNMENT_ROLES

LEAD, ASSIST = ASSIGNMENT_ROLES


def _json(value: Any) -> Any:
    return utc_iso(value) if isinstance(value, datetime) else value


@dataclass
class Assignment:
    department: str
    role: str
    status: str
    ack_due_at: datetime | None
    acknowledged_at: datetime | None = None
    done_at: datetime | None = None
    returned_reason: str | None = None
    assigned_at: datetime | None = None
    returned_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.status in ASSIGNMENT_LIVE

    def snapshot(self) -> dict[str, Any]:
        """The public view: the fields of the shared `AssignmentSnapshot` contract."""
        return {name: _json(getattr(self, name)) for name in AssignmentSnapshot.model_fields}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.snapshot(),
            "returned_reason": self.returned_reason,
            "assigned_at": utc_iso(self.assigned_at),
            "returned_at": utc_iso(self.returned_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assignment:
        return cls(
            department=data["department"],
            role=data["role"],
            status=data["status"],
            ack_due_at=parse_time(data.get("ack_due_at")),
            acknowledged_at=parse_time(data.get("acknowledged_at")),
            done_at=parse_time(data.get("done_at")),
            returned_reason=data.get("returned_reason"),
            assigned_at=parse_time(data.get("assigned_at")),
            returned_at=parse_time(data.get("returned_at")),
        )
