"""Request and response bodies for units, resources, orders, projects, activities and certificates."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Code = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Read(BaseModel):
    model_config = ConfigDict(extra="allow")


# ------------------------------------------------------------------------------------------- units


class PersonBody(_Strict):
    name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(None, min_length=5, max_length=30, pattern=r"^\+?[0-9][0-9 -]{3,28}[0-9]$")
    title: str | None = Field(None, max_length=100)


class AgreementBody(_Strict):
    signed_on: date
    term_from: date
    term_to: date | None = None


class UnitCreate(_Strict):
    code: str = Code
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["government", "enterprise", "institution", "school", "hospital", "social_org", "property", "other"]
    description: str = Field("", max_length=2000)
    website: str | None = Field(None, max_length=300, pattern=r"^https?://\S+$")
    contact: PersonBody = Field(description="The unit's contact (personal)")
    party_head: PersonBody | None = Field(None, description="The unit's party-organisation head (personal)")
    agreement: AgreementBody = Field(description="The co-building agreement with the caller's community")


class AgreementRead(_Read):
    community: str
    signed_on: date
    term_from: date
    term_to: date | None = None


class PersonRead(_Read):
    name: str
    phone: str | None = None
    title: str | None = None


class OrderStats(_Read):
    asked: int
    settled: int
    responded: int
    response_rate: float | None = Field(None, description="Answered / asks no longer awaited (answered, closed or due)")
    median_response_hours: float | None = None


class UnitRead(_Read):
    code: str
    name: str
    kind: str
    description: str
    website: str | None = None
    communities: list[str]
    agreements: list[AgreementRead]
    contact: PersonRead | None = Field(None, description="Only for the unit's contact and its communities' staff")
    party_head: PersonRead | None = None
    created_at: datetime | None = None
    orders: OrderStats | None = Field(None, description="Its response to community orders (GET /v1/units/{code})")


class UnitList(_Read):
    items: list[UnitRead]


# --------------------------------------------------------------------------------------- resources


class PlaceBody(_Strict):
    name: str = Field(min_length=1, max_length=200)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    address: str | None = Field(None, max_length=300)
    city: str | None = Field(None, max_length=100)
    province: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=20)


class ScheduleBody(_Strict):
    rrule: str = Field(min_length=1, max_length=300, description="An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA,SU")
    opens: time | None = None
    closes: time | None = None
    description: str | None = Field(None, max_length=300)


class ResourceCreate(_Strict):
    community: str | None = Field(None, max_length=64, description="Default: the staff's community")
    unit: str | None = Field(None, max_length=64, description="The unit offering it; none: the community's own")
    kind: Literal["venue", "material", "service", "expertise"]
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=2000)
    place: PlaceBody
    status: Literal["available", "paused", "withdrawn", "retired"] = "available"
    life_circle: Literal[5, 10, 15] = Field(15, description="GB 50180-2018 life-circle tier (minutes' walk)")
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    eligibility: str | None = Field(None, max_length=500)
    minimum_age: int | None = Field(None, ge=0, le=150)
    maximum_age: int | None = Field(None, ge=0, le=150)
    schedule: list[ScheduleBody] = Field(default_factory=list, max_length=20)
    valid_from: date | None = None
    valid_to: date | None = None


class ResourceRead(_Read):
    id: str
    community: str
    unit: str | None = None
    kind: str
    name: str
    description: str
    place: dict[str, Any]
    status: str
    life_circle: int
    capacity: int | None = None
    schedule: list[dict[str, Any]]
    created_at: datetime | None = None


class ResourcePage(_Read):
    items: list[ResourceRead]
    next_cursor: str | None = None


class HsdsPage(_Read):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]] = Field(description="HSDS 3.0 services (openreferral.org)")


# ------------------------------------------------------------------------------------------ orders


class ItemBody(_Strict):
    name: str = Field(min_length=1, max_length=100)
    quantity: float = Field(gt=0, le=1_000_000)
    measure: str = Field("", max_length=20, description="人, 吨, 袋 …")


class OrderCreate(_Strict):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    items: list[ItemBody] = Field(min_length=1, max_length=20)
    needed_by: datetime
    units: list[str] | None = Field(
        None, max_length=100, description="The units asked; default every unit with an agreement in force"
    )


class OrderResponseCreate(_Strict):
    unit: str = Field(min_length=1, max_length=64, description="The unit answering (the token's `unit`)")
    declined: bool = False
    items: list[ItemBody] = Field(default_factory=list, max_length=20)
    note: str = Field("", max_length=1000)


class OrderResponseRead(_Read):
    id: str
    unit: str
    declined: bool
    items: list[dict[str, Any]]
    note: str
    at: datetime
    response_hours: float


class OrderRead(_Read):
    id: str
    community: str
    title: str
    description: str
    items: list[dict[str, Any]]
    units: list[str]
    needed_by: datetime
    status: Literal["open", "closed"]
    posted_at: datetime
    closed_at: datetime | None = None
    responses: list[OrderResponseRead]
    response_count: int


class OrderPage(_Read):
    items: list[OrderRead]
    next_cursor: str | None = None


class Empty(_Strict):
    pass


# ---------------------------------------------------------------------------------------- projects


class LinksBody(_Strict):
    needs: list[str] = Field(default_factory=list, max_length=100)
    resources: list[str] = Field(default_factory=list, max_length=100)
    cases: list[str] = Field(default_factory=list, max_length=100, description="Case ids at dispatch")


class ProjectCreate(_Strict):
    title: str = Field(min_length=1, max_length=200)
    goal: str = Field(min_length=1, max_length=2000)
    period_from: date
    period_to: date | None = None
    units: list[str] = Field(default_factory=list, max_length=50)
    status: Literal["planned", "active"] = "planned"
    links: LinksBody = Field(default_factory=LinksBody)


class ProgressCreate(_Strict):
    note: str = Field(min_length=1, max_length=2000)
    people_served: int = Field(0, ge=0, le=1_000_000)
    status: Literal["planned", "active", "done", "cancelled"] | None = None
    links: LinksBody = Field(default_factory=LinksBody)


class ProjectRead(_Read):
    id: str
    community: str
    title: str
    goal: str
    period_from: date
    period_to: date | None = None
    units: list[str]
    status: Literal["planned", "active", "done", "cancelled"]
    people_served: int
    links: dict[str, list[str]]
    progress: list[dict[str, Any]]
    created_at: datetime


class ProjectPage(_Read):
    items: list[ProjectRead]
    next_cursor: str | None = None


# -------------------------------------------------------------------------------------- activities


class SlotBody(_Strict):
    code: str = Field(min_length=1, max_length=64)
    capacity: int = Field(ge=1, le=10_000)
    skill: str | None = Field(None, max_length=64)


class ActivityPlaceBody(_Strict):
    name: str = Field(min_length=1, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class ActivityCreate(_Strict):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    starts_at: datetime
    ends_at: datetime
    place: ActivityPlaceBody
    slots: list[SlotBody] = Field(min_length=1, max_length=20)
    organiser: str | None = Field(None, max_length=200, description="The organiser's account subject")
    team: str | None = Field(None, max_length=100)


class SignupCreate(_Strict):
    slot: str = Field(min_length=1, max_length=64)


class CheckBody(_Strict):
    code: str | None = Field(None, max_length=500, description="The organiser's QR code, scanned by the member")
    member: str | None = Field(None, max_length=64, description="The organiser marks: the member id")
    at: datetime | None = Field(None, description="The organiser marks: when (default now)")


class GrantCreate(_Strict):
    member: str = Field(min_length=1, max_length=64)
    hours: float = Field(gt=0, le=24, multiple_of=0.25)
    reason: str = Field(min_length=1, max_length=500)


class CloseBody(_Strict):
    people_served: int = Field(ge=0, le=1_000_000)


class QrRead(_Read):
    activity_id: str
    code: str
    expires_at: datetime


class ActivityRead(_Read):
    id: str
    community: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: dict[str, Any]
    organiser: str | None = None
    team: str | None = None
    slots: list[dict[str, Any]]
    signups: list[dict[str, Any]]
    signed_up: int
    length_hours: float
    people_served: int
    closed_at: datetime | None = None
    no_shows: list[str]
    no_show_count: int
    grants: list[dict[str, Any]]


class ActivityPage(_Read):
    items: list[ActivityRead]
    next_cursor: str | None = None


# ------------------------------------------------------------------------------------ certificates


class CertificateRead(_Read):
    number: str
    valid: bool
    holder: str = Field(description="Masked (张*明)")
    hours: str
    issuer: str
    issued_on: date
    lines: list[dict[str, Any]] = Field(default_factory=list, description="Each {on, content, hours}")
