"""A subscription: one receiver (a department's system or robot, or a duty desk's) and the notices it
wants. The secret signs what it is sent and is never shown again. A community's subscription (its
staff's, a team's or the members' group robot) may narrow the need notices to some skills and grids."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Subscription:
    id: uuid.UUID
    department: str | None
    jurisdiction: str | None
    url: str
    format: str
    secret: str
    events: list[str]
    created_by: str
    created_at: datetime
    community: str | None = None
    skills: list[str] = field(default_factory=list)
    grids: list[str] = field(default_factory=list)
