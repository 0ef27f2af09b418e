"""Commands for units, resources, orders, projects, activities and certificates (one handler each:
service_layer/force_handlers.py, activity_handlers.py, certificate_handlers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from chuishao_community.domain import hsds
from chuishao_community.domain.activities import Place as ActivityPlace
from chuishao_community.domain.activities import Slot
from chuishao_community.domain.commands import Command
from chuishao_community.domain.orders import Item
from chuishao_community.domain.projects import Links
from chuishao_community.domain.units import Agreement, Person

# ---------------------------------------------------------------------------- units and resources


@dataclass(frozen=True)
class RegisterUnit(Command):
    code: str
    name: str
    kind: str
    description: str
    contact: Person
    agreement: Agreement
    party_head: Person | None = None
    website: str | None = None


@dataclass(frozen=True)
class SignAgreement(Command):
    unit: str
    agreement: Agreement


@dataclass(frozen=True)
class OfferResource(Command):
    community: str
    unit: str | None
    kind: str
    name: str
    description: str
    place: hsds.Place
    status: str
    life_circle: int
    capacity: int | None
    eligibility: str | None
    minimum_age: int | None
    maximum_age: int | None
    schedule: tuple[hsds.ScheduleRow, ...]
    valid_from: date | None
    valid_to: date | None


# ------------------------------------------------------------------------------------------- orders


@dataclass(frozen=True)
class PostOrder(Command):
    title: str
    description: str
    items: tuple[Item, ...]
    units: tuple[str, ...] | None  # None: every unit with an agreement in force
    needed_by: datetime


@dataclass(frozen=True)
class RespondToOrder(Command):
    order_id: str
    unit: str
    declined: bool
    items: tuple[Item, ...]
    note: str


@dataclass(frozen=True)
class CloseOrder(Command):
    order_id: str


# ----------------------------------------------------------------------------------------- projects


@dataclass(frozen=True)
class StartProject(Command):
    title: str
    goal: str
    period_from: date
    period_to: date | None
    units: tuple[str, ...]
    status: str
    links: Links


@dataclass(frozen=True)
class AddProjectProgress(Command):
    project_id: str
    note: str
    people_served: int
    status: str | None
    links: Links


# --------------------------------------------------------------------------------------- activities


@dataclass(frozen=True)
class CreateActivity(Command):
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: ActivityPlace
    slots: tuple[Slot, ...]
    organiser: str | None
    team: str | None


@dataclass(frozen=True)
class SignUp(Command):
    activity_id: str
    slot: str


@dataclass(frozen=True)
class CheckActivity(Command):
    """Check-in (`out` False) or check-out: by the organiser's QR `code` (the member is the caller), or
    marked by the organiser (`member`, `at`)."""

    activity_id: str
    out: bool
    code: str | None
    member: str | None
    at: datetime | None


@dataclass(frozen=True)
class GrantHours(Command):
    activity_id: str
    member: str
    hours: Decimal
    reason: str


@dataclass(frozen=True)
class CloseActivity(Command):
    activity_id: str
    people_served: int


# ------------------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class IssueCertificate(Command):
    member_id: str
