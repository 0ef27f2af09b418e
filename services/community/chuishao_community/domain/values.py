"""Plain values the domain works with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who asks: the token's subject and role with the role's scope."""

    sub: str
    role: str
    community: str | None = None
    unit: str | None = None
    grids: frozenset[str] = field(default_factory=frozenset)
    # A unit's contact: the communities whose co-building agreement with the unit is in force today.
    communities: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_staff(self) -> bool:
        return self.role == "community_staff"

    def is_staff_of(self, community: str) -> bool:
        return self.role == "community_staff" and self.community == community


@dataclass(frozen=True)
class DomainEvent:
    type: str
    data: dict[str, Any]
