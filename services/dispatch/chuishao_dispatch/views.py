"""Case read model for the departments' API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chuishao_dispatch.domain import Case
from chuishao_shared.reference import ReferenceData
from chuishao_shared.times import utc_iso


def case_view(case: Case, ref: ReferenceData, now: datetime) -> dict[str, Any]:
    category = ref.categories.get(case.category)
    grid, community = ref.jurisdictions.get(case.grid), ref.jurisdictions.get(case.community)
    return {
        "id": case.id,
        # The short number to read out (五阳-1205-0012); None for a case opened before numbers existed.
        "number": case.number,
        "report_numbers": case.report_numbers,
        "status": case.status,
        "category": case.category,
        "category_name": category.name if category else None,
        "category_name_en": category.name_en if category else None,
        "grid": case.grid,
        "community": case.community,
        "grid_name": grid.name if grid else None,
        "grid_name_en": grid.name_en if grid else None,
        "community_name": community.name if community else None,
        "community_name_en": community.name_en if community else None,
        # Staff may read what the grid worker wrote; the resident's contact never leaves intake.
        "building": case.report.building,
        "unit": case.report.unit,
        "address": case.report.address,
        # The phone's location when the worker gave one (staff only; the board shows grids, never points).
        "lat": case.report.lat,
        "lon": case.report.lon,
        "description": case.report.description,
        "report_photos": list(case.report.photos),
        "severity": case.severity,
        "report_ids": list(case.report_ids),
        "whistle_count": case.whistle_count,
        "rework_count": case.rework_count,
        "assignments": [
            {
                "department": a.department,
                "role": a.role,
                "status": a.status,
                "ack_due_at": utc_iso(a.ack_due_at),
                "acknowledged_at": utc_iso(a.acknowledged_at),
                "done_at": utc_iso(a.done_at),
                "returned_reason": a.returned_reason,
            }
            for a in case.assignments
        ],
        "opened_at": utc_iso(case.opened_at),
        "resolve_due_at": utc_iso(case.resolve_due_at),
        "triage_due_at": utc_iso(case.triage_due_at),
        "escalation_level": case.escalation_level,
        "overdue": case.overdue(now),
        "rule_id": case.rule_id,
        "rule_version": case.rule_version,
        "routing_explanation": case.routing_explanation,
        "pending_extension": case.pending_extension.to_dict() if case.pending_extension else None,
        "feedback": case.feedback.to_dict() if case.feedback else None,
        "merged_into": case.merged_into,
        "community_handover": dict(case.community_handover) if case.community_handover else None,
        "topic_ids": list(dict.fromkeys(t.data["topic_id"] for t in case.timeline if t.data.get("topic_id"))),
        "timeline": [
            {
                "type": t.type,
                "at": utc_iso(t.at),
                "actor_role": t.actor_role,
                "actor": t.actor_sub,
                "department": t.actor_department,
                "note": t.note,
                "photos": list(t.data.get("photos") or ()),
                "reason": t.data.get("reason"),
                "no_photo_reason": t.data.get("no_photo_reason"),
                "topic_id": t.data.get("topic_id"),
                **_routing_facts(t.type, t.data),
            }
            for t in case.timeline
        ],
    }


_ROUTING_FACTS = ("lead", "assist", "rule_id", "rule_version", "routed_by", "explanation")


def _routing_facts(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """A routing entry's facts, for the console to say in words (departments' names; codes on hover);
    a joined report's number on a merge entry."""
    if kind == "case.dispatched":
        return {k: data.get(k) for k in _ROUTING_FACTS}
    if kind == "case.merged" and (data.get("number") or data.get("numbers")):
        return {"number": data.get("number") or "、".join(data["numbers"])}
    return {}
