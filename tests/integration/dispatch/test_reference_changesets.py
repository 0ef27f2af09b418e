"""Reference data change sets on a real database and broker (PRODUCT.md §9, issue 24 item 4): refused with
an error per field and nothing stored, diffed, dry-run over the cases dispatch holds, approved into a
version with its event, applied to new cases only, restored, exported and imported, every step audited."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer

from chuishao_shared.auth import mint_token
from chuishao_shared.events import REFERENCE_TOPIC
from support.db import count
from support.factories import bearer, worker_token
from support.infra import Infra
from support.system import ASSIST, LEAD, System, case_of, dispatcher, eventually, file, liaison, system

RULE = "xy-wq-wy.env-stairwell-dirty"  # 楼道卫生 in 五阳社区: 五阳物业 leads, the residents' committee assists
NEW_LEAD = "XY-GPS"


def admin(chuishao: System, sub: str = "admin-1") -> dict[str, str]:
    return bearer(mint_token(chuishao.dispatch.settings, sub=sub, role="admin"))


async def in_force(chuishao: System) -> dict[str, Any]:
    answer = await chuishao.dispatch.client.get("/v1/reference/versions/current", headers=admin(chuishao))
    assert answer.status_code == 200, answer.text
    return answer.json()


def errors(answer: Any) -> dict[str, str]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    return {e["field"]: e["message"] for e in answer.json()["errors"]}


async def test_change_set_refused_per_field_then_dry_run_approve_restore(chuishao: System) -> None:
    client = chuishao.dispatch.client
    current = await in_force(chuishao)
    assert current["version"] == 1 and current["rule_version"] == 1
    content = current["content"]

    # Refused with every wrong field named; nothing stored.
    sla = copy.deepcopy(content["sla_policies"])
    sla["items"][0]["acknowledge_within_minutes"]["minor"] = -5
    rules = copy.deepcopy(content["routing_rules"])
    rules["rules"] = [r for r in rules["rules"] if r["category"] not in ("FAC", "FAC-WATER-LEAK")]
    rules["rules"][0]["lead"] = "XY-NOBODY"
    bad = await client.post(
        "/v1/reference/changesets",
        json={"reason": "试错", "content": {"sla_policies": sla, "routing_rules": rules}},
        headers=admin(chuishao),
    )
    named = errors(bad)
    assert "sla_policies.standard.acknowledge_within_minutes.minor" in named
    assert "XY-NOBODY" in named[f"routing_rules.{rules['rules'][0]['id']}.lead"]
    assert "categories.FAC-WATER-LEAK" in named
    no_reason = await client.post(
        "/v1/reference/changesets", json={"reason": "  ", "content": {}}, headers=admin(chuishao)
    )
    assert "reason" in errors(no_reason)
    as_dispatcher = await client.post(
        "/v1/reference/changesets", json={"reason": "x", "content": {}}, headers=dispatcher(chuishao)
    )
    assert as_dispatcher.status_code == 403
    assert await count(chuishao.dispatch.settings, "reference_changesets") == 0

    # Cases to replay: two 楼道卫生 reports in 五阳 grid 1, one acknowledged at once.
    token = worker_token(chuishao.intake.settings)
    first = await case_of(chuishao, token, (await file(chuishao, token))["id"], "dispatched")
    second = await case_of(chuishao, token, (await file(chuishao, token, description="楼道堆满杂物"))["id"])
    assert first["rule_version"] == 1 and first["assignments"][0]["department"] == LEAD
    acked = await client.post(f"/v1/cases/{first['id']}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
    assert acked.status_code == 200, acked.text

    # A change set: the rule's lead changes, the standard SLA answers faster, a 调休 day and a renamed 小类.
    rules = copy.deepcopy(content["routing_rules"])
    rule = next(r for r in rules["rules"] if r["id"] == RULE)
    rule["lead"], rule["assist"] = NEW_LEAD, [ASSIST]
    sla = copy.deepcopy(content["sla_policies"])
    sla["holidays"], sla["makeup_workdays"] = ["2027-02-08"], ["2027-02-20"]
    categories = copy.deepcopy(content["categories"])
    env = next(c for c in categories["items"] if c["code"] == "ENV")
    next(c for c in env["children"] if c["code"] == "ENV-SMALL-ADS")["name"] = "乱贴乱画小广告"
    proposed = await client.post(
        "/v1/reference/changesets",
        json={
            "reason": "楼道卫生改由供排水牵头（演练）",
            "content": {"routing_rules": rules, "sla_policies": sla, "categories": categories},
        },
        headers=admin(chuishao),
    )
    assert proposed.status_code == 201, proposed.text
    changeset = proposed.json()
    assert changeset["author"] == "admin-1" and changeset["status"] == "proposed" and changeset["base_version"] == 1
    changes = {(c["document"], c["entry"], c["change"]) for c in changeset["diff"]}
    assert changes == {
        ("routing_rules", RULE, "changed"),
        ("sla_policies", "calendar.holidays.2027-02-08", "added"),
        ("sla_policies", "calendar.makeup_workdays.2027-02-20", "added"),
        ("categories", "ENV-SMALL-ADS", "changed"),
    }

    # Dry run over the cases dispatch holds: the two cases move from 五阳物业 to 供排水.
    dry = await client.post(
        f"/v1/reference/changesets/{changeset['id']}/dry-run", json={"days": 30}, headers=admin(chuishao)
    )
    assert dry.status_code == 200, dry.text
    result = dry.json()
    by_dept = {r["department"]: r for r in result["departments"]}
    assert result["cases"] == 2 and result["cases_moved"] == 2
    assert by_dept[LEAD]["lost"] == 2 and by_dept[LEAD]["led_before"] == 2 and by_dept[LEAD]["led_after"] == 0
    assert by_dept[NEW_LEAD]["gained"] == 2 and by_dept[NEW_LEAD]["led_after"] == 2
    assert by_dept[NEW_LEAD]["response_rate_after"] == 1.0  # the one with an outcome was acknowledged at once
    assert by_dept[ASSIST]["gained"] == by_dept[ASSIST]["lost"] == 0
    out_of_range = await client.post(
        f"/v1/reference/changesets/{changeset['id']}/dry-run", json={"days": 0}, headers=admin(chuishao)
    )
    assert "days" in errors(out_of_range)

    # Approval: version 2 with a new rule set version and its event, in one transaction.
    approved = await client.post(
        f"/v1/reference/changesets/{changeset['id']}/approve", json={}, headers=admin(chuishao)
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["version"] == 2 and approved.json()["rule_version"] == 2
    again = await client.post(f"/v1/reference/changesets/{changeset['id']}/approve", json={}, headers=admin(chuishao))
    assert again.status_code == 409
    event = await first_event(chuishao, REFERENCE_TOPIC)
    assert event["type"] == "reference.changed" and event["data"]["version"] == 2
    assert sorted(event["data"]["documents"]) == ["categories", "routing_rules", "sla_policies"]

    # New cases follow version 2; the earlier ones keep the rule version they were routed under.
    third = await case_of(chuishao, token, (await file(chuishao, token, description="楼道有积水"))["id"], "dispatched")
    assert third["rule_version"] == 2 and third["assignments"][0]["department"] == NEW_LEAD
    kept = (await client.get(f"/v1/cases/{second['id']}", headers=dispatcher(chuishao))).json()
    assert kept["rule_version"] == 1 and kept["assignments"][0]["department"] == LEAD

    # Restore version 1: a new change set whose diff undoes the change; approved, it is version 3.
    restore = await client.post(
        "/v1/reference/versions/1/restore", json={"reason": "演练结束，恢复"}, headers=admin(chuishao)
    )
    assert restore.status_code == 201, restore.text
    assert restore.json()["restores"] == 1
    assert {(c["document"], c["entry"]) for c in restore.json()["diff"]} == {(d, e) for d, e, _ in changes}
    approved = await client.post(
        f"/v1/reference/changesets/{restore.json()['id']}/approve", json={}, headers=admin(chuishao)
    )
    assert approved.json()["version"] == 3 and approved.json()["rule_version"] == 3
    assert (await in_force(chuishao))["content"] == content
    versions = (await client.get("/v1/reference/versions", headers=admin(chuishao))).json()
    assert [v["version"] for v in versions["items"]] == [3, 2, 1] and versions["in_force_version"] == 3

    # Every step audited: who, when, why.
    trail = (await client.get("/v1/reference/audit", headers=admin(chuishao))).json()["items"]
    assert [(a["action"], a["actor"]) for a in trail] == [
        ("approved", "admin-1"),
        ("restore proposed", "admin-1"),
        ("approved", "admin-1"),
        ("proposed", "admin-1"),
    ]
    assert trail[-1]["reason"] == "楼道卫生改由供排水牵头（演练）" and trail[-1]["at"]


async def test_yaml_export_import_and_a_stale_change_set(chuishao: System) -> None:
    client = chuishao.dispatch.client
    exported = await client.get("/v1/reference/versions/1/export", headers=admin(chuishao))
    assert exported.status_code == 200, exported.text
    files = exported.json()["files"]
    assert set(files) == {
        "jurisdictions.yaml", "departments.yaml", "sla_policies.yaml", "categories.yaml", "routing_rules.yaml",
    }  # fmt: skip
    changed = files["sla_policies.yaml"].replace(
        "acknowledge_within_minutes:\n    minor: 60", "acknowledge_within_minutes:\n    minor: 50", 1
    )
    assert changed != files["sla_policies.yaml"]
    imported = await client.post(
        "/v1/reference/changesets/import",
        json={"reason": "从版本库导入", "files": {"sla_policies.yaml": changed}},
        headers=admin(chuishao),
    )
    assert imported.status_code == 201, imported.text
    assert [c["entry"] for c in imported.json()["diff"]] == ["standard"]
    broken = await client.post(
        "/v1/reference/changesets/import",
        json={"reason": "坏文件", "files": {"categories.yaml": "items: [\n"}},
        headers=admin(chuishao),
    )
    assert "files.categories.yaml" in errors(broken)

    # Two change sets written against version 1: once one is approved the other must be written again.
    other = await client.post(
        "/v1/reference/changesets/import",
        json={"reason": "另一处修改", "files": {"sla_policies.yaml": changed.replace("minor: 50", "minor: 55", 1)}},
        headers=admin(chuishao),
    )
    assert other.status_code == 201
    ok = await client.post(
        f"/v1/reference/changesets/{imported.json()['id']}/approve", json={}, headers=admin(chuishao)
    )
    assert ok.status_code == 200 and ok.json()["rule_version"] == 1  # the rules did not change
    stale = await client.post(
        f"/v1/reference/changesets/{other.json()['id']}/approve", json={}, headers=admin(chuishao)
    )
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "base_version"
    listed = (await client.get(f"/v1/reference/changesets/{other.json()['id']}", headers=admin(chuishao))).json()
    assert listed["stale"] is True


async def test_a_second_admin_approves_when_the_city_asks_for_it(infra: Infra) -> None:
    async with system(infra, reference_second_admin=True) as chuishao:
        client = chuishao.dispatch.client
        content = (await in_force(chuishao))["content"]
        sla = copy.deepcopy(content["sla_policies"])
        sla["makeup_workdays"] = ["2027-02-20"]
        sla["holidays"] = ["2027-02-08"]
        proposed = await client.post(
            "/v1/reference/changesets", json={"reason": "2027 年调休", "content": {"sla_policies": sla}},
            headers=admin(chuishao, "admin-1"),
        )  # fmt: skip
        path = f"/v1/reference/changesets/{proposed.json()['id']}/approve"
        own = await client.post(path, json={}, headers=admin(chuishao, "admin-1"))
        assert own.status_code == 403 and own.json()["errors"][0]["field"] == "approver"
        second = await client.post(path, json={}, headers=admin(chuishao, "admin-2"))
        assert second.status_code == 200, second.text
        assert second.json()["version"] == 2
        trail = (await client.get("/v1/reference/audit", headers=admin(chuishao))).json()["items"]
        assert (trail[0]["action"], trail[0]["actor"], trail[0]["detail"]["author"]) == (
            "approved",
            "admin-2",
            "admin-1",
        )


async def first_event(chuishao: System, topic: str) -> dict[str, Any]:
    consumer = AIOKafkaConsumer(
        chuishao.dispatch.settings.topic(topic),
        bootstrap_servers=chuishao.dispatch.settings.kafka_bootstrap_servers,
        group_id=str(uuid.uuid4()),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:

        async def one() -> dict[str, Any] | None:
            batch = await consumer.getmany(timeout_ms=500)
            for messages in batch.values():
                for message in messages:
                    return json.loads(message.value)  # type: ignore[no-any-return]
            return None

        return await eventually(one, timeout=30)  # type: ignore[no-any-return]
    finally:
        await consumer.stop()


async def test_odd_input_is_refused_naming_the_field_never_a_server_error(chuishao: System) -> None:
    client = chuishao.dispatch.client
    odd: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/v1/reference/changesets", {"reason": "a\x00b", "content": {}}),
        ("POST", "/v1/reference/changesets", {"reason": "形状不对", "content": {"routing_rules": {"rules": 5}}}),
        (
            "POST",
            "/v1/reference/changesets",
            {"reason": "形状不对", "content": {"categories": {"items": [{"children": 3}]}}},
        ),
        ("POST", "/v1/reference/changesets", {"reason": "形状不对", "content": {"sla_policies": "x"}}),
        (
            "POST",
            "/v1/reference/changesets/import",
            {"reason": "坏键", "files": {"categories.yaml": "? [a, b]\n: c\n"}},
        ),
        ("POST", f"/v1/reference/changesets/{uuid.uuid4()}/approve", {"effective_at": "0001-01-01T00:00:00+14:00"}),
        ("POST", f"/v1/reference/changesets/{uuid.uuid4()}/dry-run", {"days": 10**12}),
        ("GET", "/v1/reference/versions/99999999999", {}),
        ("GET", "/v1/reference/versions/current?known=-1", {}),
        ("GET", "/v1/reference/changesets/not-a-uuid", {}),
        ("POST", "/v1/reference/versions/99999999999/restore", {"reason": "x"}),
    ]
    for method, path, body in odd:
        answer = await client.request(method, path, json=body or None, headers=admin(chuishao))
        assert 400 <= answer.status_code < 500, (path, body, answer.status_code, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json"), (path, answer.text)
    assert await count(chuishao.dispatch.settings, "reference_changesets") == 0
