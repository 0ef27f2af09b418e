"""点单响应 both ways, end to end on real PostgreSQL and the broker (intake, dispatch and community in-process
on one set of topics): a community-forces case becomes one need (its event delivered again, even under a
new id, still one), the need's confirmation closes the case with it on the timeline; a dispatcher hands a
case to the community (one button, one route) and the need's cancellation gives it back; a whistled need
follows its case to its end. No resident's contact travels on a case or community event."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from chuishao_community.domain.commands import NoteWhistleFiled
from chuishao_shared.events import CASES_TOPIC, Envelope, new_envelope
from chuishao_shared.settings import Settings
from support.community import COMMUNITY, GRID, active_volunteer, community_service, keyed, record_need, staff
from support.factories import worker_token
from support.infra import Infra
from support.services import RunningService
from support.system import System, case_of, dispatcher, eventually, file, liaison, system

PHOTO = "cd" * 32
ELDERLY = "LIFE-ELDERLY-ALONE"  # community_forces: elderly_disabled (categories.yaml)


@pytest.fixture
async def loop(infra: Infra) -> AsyncIterator[tuple[System, RunningService]]:
    async with system(infra) as both:
        prefix = both.dispatch.settings.topic_prefix
        async with community_service(infra, topic_prefix=prefix) as community:
            yield both, community


async def need_of_case(community: RunningService, case_id: str) -> dict[str, Any]:
    async def found() -> dict[str, Any] | None:
        listed = await community.client.get("/v1/needs?limit=200", headers=staff(community.settings))
        hits = [n for n in listed.json()["items"] if n["origin_case_id"] == case_id]
        return hits[0] if hits else None

    return await eventually(found)  # type: ignore[no-any-return]


async def case_now(chuishao: System, case_id: str, status: str | None = None) -> dict[str, Any]:
    async def read() -> dict[str, Any] | None:
        case = (await chuishao.dispatch.client.get(f"/v1/cases/{case_id}", headers=dispatcher(chuishao))).json()
        return case if status is None or case["status"] == status else None

    return await eventually(read)  # type: ignore[no-any-return]


async def outbox(settings: Settings, where: str = "true") -> list[bytes]:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return [r["payload"] for r in await conn.fetch(f"SELECT payload FROM outbox WHERE {where} ORDER BY id")]
    finally:
        await conn.close()


async def publish(settings: Settings, *envelopes: Envelope) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for envelope in envelopes:
            key = (envelope.subject or "").encode()
            await producer.send_and_wait(settings.topic(CASES_TOPIC), envelope.to_bytes(), key=key)
    finally:
        await producer.stop()


async def test_a_community_forces_case_becomes_one_need_whose_confirmation_closes_it(
    loop: tuple[System, RunningService],
) -> None:
    chuishao, community = loop
    client, s = community.client, community.settings
    worker = worker_token(chuishao.intake.settings)
    report = await file(chuishao, worker, category=ELDERLY, description="独居老人张大爷行动不便，需要有人定期上门")
    case_id = (await case_of(chuishao, worker, report["id"]))["id"]

    need = await need_of_case(community, case_id)
    assert need["kind"] == "elderly_disabled" and need["grid"] == GRID and need["status"] == "open"
    assert need["resident"] is None and need["privacy"] == "staff_confirms"  # staff record the contact
    # case.opened once more, as delivered and under a new id: still one need for the case.
    opened = [Envelope.from_bytes(p) for p in await outbox(chuishao.dispatch.settings)]
    first = next(e for e in opened if e.type == "case.opened" and e.subject == case_id)
    again = new_envelope(first.type, source=first.source, subject=case_id, sequence=1, data=first.data)
    await publish(s, first, again)
    await eventually(lambda: _processed(s, str(again.id)))
    listed = (await client.get("/v1/needs?limit=200", headers=staff(s))).json()["items"]
    assert [n["id"] for n in listed if n["origin_case_id"] == case_id] == [need["id"]]
    linked = await case_now(chuishao, case_id)
    assert await eventually(lambda: _linked(chuishao, case_id, need["id"]))
    assert linked["status"] in ("dispatched", "acknowledged")

    # Staff record the resident at the first visit (personal: on the need, never on an event).
    resident = {"name": "张大爷", "phone": "13900002222"}
    path = f"/v1/needs/{need['id']}/resident"
    recorded = await client.post(path, json=resident, headers=keyed(staff(s)))
    assert recorded.status_code == 200 and recorded.json()["resident"]["phone"] == "13900002222", recorded.text
    bad = await client.post(path, json={"name": "张大爷", "phone": "x"}, headers=keyed(staff(s)))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("phone"), bad.text

    helper, _ = await active_volunteer(client, s)
    claim = (await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))).json()["claims"][0]
    ok = await client.post(f"/v1/needs/{need['id']}/claims/{claim['id']}/confirm", json={}, headers=keyed(staff(s)))
    assert ok.status_code == 200, ok.text
    for action, payload in (("start", {}), ("done", {"note": "已上门", "photos": [PHOTO], "hours": 1.5})):
        answered = await client.post(f"/v1/needs/{need['id']}/{action}", json=payload, headers=keyed(helper))
        assert answered.status_code == 200, answered.text
    confirm = {"satisfaction": "satisfied", "note": "老人满意"}
    assert (
        await client.post(f"/v1/needs/{need['id']}/confirm", json=confirm, headers=keyed(staff(s)))
    ).status_code == 200

    closed = await case_now(chuishao, case_id, "closed")
    assert closed["community_handover"]["need_id"] == need["id"]
    assert closed["community_handover"]["status"] == "confirmed"
    kinds = [t["type"] for t in closed["timeline"]]
    assert kinds[-3:] == ["case.need_linked", "case.resolved", "case.closed"] or kinds[-2:] == [
        "case.resolved",
        "case.closed",
    ]
    payloads = await outbox(chuishao.dispatch.settings, "convert_from(payload, 'UTF8') LIKE '%case.closed%'")
    closing = [Envelope.from_bytes(p) for p in payloads if Envelope.from_bytes(p).subject == case_id]
    assert closing[-1].data["evidence"] == {
        "type": "need.confirmed",
        "need_id": need["id"],
        "satisfaction": "satisfied",
    }
    assert closing[-1].data["resolution"] == "fixed"
    texts = [p.decode() for p in await outbox(s)]
    assert not [t for t in texts if "13900002222" in t or "张大爷" in t]


async def test_a_case_handed_to_the_community_becomes_a_need_and_its_cancellation_gives_it_back(
    loop: tuple[System, RunningService],
) -> None:
    chuishao, community = loop
    worker = worker_token(chuishao.intake.settings)
    report = await file(chuishao, worker)
    case = await case_of(chuishao, worker, report["id"])
    path = f"/v1/cases/{case['id']}/hand-to-community"
    body = {"community": COMMUNITY, "reason": "楼道杂物由志愿者清理"}
    # Refusals change nothing: a liaison, another community, no reason.
    assert (
        await chuishao.dispatch.client.post(path, json=body, headers=liaison(chuishao, "XY-WQ-WY-WY"))
    ).status_code in (
        403,
        404,
    )
    wrong = await chuishao.dispatch.client.post(
        path, json={**body, "community": "TN-CS-FQXC"}, headers=keyed(dispatcher(chuishao))
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "community", wrong.text
    empty = await chuishao.dispatch.client.post(
        path, json={"community": COMMUNITY}, headers=keyed(dispatcher(chuishao))
    )
    assert empty.status_code == 422 and "reason" in str(empty.json()["errors"][0]["field"]), empty.text
    assert (await case_now(chuishao, case["id"]))["community_handover"] is None

    handed = await chuishao.dispatch.client.post(path, json=body, headers=keyed(dispatcher(chuishao)))
    assert handed.status_code == 200, handed.text
    view = handed.json()
    assert view["community_handover"]["status"] == "handed" and view["assignments"][-1]["department"] == "XY-WQ-WY-JWH"
    assert view["timeline"][-1]["type"] == "case.handed_to_community"
    twice = await chuishao.dispatch.client.post(path, json=body, headers=keyed(dispatcher(chuishao)))
    assert twice.status_code == 409, twice.text

    need = await need_of_case(community, case["id"])
    assert need["kind"] == "living" and "楼道杂物由志愿者清理" in need["description"]
    cancel = {"reason": "居民已自行处理"}
    s = community.settings
    cancelled = await community.client.post(f"/v1/needs/{need['id']}/cancel", json=cancel, headers=keyed(staff(s)))
    assert cancelled.status_code == 200, cancelled.text
    back = await case_now(chuishao, case["id"], "triage")
    assert back["community_handover"]["status"] == "need_cancelled"
    # Handed again: a new need (the cancelled one stays as it was).
    again = await chuishao.dispatch.client.post(path, json=body, headers=keyed(dispatcher(chuishao)))
    assert again.status_code == 200, again.text

    async def second() -> dict[str, Any] | None:
        listed = await community.client.get("/v1/needs?limit=200", headers=staff(s))
        hits = [n for n in listed.json()["items"] if n["origin_case_id"] == case["id"] and n["id"] != need["id"]]
        return hits[0] if hits else None

    assert (await eventually(second))["status"] == "open"

    # Nothing personal on the community topic's events (the outbox holds them as published).
    texts = [p.decode() for p in await outbox(s)]
    assert any('"origin_case_id"' in t for t in texts) and not any("resident" in t for t in texts)


async def test_a_whistled_need_follows_its_case_to_its_end(loop: tuple[System, RunningService]) -> None:
    _, community = loop
    client, s = community.client, community.settings
    need = await record_need(client, s)
    body = {"category": "FAC-SEWER-BLOCKED", "description": "下水道堵塞，需要部门疏通"}
    assert (await client.post(f"/v1/needs/{need['id']}/whistle", json=body, headers=keyed(staff(s)))).status_code == 200
    report_id, case_id = str(uuid.uuid4()), f"CASE-{uuid.uuid4().hex[:8]}"
    await community.app.state.bus.handle(NoteWhistleFiled(need_id=need["id"], report_id=report_id, case_id=None))

    def case_event(event_type: str, status: str, sequence: int, data: dict[str, Any], **extra: Any) -> Envelope:
        snapshot = {
            "id": case_id,
            "status": status,
            "category": "FAC-SEWER-BLOCKED",
            "major": "FAC",
            "grid": GRID,
            "community": COMMUNITY,
            "severity": "major",
            "report_ids": [report_id],
            "whistle_count": 1,
            "escalation_level": 0,
            "opened_at": "2026-11-02T01:00:00+00:00",
            "assignments": [],
            **extra,
        }
        data = {"case": snapshot, "actor_role": "system", **data}
        return new_envelope(event_type, source="/chuishao/dispatch", subject=case_id, sequence=sequence, data=data)

    await publish(s, case_event("case.dispatched", "dispatched", 1, {"departments": ["XY-GPS"]}))

    async def read(status: str) -> dict[str, Any] | None:
        got = (await client.get(f"/v1/needs/{need['id']}", headers=staff(s))).json()
        return got if got["case_status"] == status else None

    seen = await eventually(lambda: read("dispatched"))
    assert seen["case_id"] == case_id and seen["report_id"] == report_id and seen["case_outcome"] is None
    closed = case_event(
        "case.closed", "closed", 2, {"resolution": "fixed"}, resolution="fixed", closed_at="2026-11-02T05:00:00+00:00"
    )
    await publish(s, closed, closed)
    done = await eventually(lambda: read("closed"))
    assert done["status"] == "whistled" and done["case_outcome"]["status"] == "closed"
    assert done["case_outcome"]["resolution"] == "fixed"
    events = [
        Envelope.from_bytes(p) for p in await outbox(s, "convert_from(payload, 'UTF8') LIKE '%need.case_closed%'")
    ]
    assert len(events) == 1 and events[0].data["case_id"] == case_id


async def _processed(settings: Settings, event_id: str) -> bool:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return bool(await conn.fetchval("SELECT count(*) FROM processed_events WHERE event_id::text = $1", event_id))
    finally:
        await conn.close()


async def _linked(chuishao: System, case_id: str, need_id: str) -> bool:
    case = (await chuishao.dispatch.client.get(f"/v1/cases/{case_id}", headers=dispatcher(chuishao))).json()
    return bool(case["community_handover"] and case["community_handover"]["need_id"] == need_id)
