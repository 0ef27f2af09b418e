"""Who hears of which community event (chuishao.community.v1; COMMUNITY.md §2, §3).

- `need.recorded` → the community's subscriptions (the members' or a team's group robot) whose skill and
  grid filters match the need;
- a need claimed by a member → a reminder before its wanted-by date, to the community's subscriptions
  (members have no receiver of their own; the message names the claim by the member's id only);
- `need.expired` → the community's staff (the subscriptions that ask for `need_expired`);
- `action.overdue` → the community of the topic (the owner by directory subject only);
- `topic.moved` → the community's subscriptions (the raised-by and attendees' group).

Only a whitelist of each event's fields is kept: codes, ids, counts and times. A producer that planted
a resident's name, a phone or free text beside them (the contracts allow added fields) gets none of it
into a message."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chuishao_notify.domain.notices import (
    ACTION_OVERDUE,
    NEED_EXPIRED,
    NEED_RECORDED,
    NEED_REMINDER,
    TOPIC_MOVED,
    Notice,
)
from chuishao_shared.events.types import EventType

# The need kinds that a subscription's skill and grid filters apply to (topics and actions have neither).
FILTERED_KINDS = frozenset({NEED_RECORDED, NEED_REMINDER, NEED_EXPIRED})

NEED_FIELDS = ("need_id", "community", "grid", "kind", "status", "urgency", "skills", "helpers", "wanted_by")
CLAIM_FIELDS = ("claim_id", "claimant_kind", "claimant")
TOPIC_FIELDS = ("topic_id", "community", "step", "from_step", "to_step", "progress")
ACTION_FIELDS = ("topic_id", "community", "action_id", "decision_id", "kind", "status", "due", "owner_person")
# A need whose claim is held and not yet done: its claimant is reminded before the wanted-by date.
CLAIM_HELD = frozenset({"claimed", "in_progress"})
_NAMESPACE = uuid.UUID("0c7d2e1a-93b4-4f5e-8a6d-2b1c0e9f7a35")


def _keep(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name in fields:
        value = data.get(name)
        if value is None:
            continue
        if name == "skills":
            value = [str(s) for s in value] if isinstance(value, list) else []
        elif not isinstance(value, (str, int, float, bool)):
            continue
        kept[name] = value
    return kept


def need_view(data: dict[str, Any], *, with_claim: bool = False) -> dict[str, Any]:
    """The public-safe part of a need event (the claim's member id only where asked)."""
    return _keep(data, NEED_FIELDS + (CLAIM_FIELDS if with_claim else ()))


@dataclass(frozen=True)
class CommunityAudience:
    community: str
    grid: str | None = None
    skills: tuple[str, ...] = ()


def community_notice_for(
    event_type: str, event_id: str, occurred_at: datetime, data: dict[str, Any]
) -> tuple[CommunityAudience, Notice] | None:
    community = data.get("community")
    if not isinstance(community, str) or not community:
        return None
    if event_type in (EventType.NEED_RECORDED, EventType.NEED_EXPIRED):
        kind = NEED_RECORDED if event_type == EventType.NEED_RECORDED else NEED_EXPIRED
        need = need_view(data)
        audience = CommunityAudience(community, need.get("grid"), tuple(need.get("skills", ())))
        return audience, Notice(event_id, kind, occurred_at, details=need)
    if event_type == EventType.ACTION_OVERDUE:
        return CommunityAudience(community), Notice(
            event_id, ACTION_OVERDUE, occurred_at, details=_keep(data, ACTION_FIELDS)
        )
    if event_type == EventType.TOPIC_MOVED:
        return CommunityAudience(community), Notice(
            event_id, TOPIC_MOVED, occurred_at, details=_keep(data, TOPIC_FIELDS)
        )
    return None


@dataclass(frozen=True)
class NeedReminder:
    need_id: str
    claim_id: str
    need: dict[str, Any]  # need_view(with_claim=True)
    wanted_by: datetime
    fire_at: datetime

    @property
    def event_id(self) -> str:
        key = f"{self.need_id}|{self.claim_id}|{self.wanted_by.isoformat()}|{self.fire_at.isoformat()}"
        return str(uuid.uuid5(_NAMESPACE, key))


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def held_claim(data: dict[str, Any]) -> tuple[str, datetime] | None:
    """(claim id, wanted-by) when a member holds a live claim on the need this event shows; else None."""
    if data.get("status") not in CLAIM_HELD or data.get("claimant_kind") != "member":
        return None
    claim_id, wanted_by = data.get("claim_id"), _time(data.get("wanted_by"))
    if not claim_id or not data.get("claimant") or wanted_by is None:
        return None
    return str(claim_id), wanted_by


def need_reminders(
    data: dict[str, Any], claimed_at: datetime, fractions: tuple[float, ...], before: tuple[timedelta, ...]
) -> list[NeedReminder]:
    """The reminders of a member's claim first seen at `claimed_at`: at these fractions of the time
    left to the wanted-by date and these lengths of time before it (points outside are dropped)."""
    held = held_claim(data)
    if held is None:
        return []
    claim_id, wanted_by = held
    if wanted_by <= claimed_at:
        return []
    window = wanted_by - claimed_at
    points = {claimed_at + window * f for f in fractions} | {wanted_by - b for b in before}
    need = need_view(data, with_claim=True)
    return [
        NeedReminder(str(data["need_id"]), claim_id, need, wanted_by, p)
        for p in sorted(points)
        if claimed_at < p < wanted_by
    ]
