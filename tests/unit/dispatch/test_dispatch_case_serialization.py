"""The aggregate round-trips through JSON (the adapter stores it as JSONB), and its events fit the
shared event contracts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from chuishao_dispatch.domain import CASE_STATUSES, Case, community_loop
from chuishao_shared.events import contracts
from chuishao_shared.events.types import EventType

if TYPE_CHECKING:
    from conftest import Builder


def through_json(case: Case) -> Case:
    return Case.from_dict(json.loads(json.dumps(case.to_dict())))


@pytest.mark.parametrize("status", CASE_STATUSES)
def test_round_trip_in_every_status(build: Builder, status: str) -> None:
    case = build.case_in(status)
    restored = through_json(case)
    assert restored == case
    assert restored.to_dict() == case.to_dict()
    assert restored.next_timer_at() == case.next_timer_at()


def test_round_trip_keeps_everything_a_command_needs(build: Builder) -> None:
    case = build.open()
    case.add_report("RPT-9", build.system, build.at(2))
    case.return_(build.liaison("WATER"), build.at(3), "非本部门", None)
    case.route(build.dispatcher, build.at(4), ["HOUSING", "PROPERTY"], "人工分派")
    case.acknowledge(build.liaison("HOUSING"), build.at(5))
    case.request_extension(build.liaison("HOUSING"), build.at(6), build.at(5000), "需协调")
    case.escalate_due(build.at(70))
    restored = through_json(case)
    assert restored == case and restored.pending_extension == case.pending_extension
    # the restored aggregate carries on exactly like the original
    assert restored.approve_extension(build.dispatcher, build.at(80)) == case.approve_extension(
        build.dispatcher, build.at(80)
    )
    assert restored.escalate_due(build.at(10_000)) == case.escalate_due(build.at(10_000))
    assert restored == case


def test_feedback_and_merge_survive_the_round_trip(build: Builder) -> None:
    target = build.case_in("closed")
    target.record_feedback(build.worker, build.at(500), "unsatisfied", "太慢")
    merged = build.case_in("merged", case_id="CASE-2")
    assert through_json(target) == target and through_json(merged) == merged


def test_an_unknown_schema_is_refused(build: Builder) -> None:
    data = build.open().to_dict()
    data["schema"] = 99
    with pytest.raises(ValueError, match="schema"):
        Case.from_dict(data)


def test_events_fit_the_shared_contracts(build: Builder) -> None:
    for status in CASE_STATUSES:
        build.case_in(status, case_id=f"CASE-{status}")
    case = build.open(case_id="CASE-X")
    build.events += case.escalate_due(build.at(600))
    build.events += case.whistle(build.dispatcher, build.at(601), ["POLICE"], "协同")
    build.events += case.request_extension(build.liaison("WATER"), build.at(602), build.at(9000), "x")
    build.events += case.approve_extension(build.dispatcher, build.at(603))
    build.events += case.return_(build.liaison("WATER"), build.at(604), "非本部门", None)
    handed = build.case_in("triage", case_id="CASE-H")  # 点单响应 (domain/community_loop.py)
    build.events += community_loop.hand_to_community(
        handed, build.dispatcher, build.at(605), "XY-WQ-WY", "交社区", "JWH"
    )
    seen = set()
    for event in build.events:
        contracts.validate_data(event.type, event.data)
        seen.add(event.type)
    assert seen == {t for t in contracts.EVENT_DATA_MODELS if t.startswith("case.")} - {
        EventType.REPORT_RECEIVED,
        EventType.REPORT_VERIFIED,
        EventType.REPORT_FEEDBACK,
    }


def test_the_unit_and_address_round_trip_and_old_documents_without_them_still_load(build: Builder) -> None:
    """Issue 27: the unit and address the worker typed are kept on the case's report facts (staff only);
    a case stored before they were kept reads as None, and no event's snapshot carries them."""
    from datetime import time

    from chuishao_dispatch.domain import ReportFacts, SlaTerms, WorkCalendar

    facts = build.facts(unit="2单元", address="五阳路18号院")
    assert ReportFacts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts
    old = {k: v for k, v in facts.to_dict().items() if k not in ("unit", "address")}
    restored = ReportFacts.from_dict(old)
    assert (restored.unit, restored.address) == (None, None)
    calendar = WorkCalendar("Asia/Shanghai", time(9), time(17, 30), frozenset(range(5)), frozenset())
    sla = SlaTerms(acknowledge_minutes=60, resolve_minutes=1440, clock="calendar", calendar=calendar)
    _, events = Case.open("C-UNIT", facts, None, sla, build.system, build.at(0))
    assert events
    for event in events:
        text = json.dumps(event.data, ensure_ascii=False, default=str)
        assert "2单元" not in text and "五阳路18号院" not in text, event.type


def _containers(value: object) -> list[object]:
    if isinstance(value, dict):
        return [value, *(c for v in value.values() for c in _containers(v))]
    if isinstance(value, list):
        return [value, *(c for v in value for c in _containers(v))]
    return []


@pytest.mark.parametrize("status", CASE_STATUSES)
def test_events_are_json_native_and_share_nothing_with_the_case_or_each_other(build: Builder, status: str) -> None:
    case = build.case_in(status)
    assert build.events
    case_containers = {id(c) for c in _containers(case.to_dict())} | {id(t.data) for t in case.timeline}
    case_containers |= {id(c) for t in case.timeline for c in _containers(t.data)}
    seen: set[int] = set()
    for event in build.events:
        assert json.loads(json.dumps(event.data)) == event.data, event.type  # no datetime, tuple or set left
        mine = {id(c) for c in _containers(event.data)}
        assert not mine & case_containers and not mine & seen, event.type
        seen |= mine
        event.data["case"]["report_ids"].append("changed")
        event.data["case"]["assignments"].append({"department": "changed"})
    assert "changed" not in case.report_ids and all(a.department != "changed" for a in case.assignments)
