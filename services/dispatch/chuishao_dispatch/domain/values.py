"""Plain values the Case aggregate is built from: actors, events, timeline entries, SLA terms, facts.

Everything here round-trips through JSON (`to_dict` / `from_dict`), times as ISO 8601 UTC strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from chuishao_dispatch.domain.errors import InvalidCommand
from chuishao_dispatch.domain.sla import CLOCKS, WorkCalendar
from chuishao_shared.times import parse_utc, utc_iso
from chuishao_shared.vocabulary import SEVERITIES

MAX_PHOTOS = 9
MAX_TEXT = 2000

# The product's roles plus `system`: the dispatch service acting on its own
# (opening cases from report events, merging duplicates, applying verifications, escalating).
SYSTEM_ROLE = "system"


# ---------------------------------------------------------------------------------------- helpers


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else parse_utc(value)


def jsonable(value: Any) -> Any:
    """A JSON-native copy: datetimes → ISO strings, tuples and sets → lists, keys → strings."""
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    return value


def require_aware(value: Any, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidCommand(name, "must be a timezone-aware datetime")
    return value.astimezone(UTC)


def require_text(value: Any, name: str, *, required: bool = True, max_length: int = MAX_TEXT) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidCommand(name, "must be a string")
    value = value.strip()
    if required and not value:
        raise InvalidCommand(name, "must not be empty")
    if len(value) > max_length:
        raise InvalidCommand(name, f"must be at most {max_length} characters")
    return value


def require_photos(value: Iterable[str] | None) -> list[str]:
    photos = list(value or ())
    if len(photos) > MAX_PHOTOS:
        raise InvalidCommand("photos", f"at most {MAX_PHOTOS} photos")
    if not all(isinstance(p, str) and p.strip() for p in photos):
        raise InvalidCommand("photos", "each photo is a non-empty URL string")
    return [p.strip() for p in photos]


# 办结无照片的理由: the only reasons a resolve may come without a photo, each in both languages.
NO_PHOTO_REASONS: dict[str, tuple[str, str]] = {
    "private_home": ("在住户家中或室内，不便拍照", "Inside a home: photos would intrude"),
    "nothing_visible": ("结果无法拍到（已调解、已告知、已登记）", "Nothing to see (mediated, informed, recorded)"),
    "unsafe": ("现场不安全，无法拍照", "Unsafe to take photos on site"),
    "device_failed": ("拍照设备故障", "Camera or phone not working"),
}


def require_evidence(photos: Iterable[str] | None, no_photo_reason: str | None) -> tuple[list[str], str | None]:
    """Resolve needs evidence: at least one photo, or a reason from `NO_PHOTO_REASONS` why there is none."""
    checked = require_photos(photos)
    if no_photo_reason is not None and no_photo_reason not in NO_PHOTO_REASONS:
        raise InvalidCommand("no_photo_reason", f"one of {', '.join(NO_PHOTO_REASONS)}")
    if not checked and no_photo_reason is None:
        raise InvalidCommand("photos", f"at least one photo, or a no_photo_reason ({', '.join(NO_PHOTO_REASONS)})")
    return checked, None if checked else no_photo_reason


def require_departments(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidCommand("departments", "must be a list of department codes")
    departments = list(value)
    if not departments:
        raise InvalidCommand("departments", "name at least one department")
    if not all(isinstance(d, str) and d.strip() for d in departments):
        raise InvalidCommand("departments", "each department is a non-empty code")
    departments = [d.strip() for d in departments]
    if len(set(departments)) != len(departments):
        raise InvalidCommand("departments", "a department is named twice")
    return departments


# ----------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Actor:
    sub: str
    role: str
    department: str | None = None  # a liaison's department
    jurisdiction: str | None = None  # a dispatcher's jurisdiction (what they may see)

    def audit(self) -> dict[str, Any]:
        """The `actor` object events carry: role and subject (and a liaison's department)."""
        return {"role": self.role, "subject": self.sub, "department": self.department}


SYSTEM = Actor("chuishao-dispatch", SYSTEM_ROLE)


@dataclass(frozen=True)
class DomainEvent:
    """An event the aggregate raised: `type` is a `case.*` type, `data` is JSON-native.

    The caller wraps it in the envelope and assigns the per-case sequence number.
    """

    type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class TimelineEntry:
    type: str
    at: datetime
    actor_sub: str
    actor_role: str
    note: str
    data: dict[str, Any]
    actor_department: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "at": utc_iso(self.at),
            "actor_sub": self.actor_sub,
            "actor_role": self.actor_role,
            "actor_department": self.actor_department,
            "note": self.note,
            "data": jsonable(self.data),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimelineEntry:
        return cls(
            type=data["type"],
            at=parse_time(data["at"]),  # type: ignore[arg-type]
            actor_sub=data["actor_sub"],
            actor_role=data["actor_role"],
            note=data.get("note", ""),
            data=dict(data.get("data", {})),
            actor_department=data.get("actor_department"),
        )


@dataclass(frozen=True)
class SlaTerms:
    """How a case's deadlines are computed (see `sla.add_duration`)."""

    acknowledge_minutes: float
    resolve_minutes: float
    clock: str
    calendar: WorkCalendar
    triage_minutes: float = 60  # how long a case may wait in triage for a dispatcher

    def __post_init__(self) -> None:
        for name in ("acknowledge_minutes", "resolve_minutes", "triage_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{name} must be a positive number, got {value!r}")
        if self.clock not in CLOCKS:
            raise ValueError(f"clock must be one of {CLOCKS}, got {self.clock!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "acknowledge_minutes": self.acknowledge_minutes,
            "resolve_minutes": self.resolve_minutes,
            "triage_minutes": self.triage_minutes,
            "clock": self.clock,
            "calendar": self.calendar.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SlaTerms:
        return cls(
            acknowledge_minutes=data["acknowledge_minutes"],
            resolve_minutes=data["resolve_minutes"],
            triage_minutes=data.get("triage_minutes", 60),
            clock=data["clock"],
            calendar=WorkCalendar.from_dict(data["calendar"]),
        )


@dataclass(frozen=True)
class ReportFacts:
    """The facts of the report that opened the case (no personal data of residents)."""

    report_id: str
    category: str
    major: str
    grid: str
    community: str
    severity: str
    building: str | None
    description: str
    handled_on_site: bool
    reporter_sub: str
    reported_at: datetime
    photos: tuple[str, ...] = ()
    # The phone's location when the grid worker gave one (WGS84): the staff map's point. Internal only.
    lat: float | None = None
    lon: float | None = None
    # The 议事 topic whose decision the report carries out (filed by the community service).
    topic_id: str | None = None
    # The unit (单元) and address as the grid worker typed them (intake masks any resident's name or
    # phone out of them before the event). Staff only: never on a case event's snapshot.
    unit: str | None = None
    address: str | None = None
    # The report's short number (五阳-1205-0012, chuishao_shared.case_numbers): the case's number.
    number: str | None = None

    def __post_init__(self) -> None:
        for name in ("report_id", "category", "major", "grid", "community", "reporter_sub"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidCommand(name, "must be a non-empty string")
        if self.severity not in SEVERITIES:
            raise InvalidCommand("severity", f"must be one of {', '.join(SEVERITIES)}")
        object.__setattr__(self, "reported_at", require_aware(self.reported_at, "reported_at"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "category": self.category,
            "major": self.major,
            "grid": self.grid,
            "community": self.community,
            "severity": self.severity,
            "building": self.building,
            "description": self.description,
            "handled_on_site": self.handled_on_site,
            "reporter_sub": self.reporter_sub,
            "reported_at": utc_iso(self.reported_at),
            "photos": list(self.photos),
            "lat": self.lat,
            "lon": self.lon,
            "topic_id": self.topic_id,
            "unit": self.unit,
            "address": self.address,
            "number": self.number,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportFacts:
        return cls(
            **{**data, "reported_at": parse_time(data["reported_at"]), "photos": tuple(data.get("photos") or ())}
        )


@dataclass(frozen=True)
class ExtensionRequest:
    until: datetime
    reason: str
    department: str
    requested_by: str
    requested_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "until": utc_iso(self.until),
            "reason": self.reason,
            "department": self.department,
            "requested_by": self.requested_by,
            "requested_at": utc_iso(self.requested_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtensionRequest:
        return cls(
            **{
                **data,
                "until": parse_time(data["until"]),
                "requested_at": parse_time(data["requested_at"]),
            }
        )


@dataclass(frozen=True)
class Feedback:
    satisfaction: str
    comment: str
    recorded_at: datetime
    recorded_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "satisfaction": self.satisfaction,
            "comment": self.comment,
            "recorded_at": utc_iso(self.recorded_at),
            "recorded_by": self.recorded_by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Feedback:
        return cls(**{**data, "recorded_at": parse_time(data["recorded_at"])})
