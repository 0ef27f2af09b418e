"""What dispatch's non-case routes answer (the desk, routing and the stream ticket), for the OpenAPI
document and the generated clients, each with an example."""

from __future__ import annotations

from chuishao_dispatch.entrypoints.responses import _EXAMPLE as CASE_EXAMPLE
from chuishao_dispatch.entrypoints.responses import CaseRead
from chuishao_shared.apimodels import OpenModel, event_stream, examples

_RULE = {
    "id": "xy.env.stairwell",
    "category": "ENV-STAIRWELL-DIRTY",
    "scope": "XY",
    "lead": "XY-WQ-WY-WY",
    "assist": ["XY-WQ-WY-JWH"],
    "note": "楼道卫生由物业牵头",
}
_DECISION = {
    "rule_id": "xy.env.stairwell",
    "rule_version": 3,
    "lead": "XY-WQ-WY-WY",
    "assist": ["XY-WQ-WY-JWH"],
    "explanation": "规则 xy.env.stairwell (v3): 楼道卫生脏乱 in XY",
}


class DuplicateRead(OpenModel):
    similarity: float
    likely: bool
    case: CaseRead


class DuplicateList(OpenModel):
    """Open cases of the same category and grid close in time, most similar text first."""

    model_config = examples({"items": [{"similarity": 0.82, "likely": True, "case": CASE_EXAMPLE}]})
    items: list[DuplicateRead]


class DepartmentLoad(OpenModel):
    department: str
    name: str
    name_en: str | None = None
    open: int
    overdue: int


class OverdueDesk(OpenModel):
    model_config = examples(
        {
            "items": [{**CASE_EXAMPLE, "overdue": True}],
            "by_department": [
                {"department": "XY-WQ-WY-WY", "name": "五阳物业", "name_en": "Wuyang property", "open": 4, "overdue": 1}
            ],
        }
    )
    items: list[CaseRead]
    by_department: list[DepartmentLoad]


class RuleRead(OpenModel):
    id: str
    category: str
    scope: str
    lead: str
    assist: list[str] = []
    note: str | None = None


class RuleSetRead(OpenModel):
    """A stored rule-set version (it applies to cases opened after it was stored)."""

    model_config = examples({"version": 3, "rules": [_RULE]})
    version: int
    rules: list[RuleRead]


class RoutingDecisionRead(OpenModel):
    rule_id: str
    rule_version: int
    lead: str
    assist: list[str] = []
    explanation: str


class RoutingPreview(OpenModel):
    """`triage`: no rule covers the report, so a dispatcher would route it by hand."""

    model_config = examples({"rule_version": 3, "decision": _DECISION, "triage": False, "candidates": [_DECISION]})
    rule_version: int | None = None
    decision: RoutingDecisionRead | None = None
    triage: bool
    candidates: list[RoutingDecisionRead]


class StreamTicket(OpenModel):
    model_config = examples(
        {
            "ticket": "t_6Jq2yVbJ0b4mZf8W",
            "expires_at": "2026-11-30T01:00:30Z",
            "stream_url": "/v1/stream/cases?ticket=t_6Jq2yVbJ0b4mZf8W",
        }
    )
    ticket: str
    expires_at: str
    stream_url: str


CASE_STREAM = event_stream(
    "text/event-stream: `hello`, then `case` (a case as GET /v1/cases/{case_id} shows it) per change and "
    "`resync` when changes may have been missed",
    'event: hello\ndata: {"role": "liaison"}\n\nevent: case\nid: c-7f1d2c3e\ndata: {"id": "c-7f1d2c3e", '
    '"status": "acknowledged", ...}\n\nevent: resync\ndata: {}\n\n',
)


class GridRead(OpenModel):
    code: str
    name: str
    name_en: str
    community: str
    community_name: str
    community_name_en: str


class GridList(OpenModel):
    """The grids of the caller's area (the queue's grid filter)."""

    model_config = examples(
        {
            "items": [
                {
                    "code": "XY-WQ-WY-G01",
                    "name": "五阳社区第一网格",
                    "name_en": "Wuyang grid 1",
                    "community": "XY-WQ-WY",
                    "community_name": "五阳社区",
                    "community_name_en": "Wuyang Community",
                }
            ]
        }
    )
    items: list[GridRead]
