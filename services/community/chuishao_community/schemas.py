"""Request and response bodies of the community API (field names as in COMMUNITY.md's Appendix)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.vocabulary import ClaimStatus, MemberStatus, NeedPrivacy, NeedStatus, Satisfaction, Urgency

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Read(BaseModel):
    model_config = ConfigDict(extra="allow")


# ------------------------------------------------------------------------------------- members


class MemberCreate(_Strict):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(min_length=5, max_length=30, pattern=r"^\+?[0-9][0-9 -]{3,28}[0-9]$")
    work_unit: str = Field("", max_length=200)
    party_member: bool = False
    branch: str | None = Field(None, max_length=200, description="The party branch (党支部), for party members")
    community: str = Field(min_length=1, max_length=64)
    grid: str = Field(min_length=1, max_length=64)
    skills: list[str] = Field(default_factory=list, max_length=20)
    availability: list[str] = Field(
        default_factory=list, max_length=14, description="Weekly availability, e.g. `sat-am`, `weekday-evening`"
    )
    sub: str | None = Field(
        None, max_length=200, description="Staff registering someone: the person's account subject, when known"
    )


class MemberRead(_Read):
    id: str
    name: str
    phone: str
    work_unit: str
    party_member: bool
    branch: str | None = None
    community: str
    grid: str
    skills: list[str]
    availability: list[str]
    status: MemberStatus
    registered_at: datetime | None = None
    confirmed_at: datetime | None = None
    hours_this_year: float | None = None


class CertificateRef(_Read):
    number: str = Field(description="Checkable by anyone at GET /v1/certificates/{number}; printable at its /page")
    issued_on: date
    hours: str


class MemberSelf(MemberRead):
    """The calling volunteer's own registration (the member's app), with their certificates."""

    certificates: list[CertificateRef]


class MemberPage(_Read):
    items: list[MemberRead]
    next_cursor: str | None = None


class HoursEntry(_Read):
    id: str
    hours: float
    source: Literal["need", "activity", "granted"]
    ref: str
    at: datetime


class HoursRead(_Read):
    member_id: str
    total_hours: float
    entries: list[HoursEntry]


# --------------------------------------------------------------------------------------- needs


class Resident(_Strict):
    name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(None, min_length=5, max_length=30, pattern=r"^\+?[0-9][0-9 -]{3,28}[0-9]$")
    address: str | None = Field(None, max_length=300, description="The exact address (personal)")


class NeedCreate(_Strict):
    kind: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    grid: str = Field(min_length=1, max_length=64)
    building: str | None = Field(None, max_length=100)
    resident: Resident
    urgency: Urgency = "normal"
    wanted_by: datetime
    skills: list[str] = Field(default_factory=list, max_length=20)
    helpers: int = Field(1, ge=1, le=50)
    hours_wanted: float | None = Field(None, gt=0, le=24)
    privacy: NeedPrivacy = "staff_confirms"


class ClaimRead(_Read):
    id: str
    claimant: str
    claimant_kind: Literal["member", "unit"]
    status: ClaimStatus
    claimed_at: datetime
    confirmed_at: datetime | None = None


class ResidentRead(_Read):
    name: str
    phone: str | None = None
    address: str | None = None


class CaseOutcome(_Read):
    status: str = Field(description="The case's end: closed or cancelled (dispatch's statuses)")
    resolution: str | None = None
    at: datetime


class NeedRead(_Read):
    id: str
    status: NeedStatus
    community: str
    grid: str
    building: str | None = None
    kind: str
    title: str
    description: str
    resident: ResidentRead | None = Field(
        None, description="Only for the community's staff and the claimant of a confirmed claim"
    )
    urgency: Urgency
    wanted_by: datetime
    skills: list[str]
    helpers: int
    hours_wanted: float | None = None
    privacy: NeedPrivacy
    recorded_at: datetime
    claims: list[ClaimRead]
    release_count: int
    lapse_count: int
    done_note: str | None = None
    photos: list[str]
    hours_reported: float | None = None
    hours_credited: float | None = None
    satisfaction: Satisfaction | None = None
    report_id: str | None = None
    case_id: str | None = None
    case_status: str | None = Field(None, description="A whistled need: its case's status as dispatch last said")
    case_outcome: CaseOutcome | None = Field(None, description="A whistled need: how its case ended")
    origin_case_id: str | None = Field(
        None, description="点单响应: the dispatch case this need answers; confirming the need closes it"
    )


class NeedPage(_Read):
    items: list[NeedRead]
    next_cursor: str | None = None


class Claim(_Strict):
    unit: str | None = Field(None, max_length=64, description="A unit's contact claims for the unit")


class Empty(_Strict):
    pass


class Reason(_Strict):
    reason: str = Field(min_length=1, max_length=1000)


class ReleaseBody(_Strict):
    reason: str = Field("", max_length=1000)


class Done(_Strict):
    note: str = Field("", max_length=2000)
    photos: list[Sha256] = Field(
        default_factory=list,
        max_length=9,
        description="SHA-256 hashes of photos uploaded through intake's POST /v1/photos",
    )
    hours: float = Field(gt=0, le=24, description="The hours spent")


class Confirm(_Strict):
    satisfaction: Satisfaction
    note: str = Field("", max_length=2000)


class Whistle(_Strict):
    category: str = Field(min_length=1, max_length=64, description="The 小类 code of the report to file")
    description: str = Field(min_length=1, max_length=2000)


class Term(_Read):
    code: str
    name: str
    name_en: str


class TermList(_Read):
    items: list[Term]
