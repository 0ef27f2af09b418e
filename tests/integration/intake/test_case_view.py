"""A grid worker's report shows its case as dispatch moves it: departments, deadline and a timeline
built from the consumed case events, in order, without duplicates."""

from __future__ import annotations

from support.factories import bearer, worker_token
from support.infra import Infra
from support.system import LEAD, eventually, file, liaison, system


async def test_report_read_carries_the_case_departments_deadline_and_timeline(infra: Infra) -> None:
    async with system(infra) as chuishao:
        token = worker_token(chuishao.intake.settings)
        report = await file(chuishao, token)
        url = f"/v1/reports/{report['id']}"

        async def read(status: str) -> dict | None:
            body = (await chuishao.intake.client.get(url, headers=bearer(token))).json()
            return body if body["case_status"] == status else None

        dispatched = await eventually(lambda: read("dispatched"))
        case_id = dispatched["case_id"]
        assert LEAD in [a["department"] for a in dispatched["case"]["assignments"]]
        assert dispatched["case"]["resolve_due_at"]
        await chuishao.dispatch.client.post(
            f"/v1/cases/{case_id}/acknowledge", json={}, headers=liaison(chuishao, LEAD)
        )
        await chuishao.dispatch.client.post(
            f"/v1/cases/{case_id}/resolve",
            json={"note": "已清理完毕", "photos": ["https://img.example.cn/after.jpg"]},
            headers=liaison(chuishao, LEAD),
        )
        resolved = await eventually(lambda: read("resolved"))
        types = [e["type"] for e in resolved["timeline"]]
        assert types[:2] == ["opened", "dispatched"] and types[-2:] == ["acknowledged", "resolved"]
        assert len(types) == len(set(types))
        assert resolved["timeline"][-1]["note"] == "已清理完毕"
        assert resolved["timeline"][-1]["departments"] == [LEAD]
