"""办结 needs evidence (issue 27): at least one photo, or a reason from the fixed list why there can be
none; otherwise a 422 problem naming the field, and nothing changes."""

from __future__ import annotations

from support.factories import worker_token
from support.system import ASSIST, LEAD, System, case_of, file, liaison

PHOTO = "https://img.example.cn/after.jpg"


async def test_a_resolve_without_a_photo_or_a_listed_reason_is_refused_and_changes_nothing(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token)
    case = await case_of(chuishao, token, report["id"], "dispatched")
    path, lead = f"/v1/cases/{case['id']}", liaison(chuishao, LEAD)
    assert (await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=lead)).status_code == 200
    before = (await chuishao.dispatch.client.get(path, headers=lead)).json()

    for body, field in (
        ({"note": "已处理"}, "photos"),
        ({"note": "已处理", "photos": []}, "photos"),
        ({"note": "已处理", "no_photo_reason": "太忙了"}, "no_photo_reason"),
    ):
        refused = await chuishao.dispatch.client.post(f"{path}/resolve", json=body, headers=lead)
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in refused.json()["errors"]] == [field], refused.text
    after = (await chuishao.dispatch.client.get(path, headers=lead)).json()
    assert (after["status"], after["timeline"], after["assignments"]) == (
        before["status"],
        before["timeline"],
        before["assignments"],
    )

    resolved = await chuishao.dispatch.client.post(
        f"{path}/resolve", json={"note": "已上门调解", "no_photo_reason": "private_home"}, headers=lead
    )
    assert resolved.status_code == 200, resolved.text
    entry = resolved.json()["timeline"][-1]
    assert (entry["type"], entry["no_photo_reason"], entry["photos"]) == ("case.resolved", "private_home", [])
    # The assisting department never acknowledged: it is not marked done with the lead (issue 27).
    statuses = {a["department"]: a["status"] for a in resolved.json()["assignments"]}
    assert (statuses[LEAD], statuses[ASSIST]) == ("done", "pending")


async def test_a_photo_is_evidence_enough(chuishao: System) -> None:
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token)
    case = await case_of(chuishao, token, report["id"], "dispatched")
    path, lead = f"/v1/cases/{case['id']}", liaison(chuishao, LEAD)
    await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=lead)
    resolved = await chuishao.dispatch.client.post(
        f"{path}/resolve", json={"note": "已清理", "photos": [PHOTO]}, headers=lead
    )
    assert resolved.status_code == 200, resolved.text
    entry = resolved.json()["timeline"][-1]
    assert (entry["photos"], entry["no_photo_reason"]) == ([PHOTO], None)
