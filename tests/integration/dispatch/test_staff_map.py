"""The console's staff map: GET /v1/map places the caller's cases (where reported, else at the building,
else the grid's centre) with filters by state, category and department, with the grids and buildings;
GET /v1/map/needs passes the dispatcher's own token to the community service (never its database) for
the needs and the gap view; the /console/map page in Debian's Chromium at desk and phone size draws
them, opens a case on a click, shows the gap view, and fetches nothing from another host."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from integration.community.test_needs_map import B01, METRE_LAT, _offer

from chuishao_community.bootstrap import MIGRATIONS as COMMUNITY_MIGRATIONS
from chuishao_community.bootstrap import CommunitySettings
from chuishao_community.bootstrap import build_app as build_community
from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings, build_app
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.report_consumer import command_of
from chuishao_shared.events import EventType, new_envelope
from chuishao_shared.reference import load_reference
from support.browser import CHROMIUM, shared_browser
from support.community import record_need
from support.console import ARTIFACTS, dispatcher_token, liaison_token
from support.factories import bearer
from support.infra import Infra
from support.services import RunningService, serving, start_service

DESK, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}
LEAD = "XY-WQ-WY-WY"  # 五阳物业 leads 楼道卫生 in 五阳社区


@contextlib.asynccontextmanager
async def _both(infra: Infra) -> AsyncIterator[tuple[str, RunningService, str, RunningService]]:
    c_settings, c_app = await start_service(
        infra,
        CommunitySettings,
        build_community,
        COMMUNITY_MIGRATIONS,
        community_sweep_seconds=3600.0,
        community_whistle_seconds=3600.0,
    )
    async with contextlib.AsyncExitStack() as stack:
        community_url = await stack.enter_async_context(serving(c_app))
        d_settings, d_app = await start_service(
            infra, DispatchSettings, build_app, MIGRATIONS, dispatch_community_url=community_url
        )
        dispatch_url = await stack.enter_async_context(serving(d_app))
        transport = httpx.AsyncClient(base_url=dispatch_url)
        ctransport = httpx.AsyncClient(base_url=community_url)
        stack.push_async_callback(transport.aclose)
        stack.push_async_callback(ctransport.aclose)
        yield (
            dispatch_url,
            RunningService(d_app, d_settings, transport),
            community_url,
            RunningService(c_app, c_settings, ctransport),
        )


async def _open(service: RunningService, grid: str, **overrides: Any) -> str:
    bus = service.app.state.bus
    async with bus.uow() as uow:
        if await uow.rules.current() is None:
            ref = load_reference()
            await uow.rules.store([r.model_dump() for r in ref.routing.rules], "test", version=1)
            await uow.commit()
    report_id = f"RPT-{uuid.uuid4().hex[:8]}"
    values: dict[str, Any] = {
        "report_id": report_id,
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": grid,
        "community": "XY-WQ-WY",
        "severity": "minor",
        "description": f"楼道堆放杂物 {uuid.uuid4().hex[:6]}",
        "building": None,
        "handled_on_site": False,
        "reporter": "gw-1",
        "reported_at": datetime.now(UTC),
    }
    await bus.handle(c.OpenCase(**(values | overrides)))
    async with bus.uow() as uow:
        case_id = await uow.cases.case_of_report(report_id)
    assert case_id is not None
    return str(case_id)


def test_the_report_events_location_reaches_the_case() -> None:
    data = {
        "report_id": "R1",
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "description": "x",
        "severity": "minor",
        "handled_on_site": False,
        "reporter": "gw",
        "received_at": "2026-05-06T08:00:00Z",
        "place": {"building": "1号楼", "lat": 36.6044, "lon": 113.0054},
    }
    command = command_of(new_envelope(EventType.REPORT_RECEIVED, source="/x", subject="R1", sequence=1, data=data))
    assert isinstance(command, c.OpenCase) and (command.lat, command.lon) == (36.6044, 113.0054)
    none = data | {"place": {"building": "1号楼"}}
    command = command_of(new_envelope(EventType.REPORT_RECEIVED, source="/x", subject="R1", sequence=1, data=none))
    assert isinstance(command, c.OpenCase) and (command.lat, command.lon) == (None, None)


async def test_the_staff_map_api_and_page_with_the_gap_view(infra: Infra) -> None:
    async with _both(infra) as (dispatch_url, dispatch, community_url, community):
        given = await _open(dispatch, "XY-WQ-WY-G01", lat=36.6046, lon=113.0052)
        at_building = await _open(dispatch, "XY-WQ-WY-G02", building="3号楼")
        at_grid = await _open(dispatch, "XY-WQ-WY-G05", building="后院", category="FAC-STREETLIGHT-BROKEN")
        dispatcher = bearer(dispatcher_token(dispatch.settings))
        body = (await dispatch.client.get("/v1/map", headers=dispatcher)).json()
        cases = {f["id"]: f for f in body["cases"]["features"]}
        assert set(cases) == {given, at_building, at_grid}
        assert cases[given]["geometry"]["coordinates"] == [113.0052, 36.6046]
        assert cases[given]["properties"]["precision"] == "given"
        assert cases[at_building]["geometry"]["coordinates"] == [113.008032, 36.604402]  # XY-WQ-WY-G02-B01 3号楼
        assert cases[at_grid]["properties"]["precision"] == "grid"
        assert len(body["grids"]["features"]) >= 9 and len(body["buildings"]["features"]) >= 18
        assert "description" not in cases[given]["properties"]
        only = (await dispatch.client.get("/v1/map", params={"category": "FAC"}, headers=dispatcher)).json()
        assert [f["id"] for f in only["cases"]["features"]] == [at_grid]
        led = (await dispatch.client.get("/v1/map", params={"department": LEAD}, headers=dispatcher)).json()
        assert {given, at_building} <= {f["id"] for f in led["cases"]["features"]}
        overdue = (await dispatch.client.get("/v1/map", params={"state": "overdue"}, headers=dispatcher)).json()
        assert overdue["cases"]["features"] == []
        liaison = bearer(liaison_token(dispatch.settings, LEAD))
        theirs = await dispatch.client.get("/v1/map", headers=liaison)
        assert theirs.status_code == 200  # their department's cases only (the queue's scope)
        assert {f["id"] for f in theirs.json()["cases"]["features"]} <= {given, at_building, at_grid}
        for bad in ({"state": "nope"}, {"category": "NOPE"}, {"department": "NOPE"}):
            refused = await dispatch.client.get("/v1/map", params=bad, headers=dispatcher)
            assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == next(iter(bad))
        assert (await dispatch.client.get("/v1/map")).status_code == 401

        # Needs and the gap view through the community service's API, with the dispatcher's own token.
        near = await record_need(community.client, community.settings, kind="wish", building="XY-WQ-WY-G01-B01")
        far = await record_need(community.client, community.settings, kind="policy", building="5号楼")
        await _offer(community, "material", B01[0], B01[1] + 500 * METRE_LAT)
        gaps = (await dispatch.client.get("/v1/map/needs", params={"gaps": "true"}, headers=dispatcher)).json()
        assert [f["id"] for f in gaps["needs"]["features"]] == [far["id"]]
        every = (await dispatch.client.get("/v1/map/needs", headers=dispatcher)).json()
        assert {f["id"] for f in every["needs"]["features"]} == {near["id"], far["id"]}
        assert "王秀珍" not in str(every) and "13800001111" not in str(every)
        assert (await dispatch.client.get("/v1/map/needs", headers=liaison)).status_code == 403
        dispatch.app.state.settings.dispatch_community_url, kept = "http://127.0.0.1:9", community_url
        gone = (await dispatch.client.get("/v1/map/needs", headers=dispatcher)).json()
        assert gone["available"] is False and gone["needs"]["features"] == []  # the cases' map never waits on it
        dispatch.app.state.settings.dispatch_community_url = kept
        other = bearer(dispatcher_token(dispatch.settings, "TN"))
        denied = await dispatch.client.get("/v1/map/needs", params={"community": "XY-WQ-WY"}, headers=other)
        assert denied.status_code == 403

        if CHROMIUM is None:
            pytest.skip("Debian's chromium is not installed (make browser)")
        await _browse(dispatch_url, dispatch, given)


async def _browse(dispatch_url: str, dispatch: RunningService, case_id: str) -> None:
    host = urlsplit(dispatch_url).netloc
    outside: list[str] = []
    jwt = dispatcher_token(dispatch.settings)
    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:

        async def guard(route: Any) -> None:
            if urlsplit(route.request.url).netloc != host:
                outside.append(route.request.url)
                await route.abort()
            else:
                await route.continue_()

        for size, viewport in (("desk", DESK), ("phone", PHONE)):
            context = await browser.new_context(viewport=viewport, locale="zh-CN")
            await context.route("**/*", guard)
            page = await context.new_page()
            violations: list[str] = []
            page.on(
                "console",
                lambda m, seen=violations: seen.append(m.text) if "Content Security Policy" in m.text else None,
            )
            response = await page.goto(f"{dispatch_url}/console/map#token={jwt}")
            assert response is not None and response.status == 200
            await page.wait_for_selector("body[data-drawn]", timeout=10_000)
            assert await page.locator("path.case-point").count() == 3
            assert await page.locator("path.building").count() >= 18
            assert await page.locator("path.need-point").count() == 2
            await page.check("input[name=gaps]")
            await page.wait_for_selector("#side-list li.gap")
            await page.wait_for_timeout(300)
            assert await page.locator("path.need-point.gap").count() == 1
            assert await page.locator("path.need-point").count() == 1
            await page.screenshot(path=str(ARTIFACTS / f"console-map-gaps-{size}.png"), full_page=size == "phone")
            if size == "desk":
                await page.uncheck("input[name=gaps]")
                await page.wait_for_timeout(300)
                await page.screenshot(path=str(ARTIFACTS / "console-map-desk.png"))
                await page.locator("path.case-point").first.click(force=True)
                await page.wait_for_url("**/console/**#/case/*")
                assert "#/case/" in page.url
            assert violations == [], violations
            await context.close()
    assert outside == [], outside
