"""Resources (资源清单) published as Open Referral HSDS 3.0 JSON (`GET /v1/hsds/services`).

Pure: standard library only. The HSDS 3.0 JSON Schemas the output is tested against live beside this
package in `hsds_schema/` (copied from openreferral/specification, CC BY-SA 4.0; see its README).

Mapping (COMMUNITY.md §2 "Unit", "Resource"):

- the co-building unit (or the community itself, for the community's own resources) → an HSDS
  `organization` (`id`, `name`, `description`, `website`, `email`); its kind becomes an attribute.
  The unit's contact is personal data and is never published;
- each resource → an HSDS `service`: `name`, `description`, `status` (see `STATUSES`),
  `eligibility_description`, `minimum_age`/`maximum_age`, the organization embedded and its id;
- the resource's place → an HSDS `location` (`physical`, `name`, `latitude`, `longitude`, and an
  address when given), linked by a `service_at_location`;
- each schedule row (an iCalendar RRULE, RFC 5545, plus opening and closing times) → an HSDS
  `schedule`. HSDS 3.0 allows `freq` WEEKLY or MONTHLY only: `FREQ=DAILY` (interval 1) is published
  as WEEKLY on every day; other frequencies are refused. Times carry the zone offset (`09:00+08:00`)
  and `timezone` the offset in hours;
- attributes (HSDS `attribute` with an inline `taxonomy_term`): the resource kind (venue, material,
  service, expertise), the capacity, and the GB 50180-2018 life-circle tier (生活圈: 15, 10 or 5
  minutes' walk), each in a taxonomy of its own; the tier is on both the service and the location.

Identifiers are UUIDs (HSDS requires them) derived with uuid5 from our ids, so they are stable across
publications. Refusals are `InvalidResource` with `field` and `code`, like the other domain modules.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

__all__ = [
    "KINDS",
    "LIFE_CIRCLES",
    "STATUSES",
    "InvalidResource",
    "Place",
    "Provider",
    "Resource",
    "ScheduleRow",
    "hsds_organization",
    "hsds_service",
    "hsds_services",
    "parse_rrule",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chuishao:community:hsds")

KINDS = {"venue": "场地", "material": "物资", "service": "服务", "expertise": "专业技能"}
# Our resource status → HSDS service status.
STATUSES = {
    "available": "active",
    "active": "active",
    "paused": "temporarily closed",
    "temporarily closed": "temporarily closed",
    "withdrawn": "inactive",
    "inactive": "inactive",
    "retired": "defunct",
    "defunct": "defunct",
}
# GB 50180-2018 《城市居住区规划设计标准》: the life-circle tiers, by walking minutes and distance.
LIFE_CIRCLES = {
    15: ("15分钟生活圈居住区", "15-minute life circle: walking distance 800–1000 m"),
    10: ("10分钟生活圈居住区", "10-minute life circle: walking distance 500 m"),
    5: ("5分钟生活圈居住区", "5-minute life circle: walking distance 300 m"),
}
TAXONOMY_LIFE_CIRCLE = "GB 50180-2018 life circle"
TAXONOMY_KIND = "chuishao resource kind"
TAXONOMY_CAPACITY = "chuishao capacity"


class InvalidResource(Exception):
    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Provider:
    """A co-building unit, or the community for its own resources."""

    id: str
    name: str
    description: str
    kind: str | None = None
    website: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    address: str | None = None
    city: str | None = None
    province: str | None = None
    postal_code: str | None = None


@dataclass(frozen=True)
class ScheduleRow:
    """When the resource is open: an RRULE (RFC 5545, without `RRULE:`) and the opening hours."""

    rrule: str
    opens: time | None = None
    closes: time | None = None
    description: str | None = None


@dataclass(frozen=True)
class Resource:
    id: str
    kind: str
    name: str
    description: str
    place: Place
    status: str = "available"
    life_circle: int = 15
    capacity: int | None = None
    eligibility: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    schedule: Sequence[ScheduleRow] = field(default_factory=tuple)
    valid_from: date | None = None
    valid_to: date | None = None
    utc_offset_hours: int = 8  # China Standard Time


def _id(kind: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *map(str, parts)])))


# ------------------------------------------------------------------------------------------ RRULE

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$")
_KNOWN = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYWEEKNO", "WKST"}


def _int_list(text: str, low: int, high: int) -> list[int]:
    values = [int(v) for v in text.split(",")]
    if any(v == 0 or not low <= abs(v) <= high for v in values):
        raise ValueError(text)
    return values


def parse_rrule(rrule: str, field: str = "rrule") -> dict[str, Any]:
    """An RFC 5545 RRULE as the HSDS schedule fields it maps to (`freq`, `interval`, `byday` …)."""
    text = (rrule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for part in filter(None, text.upper().split(";")):
        name, sep, value = part.partition("=")
        if not sep or not value or name in parts:
            raise InvalidResource(field, "malformed", f"'{part}' is not a NAME=VALUE rule part")
        if name not in _KNOWN:
            raise InvalidResource(field, "unsupported", f"'{name}' is not supported by HSDS 3.0 schedules")
        parts[name] = value
    freq = parts.get("FREQ")
    if freq is None:
        raise InvalidResource(field, "malformed", "FREQ is required")
    out: dict[str, Any] = {}
    interval = 1
    try:
        if "INTERVAL" in parts:
            interval = int(parts["INTERVAL"])
            if interval < 1:
                raise ValueError
        if "COUNT" in parts:
            out["count"] = int(parts["COUNT"])
            if out["count"] < 1:
                raise ValueError
    except ValueError:
        raise InvalidResource(field, "malformed", "INTERVAL and COUNT are positive integers") from None
    if "COUNT" in parts and "UNTIL" in parts:
        raise InvalidResource(field, "malformed", "COUNT and UNTIL exclude each other")
    if freq == "DAILY":
        if interval != 1 or "BYDAY" in parts or "BYMONTHDAY" in parts:
            raise InvalidResource(field, "unsupported_freq", "HSDS 3.0 has no DAILY: only every day maps (to WEEKLY)")
        freq, parts["BYDAY"] = "WEEKLY", ",".join(_DAYS)
    if freq not in ("WEEKLY", "MONTHLY"):
        raise InvalidResource(field, "unsupported_freq", "HSDS 3.0 schedules are WEEKLY or MONTHLY")
    out["freq"] = freq
    out["interval"] = interval
    if "BYDAY" in parts:
        days = parts["BYDAY"].split(",")
        for day in days:
            match = _BYDAY.match(day)
            if match is None or (match[1] and freq != "MONTHLY"):
                raise InvalidResource(field, "malformed", f"BYDAY '{day}' (an ordinal only with MONTHLY)")
        out["byday"] = ",".join(days)
    try:
        if "BYMONTHDAY" in parts:
            if freq != "MONTHLY":
                raise InvalidResource(field, "malformed", "BYMONTHDAY goes with FREQ=MONTHLY")
            out["bymonthday"] = ",".join(map(str, _int_list(parts["BYMONTHDAY"], 1, 31)))
        if "BYWEEKNO" in parts:
            if freq != "WEEKLY":
                raise InvalidResource(field, "malformed", "BYWEEKNO goes with FREQ=WEEKLY")
            out["byweekno"] = ",".join(map(str, _int_list(parts["BYWEEKNO"], 1, 53)))
    except ValueError:
        raise InvalidResource(field, "malformed", "day and week numbers are non-zero integers in range") from None
    if "UNTIL" in parts:
        match = _UNTIL.match(parts["UNTIL"])
        try:
            until = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            until = None
        if until is None:
            raise InvalidResource(field, "malformed", "UNTIL is a date (YYYYMMDD) or a UTC date-time")
        out["until"] = until.isoformat()
    if "WKST" in parts:
        if parts["WKST"] not in _DAYS:
            raise InvalidResource(field, "malformed", "WKST is a two-letter day")
        out["wkst"] = parts["WKST"]
    return out


# ------------------------------------------------------------------------------------------ mapping


def _term(taxonomy: str, code: str, name: str, description: str) -> dict[str, Any]:
    return {
        "id": _id("taxonomy_term", taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
    }


def _attribute(
    link_entity: str, link_id: str, taxonomy: str, code: str, name: str, description: str, value: str
) -> dict[str, Any]:
    term = _term(taxonomy, code, name, description)
    return {
        "id": _id("attribute", link_entity, link_id, taxonomy),
        "link_id": link_id,
        "link_entity": link_entity,
        "link_type": taxonomy,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": value,
    }


def _life_circle(entity: str, link_id: str, minutes: int) -> dict[str, Any]:
    name, description = LIFE_CIRCLES[minutes]
    return _attribute(entity, link_id, TAXONOMY_LIFE_CIRCLE, f"{minutes}min", name, description, str(minutes))


def _clock(t: time, offset_hours: int) -> str:
    sign = "+" if offset_hours >= 0 else "-"
    return f"{t.hour:02d}:{t.minute:02d}{sign}{abs(offset_hours):02d}:00"


def _check(resource: Resource) -> None:
    for name in ("id", "name", "description"):
        value = getattr(resource, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidResource(name, "required", "must not be empty")
    if resource.kind not in KINDS:
        raise InvalidResource("kind", "unknown", f"one of {', '.join(KINDS)}")
    if resource.status not in STATUSES:
        raise InvalidResource("status", "unknown", f"one of {', '.join(STATUSES)}")
    if resource.life_circle not in LIFE_CIRCLES:
        raise InvalidResource("life_circle", "unknown", "15, 10 or 5 (minutes, GB 50180-2018)")
    if resource.capacity is not None and (isinstance(resource.capacity, bool) or resource.capacity < 0):
        raise InvalidResource("capacity", "out_of_range", "a whole number ≥ 0")
    if not resource.place.name.strip():
        raise InvalidResource("place.name", "required", "must not be empty")
    if not -90 <= resource.place.lat <= 90:
        raise InvalidResource("place.lat", "out_of_range", "latitude in [-90, 90]")
    if not -180 <= resource.place.lon <= 180:
        raise InvalidResource("place.lon", "out_of_range", "longitude in [-180, 180]")
    ages = (resource.minimum_age, resource.maximum_age)
    if any(a is not None and a < 0 for a in ages) or (None not in ages and ages[0] > ages[1]):  # type: ignore[operator]
        raise InvalidResource("maximum_age", "out_of_range", "ages are ≥ 0 and the minimum ≤ the maximum")
    if resource.valid_from and resource.valid_to and resource.valid_to < resource.valid_from:
        raise InvalidResource("valid_to", "before_valid_from", "must not precede valid_from")
    for i, row in enumerate(resource.schedule):
        if (row.opens is None) != (row.closes is None):
            raise InvalidResource(f"schedule[{i}].closes", "required", "opening and closing times go together")
        if row.opens is not None and row.closes is not None and row.closes <= row.opens:
            raise InvalidResource(f"schedule[{i}].closes", "not_after_opens", "must be after the opening time")


def hsds_organization(provider: Provider) -> dict[str, Any]:
    for name in ("id", "name", "description"):
        value = getattr(provider, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidResource(f"provider.{name}", "required", "must not be empty")
    org_id = _id("organization", provider.id)
    out: dict[str, Any] = {"id": org_id, "name": provider.name, "description": provider.description}
    if provider.website:
        out["website"] = provider.website
    if provider.email:
        out["email"] = provider.email
    if provider.kind:
        kind = _attribute(
            "organization", org_id, "chuishao unit kind", provider.kind, provider.kind, "共建单位类型", ""
        )
        out["attributes"] = [kind]
    return out


def hsds_service(provider: Provider, resource: Resource) -> dict[str, Any]:
    """One resource as an HSDS 3.0 service, with its organization, location and schedules embedded."""
    _check(resource)
    organization = hsds_organization(provider)
    service_id = _id("service", resource.id)
    location_id = _id("location", resource.id)
    sal_id = _id("service_at_location", resource.id)
    place = resource.place
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization["id"],
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "attributes": [_life_circle("location", location_id, resource.life_circle)],
    }
    if place.address and place.city and place.province:
        location["addresses"] = [
            {
                "id": _id("address", resource.id),
                "location_id": location_id,
                "address_1": place.address,
                "city": place.city,
                "state_province": place.province,
                "postal_code": place.postal_code or "",
                "country": "CN",
                "address_type": "physical",
            }
        ]
    schedules = []
    for i, row in enumerate(resource.schedule):
        entry: dict[str, Any] = {"id": _id("schedule", resource.id, i), "service_id": service_id}
        entry |= parse_rrule(row.rrule, f"schedule[{i}].rrule")
        entry["timezone"] = resource.utc_offset_hours
        if row.opens is not None and row.closes is not None:
            entry["opens_at"] = _clock(row.opens, resource.utc_offset_hours)
            entry["closes_at"] = _clock(row.closes, resource.utc_offset_hours)
        if resource.valid_from:
            entry["valid_from"] = entry["dtstart"] = resource.valid_from.isoformat()
        if resource.valid_to:
            entry["valid_to"] = resource.valid_to.isoformat()
        if row.description:
            entry["description"] = row.description
        schedules.append(entry)
    attributes = [
        _attribute("service", service_id, TAXONOMY_KIND, resource.kind, KINDS[resource.kind], resource.kind, ""),
        _life_circle("service", service_id, resource.life_circle),
    ]
    if resource.capacity is not None:
        attributes.append(
            _attribute(
                "service",
                service_id,
                TAXONOMY_CAPACITY,
                "capacity",
                "容量",
                "people or units at once",
                str(resource.capacity),
            )
        )
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization["id"],
        "name": resource.name,
        "description": resource.description,
        "status": STATUSES[resource.status],
        "schedules": schedules,
        "service_at_locations": [
            {"id": sal_id, "service_id": service_id, "location_id": location_id, "location": location}
        ],
        "organization": organization,
        "attributes": attributes,
    }
    if resource.eligibility:
        service["eligibility_description"] = resource.eligibility
    if resource.minimum_age is not None:
        service["minimum_age"] = resource.minimum_age
    if resource.maximum_age is not None:
        service["maximum_age"] = resource.maximum_age
    return service


def hsds_services(provider: Provider, resources: Iterable[Resource]) -> list[dict[str, Any]]:
    return [hsds_service(provider, r) for r in resources]
