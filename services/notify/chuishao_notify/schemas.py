"""API schemas, separate from the tables. The secret is accepted, never returned."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chuishao_notify.domain.notices import COMMUNITY_KINDS, NOTICE_KINDS


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: str | None = Field(None, description="A department code: its cases, reminders and escalations")
    jurisdiction: str | None = Field(
        None, description="A community, street or district code: its duty desk's escalation, return and rework notices"
    )
    community: str | None = Field(
        None,
        description="A community code: the community's notices (new needs, claim reminders, expiries, overdue "
        "actions, topics moved) to its staff's, a team's or the members' group robot",
    )
    skills: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="A community's subscription only: need notices only for needs wanting one of these skills",
    )
    grids: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="A community's subscription only: need notices only for needs in these grids of the community",
    )
    url: str = Field(description="http or https, no credentials in it")
    format: str = Field("generic", description="generic, wecom or dingtalk")
    secret: str | None = Field(
        None,
        description="Signs every delivery (generic: Chuishao-Signature; dingtalk: the robot's 加签 secret). "
        "Write-only: never returned. Optional for wecom, whose robot URL carries its key.",
    )
    events: list[str] | None = Field(
        None,
        description=f"A department's or duty desk's: any of {list(NOTICE_KINDS)}; a community's: any of "
        f"{list(COMMUNITY_KINDS)}. Default: all of them.",
    )


_SUBSCRIPTION: dict[str, Any] = {
    "id": "3f2a9c1e-5b7d-4e8f-a0b1-c2d3e4f5a6b7",
    "department": "XY-WQ-WY-WY",
    "jurisdiction": None,
    "url": "https://hooks.example.cn/chuishao/***",
    "format": "generic",
    "events": ["dispatched", "reminder"],
    "has_secret": True,
    "created_by": "admin-1",
    "created_at": "2026-11-30T01:00:00+00:00",
}


class SubscriptionRead(BaseModel):
    """A subscription as it is shown: the URL's secret parts redacted, the signing secret never."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_SUBSCRIPTION]})

    id: str
    department: str | None = None
    jurisdiction: str | None = None
    community: str | None = None
    skills: list[str] = []
    grids: list[str] = []
    url: str
    format: str
    events: list[str]
    has_secret: bool
    created_by: str | None = None
    created_at: str


class SubscriptionList(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{"items": [_SUBSCRIPTION]}]})

    items: list[SubscriptionRead]


class AttemptRead(BaseModel):
    model_config = ConfigDict(extra="allow")

    attempt: int
    at: str | None = None
    status_code: int | None = None
    outcome: str | None = None
    latency_ms: float | None = None
    error: str | None = None


class DeliveryRead(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int | str
    event_id: str | None = None
    type: str
    case_id: str | None = None
    status: str
    attempt_count: int
    created_at: str | None = None
    next_attempt_at: str | None = None
    settled_at: str | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    attempts: list[AttemptRead] = []


class DeliveryPage(BaseModel):
    """The delivery log, newest first."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "id": 42,
                            "event_id": "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f",
                            "type": "case.dispatched",
                            "case_id": "c-7f1d2c3e",
                            "status": "delivered",
                            "attempt_count": 1,
                            "created_at": "2026-11-30T01:00:00+00:00",
                            "next_attempt_at": None,
                            "settled_at": "2026-11-30T01:00:01+00:00",
                            "last_status_code": 200,
                            "last_error": None,
                            "attempts": [
                                {
                                    "attempt": 1,
                                    "at": "2026-11-30T01:00:00+00:00",
                                    "status_code": 200,
                                    "outcome": "delivered",
                                    "latency_ms": 84.2,
                                    "error": None,
                                }
                            ],
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        },
    )

    items: list[DeliveryRead]
    next_cursor: str | None = None


class QueuedTest(BaseModel):
    """A test message is queued for delivery: follow it in the delivery log."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "subscription": "3f2a9c1e-5b7d-4e8f-a0b1-c2d3e4f5a6b7",
                    "event_id": "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f",
                    "delivery_id": 43,
                }
            ]
        },
    )

    subscription: str
    event_id: str
    delivery_id: int | str | None = None
