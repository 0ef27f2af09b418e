"""A whistle's whole life across intake and dispatch, on a real database and a real broker."""

from __future__ import annotations

from support.factories import bearer, worker_token
from support.system import ASSIST, LEAD, System, case_of, dispatcher, eventually, file, liaison


async def test_report_is_dispatched_acknowledged_resolved_verified_and_closed(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token)
    case = await case_of(chuishao, token, report["id"], "dispatched")
    assert case["status"] == "dispatched"
    assert [(a["department"], a["role"]) for a in case["assignments"]] == [(LEAD, "lead"), (ASSIST, "assist")]
    assert case["rule_version"] == 1 and case["rule_id"] and "XY-WQ-WY" in case["routing_explanation"]
    assert case["report_ids"] == [report["id"]] and case["whistle_count"] == 1
    assert case["escalation_level"] == 0 and case["overdue"] is False
    path = f"/v1/cases/{case['id']}"

    ack = await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
    assert ack.status_code == 200, ack.text
    assert ack.json()["status"] == "acknowledged"
    again = await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
    assert again.status_code == 409 and again.json()["current_status"] == "acknowledged"
    resolved = await chuishao.dispatch.client.post(
        f"{path}/resolve",
        headers=liaison(chuishao, LEAD),
        json={"note": "已清理楼道杂物", "photos": ["https://img.example.cn/after.jpg"]},
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"

    await case_of(chuishao, token, report["id"], "resolved")
    verified = await chuishao.intake.client.post(
        f"/v1/reports/{report['id']}/verification",
        headers=bearer(token),
        json={"result": "fixed", "note": "现场核查已整改"},
    )
    assert verified.status_code == 202, verified.text
    closed = await case_of(chuishao, token, report["id"], "closed")
    assert closed["status"] == "closed"
    assert [t["type"] for t in closed["timeline"]][:2] == ["case.opened", "case.dispatched"]
    assert closed["timeline"][-1]["type"] == "case.closed"
    feedback = await chuishao.intake.client.post(
        f"/v1/reports/{report['id']}/feedback",
        headers=bearer(token),
        json={"satisfaction": "satisfied", "comment": "很及时"},
    )
    assert feedback.status_code == 202

    async def has_feedback() -> bool:
        case = (await chuishao.dispatch.client.get(path, headers=dispatcher(chuishao))).json()
        return bool(case["feedback"]) and case["feedback"]["satisfaction"] == "satisfied"

    await eventually(has_feedback)


async def test_not_fixed_reopens_with_rework_count(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token)
    case = await case_of(chuishao, token, report["id"], "dispatched")
    path = f"/v1/cases/{case['id']}"
    await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
    await chuishao.dispatch.client.post(
        f"{path}/resolve", json={"note": "done", "no_photo_reason": "nothing_visible"}, headers=liaison(chuishao, LEAD)
    )
    await case_of(chuishao, token, report["id"], "resolved")
    response = await chuishao.intake.client.post(
        f"/v1/reports/{report['id']}/verification",
        headers=bearer(token),
        json={"result": "not_fixed", "note": "杂物仍在"},
    )
    assert response.status_code == 202
    reopened = await case_of(chuishao, token, report["id"], "reopened")
    assert reopened["rework_count"] == 1
    assert {a["department"] for a in reopened["assignments"] if a["status"] == "pending"} == {LEAD, ASSIST}


async def test_unrouted_report_goes_to_triage_then_dispatcher_routes_and_return_moves_it_on(
    chuishao: System,
) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token, category="ORDER-DOG", description="小区内有人饲养大型犬未拴绳")
    case = await case_of(chuishao, token, report["id"], "triage")
    assert case["assignments"] == []
    path = f"/v1/cases/{case['id']}"
    routed = await chuishao.dispatch.client.post(
        f"{path}/route",
        headers=dispatcher(chuishao),
        json={"departments": ["XY-WQ-PCS", "XY-CGJ"], "reason": "犬只管理由派出所牵头"},
    )
    assert routed.status_code == 200, routed.text
    assert routed.json()["status"] == "dispatched"
    returned = await chuishao.dispatch.client.post(
        f"{path}/return", headers=liaison(chuishao, "XY-WQ-PCS"), json={"reason": "不属于本所职责"}
    )
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "triage"  # no rule names a next candidate for 犬只
    leads = [a for a in returned.json()["assignments"] if a["department"] == "XY-WQ-PCS"]
    assert leads[0]["status"] == "returned"


async def test_duplicate_reports_merge_into_one_case(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    first = await file(chuishao, token, description="3号楼2单元楼道堆放大量纸箱杂物")
    case = await case_of(chuishao, token, first["id"], "dispatched")
    second = await file(chuishao, token, description="3号楼2单元楼道堆放纸箱杂物，影响通行")
    merged = await case_of(chuishao, token, second["id"])
    assert merged["id"] == case["id"]
    assert merged["whistle_count"] == 2
    assert set(merged["report_ids"]) == {first["id"], second["id"]}


async def test_other_departments_get_404_and_bad_bodies_422(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token)
    case = await case_of(chuishao, token, report["id"], "dispatched")
    path = f"/v1/cases/{case['id']}"
    stranger = liaison(chuishao, "XY-WQ-PCS")
    assert (await chuishao.dispatch.client.get(path, headers=stranger)).status_code == 404
    for action, body in [
        ("acknowledge", {}),
        ("progress", {"note": "x"}),
        ("resolve", {"note": "x"}),
        ("return", {"reason": "x"}),
        ("extension", {"until": "2030-01-01T00:00:00Z", "reason": "x"}),
    ]:
        response = await chuishao.dispatch.client.post(f"{path}/{action}", json=body, headers=stranger)
        assert response.status_code == 404, (action, response.text)
    listed = (await chuishao.dispatch.client.get("/v1/cases", headers=stranger)).json()["items"]
    assert case["id"] not in [c["id"] for c in listed]
    other_district = dispatcher(chuishao, "FQ")
    assert (await chuishao.dispatch.client.get(path, headers=other_district)).status_code == 404
    bad = await chuishao.dispatch.client.post(f"{path}/return", json={"reason": ""}, headers=liaison(chuishao, LEAD))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "reason"
    wrong_role = await chuishao.dispatch.client.post(
        f"{path}/whistle", headers=liaison(chuishao, LEAD), json={"departments": ["XY-GPS"], "reason": "x"}
    )
    assert wrong_role.status_code == 403
    unknown = await chuishao.dispatch.client.post(
        f"{path}/whistle",
        headers=dispatcher(chuishao),
        json={"departments": ["NOPE"], "reason": "需要供水公司"},
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "departments.0"
    whistled = await chuishao.dispatch.client.post(
        f"{path}/whistle",
        headers=dispatcher(chuishao),
        json={"departments": ["XY-GPS"], "reason": "需要供水公司"},
    )
    assert whistled.status_code == 200 and whistled.json()["whistle_count"] == 2
    mine = (
        await chuishao.dispatch.client.get("/v1/cases?status=dispatched", headers=liaison(chuishao, "XY-GPS"))
    ).json()["items"]
    assert case["id"] in [c["id"] for c in mine]


async def test_a_matter_handled_on_site_becomes_a_closed_case(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token, handled_on_site=True, description="楼道杂物已现场清理")
    case = await case_of(chuishao, token, report["id"], "closed")
    assert case["status"] == "closed" and case["assignments"] == []
    assert [t["type"] for t in case["timeline"]] == ["case.opened", "case.closed"]
