"""The one-tap 签收 page (issue 25 item 3) on dispatch with intake producing the cases, a real PostgreSQL
and broker: the link's GET changes nothing; its POST acknowledges for the person's department with that
person (found in the directory by their WeCom id) as the actor; used twice, expired, the case already
acknowledged, the person deactivated or of another department, a link altered: a clear page saying
which, and nothing changed. Screenshots at a phone's size (390×844) under test-artifacts/."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from chuishao_shared.ack_links import DEVELOPMENT_SECRET, AckClaims, new_jti, sign
from chuishao_shared.auth import mint_token
from support.browser import CHROMIUM, shared_browser
from support.factories import bearer, worker_token
from support.infra import Infra
from support.system import LEAD, System, case_of, file, system

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
SECRET = DEVELOPMENT_SECRET.encode()  # the test settings are not production


def link(case_id: str, user: str, *, department: str = LEAD, expires_in: float = 600) -> str:
    claims = AckClaims(case_id, department, department, "m-a", "wecom", user, int(time.time() + expires_in), new_jti())
    return f"/ack/{sign(SECRET, claims)}"


async def add_person(s: System, wecom: str, department: str = LEAD) -> dict[str, Any]:
    admin = bearer(mint_token(s.dispatch.settings, sub="admin-1", role="admin"))
    body = {
        "name": "王值班",
        "subject": f"sub-{uuid.uuid4().hex[:8]}",
        "phone": "13800138000",
        "wecom_user_id": wecom,
        "roles": [{"role": "liaison", "department": department}],
        "reason": "on the roster",
    }
    answer = await s.dispatch.client.post("/v1/people", json=body, headers=admin)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def deactivate(s: System, person_id: str) -> None:
    admin = bearer(mint_token(s.dispatch.settings, sub="admin-1", role="admin"))
    answer = await s.dispatch.client.post(f"/v1/people/{person_id}/deactivate", json={"reason": "left"}, headers=admin)
    assert answer.status_code == 200, answer.text


async def lead_assignment(s: System, case_id: str) -> dict[str, Any]:
    token = bearer(mint_token(s.dispatch.settings, sub="d-1", role="dispatcher", jurisdiction="XY"))
    case = (await s.dispatch.client.get(f"/v1/cases/{case_id}", headers=token)).json()
    return next(a for a in case["assignments"] if a["department"] == LEAD)


async def new_case(s: System) -> str:
    token = worker_token(s.intake.settings)
    return str((await case_of(s, token, (await file(s, token))["id"]))["id"])


async def test_one_tap_acknowledges_once_and_every_refusal_changes_nothing(infra: Infra) -> None:
    async with system(infra, duplicate_window_minutes=0) as s:
        person = await add_person(s, f"wx-{uuid.uuid4().hex[:6]}")
        other = await add_person(s, f"wx-{uuid.uuid4().hex[:6]}", department="XY-WQ-WY-JWH")
        case_id = await new_case(s)
        tap = link(case_id, person["wecom_user_id"])
        client = s.dispatch.client

        shown = await client.get(tap)
        assert shown.status_code == 200 and "请确认签收" in shown.text and "Confirm" in shown.text
        assert 'method="post"' in shown.text and shown.headers["cache-control"] == "no-store"
        assert "13800138000" not in shown.text and "王值班" not in shown.text
        assert (await lead_assignment(s, case_id))["status"] == "pending"  # looking changes nothing

        done = await client.post(tap)
        assert done.status_code == 200 and "已签收" in done.text and "Acknowledged" in done.text
        assignment = await lead_assignment(s, case_id)
        assert assignment["status"] == "acknowledged"
        case = (
            await client.get(
                f"/v1/cases/{case_id}",
                headers=bearer(mint_token(s.dispatch.settings, sub="d", role="dispatcher", jurisdiction="XY")),
            )
        ).json()
        acks = [e for e in case["timeline"] if e["type"] == "case.acknowledged"]
        assert len(acks) == 1 and acks[0]["actor"] == person["subject"] and acks[0]["department"] == LEAD

        again = await client.post(tap)
        assert again.status_code == 409 and "已使用" in again.text and "used" in again.text
        assert "已使用" in (await client.get(tap)).text

        fresh = await client.post(link(case_id, person["wecom_user_id"]))
        assert fresh.status_code == 409 and "已签收" in fresh.text and "already acknowledged" in fresh.text

        # Each refusal below is on a case still waiting: it stays waiting.
        waiting = await new_case(s)
        expired = await client.post(link(waiting, person["wecom_user_id"], expires_in=-1))
        assert expired.status_code == 410 and "过期" in expired.text and "expired" in expired.text
        altered = link(waiting, person["wecom_user_id"])[:-3] + "AAA"
        broken = await client.post(altered)
        assert broken.status_code == 400 and "无效" in broken.text
        elsewhere = await client.post(link(waiting, other["wecom_user_id"]))
        assert elsewhere.status_code == 403 and "不在该部门" in elsewhere.text
        unknown = await client.post(link(waiting, "wx-nobody"))
        assert unknown.status_code == 403
        pending_link = link(waiting, person["wecom_user_id"])
        await deactivate(s, person["id"])
        gone = await client.post(pending_link)
        assert gone.status_code == 403 and "no longer on duty" in gone.text
        assert (await lead_assignment(s, waiting))["status"] == "pending"
        assert len(acks) == 1


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
async def test_the_page_at_a_phones_size(infra: Infra) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with system(infra, duplicate_window_minutes=0) as s:
        person = await add_person(s, f"wx-{uuid.uuid4().hex[:6]}")
        case_id = await new_case(s)
        tap = link(case_id, person["wecom_user_id"])
        client = s.dispatch.client

        async def through_the_app(route: Any) -> None:
            request = route.request
            answer = await client.request(
                request.method,
                httpx.URL(request.url).raw_path.decode(),
                content=request.post_data_buffer,
                headers={k: v for k, v in request.headers.items() if k.lower() in ("content-type",)},
            )
            await route.fulfill(status=answer.status_code, headers=dict(answer.headers), body=answer.content)

        async with shared_browser() as browser:
            page = await browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            await page.route("http://testserver/**", through_the_app)
            await page.goto(f"http://testserver{tap}")
            await page.screenshot(path=str(ARTIFACTS / "ack-phone-confirm.png"))
            await page.get_by_role("button").click()
            await page.wait_for_selector("text=已签收")
            await page.screenshot(path=str(ARTIFACTS / "ack-phone-done.png"))
            await page.goto(f"http://testserver{tap}")
            await page.screenshot(path=str(ARTIFACTS / "ack-phone-used.png"))
        assert (await lead_assignment(s, case_id))["status"] == "acknowledged"
