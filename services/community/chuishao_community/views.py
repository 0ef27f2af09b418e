"""What the API answers with. A need's resident (name, phone, address) is shown only to the community's
staff and to the claimant of a confirmed claim; a member's phone only to staff and the member."""

from __future__ import annotations

from typing import Any

from chuishao_community.domain.members import Member
from chuishao_community.domain.needs import Need
from chuishao_community.domain.values import Actor
from chuishao_shared.times import utc_iso


def _iso(value: Any) -> str | None:
    return utc_iso(value) if value is not None else None


def member_view(m: Member, hours: float | None = None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": m.id,
        "name": m.name,
        "phone": m.phone,
        "work_unit": m.work_unit,
        "party_member": m.party_member,
        "branch": m.branch,
        "community": m.community,
        "grid": m.grid,
        "skills": list(m.skills),
        "availability": list(m.availability),
        "status": m.status,
        "registered_at": _iso(m.registered_at),
        "confirmed_at": _iso(m.confirmed_at),
    }
    if hours is not None:
        view["hours_this_year"] = hours
    return view


def need_view(n: Need, actor: Actor) -> dict[str, Any]:
    return {
        "id": n.id,
        "status": n.status,
        "community": n.community,
        "grid": n.grid,
        "building": n.building,
        "kind": n.kind,
        "title": n.title,
        "description": n.description,
        "resident": dict(n.resident) if n.resident and n.sees_resident(actor) else None,
        "urgency": n.urgency,
        "wanted_by": _iso(n.wanted_by),
        "skills": list(n.skills),
        "helpers": n.helpers,
        "hours_wanted": n.hours_wanted,
        "privacy": n.privacy,
        "recorded_at": _iso(n.recorded_at),
        "claims": [
            {
                "id": c.id,
                "claimant": c.claimant.ident,
                "claimant_kind": c.claimant.kind,
                "status": c.status,
                "claimed_at": _iso(c.claimed_at),
                "confirmed_at": _iso(c.confirmed_at),
            }
            for c in n.claims
        ],
        "release_count": n.release_count,
        "lapse_count": n.lapse_count,
        "done_note": n.done_note or None,
        "photos": list(n.photos),
        "hours_reported": n.hours_reported,
        "hours_credited": n.hours_credited,
        "satisfaction": n.satisfaction,
        "report_id": (n.whistle or {}).get("report_id"),
        "case_id": (n.whistle or {}).get("case_id"),
        "case_status": (n.whistle or {}).get("case_status"),
        "case_outcome": (n.whistle or {}).get("outcome"),
        "origin_case_id": n.origin_case_id,
    }
