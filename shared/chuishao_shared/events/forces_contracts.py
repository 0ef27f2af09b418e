"""The community's forces (COMMUNITY.md §2) on chuishao.community.v1: unit.*, resource.*, order.*,
activity.*, project.* and certificate.*, each keyed by its aggregate's id (a unit by its code).

Public-safe by construction, like the other community events: ids, codes, statuses, counts, hours and
times. No unit contact's or party head's name or phone, no member's name, no free text (an order's
description, an answer's note, a grant's reason or a progress note may name a person)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.events.types import EventType


class _Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    community: str | None = None
    at: datetime


class AgreementTerm(BaseModel):
    community: str
    term_from: date
    term_to: date | None = None


class UnitEvent(_Event):
    unit: str = Field(description="The unit's code (the `unit` claim of its contact's token)")
    kind: str
    communities: list[str]
    agreements: list[AgreementTerm] = Field(default_factory=list)


class ResourceOffered(_Event):
    resource_id: str
    unit: str | None = Field(None, description="The unit offering it; null for the community's own")
    kind: Literal["venue", "material", "service", "expertise"]
    status: str
    life_circle: Literal[5, 10, 15] = Field(description="GB 50180-2018 life-circle tier, minutes' walk")
    capacity: int | None = None
    lon: float | None = Field(None, ge=-180, le=180, description="The place's WGS84 longitude (a public place)")
    lat: float | None = Field(None, ge=-90, le=90, description="The place's WGS84 latitude")


class OrderEvent(_Event):
    order_id: str
    status: Literal["open", "closed"]
    units: list[str] = Field(description="The units the order asks")
    item_count: int
    needed_by: datetime
    response_count: int


class OrderResponded(OrderEvent):
    unit: str
    response_id: str
    declined: bool
    response_seconds: float = Field(description="From the order's posting to this answer")


class ActivityEvent(_Event):
    activity_id: str
    starts_at: datetime
    ends_at: datetime
    team: str | None = None
    slots: list[dict[str, object]] = Field(default_factory=list, description="Each {code, capacity, skill, taken}")
    signed_up: int = 0
    checked_in: int = 0
    people_served: int = 0


class ActivityMemberEvent(ActivityEvent):
    member_id: str
    slot: str | None = None
    how: Literal["code", "organiser"] | None = None
    hours: float | None = Field(None, description="Attended or granted hours credited by this event")


class ActivityClosed(ActivityEvent):
    no_show_count: int
    attended_count: int


class ProjectEvent(_Event):
    project_id: str
    status: Literal["planned", "active", "done", "cancelled"]
    units: list[str]
    period_from: date
    period_to: date | None = None
    people_served: int
    progress_count: int
    need_count: int = 0
    resource_count: int = 0
    case_count: int = 0


class CertificateIssued(_Event):
    number: str
    member_id: str
    hours: float
    issued_on: date


FORCES_EVENT_MODELS: dict[str, type[BaseModel]] = {
    EventType.UNIT_REGISTERED: UnitEvent,
    EventType.UNIT_SIGNED: UnitEvent,
    EventType.RESOURCE_OFFERED: ResourceOffered,
    EventType.ORDER_POSTED: OrderEvent,
    EventType.ORDER_RESPONDED: OrderResponded,
    EventType.ORDER_CLOSED: OrderEvent,
    EventType.ACTIVITY_CREATED: ActivityEvent,
    EventType.ACTIVITY_SIGNED_UP: ActivityMemberEvent,
    EventType.ACTIVITY_CHECKED_IN: ActivityMemberEvent,
    EventType.ACTIVITY_CHECKED_OUT: ActivityMemberEvent,
    EventType.ACTIVITY_HOURS_GRANTED: ActivityMemberEvent,
    EventType.ACTIVITY_CLOSED: ActivityClosed,
    EventType.PROJECT_CREATED: ProjectEvent,
    EventType.PROJECT_PROGRESSED: ProjectEvent,
    EventType.CERTIFICATE_ISSUED: CertificateIssued,
}
