"""Routing rules, preview, extensions, merge, cancel and duplicate delivery on a real database and
broker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer

from chuishao_shared.auth import mint_token
from chuishao_shared.events import REPORTS_TOPIC, new_envelope
from chuishao_shared.kafka import make_producer
from support.db import count
from support.factories import bearer, worker_token
from support.system import LEAD, System, case_of, dispatcher, eventually, file, liaison


def admin(system: System) -> dict[str, str]:
    return bearer(mint_token(system.dispatch.settings, sub="admin-1", role="admin"))


async def test_rule_sets_are_validated_versioned_and_apply_to_new_cases_only(chuishao: System) -> None:
    client = chuishao.dispatch.client
    current = (await client.get("/v1/routing/rules", headers=admin(chuishao))).json()
    assert current["version"] == 1 and len(current["rules"]) > 20
    bad = [
        {"id": "r1", "category": "NOPE", "scope": "XY", "lead": "XY-CGJ"},
        {"id": "r2", "category": "ENV", "scope": "NOWHERE", "lead": "XY-CGJ"},
        {"id": "r3", "category": "ENV", "scope": "XY", "lead": "NO-DEPT"},
    ]
    refused = await client.put("/v1/routing/rules", json={"rules": bad}, headers=admin(chuishao))
    assert refused.status_code == 422, refused.text
    fields = " ".join(e["field"] + " " + e["message"] for e in refused.json()["errors"])
    assert "NOPE" in fields and "NOWHERE" in fields and "NO-DEPT" in fields
    assert (await client.get("/v1/routing/rules", headers=admin(chuishao))).json()["version"] == 1
    forbidden = await client.put("/v1/routing/rules", json={"rules": bad}, headers=dispatcher(chuishao))
    assert forbidden.status_code == 403

    token = worker_token(chuishao.intake.settings)
    before = await file(chuishao, token, category="ORDER-DOG", description="大型犬未拴绳在小区游荡")
    assert (await case_of(chuishao, token, before["id"], "triage"))["status"] == "triage"
    rules = current["rules"] + [
        {"id": "xy.order-dog", "category": "ORDER-DOG", "scope": "XY-WQ", "lead": "XY-CGJ", "assist": ["XY-WQ-PCS"]}
    ]
    stored = await client.put("/v1/routing/rules", json={"rules": rules}, headers=admin(chuishao))
    assert stored.status_code == 200, stored.text
    assert stored.json()["version"] == 2
    preview = await client.post(
        "/v1/routing/preview", json={"category": "ORDER-DOG", "grid": "XY-WQ-WY-G01"}, headers=dispatcher(chuishao)
    )
    assert preview.json()["decision"]["lead"] == "XY-CGJ" and preview.json()["rule_version"] == 2
    after = await file(chuishao, token, category="ORDER-DOG", description="有人在楼下遛狗不牵绳，吓到孩子")
    routed = await case_of(chuishao, token, after["id"], "dispatched")
    assert routed["rule_version"] == 2 and routed["assignments"][0]["department"] == "XY-CGJ"
    old = await chuishao.dispatch.client.get(
        f"/v1/cases/{(await case_of(chuishao, token, before['id']))['id']}", headers=dispatcher(chuishao)
    )
    assert old.json()["status"] == "triage"  # the new version applies to new cases only

    # Admin keeps reference data only: no queue, no case, no live stream of cases (PRODUCT.md roles).
    case_id = routed["id"]
    for method, path in (("GET", "/v1/cases"), ("GET", f"/v1/cases/{case_id}"), ("POST", "/v1/stream/tickets")):
        refused_case = await client.request(method, path, headers={**admin(chuishao), "Idempotency-Key": "adm-1"})
        assert refused_case.status_code == 403, (path, refused_case.text)
    assert (await client.get("/v1/departments", headers=admin(chuishao))).status_code == 200


async def test_preview_explains_and_refuses_unknown_codes(chuishao: System) -> None:
    client = chuishao.dispatch.client
    found = await client.post(
        "/v1/routing/preview",
        json={"category": "FAC-SEWER-BLOCKED", "grid": "XY-WQ-WY-G01"},
        headers=dispatcher(chuishao),
    )
    body = found.json()
    assert (
        body["triage"] is False and body["decision"]["lead"] and "FAC-SEWER-BLOCKED" in body["decision"]["explanation"]
    )
    assert len(body["candidates"]) >= 2
    unknown = await client.post(
        "/v1/routing/preview", json={"category": "X", "grid": "XY-WQ-WY-G01"}, headers=dispatcher(chuishao)
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "category"


async def test_extension_merge_and_cancel(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    first = await case_of(chuishao, token, (await file(chuishao, token, description="5号楼楼道灯坏了"))["id"])
    path = f"/v1/cases/{first['id']}"
    until = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    asked = await chuishao.dispatch.client.post(
        f"{path}/extension", headers=liaison(chuishao, LEAD), json={"until": until, "reason": "需采购配件"}
    )
    assert asked.status_code == 200, asked.text
    assert asked.json()["pending_extension"]["reason"] == "需采购配件"
    approved = await chuishao.dispatch.client.post(f"{path}/extension/approve", json={}, headers=dispatcher(chuishao))
    assert approved.status_code == 200
    assert approved.json()["resolve_due_at"].startswith(until[:16])
    again = await chuishao.dispatch.client.post(f"{path}/extension/approve", json={}, headers=dispatcher(chuishao))
    assert again.status_code == 409
    later = (datetime.now(UTC) + timedelta(days=9)).isoformat()
    await chuishao.dispatch.client.post(
        f"{path}/extension", headers=liaison(chuishao, LEAD), json={"until": later, "reason": "再延一周"}
    )
    rejected = await chuishao.dispatch.client.post(
        f"{path}/extension/reject", json={"reason": "期限已够"}, headers=dispatcher(chuishao)
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["pending_extension"] is None
    assert rejected.json()["resolve_due_at"].startswith(until[:16])  # the approved deadline stands

    other = await file(chuishao, token, category="FAC-STREETLIGHT-BROKEN", description="东门路灯不亮")
    second = await case_of(chuishao, token, other["id"])
    merged = await chuishao.dispatch.client.post(
        f"/v1/cases/{second['id']}/merge",
        headers=dispatcher(chuishao),
        json={"into": first["id"], "reason": "同一事项"},
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["id"] == first["id"] and other["id"] in merged.json()["report_ids"]
    source = (await chuishao.dispatch.client.get(f"/v1/cases/{second['id']}", headers=dispatcher(chuishao))).json()
    assert source["status"] == "merged" and source["merged_into"] == first["id"]
    cancelled = await chuishao.dispatch.client.post(
        f"{path}/cancel", headers=dispatcher(chuishao), json={"reason": "重复上报，经核实无此问题"}
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    late = await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
    assert late.status_code == 409 and late.json()["current_status"] == "cancelled"


async def test_the_same_report_event_twice_opens_one_case(chuishao: System) -> None:
    settings = chuishao.dispatch.settings
    data = {
        "report_id": "11111111-2222-4333-8444-555555555555",
        "category": "ENV-GARBAGE-OVERDUE",
        "grid": "XY-WQ-WY-G04",
        "community": "XY-WQ-WY",
        "description": "垃圾三天未清运",
        "severity": "minor",
        "reporter": "w-dup",
        "received_at": datetime.now(UTC).isoformat(),
    }
    envelope = new_envelope("report.received", source="/test", subject=data["report_id"], sequence=1, data=data)
    resent = new_envelope("report.received", source="/test", subject=data["report_id"], sequence=1, data=data)
    producer: AIOKafkaProducer = make_producer(settings)
    await producer.start()
    try:
        for message in (envelope, envelope, resent):  # the same event twice, then the report under a new id
            await producer.send_and_wait(
                settings.topic(REPORTS_TOPIC), message.to_bytes(), key=data["report_id"].encode()
            )
    finally:
        await producer.stop()

    async def handled() -> bool:
        return await count(settings, "processed_events") >= 2

    await eventually(handled)
    assert await count(settings, "cases") == 1
    assert await count(settings, "report_cases", f"report_id = '{data['report_id']}'") == 1


async def test_a_retried_acknowledge_with_its_key_gets_the_first_answer_not_409(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    case = await case_of(chuishao, token, (await file(chuishao, token))["id"], "dispatched")
    headers = {**liaison(chuishao, LEAD), "Idempotency-Key": "ack-" + case["id"]}
    first = await chuishao.dispatch.client.post(f"/v1/cases/{case['id']}/acknowledge", json={}, headers=headers)
    retry = await chuishao.dispatch.client.post(f"/v1/cases/{case['id']}/acknowledge", json={}, headers=headers)
    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    acknowledged = [t for t in retry.json()["timeline"] if t["type"] == "case.acknowledged"]
    assert len(acknowledged) == 1
    assert (
        await count(chuishao.dispatch.settings, "outbox", f"key = '{case['id']}' AND event_type = 'case.acknowledged'")
        == 1
    )
