"""The public routes the console added: stream tickets and the case stream (which refuses a missing,
unknown, used or expired ticket), likely duplicates, and the jurisdiction's overdue counts."""

from __future__ import annotations

import asyncio
import json

import httpx
from integration.console.conftest import Console

from chuishao_dispatch.bootstrap import build_app
from support.console import case_id_of, dispatcher_token, file_report, liaison_token
from support.factories import bearer, worker_token
from support.services import serving


async def _first_event(url: str, within: float = 5.0) -> tuple[int, str]:
    async with httpx.AsyncClient(timeout=within) as client, client.stream("GET", url) as response:
        if response.status_code != 200:
            await response.aread()
            return response.status_code, response.text
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                return 200, line.split(":", 1)[1].strip()
    raise AssertionError("stream ended without an event")


async def test_the_stream_refuses_missing_unknown_used_and_expired_tickets(console: Console) -> None:
    dispatch = console.dispatch
    stream = f"{dispatch.url}/v1/stream/cases"
    status, body = await _first_event(stream)
    assert status == 401 and "ticket" in json.loads(body)["detail"]
    status, _ = await _first_event(f"{stream}?ticket=not-a-ticket")
    assert status == 401

    unauthenticated = await dispatch.client.post("/v1/stream/tickets")
    assert unauthenticated.status_code == 401
    grid_worker = await dispatch.client.post("/v1/stream/tickets", headers=bearer(worker_token(dispatch.settings)))
    assert grid_worker.status_code == 403

    headers = bearer(liaison_token(dispatch.settings, "XY-WQ-WY-WY"))
    issued = await dispatch.client.post("/v1/stream/tickets", headers=headers)
    assert issued.status_code == 201, issued.text
    ticket = issued.json()["ticket"]
    assert ticket not in headers["Authorization"]
    assert await _first_event(f"{dispatch.url}{issued.json()['stream_url']}") == (200, "hello")
    status, _ = await _first_event(f"{stream}?ticket={ticket}")  # single use
    assert status == 401

    dispatch.settings.stream_ticket_seconds = 0.3  # type: ignore[attr-defined]
    try:
        short = (await dispatch.client.post("/v1/stream/tickets", headers=headers)).json()
    finally:
        dispatch.settings.stream_ticket_seconds = 30.0  # type: ignore[attr-defined]
    await asyncio.sleep(0.6)
    status, body = await _first_event(f"{stream}?ticket={short['ticket']}")
    assert status == 401 and "expired" in json.loads(body)["detail"]


async def test_a_stream_carries_only_the_cases_its_reader_may_see(console: Console) -> None:
    dispatch, intake = console.dispatch, console.intake
    own = bearer(liaison_token(dispatch.settings, "XY-WQ-WY-WY"))
    other = bearer(liaison_token(dispatch.settings, "XY-GPS"))
    seen: dict[str, list[str]] = {"own": [], "other": []}

    async def listen(name: str, headers: dict[str, str], ready: asyncio.Event) -> None:
        ticket = (await dispatch.client.post("/v1/stream/tickets", headers=headers)).json()
        async with (
            httpx.AsyncClient(timeout=30) as client,
            client.stream("GET", f"{dispatch.url}{ticket['stream_url']}") as response,
        ):
            async for line in response.aiter_lines():
                if line.startswith("event: hello") or line.startswith("event:hello"):
                    ready.set()
                if line.startswith("data:") and '"category"' in line:
                    seen[name].append(json.loads(line.split(":", 1)[1])["id"])

    ready_own, ready_other = asyncio.Event(), asyncio.Event()
    tasks = [
        asyncio.create_task(listen("own", own, ready_own)),
        asyncio.create_task(listen("other", other, ready_other)),
    ]
    try:
        await asyncio.wait_for(asyncio.gather(ready_own.wait(), ready_other.wait()), 10)
        worker = worker_token(intake.settings, grids=["XY-WQ-WY-G04"])
        report = await file_report(intake.client, worker, grid="XY-WQ-WY-G04")
        case_id = await case_id_of(intake.client, worker, report["id"])
        for _ in range(40):
            if case_id in seen["own"]:
                break
            await asyncio.sleep(0.05)
        assert case_id in seen["own"]
        await asyncio.sleep(0.3)
        assert case_id not in seen["other"]
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def test_duplicates_and_overdue_counts_are_public_routes_for_dispatchers(console: Console) -> None:
    dispatch, intake = console.dispatch, console.intake
    paths = (await dispatch.client.get("/openapi.json")).json()["paths"]
    for path in ("/v1/stream/tickets", "/v1/stream/cases", "/v1/cases/{case_id}/duplicates", "/v1/overdue"):
        assert path in paths, path

    worker = worker_token(intake.settings, grids=["XY-WQ-WY-G06"])
    first = await file_report(intake.client, worker, grid="XY-WQ-WY-G06", description="6号楼楼道堆满纸箱和旧家具")
    first_case = await case_id_of(intake.client, worker, first["id"])
    other = await file_report(
        intake.client, worker, grid="XY-WQ-WY-G06", description="垃圾桶满溢无人清理", place={"building": "9号楼"}
    )
    other_case = await case_id_of(intake.client, worker, other["id"])
    assert other_case != first_case

    headers = bearer(dispatcher_token(dispatch.settings))
    found = await dispatch.client.get(f"/v1/cases/{other_case}/duplicates", headers=headers)
    assert found.status_code == 200, found.text
    assert [i["case"]["id"] for i in found.json()["items"]] == [first_case]
    liaison = bearer(liaison_token(dispatch.settings, "XY-WQ-WY-WY"))
    assert (await dispatch.client.get(f"/v1/cases/{other_case}/duplicates", headers=liaison)).status_code == 403
    elsewhere = bearer(dispatcher_token(dispatch.settings, "TN"))
    assert (await dispatch.client.get(f"/v1/cases/{other_case}/duplicates", headers=elsewhere)).status_code == 404

    overdue = await dispatch.client.get("/v1/overdue", headers=headers)
    assert overdue.status_code == 200, overdue.text
    counts = {d["department"]: d for d in overdue.json()["by_department"]}
    assert counts["XY-WQ-WY-WY"]["open"] >= 2 and counts["XY-WQ-WY-WY"]["name"] == "五阳物业服务公司"
    assert (await dispatch.client.get("/v1/overdue", headers=bearer(dispatcher_token(dispatch.settings, "TN")))).json()[
        "by_department"
    ] == []


