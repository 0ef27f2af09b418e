"""Contract-valid CloudEvents of chuishao.community.v1, as the community service publishes them, with
a resident's name, phone and address planted in added fields (the contracts accept added fields), so
tests can show tracking keeps none of it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chuishao_shared.events import Envelope, EventType, new_envelope

SOURCE = "/chuishao/community"
RESIDENT_NAME = "赵桂兰"
RESIDENT_PHONE = "13687654321"
RESIDENT_ADDRESS = "朝阳小区7号楼2单元301"
MEMBER_NAME = "钱志强"
SECRETS = (RESIDENT_NAME, RESIDENT_PHONE, RESIDENT_ADDRESS, MEMBER_NAME)
WUYANG, WUYANG_G03 = "XY-WQ-WY", "XY-WQ-WY-G03"
FUQIANG, FUQIANG_G1 = "TN-CS-FQXC", "TN-CS-FQXC-G01"


def _planted() -> dict[str, Any]:
    """What a careless producer might add: the resident's own words and contact."""
    return {
        "title": f"给{RESIDENT_NAME}奶奶买菜",
        "description": f"{RESIDENT_NAME}独居，住{RESIDENT_ADDRESS}，电话{RESIDENT_PHONE}",
        "resident": {"name": RESIDENT_NAME, "phone": RESIDENT_PHONE, "address": RESIDENT_ADDRESS},
        "building": RESIDENT_ADDRESS,
        "note": f"已联系{RESIDENT_NAME} {RESIDENT_PHONE}",
        "reason": f"{MEMBER_NAME}临时出差",
    }


@dataclass
class NeedScript:
    community: str
    grid: str
    kind: str
    recorded_at: datetime
    wanted_days: int = 7
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    events: list[Envelope] = field(default_factory=list)
    status: str = "open"
    releases: int = 0
    lapses: int = 0
    claim: tuple[str, str, str] | None = None  # claim id, claimant kind, claimant

    def __post_init__(self) -> None:
        self._emit(EventType.NEED_RECORDED, self.recorded_at)

    def _emit(self, event_type: str, at: datetime, **extra: Any) -> NeedScript:
        data: dict[str, Any] = {
            "need_id": self.id,
            "community": self.community,
            "grid": self.grid,
            "kind": self.kind,
            "status": self.status,
            "urgency": "urgent" if self.kind == "elderly_disabled" else "normal",
            "skills": ["errands"],
            "helpers": 1,
            "privacy": "staff_confirms",
            "wanted_by": (self.recorded_at + timedelta(days=self.wanted_days)).isoformat(),
            "release_count": self.releases,
            "lapse_count": self.lapses,
            "at": at.isoformat(),
            **_planted(),
        }
        if self.claim:
            data |= {"claim_id": self.claim[0], "claimant_kind": self.claim[1], "claimant": self.claim[2]}
        self.events.append(
            new_envelope(
                event_type, source=SOURCE, subject=self.id, sequence=len(self.events) + 1, data=data | extra, at=at
            )
        )
        return self

    def claimed(self, at: datetime, member: str = "m-1", kind: str = "member") -> NeedScript:
        self.status, self.claim = "claimed", (str(uuid.uuid4()), kind, member)
        return self._emit(EventType.NEED_CLAIMED, at, claim_status="pending")

    def released(self, at: datetime) -> NeedScript:
        self.status, self.releases = "open", self.releases + 1
        self._emit(EventType.NEED_RELEASED, at)
        self.claim = None
        return self

    def lapsed(self, at: datetime) -> NeedScript:
        self.status, self.lapses = "open", self.lapses + 1
        self._emit(EventType.NEED_LAPSED, at)
        self.claim = None
        return self

    def started(self, at: datetime) -> NeedScript:
        self.status = "in_progress"
        return self._emit(EventType.NEED_STARTED, at)

    def done(self, at: datetime, hours: float = 2.0) -> NeedScript:
        self.status = "done"
        return self._emit(EventType.NEED_DONE, at, hours_reported=hours, photo_count=1)

    def confirmed(self, at: datetime, hours: float = 2.0, satisfaction: str = "satisfied") -> NeedScript:
        self.status = "confirmed"
        return self._emit(EventType.NEED_CONFIRMED, at, satisfaction=satisfaction, hours=hours)

    def expired(self, at: datetime) -> NeedScript:
        self.status = "expired"
        return self._emit(EventType.NEED_EXPIRED, at)


def member_event(
    event_type: str, member_id: str, sequence: int, community: str, status: str, at: datetime, party: bool = True
) -> Envelope:
    data = {
        "member_id": member_id,
        "community": community,
        "grid": WUYANG_G03,
        "status": status,
        "party_member": party,
        "skills": ["errands"],
        "at": at.isoformat(),
        "name": MEMBER_NAME,
        "phone": RESIDENT_PHONE,
    }
    return new_envelope(event_type, source=SOURCE, subject=member_id, sequence=sequence, data=data, at=at)


def hours_event(member_id: str, sequence: int, community: str, hours: float, at: datetime, ref: str) -> Envelope:
    data = {
        "entry_id": str(uuid.uuid4()),
        "member_id": member_id,
        "community": community,
        "hours": hours,
        "source": "need",
        "ref": ref,
        "at": at.isoformat(),
        "note": f"为{RESIDENT_NAME}服务",
    }
    return new_envelope(EventType.HOURS_RECORDED, source=SOURCE, subject=member_id, sequence=sequence, data=data, at=at)


