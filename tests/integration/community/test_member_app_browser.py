"""The members' app (志愿者手机端, community /app/) in real headless Chromium (Debian's, driven by
Playwright) at a phone's viewport, against the community service and intake's photo API behind uvicorn
on real PostgreSQL and the broker: a volunteer reports in (报到), staff confirm; the volunteer sees the
need that matches their skills (not the one that does not), never the resident's contact before their
claim is confirmed, claims, starts and reports done with a photo uploaded to intake; offline, a sign-up
is queued (the app reopened offline from its service worker), shown as waiting and sent exactly once
when the network returns; they check in to the activity by typing the organiser's QR code and read
their hours and certificate.
Screenshots (390×844, and 1440×900) go to test-artifacts/member-app-*.png."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from chuishao_community.bootstrap import MIGRATIONS as COMMUNITY_MIGRATIONS
from chuishao_community.bootstrap import CommunitySettings
from chuishao_community.bootstrap import build_app as build_community
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.browser import CHROMIUM, shared_browser
from support.community import COMMUNITY, GRID, keyed, need_body, staff
from support.db import count
from support.infra import Infra, unique
from support.services import free_port, serving, start_service

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}
RESIDENT_NAME, RESIDENT_PHONE = "王秀珍", "13800001111"
# Not registered yet (GET /v1/members/me is 404), and the network cut on purpose.
EXPECTED = re.compile(r"status of 404|ERR_INTERNET_DISCONNECTED")


@dataclass
class Served:
    url: str  # community, behind uvicorn
    settings: Settings
    api: httpx.AsyncClient
    intake_settings: Settings


@pytest.fixture
async def served(infra: Infra, tmp_path: Path) -> AsyncIterator[Served]:
    prefix = unique("t") + "."
    port = free_port()
    async with contextlib.AsyncExitStack() as stack:
        intake_settings, intake_app = await start_service(
            infra,
            IntakeSettings,
            build_intake,
            INTAKE_MIGRATIONS,
            topic_prefix=prefix,
            photo_dir=str(tmp_path / "photos"),
            cors_origins=f"http://127.0.0.1:{port}",  # the members' app uploads its photos here
        )
        intake_url = await stack.enter_async_context(serving(intake_app))
        settings, app = await start_service(
            infra,
            CommunitySettings,
            build_community,
            COMMUNITY_MIGRATIONS,
            topic_prefix=prefix,
            community_sweep_seconds=3600.0,
            community_whistle_seconds=3600.0,
            community_photo_origin=intake_url,
        )
        url = await stack.enter_async_context(serving(app, port))
        api = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=10))
        yield Served(url, settings, api, intake_settings)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with shared_browser() as browser:
        yield browser


async def shot(page: Any, name: str, *, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"member-app-{name}.png"), full_page=full)


async def _api(served: Served, method: str, path: str, headers: dict[str, str], **kwargs: Any) -> Any:
    response = await served.api.request(method, path, headers=keyed(headers), **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


async def test_a_member_reports_in_helps_a_resident_checks_in_and_reads_their_hours(
    served: Served, browser: Any, tmp_path: Path
) -> None:
    s, as_staff = served.settings, staff(served.settings)
    now = datetime.now(UTC).replace(microsecond=0)
    need = await _api(
        served, "POST", "/v1/needs", as_staff, json=need_body(privacy="staff_confirms", title="帮独居老人买米面油")
    )
    other = await _api(served, "POST", "/v1/needs", as_staff, json=need_body(title="咨询遗嘱公证", skills=["legal"]))
    activity_body = {
        "title": "周六敬老院陪护",
        "description": "陪老人聊天、打扫卫生",
        "starts_at": (now + timedelta(minutes=10)).isoformat(),
        "ends_at": (now + timedelta(hours=2)).isoformat(),
        "place": {"name": "县敬老院"},
        "slots": [{"code": "companions", "capacity": 3, "skill": "companionship"}, {"code": "helpers", "capacity": 5}],
    }
    activity = await _api(served, "POST", "/v1/activities", as_staff, json=activity_body)
    sub = unique("volunteer")
    token = mint_token(s, sub=sub, role="volunteer", community=COMMUNITY)

    context = await browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and not EXPECTED.search(m.text) else None)
    try:
        # 报到: the form, then the registration waiting for staff.
        await page.goto(f"{served.url}/app/#token={token}")
        await page.wait_for_selector("body[data-ready=yes]", timeout=10000)
        assert "#token" not in page.url
        await page.fill("#register input[name=name]", "李建国")
        await page.fill("#register input[name=phone]", "13912345678")
        await page.fill("#register input[name=work_unit]", "县教育局")
        await page.check("#party_member")
        await page.select_option("#grid", GRID)
        for skill in ("errands", "companionship"):
            await page.click(f"#skills input[value={skill}] + span", timeout=5000)
        await shot(page, "register")
        await page.click("#register-submit")
        await page.wait_for_selector("#view-me:not([hidden]) .st-applied")
        members = (await served.api.get("/v1/members?status=applied", headers=as_staff)).json()["items"]
        member = next(m for m in members if m["name"] == "李建国" and m["grid"] == GRID)
        await _api(served, "POST", f"/v1/members/{member['id']}/confirm", as_staff)

        # Needs near me: the one matching my skills, not the lawyer's; no resident before a confirmed claim.
        await page.reload()
        await page.wait_for_selector("body[data-ready=yes]")
        await page.wait_for_selector(f"#needs [data-id='{need['id']}']")
        assert await page.locator(f"#needs [data-id='{other['id']}']").count() == 0
        assert await page.locator("#who .st-active").count() == 1
        await shot(page, "needs")
        await page.click(f"#needs [data-id='{need['id']}']")
        await page.wait_for_selector("#resident-locked")
        body = await page.inner_text("body")
        assert RESIDENT_NAME not in body and RESIDENT_PHONE not in body
        await page.click("#claim")
        await page.wait_for_selector("#need .st-pending")
        body = await page.inner_text("body")
        assert RESIDENT_NAME not in body and RESIDENT_PHONE not in body, "contact shown before the claim is confirmed"
        await shot(page, "claimed")
        claimed = (await served.api.get(f"/v1/needs/{need['id']}", headers=as_staff)).json()
        claim_id = claimed["claims"][-1]["id"]
        await _api(served, "POST", f"/v1/needs/{need['id']}/claims/{claim_id}/confirm", as_staff)

        # Confirmed: the resident shows; start, then done with a note, the hours and a photo (to intake).
        await page.click("#back")
        await page.click(f"#claims [data-id='{need['id']}']")
        await page.wait_for_selector("#resident")
        assert RESIDENT_NAME in await page.inner_text("#resident")
        await page.click("#start")
        await page.wait_for_selector("#done")
        photo = tmp_path / "IMG_0001.jpg"
        image = Image.new("RGB", (1200, 900), (90, 110, 130))
        image.paste((200, 160, 60), (300, 200, 900, 700))
        image.save(photo, "JPEG", quality=85)
        await page.fill("#done textarea[name=note]", "已送米面油到家，老人身体尚好")
        await page.fill("#done input[name=hours]", "2")
        await page.set_input_files("#done-photos", str(photo))
        await page.wait_for_selector("#done .thumb img")
        await shot(page, "done-form")
        await page.click("#done-submit")
        await page.wait_for_selector("#need [data-status=done]")
        await page.wait_for_selector("#need .detail-photos img[src^='blob:']")  # read back from intake
        await shot(page, "done")
        done = (await served.api.get(f"/v1/needs/{need['id']}", headers=as_staff)).json()
        assert done["status"] == "done" and len(done["photos"]) == 1 and done["hours_reported"] == 2
        uploaded = f"sha256 = '{done['photos'][0]}' AND uploader = '{sub}'"
        assert await count(served.intake_settings, "photo_uploads", uploaded) == 1
        await _api(
            served, "POST", f"/v1/needs/{need['id']}/confirm", as_staff, json={"satisfaction": "satisfied", "note": ""}
        )

        # Offline: the sign-up is queued and shown as waiting, then sent once when the network is back.
        await page.click("#tabs [data-view=activities]")
        await page.wait_for_selector(f"#activities [data-id='{activity['id']}'] [data-slot=companions] button")
        await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        await context.set_offline(True)
        await page.reload()  # the app opens with no network: the service worker's shell, the last lists
        await page.wait_for_selector("body[data-ready=yes]")
        await page.wait_for_selector("#net:not([hidden])")
        await page.click("#tabs [data-view=activities]")
        await page.click(f"#activities [data-id='{activity['id']}'] [data-slot=companions] button")
        await page.wait_for_selector("#pending:not([hidden])")
        await page.wait_for_selector(f"#activities [data-id='{activity['id']}'] .waiting")
        assert await page.inner_text("#queue-count") == "1"
        assert await count(s, "outbox", "event_type = 'activity.signed_up'") == 0
        await shot(page, "offline")
        await page.click("#tabs [data-view=queue]")
        await page.wait_for_selector("#queue [data-kind=signup].waiting")
        await shot(page, "outbox")
        await context.set_offline(False)
        await page.wait_for_selector("#pending", state="hidden", timeout=15000)
        assert await count(s, "outbox", "event_type = 'activity.signed_up'") == 1
        assert await page.locator("#queue .attention").count() == 0

        # Check in by typing the organiser's QR code.
        qr = (await served.api.get(f"/v1/activities/{activity['id']}/qr", headers=as_staff)).json()
        await page.click("#tabs [data-view=activities]")
        await page.click(f"#activities [data-id='{activity['id']}'] [data-act=checkin]")
        await page.wait_for_selector("#scanner[open]")
        await page.fill("#scan-code", qr["code"])
        await shot(page, "scan", full=False)
        await page.click("#scan-submit")
        await page.wait_for_selector("#scanner", state="hidden")
        await page.wait_for_selector(f"#activities [data-id='{activity['id']}'] [data-act=checkout]")
        assert await count(s, "outbox", "event_type = 'activity.checked_in'") == 1

        # My hours and my certificate.
        await _api(served, "POST", f"/v1/members/{member['id']}/certificates", as_staff)
        await page.click("#tabs [data-view=me]")
        await page.wait_for_selector("#hours [data-source=need]")
        assert await page.inner_text("#hours-total") == "2.0" or await page.inner_text("#hours-total") == "2"
        await page.wait_for_selector("#certificates a[href*='/v1/certificates/']")
        await shot(page, "me")

        # A desk's screen, and the English switch.
        await page.set_viewport_size(DESK)
        await shot(page, "desk")
        await page.click("#lang")
        await page.wait_for_selector("#me .st-active:text('Active')")
        assert await page.inner_text("#tabs [data-view=needs]") == "Needs"
        await page.click("#tabs [data-view=activities]")
        await page.wait_for_selector(
            f"#activities [data-id='{activity['id']}'] [data-act=checkout]:text('Scan to check out')"
        )
        await shot(page, "desk-en")
        assert not errors, errors
    except Exception:
        print("browser errors:", errors)
        await shot(page, "failure")
        raise
    finally:
        await context.close()
