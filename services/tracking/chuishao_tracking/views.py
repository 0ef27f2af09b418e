"""Public shapes: a board case (the case read, without report ids) and the figures
of one department, community or category — with zh and en names from the reference data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chuishao_shared.reference import ReferenceData
from chuishao_shared.times import utc_iso
from chuishao_shared.vocabulary import AT_WORK, PENDING
from chuishao_tracking.domain.records import CaseView
from chuishao_tracking.domain.statistics import Dimension, GroupFigures
from chuishao_tracking.notes import note

GRADE_OF_LEVEL = {0: None, 1: "blue", 2: "yellow", 3: "red"}


@dataclass(frozen=True)
class Names:
    """zh and en names of reference codes; an unknown code names itself."""

    reference: ReferenceData

    def category(self, code: str) -> tuple[str, str]:
        item = self.reference.categories.get(code) or self.reference.majors.get(code)
        return (item.name, item.name_en) if item else (code, code)

    def place(self, code: str) -> tuple[str, str]:
        item = self.reference.jurisdictions.get(code)
        return (item.name, item.name_en) if item else (code, code)

    def department(self, code: str) -> tuple[str, str]:
        item = self.reference.departments.get(code)
        return (item.name, item.name_en) if item else (code, code)

    def of(self, dimension: Dimension, code: str) -> tuple[str, str]:
        return {"department": self.department, "community": self.place, "category": self.category}[dimension](code)


def timeline_entry(entry: dict[str, Any], names: Names) -> dict[str, Any]:
    details = entry["details"]
    return {
        "type": entry["type"],
        "at": utc_iso(entry["at"]),
        "actor_role": entry["actor_role"],
        "department": details.get("department"),
        "note": note(entry["type"], details, "zh", lambda c: names.department(c)[0]),
        "note_en": note(entry["type"], details, "en", lambda c: names.department(c)[1]),
    }


def lateness(view: CaseView, now: datetime) -> tuple[list[str], list[str]]:
    """Lateness per department: who owes the case's next deadline (the departments whose 签收 is due
    then, else the lead, who owes the resolve deadline), and which departments are past their own
    deadline now. An assisting department's missed 签收 is its own, never the lead's."""
    if view.status not in AT_WORK:
        return [], []
    lead = view.lead_department
    pending = [a for a in view.assignments if a.status == PENDING and a.ack_due_at is not None]
    due = view.next_deadline_at
    owed_by = list(dict.fromkeys(a.department for a in pending if a.ack_due_at == due))
    if not owed_by and due is not None and lead:
        owed_by = [lead]
    late = [a.department for a in pending if a.ack_due_at is not None and a.ack_due_at < now]
    if lead and view.resolve_due_at is not None and view.resolve_due_at < now:
        late.append(lead)
    return owed_by, list(dict.fromkeys(late))


def board_case(row: Any, timeline: list[dict[str, Any]] | None, names: Names, now: datetime) -> dict[str, Any]:
    view = CaseView.from_snapshot(row.view)
    category, grid, community = names.category(view.category), names.place(view.grid), names.place(view.community)
    assignments = []
    for a in view.assignments:
        dept = names.department(a.department)
        assignments.append(
            {
                "department": a.department,
                "department_name": dept[0],
                "department_name_en": dept[1],
                "role": a.role,
                "status": a.status,
                "ack_due_at": utc_iso(a.ack_due_at),
                "acknowledged_at": utc_iso(a.acknowledged_at),
            }
        )
    lead = view.lead_department
    owed_by, late = lateness(view, now)
    return {
        "id": view.id,
        # The short number the resident was given (五阳-1205-0012); None for a case from before numbers.
        "number": view.number,
        "report_numbers": list(view.report_numbers),
        "status": view.status,
        "sequence": row.sequence,
        "category": view.category,
        "category_name": category[0],
        "category_name_en": category[1],
        "major": view.major,
        "severity": view.severity,
        "grid": view.grid,
        "grid_name": grid[0],
        "grid_name_en": grid[1],
        "community": view.community,
        "community_name": community[0],
        "community_name_en": community[1],
        "whistle_count": view.whistle_count,
        "rework_count": view.rework_count,
        "assignments": assignments,
        "lead_department": lead,
        "lead_department_name": names.department(lead)[0] if lead else None,
        "lead_department_name_en": names.department(lead)[1] if lead else None,
        "resolve_due_at": utc_iso(view.resolve_due_at),
        "next_deadline_at": utc_iso(view.next_deadline_at),
        "escalation_level": view.escalation_level,
        "escalation_grade": GRADE_OF_LEVEL[view.escalation_level],
        "overdue": view.overdue(now),
        "owed_by": owed_by,
        "late_departments": late,
        "open": view.is_open,
        "opened_at": utc_iso(view.opened_at),
        "resolved_at": utc_iso(view.resolved_at),
        "closed_at": utc_iso(view.closed_at),
        "resolution": view.resolution,
        "updated_at": utc_iso(row.updated_at),
        "timeline": [timeline_entry(e, names) for e in timeline or []],
    }


def figures(group: GroupFigures, dimension: Dimension, names: Names) -> dict[str, Any]:
    name, name_en = names.of(dimension, group.key)
    satisfaction = group.satisfaction
    return {
        "code": group.key,
        "name": name,
        "name_en": name_en,
        "response_rate": group.response_rate.value,
        "on_time_resolution_rate": group.on_time_resolution_rate.value,
        "resolution_rate": group.resolution_rate.value,
        "satisfaction_rate": group.satisfaction_rate.value,
        "rework_rate": group.rework_rate.value,
        "return_rate": group.return_rate.value,
        "acknowledge_seconds_mean": group.acknowledge_time.mean,
        "acknowledge_seconds_p90": group.acknowledge_time.p90,
        "resolve_seconds_mean": group.resolve_time.mean,
        "resolve_seconds_p90": group.resolve_time.p90,
        "whistle_count": group.whistle_count,
        "escalation_count": group.escalations,
        "counts": {
            "assignments": group.assignments,
            "acknowledge_decided": group.acknowledge_decided,
            "acknowledged_on_time": group.acknowledged_on_time,
            "returned": group.returned,
            "due": group.due,
            "resolved_on_time": group.resolved_on_time,
            "resolved": group.resolved,
            "reworked": group.reworked,
            "closed": group.closed,
            "closed_fixed": group.closed_fixed,
            "feedback": group.feedback,
            "satisfied": satisfaction["satisfied"],
            "basically_satisfied": satisfaction["basically_satisfied"],
            "unsatisfied": satisfaction["unsatisfied"],
            "reports": group.reports,
            "dispatcher_whistles": group.dispatcher_whistles,
        },
    }
