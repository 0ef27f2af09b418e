"""A delivery: one notice on its way to one subscription. The worker claims due ones with what it
needs to send them (the subscription's address, format and secret)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DueDelivery:
    """A claimed delivery with what is needed to send it."""

    id: int
    event_id: str
    subscription_id: uuid.UUID
    notice: dict[str, Any]
    attempts: int
    first_attempt_at: datetime | None
    created_at: datetime
    url: str
    format: str
    secret: str
    department: str | None
    jurisdiction: str | None
    community: str | None = None
