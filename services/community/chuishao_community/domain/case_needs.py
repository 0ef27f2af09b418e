"""点单响应, the community's half (COMMUNITY.md §2): a case in dispatch that the community's own forces answer
becomes a need. Which cases: those whose category the reference data marks `community_forces` (a need
kind), seen at `case.opened`, and those a dispatcher hands to the community (`case.handed_to_community`).

The case events are public-safe, so the need carries only what they do: category, grid, community,
building (masked), severity, the resolve deadline and the dispatcher's reason (masked). The resident's
contact is not on any case event: `resident` starts empty and the community's staff record it at their
first visit (the grid worker who reported knows the household)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chuishao_community.domain.commands import NeedCommand
from chuishao_community.domain.needs import STAFF_CONFIRMS, Need
from chuishao_shared.vocabulary import FINISHED

# A handed case whose category names no need kind becomes help with daily life (生活帮扶).
DEFAULT_KIND = "living"
# A need wants the case's resolve deadline; one already past (or none) gets this long from now.
FALLBACK_WINDOW = timedelta(days=3)
MIN_WINDOW = timedelta(hours=1)
SYSTEM_RECORDER = "system:dispatch"
CASE_ENDED = FINISHED  # closed, merged, cancelled


@dataclass(frozen=True)
class RecordResident(NeedCommand):
    """Staff record the resident's contact on a need (POST /v1/needs/{id}/resident)."""

    resident: dict[str, str]


@dataclass(frozen=True)
class CaseFacts:
    """What a case event says about the case (its public snapshot and the event's own fields)."""

    case_id: str
    community: str
    grid: str
    category: str
    severity: str
    status: str
    resolve_due_at: datetime | None
    building: str | None = None
    reason: str = ""

    @classmethod
    def of(cls, data: dict[str, Any]) -> CaseFacts:
        case = data["case"]
        due = case.get("resolve_due_at")
        building = data.get("building")
        return cls(
            case_id=str(case["id"]),
            community=str(case["community"]),
            grid=str(case["grid"]),
            category=str(case["category"]),
            severity=str(case.get("severity") or "minor"),
            status=str(case["status"]),
            resolve_due_at=datetime.fromisoformat(str(due)) if due else None,
            building=str(building)[:200] if building else None,
            reason=str(data.get("reason") or "")[:1000],
        )


def wanted_by(facts: CaseFacts, at: datetime) -> datetime:
    due = facts.resolve_due_at
    return due if due is not None and due - at >= MIN_WINDOW else at + FALLBACK_WINDOW


def need_for_case(need_id: str, facts: CaseFacts, *, kind: str, category_name: str, at: datetime) -> Need | None:
    """The need a case becomes; None for a case that has already ended."""
    if facts.status in CASE_ENDED:
        return None
    lines = [f"由社区吹哨案件转来（案件 {facts.case_id}），请社区力量承接并与居民确认。"]
    if facts.reason:
        lines.append(f"派遣员说明：{facts.reason}")
    lines.append("居民联系方式不随案件事件传递：请在首次走访时补记。")
    return Need(
        id=need_id,
        community=facts.community,
        grid=facts.grid,
        building=facts.building,
        kind=kind,
        title=f"{category_name}（点单响应）",
        description="\n".join(lines),
        resident={},
        urgency="urgent" if facts.severity in ("major", "emergency") else "normal",
        wanted_by=wanted_by(facts, at),
        privacy=STAFF_CONFIRMS,
        recorded_by=SYSTEM_RECORDER,
        recorded_at=at,
        origin_case_id=facts.case_id,
    )