def forces_event(event_type: str, subject: str, sequence: int, at: datetime, **data: Any) -> Envelope:
    """order.*, project.*, topic.*, meeting.*, action.* with the given fields, free text planted beside."""
    body = {"at": at.isoformat(), **data, "description": f"{RESIDENT_NAME} {RESIDENT_PHONE}", "note": MEMBER_NAME}
    return new_envelope(event_type, source=SOURCE, subject=subject, sequence=sequence, data=body, at=at)


def order_events(
    community: str, posted: datetime, units: list[str], answers: dict[str, tuple[float, bool]]
) -> list[Envelope]:
    """An order asking `units`, answered by some after the given hours (declined or not)."""
    order_id = str(uuid.uuid4())
    base = {"order_id": order_id, "community": community, "status": "open", "units": units, "item_count": 1}
    base |= {"needed_by": (posted + timedelta(days=5)).isoformat()}
    events = [forces_event(EventType.ORDER_POSTED, order_id, 1, posted, **base, response_count=0)]
    for i, (unit, (hours, declined)) in enumerate(answers.items()):
        answer = {
            "unit": unit,
            "response_id": str(uuid.uuid4()),
            "declined": declined,
            "response_seconds": hours * 3600,
        }
        at = posted + timedelta(hours=hours)
        events.append(
            forces_event(EventType.ORDER_RESPONDED, order_id, 2 + i, at, **base, response_count=i + 1, **answer)
        )
    return events


def project_events(community: str, created: datetime, done: datetime | None, served: int) -> list[Envelope]:
    project_id = str(uuid.uuid4())
    base = {"project_id": project_id, "community": community, "units": ["XY-GDGS"], "period_from": "2026-01-01"}
    base |= {"progress_count": 0}
    events = [forces_event(EventType.PROJECT_CREATED, project_id, 1, created, **base, status="active", people_served=0)]
    if done:
        events.append(
            forces_event(EventType.PROJECT_PROGRESSED, project_id, 2, done, **base, status="done", people_served=served)
        )
    return events


def topic_events(community: str, collected: datetime, *, decided_days: float, done_days: list[float]) -> list[Envelope]:
    """A topic collected, set a day later, a quorate meeting deciding `decided_days` after it was set, and
    one action per entry of `done_days` done that many days after the decision (each due 5 days after it)."""
    topic_id, seq = str(uuid.uuid4()), iter(range(1, 100))

    def ev(event_type: str, at: datetime, step: str, **data: Any) -> Envelope:
        body = {"topic_id": topic_id, "community": community, "step": step, "progress": 0.0, **data}
        return forces_event(event_type, topic_id, next(seq), at, **body)

    set_at = collected + timedelta(days=1)
    decided = set_at + timedelta(days=decided_days)
    meeting, decision = str(uuid.uuid4()), str(uuid.uuid4())
    present = {"committee": 2, "party_member": 2, "resident": 3, "stakeholder": 1}
    events = [
        ev(EventType.TOPIC_COLLECTED, collected, "collect", origin="staff"),
        ev(EventType.TOPIC_SET, set_at, "topic", invited=present),
        ev(
            EventType.MEETING_HELD,
            decided,
            "deliberate",
            meeting_id=meeting,
            meeting_at=decided.isoformat(),
            quorate=True,
            present=present,
            agenda_items=1,
        ),
        ev(
            EventType.MEETING_DECIDED,
            decided,
            "deliberate",
            meeting_id=meeting,
            decision_id=decision,
            due=(decided + timedelta(days=5)).isoformat(),
        ),
    ]
    due = decided + timedelta(days=5)
    actions = [str(uuid.uuid4()) for _ in done_days]
    common = {"decision_id": decision, "kind": "task", "due": due.isoformat()}
    for action in actions:
        events.append(ev(EventType.ACTION_CREATED, decided, "implement", action_id=action, status="open", **common))
    for action, days in zip(actions, done_days, strict=True):
        at = decided + timedelta(days=days)
        events.append(
            ev(
                EventType.ACTION_DONE,
                at,
                "implement",
                action_id=action,
                status="done",
                on_time=at <= due,
                done_by="owner",
                **common,
            )
        )
    return events


def resource_offered(
    community: str,
    kind: str,
    lon: float,
    lat: float,
    at: datetime,
    *,
    life_circle: int = 15,
    status: str = "available",
    unit: str | None = "UNIT-XY-COAL",
) -> Envelope:
    """resource.offered as the community service publishes it (a public place), with the unit's contact
    planted in added fields."""
    resource_id = str(uuid.uuid4())
    data = {
        "resource_id": resource_id,
        "community": community,
        "unit": unit,
        "kind": kind,
        "status": status,
        "life_circle": life_circle,
        "capacity": 30,
        "lon": lon,
        "lat": lat,
        "at": at.isoformat(),
        "name": f"{MEMBER_NAME}家的活动室",
        "contact": {"name": MEMBER_NAME, "phone": RESIDENT_PHONE},
        "address": RESIDENT_ADDRESS,
    }
    return new_envelope(EventType.RESOURCE_OFFERED, source=SOURCE, subject=resource_id, sequence=1, data=data, at=at)


def team_events(community: str, kind: str, at: datetime, members: dict[str, tuple[str, str | None]]) -> list[Envelope]:
    """A team of `kind` and its members, each (start date, end date or None)."""
    team_id = str(uuid.uuid4())
    base = {"team_id": team_id, "community": community, "kind": kind, "name": f"{MEMBER_NAME}的队"}
    events = [forces_event("team.created", team_id, 1, at, **base, member_count=0)]
    for i, (member, (start, end)) in enumerate(members.items()):
        tenure = {"membership_id": str(uuid.uuid4()), "member_id": member, "role": "队员"}
        tenure |= {"start_date": start, "end_date": end}
        events.append(forces_event("team.member_added", team_id, 2 + i, at, **base, member_count=i + 1, **tenure))
    return events
