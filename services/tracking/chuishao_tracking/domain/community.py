"""What tracking keeps of a community event (chuishao.community.v1): a whitelist, as for cases.

The community service's events are public-safe by contract (ids, codes, statuses, counts and times),
but the contracts accept added fields, so a future producer could add a title, a description or a
resident. Tracking keeps only the fields named here and drops a value that should be a code but does
not look like one. It never keeps:
- a need's title or description: a resident's wish is written in their words ("给王秀英奶奶买菜，
  电话139…") and masking catches phones, not names. The wish wall shows the kind's words and the grid
  instead (`views.need_title`);
- the resident, the building, the claimant's id (a member id or unit code), the satisfaction's note;
- a member's grid, skills or name: only status, party membership and times, for the figures.

Each aggregate's rows converge whatever order its events arrive in: a snapshot column follows the
event with the highest sequence, a first time (recorded, claimed, confirmed) is the earliest seen, a
counter (releases, lapses) the largest seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import CLAIM_STATUSES, MEMBER_STATUSES, NEED_STATUSES
from chuishao_tracking.domain.records import code, ident, parse_time

NEED_PREFIX, MEMBER_PREFIX, HOURS = "need.", "member.", EventType.HOURS_RECORDED
_URGENCIES = ("normal", "urgent")
_SOURCES = ("need", "activity", "granted")
_SATISFACTIONS = ("satisfied", "basically_satisfied", "unsatisfied")
# How a claim ends, by the event that ends it.
CLAIM_OUTCOMES: Mapping[str, str] = {
    EventType.NEED_RELEASED: "released",
    EventType.NEED_LAPSED: "lapsed",
    EventType.NEED_CONFIRMED: "completed",
    EventType.NEED_CANCELLED: "cancelled",
    EventType.NEED_WHISTLED: "cancelled",
}
# On the wish wall: 待认领 (open), 认领中 (claimed, in progress or reported done), 已实现 (confirmed).
CLAIMED_STATUSES = frozenset({"claimed", "in_progress", "done"})
FULFILLED_STATUSES = frozenset({"confirmed"})

# Event families tracking skips (no published figure needs them yet: an activity's hours arrive as
# hours.recorded). `entrypoints/consumer.py` is the hook to project one.
PENDING_FAMILIES: Mapping[str, str] = {
    "unit.": "units",
    "activity.": "activities",
    "certificate.": "certificates",
}


def _one_of(value: Any, allowed: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100_000 else 0


@dataclass(frozen=True)
class NeedRecord:
    """One need.* event, as kept."""

    need_id: str
    sequence: int
    type: str
    at: datetime
    community: str
    grid: str
    kind: str
    status: str
    urgency: str
    helpers: int
    skills: tuple[str, ...]
    wanted_by: datetime
    claimant_kind: str | None
    claim_id: str | None
    claim_status: str | None
    satisfaction: str | None
    release_count: int
    lapse_count: int

    @classmethod
    def from_event(cls, event_type: str, subject: str, sequence: int, data: Mapping[str, Any]) -> NeedRecord | None:
        need_id = ident(data.get("need_id")) or ident(subject)
        community, grid, kind = code(data.get("community")), code(data.get("grid")), code(data.get("kind"))
        status = _one_of(data.get("status"), NEED_STATUSES)
        at, wanted_by = parse_time(data.get("at")), parse_time(data.get("wanted_by"))
        if not (need_id and community and grid and kind and status and at and wanted_by):
            return None
        skills = tuple(s for s in (code(x) for x in data.get("skills") or ()) if s)
        return cls(
            need_id=need_id,
            sequence=sequence,
            type=event_type,
            at=at,
            community=community,
            grid=grid,
            kind=kind,
            status=status,
            urgency=_one_of(data.get("urgency"), _URGENCIES) or "normal",
            helpers=max(1, min(_count(data.get("helpers")) or 1, 999)),
            skills=skills[:20],
            wanted_by=wanted_by,
            claimant_kind=_one_of(data.get("claimant_kind"), ("member", "unit")),
            claim_id=ident(data.get("claim_id")),
            claim_status=_one_of(data.get("claim_status"), CLAIM_STATUSES),
            satisfaction=_one_of(data.get("satisfaction"), _SATISFACTIONS),
            release_count=_count(data.get("release_count")),
            lapse_count=_count(data.get("lapse_count")),
        )

    @property
    def claim_outcome(self) -> str | None:
        return CLAIM_OUTCOMES.get(self.type)


@dataclass(frozen=True)
class MemberRecord:
    member_id: str
    sequence: int
    at: datetime
    community: str
    status: str
    party_member: bool

    @classmethod
    def from_event(cls, subject: str, sequence: int, data: Mapping[str, Any]) -> MemberRecord | None:
        member_id = ident(data.get("member_id")) or ident(subject)
        community, status = code(data.get("community")), _one_of(data.get("status"), MEMBER_STATUSES)
        at = parse_time(data.get("at"))
        if not (member_id and community and status and at):
            return None
        return cls(member_id, sequence, at, community, status, data.get("party_member") is True)


@dataclass(frozen=True)
class HoursRecord:
    entry_id: str
    member_id: str
    community: str
    hours: float
    source: str
    at: datetime

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> HoursRecord | None:
        entry_id, member_id = ident(data.get("entry_id")), ident(data.get("member_id"))
        community = code(data.get("community"))
        source, at, hours = _one_of(data.get("source"), _SOURCES), parse_time(data.get("at")), data.get("hours")
        if not isinstance(hours, int | float) or isinstance(hours, bool) or not -1000 < hours < 1000:
            return None
        if not (entry_id and member_id and community and source and at):
            return None
        return cls(entry_id, member_id, community, round(float(hours), 2), source, at)


RESOURCE_PREFIX = "resource."
_RESOURCE_KINDS = ("venue", "material", "service", "expertise")
_LIFE_CIRCLES = (5, 10, 15)
# Resource statuses drawn on the public map (HSDS "active"); the others keep their row but are not drawn.
ACTIVE_RESOURCE_STATUSES = ("available", "active")


@dataclass(frozen=True)
class ResourceRecord:
    """A resource.* event as kept: a public place (the map's point), its kind, status, life circle and
    whether a unit or the community offers it — never the unit's code, the name or the address (free
    text a person typed)."""

    resource_id: str
    sequence: int
    at: datetime
    community: str
    provider: str
    kind: str
    status: str
    life_circle: int
    capacity: int | None
    lon: float
    lat: float

    @classmethod
    def from_event(cls, subject: str, sequence: int, data: Mapping[str, Any]) -> ResourceRecord | None:
        resource_id = ident(data.get("resource_id")) or ident(subject)
        community, at = code(data.get("community")), parse_time(data.get("at"))
        kind = _one_of(data.get("kind"), _RESOURCE_KINDS)
        status = data.get("status") if isinstance(data.get("status"), str) and code(data.get("status")) else None
        circle = data.get("life_circle")
        lon, lat = data.get("lon"), data.get("lat")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # type: ignore[operator]
            return None
        if not (resource_id and community and at and kind and status and circle in _LIFE_CIRCLES):
            return None
        capacity = data.get("capacity")
        return cls(
            resource_id=resource_id,
            sequence=sequence,
            at=at,
            community=community,
            provider="unit" if data.get("unit") else "community",
            kind=kind,
            status=str(status)[:32],
            life_circle=int(circle),
            capacity=_count(capacity) if capacity is not None else None,
            lon=round(float(lon), 6),  # type: ignore[arg-type]
            lat=round(float(lat), 6),  # type: ignore[arg-type]
        )


def pending_family(event_type: str) -> str | None:
    """The figure family an event type not projected yet belongs to (None: not one of them)."""
    return next((family for prefix, family in PENDING_FAMILIES.items() if event_type.startswith(prefix)), None)