async def test_a_ticket_from_one_replica_streams_from_another_and_hears_changes_made_anywhere(
    console: Console,
) -> None:
    """Two dispatch replicas on one database: a ticket issued by the first opens the stream on the
    second, which hears an acknowledgement made through the first (NOTIFY reaches every listener)."""
    dispatch, intake = console.dispatch, console.intake
    replica_settings = dispatch.settings.model_copy(update={"run_consumer": False, "run_relay": False})
    async with serving(build_app(replica_settings)) as replica_url, httpx.AsyncClient(timeout=30) as client:
        headers = bearer(liaison_token(dispatch.settings, "XY-WQ-WY-WY"))
        ticket = (await dispatch.client.post("/v1/stream/tickets", headers=headers)).json()
        worker = worker_token(intake.settings, grids=["XY-WQ-WY-G05"])
        report = await file_report(intake.client, worker, grid="XY-WQ-WY-G05", description="5号楼楼道堆放电动车电池")
        case_id = await case_id_of(intake.client, worker, report["id"])
        statuses: list[str] = []

        async def listen(ready: asyncio.Event) -> None:
            async with client.stream("GET", f"{replica_url}{ticket['stream_url']}") as response:
                assert response.status_code == 200
                async for line in response.aiter_lines():
                    if line.startswith("event:") and "hello" in line:
                        ready.set()
                    if line.startswith("data:") and case_id in line:
                        statuses.append(json.loads(line.split(":", 1)[1])["status"])
                        if statuses[-1] == "acknowledged":
                            return

        ready = asyncio.Event()
        task = asyncio.create_task(listen(ready))
        try:
            await asyncio.wait_for(ready.wait(), 10)
            acknowledged = await dispatch.client.post(f"/v1/cases/{case_id}/acknowledge", headers=headers)
            assert acknowledged.status_code == 200, acknowledged.text
            await asyncio.wait_for(task, 5)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        assert statuses[-1] == "acknowledged"


async def test_a_stream_ends_after_its_lifetime_so_the_token_is_checked_again(console: Console) -> None:
    dispatch = console.dispatch
    headers = bearer(liaison_token(dispatch.settings, "XY-GPS"))
    dispatch.settings.stream_max_seconds = 1.0  # type: ignore[attr-defined]
    try:
        ticket = (await dispatch.client.post("/v1/stream/tickets", headers=headers)).json()
        started = asyncio.get_running_loop().time()
        async with (
            httpx.AsyncClient(timeout=10) as client,
            client.stream("GET", f"{dispatch.url}{ticket['stream_url']}") as response,
        ):
            assert response.status_code == 200
            lines = [line async for line in response.aiter_lines()]
        assert "event: hello" in [line.strip() for line in lines]
        assert asyncio.get_running_loop().time() - started < 5
    finally:
        dispatch.settings.stream_max_seconds = 900.0  # type: ignore[attr-defined]
