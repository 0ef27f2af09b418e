"""Open311 GeoReport v2 rules that need no I/O: the public view of a report, its free-text masking and
the `GET requests` query with the specification's defaults.

Public means public: `GET requests` is read by anyone, without an api_key. So the view never carries
the resident's contact (name, phone, email) nor the reporter, and the one free-text field the
specification requires (`description`) and the address are masked the way the public board promises:
phone numbers, e-mail addresses, ID card numbers and the resident's own contact (as filed) become
`＊＊＊` (`chuishao_shared.personal_data`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chuishao_shared.personal_data import MASK as MASK  # re-exported for the rules' tests
from chuishao_shared.personal_data import mask, resident_names
from chuishao_shared.reference import ReferenceData
from chuishao_shared.times import parse_utc, utc_iso
from chuishao_shared.vocabulary import FINISHED

# The specification: "may not span more than 90 days"; "when not specified, the range defaults to
# most recent 90 days". It also caps a response at 1000 requests.
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
OPEN, CLOSED = "open", "closed"

# status_notes in words, Chinese first (the case status the report follows).
STATUS_NOTES = {
    None: "已受理，待立案派发 / received, waiting to be dispatched",
    "triage": "待人工分拨 / waiting for the dispatcher",
    "dispatched": "已派发至责任部门 / dispatched to the responsible department",
    "acknowledged": "责任部门已报到 / acknowledged by the responsible department",
    "in_progress": "处置中 / in progress",
    "resolved": "已处置，待网格员核查 / resolved, waiting for on-site verification",
    "closed": "已办结 / closed",
    "reopened": "核查未通过，返工中 / not fixed on verification, being reworked",
    "merged": "已并入同一事项处理 / merged into the same matter",
    "cancelled": "已撤销 / cancelled",
}


class QueryError(ValueError):
    """A `GET requests` parameter the specification does not allow; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def open_or_closed(case_status: str | None) -> str:
    return CLOSED if case_status in FINISHED else OPEN


def number_notice(number: str | None) -> str | None:
    """`service_notice` with the report's short number, both languages (None for a report without one)."""
    return f"编号 {number} / No. {number}" if number else None


def lead_department(ref: ReferenceData, case_view: Mapping[str, Any] | None) -> str | None:
    for assignment in (case_view or {}).get("assignments", []):
        if assignment.get("role") == "lead":
            department = ref.departments.get(assignment["department"])
            return department.name if department else assignment["department"]
    return None


def public_request(ref: ReferenceData, row: Mapping[str, Any]) -> dict[str, Any]:
    """One report as an Open311 `request`, in the specification's field order. Never the contact."""
    category = ref.categories.get(row["category"])
    place = row["place"] or {}
    case_view = row.get("case_view") or {}
    return {
        "service_request_id": str(row["id"]),
        "status": open_or_closed(row.get("case_status")),
        "status_notes": STATUS_NOTES.get(row.get("case_status"), row.get("case_status")),
        "service_name": category.name if category else row["category"],
        "service_code": row["category"],
        "description": mask(row["description"], resident_names(row.get("resident"))),
        "agency_responsible": lead_department(ref, case_view),
        # The short number the resident was given (issue 27 item 3): GeoReport v2 has no field for a
        # second reference, and service_request_id stays the id; service_notice is the free text a
        # client shows with the request (docs/case-numbers.md).
        "service_notice": number_notice(row.get("number")),
        "requested_datetime": utc_iso(row["created_at"]),
        "updated_datetime": utc_iso(row.get("updated_at") or row["created_at"]),
        "expected_datetime": case_view.get("resolve_due_at"),
        "address": mask(place["address"], resident_names(row.get("resident"))) if place.get("address") else None,
        "address_id": None,
        "zipcode": None,
        "lat": place.get("lat"),
        "long": place.get("lon"),
        # Never a photo: a photo shows faces, doors and plates, and nothing de-identifies it; its parties
        # read it with a token (docs/api.md, "Photos").
        "media_url": None,
    }


def _list(params: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in params.get(name, "").split(",") if v.strip()))


def _instant(params: Mapping[str, str], name: str) -> datetime | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return parse_utc(value)
    except ValueError as error:
        raise QueryError(name, f"{value!r} is not a W3C datetime such as 2026-01-01T00:00:00Z") from error


@dataclass(frozen=True)
class RequestQuery:
    """`GET requests`: ids override every other argument; otherwise codes, statuses and a date range
    of at most 90 days (default: the 90 days up to now) on `requested_datetime`, newest first."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    limit: int = MAX_RESULTS

    @classmethod
    def parse(cls, params: Mapping[str, str], *, now: datetime) -> RequestQuery:
        ids = _list(params, "service_request_id")
        if ids:
            return cls(ids=ids)
        statuses = _list(params, "status")
        unknown = [s for s in statuses if s not in (OPEN, CLOSED)]
        if unknown:
            raise QueryError("status", f"{unknown[0]!r} is neither open nor closed")
        given_start, given_end = _instant(params, "start_date"), _instant(params, "end_date")
        if given_start is None:
            end = given_end or now
            start = end - MAX_SPAN
        else:
            start, end = given_start, given_end or given_start + MAX_SPAN
        if start > end:
            raise QueryError("start_date", "is after end_date")
        if end - start > MAX_SPAN:
            raise QueryError("end_date", "the range may not span more than 90 days")
        return cls(service_codes=_list(params, "service_code"), statuses=statuses, start=start, end=end)
