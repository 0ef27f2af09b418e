"""议事 end to end in the community service (real PostgreSQL, real broker, intake in-process): a hotspot
of real case events on dispatch's topic becomes a candidate once; the topic is set, deliberated (a
meeting without residents decides nothing), split into a case filed through intake and a need; the
case action is done only when its case.closed arrives (the same event twice counts once), the need
action only when staff confirm the need; then the review closes it. No name on any topic event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from chuishao_shared.events import CASES_TOPIC, new_envelope
from chuishao_shared.events.envelope import Envelope
from support.community import COMMUNITY, GRID, OTHER_COMMUNITY, active_volunteer, keyed, need_body, staff
from support.db import count
from support.services import RunningService
from support.system import eventually

HOTSPOT = "ENV-STAIRWELL-DIRTY"
PEOPLE = [
    {"party": "committee", "name": "张书记"},
    {"party": "party_member", "person": "pm-sub-1"},
    {"party": "resident", "name": "欧阳璟琰"},
    {"party": "stakeholder", "name": "物业经理赵某"},
]
NAMES = ("张书记", "欧阳璟琰", "赵某", "王秀珍", "13800001111")


def case_event(event_type: str, case_id: str, *, report_ids: list[str], status: str, **extra: Any) -> Envelope:
    now = datetime.now(UTC)
    snapshot = {
        "id": case_id,
        "status": status,
        "category": extra.pop("category", HOTSPOT),
        "major": "ENV",
        "grid": GRID,
        "community": COMMUNITY,
        "severity": "minor",
        "report_ids": report_ids,
        "whistle_count": 1,
        "escalation_level": 0,
        "opened_at": extra.pop("opened_at", now).isoformat(),
        "assignments": extra.pop("assignments", []),
    }
    data = {"case": snapshot, "actor_role": "system", **extra}
    return new_envelope(event_type, source="/chuishao/dispatch", subject=case_id, sequence=1, data=data)


async def publish(settings: Any, *envelopes: Envelope) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for envelope in envelopes:
            key = (envelope.subject or "").encode()
            await producer.send_and_wait(settings.topic(CASES_TOPIC), envelope.to_bytes(), key=key)
    finally:
        await producer.stop()


async def post(client: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    return await client.post(path, json=body, headers=keyed(headers))


@pytest.fixture
async def community(infra: Any) -> Any:
    from support.community import community_service

    async with community_service(infra, community_hotspot_cases=3, community_topic_seconds=3600.0) as service:
        yield service


async def test_a_hotspot_topic_through_the_five_steps_to_review(
    community: RunningService, intake: RunningService
) -> None:
    client, s = community.client, community.settings
    boss = staff(s)
    filings = community.app.state.filings
    filings.transport = httpx.ASGITransport(app=intake.app)

    # 1 收集: three cases of one 小类 in 30 days make a hotspot, proposed once (a fourth adds nothing).
    cases = [str(uuid.uuid4()) for _ in range(4)]
    opened = [
        case_event("case.opened", c, report_ids=[str(uuid.uuid4())], status="dispatched", report_id="r") for c in cases
    ]
    await publish(s, *opened[:3])

    async def candidates() -> list[dict[str, Any]]:
        answer = await client.get("/v1/topics", params={"step": "collect"}, headers=boss)
        return [t for t in answer.json()["items"] if t["origin"] == "hotspot"]

    found = await eventually(candidates, timeout=30)
    await publish(s, opened[3])
    await eventually(lambda: count(s, "topic_cases", f"case_id = '{cases[3]}'"), timeout=30)
    assert len(await candidates()) == 1
    topic = found[0]
    assert {e["id"] for e in topic["evidence"]} == set(cases[:3]) and topic["step"] == "collect"
    tid = topic["id"]
    assert (await client.get(f"/v1/topics/{tid}", headers=staff(s, OTHER_COMMUNITY))).status_code == 404

    # 2 确定议题, 3 协商议事: without residents the meeting is not quorate and decides nothing.
    body = {"question": "楼道脏乱反复发生，怎么根治？", "participants": PEOPLE}
    assert (await post(client, f"/v1/topics/{tid}/set", body, boss)).json()["step"] == "topic"
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    meeting = {"at": at, "place": "社区议事厅", "agenda": ["保洁方案"], "attendance": PEOPLE[:2] + PEOPLE[3:]}
    held = await post(client, f"/v1/topics/{tid}/meetings", meeting, boss)
    assert held.status_code == 201 and held.json()["quorate"] is False and held.json()["missing"] == ["resident"]
    due = (datetime.now(UTC) + timedelta(days=14)).isoformat()
    decision = {"item": "保洁方案", "decision": "物业每日清扫，居民不堆物", "owner": "物业", "due": due}
    before = await count(s, "outbox")
    refused = await post(client, f"/v1/topics/{tid}/decisions", decision, boss)
    assert refused.status_code == 409 and refused.json()["reason"] == "no-quorate-meeting", refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert await count(s, "outbox") == before  # a refusal changes nothing
    options = [{"item": "保洁方案", "option": "物业每日清扫", "votes": 11}]
    held = await post(client, f"/v1/topics/{tid}/meetings", {**meeting, "attendance": PEOPLE, "options": options}, boss)
    assert held.json()["quorate"] is True
    assert (await post(client, f"/v1/topics/{tid}/decisions", decision, boss)).status_code == 201
    minutes = await client.get(f"/v1/topics/{tid}/meetings/{held.json()['id']}/minutes", headers=boss)
    assert minutes.status_code == 200 and "欧阳璟琰" in minutes.text and "物业每日清扫" in minutes.text

    # 4 分流落实: a case through intake and a need here.
    case_action = {"kind": "case", "category": "FAC-SEWER-BLOCKED", "grid": GRID, "description": "楼道下水堵塞"}
    assert (await post(client, f"/v1/topics/{tid}/actions", case_action, boss)).status_code == 201
    need = need_body(resident={"name": "王秀珍", "phone": "13800001111"}, privacy="open")
    answered = await post(client, f"/v1/topics/{tid}/actions", {"kind": "need", "need": need}, boss)
    assert answered.status_code == 201, answered.text
    actions = answered.json()["actions"]
    assert [a["kind"] for a in actions] == ["case", "need"] and answered.json()["step"] == "implement"
    need_id = actions[1]["need_id"]
    assert (await client.get(f"/v1/needs/{need_id}", headers=boss)).json()["status"] == "open"
    assert await filings.file_due() == 1 and await filings.file_due() == 0
    seen = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
    report_id = seen["actions"][0]["report_id"]
    assert report_id and await count(intake.settings, "reports", f"id::text = '{report_id}'") == 1
    refused = await post(client, f"/v1/topics/{tid}/review", {"result": "resolved"}, boss)
    assert refused.status_code == 409 and refused.json()["reason"] == "actions-open"
    refused = await post(client, f"/v1/topics/{tid}/actions/{seen['actions'][0]['id']}/done", {}, boss)
    assert refused.status_code == 409 and refused.json()["reason"] == "not-a-task"

    # 5 监督评审: the case closes (its event delivered twice counts once); the need is confirmed.
    case_id = str(uuid.uuid4())
    closed = case_event("case.closed", case_id, report_ids=[report_id], status="closed", resolution="已疏通")
    first = case_event("case.opened", case_id, report_ids=[report_id], status="dispatched", report_id=report_id)
    await publish(s, first)
    await publish(s, closed, closed)

    async def case_done() -> dict[str, Any] | None:
        t = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
        return t if t["actions"][0]["status"] == "done" else None

    t = await eventually(case_done, timeout=30)
    assert t["progress"] == 0.5 and t["actions"][0]["case_id"] == case_id
    assert t["actions"][0]["done_by"] == "case.closed"
    await publish(s, closed)  # once more, later: still once
    await eventually(lambda: count(s, "processed_events", f"event_id = '{closed.id}'"), timeout=30)
    assert await count(s, "outbox", "event_type = 'action.done'") == 1

    helper, _ = await active_volunteer(client, s)
    for path, who, step_body in (
        ("claim", helper, {}),
        ("start", helper, {}),
        ("done", helper, {"note": "已完成", "hours": 1}),
        ("confirm", boss, {"satisfaction": "satisfied"}),
    ):
        assert (await post(client, f"/v1/needs/{need_id}/{path}", step_body, who)).status_code == 200
    t = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
    assert t["progress"] == 1 and t["step"] == "review" and t["actions"][1]["done_by"] == "need.confirmed"
    review = {"result": "resolved", "satisfaction": "satisfied"}
    t = (await post(client, f"/v1/topics/{tid}/review", review, boss)).json()
    assert t["step"] == "closed" and t["review"]["result"] == "resolved"
    kinds = [entry["type"] for entry in t["timeline"]]
    for kind in ("topic.collected", "topic.set", "meeting.held", "meeting.decided", "action.created", "action.filed"):
        assert kind in kinds
    assert "case.closed" in kinds and kinds.count("action.done") == 2 and kinds[-2] == "topic.reviewed"

    # No name on the community topic's events (the outbox holds them as published).
    conn_payloads = await _payloads(s)
    assert any('"topic.reviewed"' in p for p in conn_payloads)
    leaked = [name for name in NAMES if any(name in p for p in conn_payloads)]
    assert not leaked, leaked


async def _payloads(settings: Any) -> list[str]:
    import asyncpg

    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        rows = await conn.fetch("SELECT convert_from(payload, 'UTF8') AS p FROM outbox")
    finally:
        await conn.close()
    return [r["p"] for r in rows]


def returned(case_id: str, routed: list[dict[str, str]], department: str) -> Envelope:
    extra = {"assignments": routed, "department": department, "reason": "不属本部门"}
    return case_event("case.returned", case_id, report_ids=["r1"], status="triage", **extra)


async def test_a_case_every_department_returned_is_proposed_once(community: RunningService) -> None:
    client, s = community.client, community.settings
    case_id = str(uuid.uuid4())
    routed = [
        {"department": "XY-ZJJ", "role": "lead", "status": "returned"},
        {"department": "XY-CGJ", "role": "lead", "status": "returned"},
    ]
    first = returned(case_id, routed, "XY-ZJJ")
    second = returned(case_id, routed, "XY-CGJ")
    await publish(s, first)
    await eventually(lambda: count(s, "processed_events", f"event_id = '{first.id}'"), timeout=30)
    assert await count(s, "topics") == 0  # one of two departments returned it: not yet
    await publish(s, second, second)
    await eventually(lambda: count(s, "topics", "origin = 'returned_case'"), timeout=30)
    again = returned(case_id, routed, "XY-CGJ")
    await publish(s, again)
    await eventually(lambda: count(s, "processed_events", f"event_id = '{again.id}'"), timeout=30)
    assert await count(s, "topics") == 1
    listed = (await client.get("/v1/topics", headers=staff(s))).json()["items"]
    assert listed[0]["evidence"] == [{"type": "case", "id": case_id}]


async def test_refusals_are_problems_that_change_nothing(community: RunningService) -> None:
    client, s = community.client, community.settings
    boss = staff(s)
    body = {"title": "乱停车乱充电", "question": "电动车在楼道充电怎么办？", "community": COMMUNITY, "evidence": []}
    created = await post(client, "/v1/topics", body, boss)
    assert created.status_code == 201 and created.json()["step"] == "collect"
    tid = created.json()["id"]
    other = await post(client, "/v1/topics", {**body, "community": OTHER_COMMUNITY}, boss)
    assert other.status_code == 403 and other.json()["errors"][0]["field"] == "community"
    due = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    meeting = {"at": due, "place": "议事厅", "agenda": ["充电桩"], "attendance": PEOPLE}
    steps = [
        ("meetings", meeting, "topic-not-set"),
        ("decisions", {"item": "a", "decision": "b", "owner": "c", "due": due}, "no-quorate-meeting"),
        ("actions", {"kind": "task", "owner": "楼栋长", "due": due}, "no-decision"),
        ("review", {"result": "resolved"}, "no-actions"),
    ]
    before = await count(s, "outbox")
    for path, step_body, reason in steps:
        answer = await post(client, f"/v1/topics/{tid}/{path}", step_body, boss)
        assert answer.status_code == 409, answer.text
        assert answer.json()["reason"] == reason and answer.json()["errors"][0]["field"] == "step"
    assert await count(s, "outbox") == before
    bad = await post(client, f"/v1/topics/{tid}/set", {"question": "q", "participants": [{"party": "mayor"}]}, boss)
    assert bad.status_code == 422
    # A task: done by hand, then overdue only when late and not done.
    await post(client, f"/v1/topics/{tid}/set", {"question": "q", "participants": PEOPLE}, boss)
    await post(client, f"/v1/topics/{tid}/meetings", {**meeting, "at": datetime.now(UTC).isoformat()}, boss)
    await post(client, f"/v1/topics/{tid}/decisions", {"item": "a", "decision": "b", "owner": "c", "due": due}, boss)
    task = await post(client, f"/v1/topics/{tid}/actions", {"kind": "task", "owner": "楼栋长", "due": due}, boss)
    late = await post(client, f"/v1/topics/{tid}/actions", {"kind": "task", "owner": "物业", "due": due}, boss)
    first, second = (a["id"] for a in late.json()["actions"])
    assert task.status_code == 201
    assert (await post(client, f"/v1/topics/{tid}/actions/{first}/done", {}, boss)).json()["progress"] == 0.5
    from chuishao_community.entrypoints.topic_tasks import sweep_overdue

    assert await sweep_overdue(community.app.state.bus, datetime.now(UTC) + timedelta(days=4)) == 1
    assert await sweep_overdue(community.app.state.bus, datetime.now(UTC) + timedelta(days=5)) == 0
    t = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
    assert [a["overdue"] for a in t["actions"]] == [False, True] and t["actions"][1]["id"] == second
