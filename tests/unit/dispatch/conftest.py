"""Plain-value factories for the dispatch domain tests (no I/O).

Tests get a `Builder` through the `build` fixture: fixed instants, actors, a routing decision and
`case_in(status)`, which drives a fresh case into any status through the public commands.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

import pytest

from chuishao_dispatch.domain import (
    Actor,
    Case,
    DomainEvent,
    ReportFacts,
    RoutingDecision,
    SlaTerms,
    WorkCalendar,
)

T0 = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)  # Monday 09:00 in Beijing
CALENDAR = WorkCalendar("Asia/Shanghai", time(9), time(17, 30), frozenset(range(5)), frozenset())
SLA = SlaTerms(acknowledge_minutes=60, resolve_minutes=1440, clock="calendar", calendar=CALENDAR)
LEAD, ASSIST_A, ASSIST_B, OTHER = "WATER", "PROPERTY", "CITYMGMT", "POLICE"
DECISION = RoutingDecision(
    rule_id="R12", rule_version=3, lead=LEAD, assist=(ASSIST_A, ASSIST_B), explanation="规则 R12 (v3)"
)

# The shape each status is built in (see Builder.case_in):
#   dispatched    WATER lead pending, PROPERTY acknowledged, CITYMGMT pending
#   acknowledged  WATER acknowledged, PROPERTY acknowledged, CITYMGMT pending
#   in_progress   WATER in_progress, PROPERTY acknowledged, CITYMGMT pending
#   resolved      all done;  closed: verified fixed
#   reopened      verified not fixed, then PROPERTY acknowledged again (WATER, CITYMGMT pending)
#   merged / cancelled   from dispatched


class Builder:
    lead, assist_a, assist_b, other = LEAD, ASSIST_A, ASSIST_B, OTHER
    t0 = T0
    sla = SLA
    decision = DECISION
    system = Actor("chuishao-dispatch", "system")
    dispatcher = Actor("dispatcher-1", "dispatcher")
    worker = Actor("gw-wy-03", "grid_worker")

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []
        self._ids = 0

    @staticmethod
    def liaison(department: str) -> Actor:
        return Actor(f"liaison-{department.lower()}", "liaison", department)

    @staticmethod
    def at(minutes: float) -> datetime:
        return T0 + timedelta(minutes=minutes)

    def facts(self, **overrides: object) -> ReportFacts:
        self._ids += 1
        values: dict[str, object] = {
            "report_id": f"RPT-{self._ids}",
            "category": "ENV-SEWER-BLOCKED",
            "major": "ENV",
            "grid": "XY-WQ-WY-G03",
            "community": "XY-WQ-WY",
            "severity": "minor",
            "building": "5号楼",
            "description": "5号楼2单元下水道堵塞，污水外溢",
            "handled_on_site": False,
            "reporter_sub": "gw-wy-03",
            "reported_at": T0 - timedelta(minutes=2),
        }
        values.update(overrides)
        return ReportFacts(**values)  # type: ignore[arg-type]

    def open(
        self,
        decision: RoutingDecision | None = DECISION,
        *,
        case_id: str = "CASE-1",
        handled: bool = False,
        sla: SlaTerms = SLA,
        at: datetime = T0,
    ) -> Case:
        case, events = Case.open(case_id, self.facts(handled_on_site=handled), decision, sla, self.system, at)
        self.events += events
        return case

    def case_in(self, status: str, case_id: str = "CASE-1") -> Case:
        if status == "triage":
            return self.open(None, case_id=case_id)
        case = self.open(case_id=case_id)
        do = self._do
        do(case.acknowledge(self.liaison(ASSIST_A), self.at(5)))
        if status == "merged":
            do(case.merge_into(self.dispatcher, self.at(15), "CASE-0", "同一事项"))
        elif status == "cancelled":
            do(case.cancel(self.dispatcher, self.at(15), "无效上报"))
        elif status != "dispatched":
            do(case.acknowledge(self.liaison(LEAD), self.at(10)))
            if status != "acknowledged":
                do(case.progress(self.liaison(LEAD), self.at(20), "已到场疏通"))
            if status in ("resolved", "closed", "reopened"):
                do(case.resolve(self.liaison(LEAD), self.at(30), "疏通完毕", ["https://img.example/1.jpg"]))
            if status == "closed":
                do(case.verify(self.worker, self.at(40), True, "现场核查已通"))
            if status == "reopened":
                do(case.verify(self.worker, self.at(40), False, "仍然堵塞"))
                do(case.acknowledge(self.liaison(ASSIST_A), self.at(45)))
        assert case.status == status, (status, case.status)
        return case

    def _do(self, events: list[DomainEvent]) -> None:
        self.events += events

    @staticmethod
    def assert_json_ready(events: list[DomainEvent]) -> None:
        for event in events:
            assert json.loads(json.dumps(event.data)) == event.data


@pytest.fixture
def build() -> Builder:
    return Builder()
