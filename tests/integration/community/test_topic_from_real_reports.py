"""议事 from real reports to a review, with nothing published by hand (intake, dispatch and community
in-process on one set of topics, real PostgreSQL, real broker): three grid workers' reports of one 小类
open three real cases, which make a hotspot; the topic is set, deliberated by a quorate meeting and
decided; its case action is filed through intake and opens a real case that carries the topic's id on
its timeline; the lead liaison acknowledges and resolves it, the 核查 closes it and the action is done;
the need action is claimed, done and confirmed by staff; the review closes the topic."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from support.community import COMMUNITY, active_volunteer, community_service, keyed, need_body, staff
from support.factories import bearer, worker_token
from support.infra import Infra
from support.services import RunningService
from support.system import System, case_of, dispatcher, eventually, file, liaison, system

HOTSPOT = "ENV-STAIRWELL-DIRTY"
GRIDS = ["XY-WQ-WY-G01", "XY-WQ-WY-G02", "XY-WQ-WY-G03"]
PEOPLE = [
    {"party": "committee", "name": "张书记"},
    {"party": "party_member", "person": "pm-sub-1"},
    {"party": "resident", "name": "欧阳璟琰"},
    {"party": "stakeholder", "name": "物业经理赵某"},
]


@pytest.fixture
async def chain(infra: Infra) -> AsyncIterator[tuple[System, RunningService]]:
    async with system(infra) as both:
        prefix = both.dispatch.settings.topic_prefix
        async with community_service(
            infra, topic_prefix=prefix, community_hotspot_cases=3, community_topic_seconds=3600.0
        ) as community:
            community.app.state.filings.transport = httpx.ASGITransport(app=both.intake.app)
            yield both, community


async def test_a_topic_from_a_hotspot_of_real_reports_to_a_review(chain: tuple[System, RunningService]) -> None:
    chuishao, community = chain
    client, s = community.client, community.settings
    boss = staff(s)

    # 收集: three workers' real reports in three grids of one community open three real cases.
    cases = []
    for grid in GRIDS:
        token = worker_token(chuishao.intake.settings, grids=[grid])
        report = await file(
            chuishao, token, grid=grid, category=HOTSPOT, description=f"{grid} 楼道堆放杂物", place={}, photos=[]
        )
        cases.append((await case_of(chuishao, token, report["id"]))["id"])

    async def hotspot() -> dict[str, Any] | None:
        listed = await client.get("/v1/topics", params={"step": "collect"}, headers=boss)
        found = [t for t in listed.json()["items"] if t["origin"] == "hotspot"]
        return found[0] if found else None

    topic = await eventually(hotspot, timeout=30)
    assert {e["id"] for e in topic["evidence"]} == set(cases)
    tid = topic["id"]

    # 确定议题, 协商议事: a quorate meeting decides.
    body = {"question": "楼道堆物反复出现，怎么根治？", "participants": PEOPLE}
    assert (await client.post(f"/v1/topics/{tid}/set", json=body, headers=keyed(boss))).status_code == 200
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    meeting = {"at": at, "place": "社区议事厅", "agenda": ["清理方案"], "attendance": PEOPLE}
    held = await client.post(f"/v1/topics/{tid}/meetings", json=meeting, headers=keyed(boss))
    assert held.status_code == 201 and held.json()["quorate"] is True, held.text
    due = (datetime.now(UTC) + timedelta(days=14)).isoformat()
    decision = {"item": "清理方案", "decision": "物业集中清运，居民不再堆物", "owner": "物业", "due": due}
    decided = await client.post(f"/v1/topics/{tid}/decisions", json=decision, headers=keyed(boss))
    assert decided.status_code == 201, decided.text

    # 分流落实: a case filed through intake, and a need here.
    action = {"kind": "case", "category": "FAC-SEWER-BLOCKED", "grid": GRIDS[0], "description": "楼道下水堵塞"}
    assert (await client.post(f"/v1/topics/{tid}/actions", json=action, headers=keyed(boss))).status_code == 201
    need = need_body(resident={"name": "王秀珍", "phone": "13800001111"}, privacy="open")
    answered = await client.post(f"/v1/topics/{tid}/actions", json={"kind": "need", "need": need}, headers=keyed(boss))
    assert answered.status_code == 201, answered.text
    need_id = answered.json()["actions"][1]["need_id"]
    assert await community.app.state.filings.file_due() == 1
    report_id = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()["actions"][0]["report_id"]

    # The real case carries the topic on its timeline.
    reporter = worker_token(chuishao.intake.settings, grids=[GRIDS[0]], sub="svc-community")
    case = await case_of(chuishao, reporter, report_id, "dispatched")
    assert case["topic_ids"] == [tid]
    assert case["timeline"][0]["type"] == "case.opened" and case["timeline"][0]["topic_id"] == tid
    lead = next(a["department"] for a in case["assignments"] if a["role"] == "lead")

    # 监督: the lead acknowledges and resolves, the 核查 closes the case, and the action is done by it.
    path = f"/v1/cases/{case['id']}"
    ack = await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, lead))
    assert ack.status_code == 200, ack.text
    resolved = await chuishao.dispatch.client.post(
        f"{path}/resolve",
        json={"note": "已疏通下水管道", "photos": ["https://img.example.cn/after.jpg"]},
        headers=liaison(chuishao, lead),
    )
    assert resolved.status_code == 200, resolved.text
    await case_of(chuishao, reporter, report_id, "resolved")
    verified = await chuishao.intake.client.post(
        f"/v1/reports/{report_id}/verification", json={"result": "fixed"}, headers=bearer(reporter)
    )
    assert verified.status_code == 202, verified.text

    async def case_action_done() -> dict[str, Any] | None:
        seen = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
        return seen if seen["actions"][0]["status"] == "done" else None

    seen = await eventually(case_action_done, timeout=30)
    assert seen["progress"] == 0.5 and seen["actions"][0]["done_by"] == "case.closed"
    assert seen["actions"][0]["case_id"] == case["id"]

    # The need is claimed, done and confirmed by staff: the last action.
    helper, _ = await active_volunteer(client, s)
    for step, who, step_body in (
        ("claim", helper, {}),
        ("start", helper, {}),
        ("done", helper, {"note": "已完成", "hours": 1}),
        ("confirm", boss, {"satisfaction": "satisfied"}),
    ):
        answer = await client.post(f"/v1/needs/{need_id}/{step}", json=step_body, headers=keyed(who))
        assert answer.status_code == 200, (step, answer.text)
    seen = (await client.get(f"/v1/topics/{tid}", headers=boss)).json()
    assert seen["progress"] == 1 and seen["step"] == "review"

    # 评审.
    review = {"result": "resolved", "satisfaction": "satisfied"}
    reviewed = await client.post(f"/v1/topics/{tid}/review", json=review, headers=keyed(boss))
    assert reviewed.status_code == 200 and reviewed.json()["step"] == "closed", reviewed.text
    kinds = [entry["type"] for entry in reviewed.json()["timeline"]]
    assert "case.closed" in kinds and kinds.count("action.done") == 2

    # The dispatcher's view of the case names the topic; the community is the one in scope.
    read = await chuishao.dispatch.client.get(path, headers=dispatcher(chuishao))
    assert read.json()["topic_ids"] == [tid] and read.json()["community"] == COMMUNITY
    assert uuid.UUID(tid)
