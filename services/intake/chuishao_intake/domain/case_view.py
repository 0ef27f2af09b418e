"""The part of a case a grid worker follows from 我的上报: who handles it, by when, and what happened.
Built from the public case snapshot on each `case.*` event (never personal data)."""

from __future__ import annotations

from dataclasses import dataclass
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
    entry.update(_sentence_facts(entry["type"], data))
    return entry


# Reasons that are codes, not words typed by a person: the app says them in words.
_CODED_REASONS = ("triaged", "escalated")


def _sentence_facts(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """What the app needs to say the entry as a plain sentence (added beside `note`, which stays as it was):
    the acting department (never the person's id), the lead and assists, how it was routed (the rule and its
    explanation for a hover only), an extension's step, a coded reason, and the free text typed by a person."""
    facts: dict[str, Any] = {}
    given = data.get("actor")
    actor: dict[str, Any] = given if isinstance(given, dict) else {}
    if actor.get("department"):
        facts["actor_department"] = actor["department"]
    reason = str(data.get("reason") or "")
    if kind in _CODED_REASONS:
        if reason:
            facts["reason_code"] = reason
    elif reason:
        facts["reason"] = reason
    if kind == "dispatched":
        facts["lead"] = data.get("lead")
        facts["assist"] = list(data.get("assist") or [])
        facts["routed_by"] = data.get("routed_by") or ""
        if data.get("rule_id"):
            facts["rule"] = f"{data['rule_id']} (v{data.get('rule_version')})"
        if data.get("explanation"):
            facts["explanation"] = str(data["explanation"])
    if kind == "extended":
        facts["step"] = "approved" if data.get("approved") else "rejected" if data.get("rejected") else "requested"
        if data.get("until"):
            facts["until"] = data["until"]
    if kind == "escalated" and data.get("level"):
        facts["level"] = data["level"]
    return facts


@dataclass(frozen=True)
class CaseChange:
    """One consumed case event as its reports see it: applied to a report only when it is newer than what
    the report shows (or of another case, after a merge; then the report's timeline starts afresh)."""

    report_ids: tuple[str, ...]
    case_id: str
    status: str
    sequence: int
    summary: dict[str, Any]
    entry: dict[str, Any]


@dataclass(frozen=True)
class ReportUpdate:
    """What one statement does to one report: one case event, or a run of the same case's events in rising
    order (`case.opened` then `case.dispatched` of one opening, say). Each entry is appended only if its own
    sequence is newer than what the report shows, or if the report moves to this case; the summary, status
    and sequence are the run's last."""

    report_id: str
    case_id: str
    status: str
    sequence: int
    summary: dict[str, Any]
    entries: tuple[dict[str, Any], ...]
    sequences: tuple[int, ...]


def report_rounds(changes: list[CaseChange]) -> list[list[ReportUpdate]]:
    """The changes as rounds of report updates that touch no report twice, each report's in their order:
    one round after the other gives what the changes one by one would give. A report's consecutive changes
    of one case, each newer than the one before, are one update (a row written once, not once per event)."""
    runs: dict[str, list[ReportUpdate]] = {}
    for change in changes:
        for report_id in change.report_ids:
            own = runs.setdefault(report_id, [])
            last = own[-1] if own else None
            if last is not None and last.case_id == change.case_id and change.sequence > last.sequence:
                own[-1] = ReportUpdate(
                    report_id,
                    change.case_id,
                    change.status,
                    change.sequence,
                    change.summary,
                    (*last.entries, change.entry),
                    (*last.sequences, change.sequence),
                )
            else:
                own.append(
                    ReportUpdate(
                        report_id,
                        change.case_id,
                        change.status,
                        change.sequence,
                        change.summary,
                        (change.entry,),
                        (change.sequence,),
                    )
                )
    depth = max((len(own) for own in runs.values()), default=0)
    return [[own[n] for own in runs.values() if n < len(own)] for n in range(depth)]
