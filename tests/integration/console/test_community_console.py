"""The community staff's console (社区工作台, GET /console/ on the community service) in real headless
Chromium against the real community service behind uvicorn on a real PostgreSQL and broker. One staff
person works through the screens: confirms a member, records a need, confirms a pending claim and a done
need; creates an activity and shows its check-in QR code; drives a 议事 topic from setting it through a
meeting without residents (the console names the missing party), a quorate one, a decision and a task to
the review; issues a certificate, and sees units, orders and projects. Screenshots at a desk's 1440×900
(and the needs board at a phone's 390×844) go to test-artifacts/community-console-*.png."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from integration.console.conftest import DESK, PHONE

from chuishao_community.bootstrap import MIGRATIONS, CommunitySettings, build_app
from chuishao_shared.auth import mint_token
from support.community import (
    COMMUNITY,
    GRID,
    active_volunteer,
    keyed,
    member_body,
    need_body,
    signed_unit,
    staff,
    volunteer,
)
from support.console import ARTIFACTS
from support.infra import Infra
from support.services import serving, start_service

PHOTO = "a" * 64


@contextlib.asynccontextmanager
async def served_community(infra: Infra) -> AsyncIterator[tuple[str, Any, httpx.AsyncClient]]:
    settings, app = await start_service(
        infra,
        CommunitySettings,
        build_app,
        MIGRATIONS,
        community_sweep_seconds=3600.0,
        community_whistle_seconds=3600.0,
        community_topic_seconds=3600.0,
    )
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield url, settings, client


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(120)
    await page.screenshot(path=str(ARTIFACTS / f"community-console-{name}.png"), full_page=True)


async def _no_horizontal_scroll(page: Any) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= await page.evaluate("window.innerWidth"), f"page is {width}px wide"


async def _seed(client: httpx.AsyncClient, settings: Any) -> dict[str, Any]:
    """What a staff person finds on a Monday: an applied member, a claim waiting, a need reported done,
    a unit with an order, a project."""
    s = staff(settings)
    applied = await client.post(
        "/v1/members", json=member_body(name="周晓梅", phone="13911112222"), headers=keyed(volunteer(settings))
    )
    assert applied.status_code == 201, applied.text
    helper, member_id = await active_volunteer(client, settings)
    now = datetime.now(UTC)
    waiting = (
        await client.post(
            "/v1/needs",
            json=need_body(title="陪独居老人去医院复查", kind="wish", privacy="staff_confirms", urgency="urgent"),
            headers=keyed(s),
        )
    ).json()
    claimed = await client.post(f"/v1/needs/{waiting['id']}/claim", json={}, headers=keyed(helper))
    assert claimed.json()["claims"][0]["status"] == "pending", claimed.text
    done = (
        await client.post(
            "/v1/needs",
            json=need_body(title="帮老人换灯泡", wanted_by=(now + timedelta(days=1)).isoformat()),
            headers=keyed(s),
        )
    ).json()
    for step, body in (("claim", {}), ("start", {}), ("done", {"note": "已换好", "photos": [PHOTO], "hours": 1.5})):
        answer = await client.post(f"/v1/needs/{done['id']}/{step}", json=body, headers=keyed(helper))
        assert answer.status_code == 200, answer.text
    for title in ("楼道扶手松动", "代取快递"):
        await client.post("/v1/needs", json=need_body(title=title, urgency="normal"), headers=keyed(s))
    unit = await signed_unit(client, settings)
    order = await client.post(
        "/v1/orders",
        json={
            "title": "周六楼道清扫",
            "items": [{"name": "志愿者", "quantity": 10, "measure": "人"}],
            "needed_by": (now + timedelta(days=2)).isoformat(),
        },
        headers=keyed(s),
    )
    assert order.status_code == 201, order.text
    contact = {"Authorization": "Bearer " + mint_token(settings, sub="unit-contact", role="unit_contact", unit=unit)}
    answer = await client.post(
        f"/v1/orders/{order.json()['id']}/responses",
        json={"unit": unit, "items": [{"name": "志愿者", "quantity": 6, "measure": "人"}], "note": "6人"},
        headers=keyed(contact),
    )
    assert answer.status_code == 201, answer.text
    project = await client.post(
        "/v1/projects",
        json={
            "title": "老旧小区加装扶手",
            "goal": "12个单元加装扶手",
            "period_from": str((now - timedelta(days=30)).date()),
            "period_to": str((now + timedelta(days=60)).date()),
            "units": [unit],
            "status": "active",
        },
        headers=keyed(s),
    )
    assert project.status_code == 201, project.text
    progress = await client.post(
        f"/v1/projects/{project.json()['id']}/progress",
        json={"note": "完成3个单元的扶手安装", "people_served": 86},
        headers=keyed(s),
    )
    assert progress.status_code == 201, progress.text
    activity = await client.post(
        "/v1/activities",
        json={
            "title": "敬老院探访",
            "starts_at": (now + timedelta(minutes=10)).isoformat(),
            "ends_at": (now + timedelta(hours=2)).isoformat(),
            "place": {"name": "东城敬老院"},
            "slots": [{"code": "visit", "capacity": 5}],
        },
        headers=keyed(s),
    )
    assert activity.status_code == 201, activity.text
    signed = await client.post(
        f"/v1/activities/{activity.json()['id']}/signups", json={"slot": "visit"}, headers=keyed(helper)
    )
    assert signed.status_code == 201, signed.text
    return {
        "applied": applied.json()["id"],
        "member": member_id,
        "waiting": waiting["id"],
        "done": done["id"],
        "activity": activity.json()["id"],
    }


async def _need(client: httpx.AsyncClient, settings: Any, need_id: str) -> dict[str, Any]:
    return (await client.get(f"/v1/needs/{need_id}", headers=staff(settings))).json()  # type: ignore[no-any-return]


async def test_a_staff_person_works_the_community_console(infra: Infra, browser: Any) -> None:
    async with served_community(infra) as (url, settings, client):
        seeded = await _seed(client, settings)
        jwt = mint_token(settings, sub=f"staff-{uuid.uuid4().hex[:6]}", role="community_staff", community=COMMUNITY)
        context = await browser.new_context(viewport=DESK, locale="zh-CN")
        page = await context.new_page()
        page.on("dialog", lambda d: d.accept())
        await page.goto(f"{url}/console/#token={jwt}")
        cards = page.locator("article.card[data-need-id]")
        await cards.first.wait_for(timeout=10_000)
        assert "token" not in page.url
        titles = await cards.locator(".cat").all_inner_texts()
        assert titles[0] == "陪独居老人去医院复查"  # urgent first, then by the wanted-by date
        assert titles[1] == "帮老人换灯泡"
        await _no_horizontal_scroll(page)
        await _shot(page, "needs-desk")
        await page.click('[data-filter="claims"]')  # the claims waiting for staff
        await page.locator(f'article.card[data-need-id="{seeded["done"]}"]').wait_for(state="detached")
        assert await cards.locator(".cat").all_inner_texts() == ["陪独居老人去医院复查"]

        phone = await (await browser.new_context(viewport=PHONE, locale="zh-CN")).new_page()
        await phone.goto(f"{url}/console/#token={jwt}")
        await phone.locator("article.card[data-need-id]").first.wait_for(timeout=10_000)
        await _no_horizontal_scroll(phone)
        await _shot(phone, "needs-phone")
        await phone.context.close()

        # members: the applied one is confirmed
        await page.click('[data-nav="members"]')
        row = page.locator(f'tr[data-member-id="{seeded["applied"]}"]')
        await row.locator('[data-action="confirm-member"]').click()
        await page.locator(".notice.ok").wait_for()
        member = (await client.get(f"/v1/members/{seeded['applied']}", headers=staff(settings))).json()
        assert member["status"] == "active"
        await page.click('[data-filter="active"]')
        await page.locator(f'tr[data-member-id="{seeded["applied"]}"]').wait_for()
        await _shot(page, "members-desk")

        # a pending claim confirmed, with the resident's contact shown to staff
        await page.goto(f"{url}/console/#/need/{seeded['waiting']}")
        await page.locator('[data-action="confirm-claim"]').click()
        await page.locator(".claim.cl-confirmed").wait_for()
        assert "13800001111" in await page.locator(".resident").inner_text()
        assert (await _need(client, settings, seeded["waiting"]))["claims"][0]["status"] == "confirmed"

        # a done need confirmed with the resident's satisfaction
        await page.goto(f"{url}/console/#/need/{seeded['done']}")
        await page.click('[data-action="confirm"]')
        await page.select_option('form[data-form="confirm"] select', "basically_satisfied")
        await page.click('form[data-form="confirm"] button[type="submit"]')
        await page.locator("#need-status .st-confirmed").wait_for()
        assert (await _need(client, settings, seeded["done"]))["satisfaction"] == "basically_satisfied"
        await _shot(page, "need-desk")

        # a need recorded on a resident's behalf
        await page.goto(f"{url}/console/#/new-need")
        form = page.locator('form[data-form="need"]')
        await form.locator('[name="title"]').fill("为行动不便老人代购药品")
        await form.locator('[name="grid"]').fill(GRID)
        await form.locator('[name="resident_name"]').fill("刘阿婆")
        await form.locator('[name="resident_phone"]').fill("13700002222")
        await form.locator('input[name="skills"]').first.check()
        await form.locator('button[type="submit"]').click()
        await page.locator("section.need").wait_for()
        assert "刘阿婆" in await page.locator(".resident").inner_text()

        # the organiser marks a member in
        await page.goto(f"{url}/console/#/activity/{seeded['activity']}")
        await page.locator(f'tr[data-member="{seeded["member"]}"] [data-action="mark-in"]').click()
        await page.locator(f'tr[data-member="{seeded["member"]}"] [data-action="mark-out"]').wait_for()
        assert "李建国" in await page.locator("section.activity table").inner_text()
        await _shot(page, "activity-desk")

        # an activity with a skill slot, and its check-in QR code full screen
        await page.click('[data-nav="activities"]')
        form = page.locator('form[data-form="activity"]')
        await form.locator('[name="title"]').fill("周六楼道大扫除")
        await form.locator('[name="place"]').fill("3号楼前")
        await form.locator('[name="slot_skill"]').select_option(index=1)
        await form.locator('button[type="submit"]').click()
        await page.locator("section.activity").wait_for()
        await page.click('[data-action="show-qr"]')
        qr = page.locator("canvas#qr")
        await qr.wait_for()
        assert int(await qr.get_attribute("data-modules") or 0) >= 21
        assert await qr.get_attribute("data-code")
        await _shot(page, "qr-desk")

        for screen in ("units", "orders", "projects"):
            await page.goto(f"{url}/console/#/{screen}")
            await page.locator(f'#view[data-screen="{screen}"]').wait_for()
            await _shot(page, f"{screen}-desk")

        # a certificate over the confirmed need's hours; a wrong number is told in Chinese
        await page.goto(f"{url}/console/#/certificates")
        form = page.locator('form[data-form="certificate"]')
        await form.locator("select").select_option(seeded["member"])
        await form.locator('button[type="submit"]').click()
        await page.locator("tr[data-number] [data-action='print']").wait_for()
        check = page.locator('form[data-form="check"]')
        await check.locator("input").fill("XY-2026-0001-ZZ9")
        await check.locator('button[type="submit"]').click()
        await check.locator(".error", has_text="找不到：证明编号").wait_for()  # the 404 problem, in the page's language
        await _shot(page, "certificates-desk")

        await _topic(page, url, client, settings)
        await context.close()


async def _topic(page: Any, url: str, client: httpx.AsyncClient, settings: Any) -> None:
    """议事 through its five screens."""
    await page.goto(f"{url}/console/#/topics")
    form = page.locator('form[data-form="new-topic"]')
    await form.locator('[name="title"]').fill("电动车楼道充电")
    await form.locator('[name="question"]').fill("如何解决电动车在楼道充电的安全隐患？")
    await form.locator('button[type="submit"]').click()
    await page.locator('section.topic[data-screen="collect"]').wait_for()
    await _shot(page, "topic-collect-desk")

    form = page.locator('form[data-form="set"]')
    for party, names in (
        ("committee", "张书记"),
        ("party_member", "李党员"),
        ("resident", "王居民、赵居民"),
        ("stakeholder", "物业经理"),
    ):
        await form.locator(f'[name="participants-{party}"]').fill(names)
    await form.locator('button[type="submit"]').click()
    await page.locator('section.topic[data-screen="topic"][data-step="topic"]').wait_for()
    await _shot(page, "topic-set-desk")

    # a meeting without the residents: not quorate, the console says who is missing
    form = page.locator('form[data-form="meeting"]')
    for box in await form.locator('fieldset[data-party="resident"] input[type="checkbox"]').all():
        await box.uncheck()
    await form.locator('button[type="submit"]').click()
    missing = page.locator(".meeting.not-quorate .missing")
    await missing.wait_for()
    assert "居民代表" in await missing.inner_text()
    assert await page.locator('form[data-form="decision"]').count() == 0
    async with page.context.expect_page() as opened:  # the printable minutes, fetched with the staff's token
        await page.locator('.meeting.not-quorate [data-action="minutes"]').click()
    minutes = await opened.value
    await minutes.wait_for_url(lambda address: address.startswith("blob:"))
    await minutes.wait_for_load_state()
    assert "会议纪要" in await minutes.content() and "缺席" in await minutes.content()
    await _shot(minutes, "minutes")
    await minutes.close()
    await _shot(page, "topic-not-quorate-desk")

    form = page.locator('form[data-form="meeting"]')
    await form.locator('[name="options"]').fill("集中充电棚：15、维持现状：2")
    await form.locator('button[type="submit"]').click()
    await page.locator(".meeting.quorate").wait_for()
    form = page.locator('form[data-form="decision"]')
    await form.locator('[name="decision"]').fill("在小区东侧建集中充电棚，楼道禁止充电")
    await form.locator('[name="owner"]').fill("物业经理")
    await form.locator('button[type="submit"]').click()
    await page.locator("table.decisions tbody tr").wait_for()
    await _shot(page, "topic-deliberate-desk")

    await page.click('[data-action="to-implement"]')
    form = page.locator('form[data-form="action"]')
    await form.locator('[name="owner"]').fill("物业经理")
    await form.locator('button[type="submit"]').click()
    await page.locator('section.topic[data-step="implement"] tr.action').wait_for()
    await _shot(page, "topic-implement-desk")
    await page.click('[data-action="task-done"]')
    await page.locator('section.topic[data-step="review"][data-screen="review"]').wait_for()

    form = page.locator('form[data-form="review"]')
    await form.locator('[name="satisfaction"]').select_option("satisfied")
    await form.locator('button[type="submit"]').click()
    await page.locator('section.topic[data-step="closed"] dl.review').wait_for()
    timeline = await page.locator(".timeline").inner_text()
    assert "召开会议" in timeline and "监督评审" in timeline
    topics = (await client.get("/v1/topics", headers=staff(settings))).json()["items"]
    assert topics[0]["step"] == "closed" and topics[0]["progress"] == 1
    await _shot(page, "topic-review-desk")
    await page.click('[data-nav="topics"]')
    await page.click('[data-filter="closed"]')
    await page.locator("article.card[data-topic-id]").wait_for()
    await _shot(page, "topics-desk")
    await page.click("article.card[data-topic-id] a.card-main")

    # English on the same screen: the words, and the missing party's name
    await page.click("#lang")
    await page.locator('section.topic[data-step="closed"]').wait_for()
    await page.click('[data-step="deliberate"]')
    await page.locator('section.topic[data-screen="deliberate"]').wait_for()
    assert "Missing: Residents" in await page.locator(".meeting.not-quorate .missing").inner_text()
    await _shot(page, "topic-deliberate-desk-en")
