"""The part of a case a grid worker follows from 我的上报: who handles it, by when, and what happened.
Built from the public case snapshot on each `case.*` event (never personal data)."""

from __future__ import annotations

from typing import Any

# The event field that says why, per event type: shown as the timeline entry's note.
_WHY = ("note", "reason", "explanation", "resolution")


def case_summary(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": case["status"],
        "resolve_due_at": case.get("resolve_due_at"),
        "escalation_level": case.get("escalation_level", 0),
        "whistle_count": case.get("whistle_count", 1),
        "rework_count": case.get("rework_count", 0),
        "resolved_at": case.get("resolved_at"),
        "closed_at": case.get("closed_at"),
        "assignments": [
            {
                "department": a["department"],
                "role": a["role"],
                "status": a["status"],
                "ack_due_at": a.get("ack_due_at"),
                "acknowledged_at": a.get("acknowledged_at"),
            }
            for a in case.get("assignments", [])
        ],
    }


def timeline_entry(event_type: str, at: str, data: dict[str, Any]) -> dict[str, Any]:
    note = next((str(data[k]) for k in _WHY if data.get(k)), "")
    departments = data.get("departments") or ([data["department"]] if data.get("department") else [])
    entry = {
        "type": event_type.removeprefix("case."),
        "at": at,
        "actor_role": data.get("actor_role", ""),
        "note": note,
        "departments": departments,
    }
    if data.get("photos"):
        entry["photos"] = list(data["photos"])
    return entry
