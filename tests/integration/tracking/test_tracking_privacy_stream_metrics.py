"""Through a real socket: the event stream delivers changes, a resident's name and phone written into
notes, reasons, descriptions and comments never come out of tracking (API, stream, page, database),
and /metrics is Prometheus text with the scenario's counts."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from integration.tracking.conftest import ServedTracking
from integration.tracking.tracking_helpers import dump_read_model, produce, until_processed
from prometheus_client.parser import text_string_to_metric_families
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, CaseScript
from unit.tracking.tracking_scenario import WY, scenario

SECRETS = (RESIDENT_NAME, RESIDENT_PHONE)


async def sse_events(response: httpx.Response) -> AsyncIterator[tuple[str, str, str]]:
    """(event, data, raw text) for each server-sent event."""
    event, data, raw = "message", [], []
    async for line in response.aiter_lines():
        raw.append(line)
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
        elif line == "":
            if data:
                yield event, "\n".join(data), "\n".join(raw)
            event, data, raw = "message", [], []


async def test_the_stream_delivers_a_change_and_carries_no_personal_data(
    served_tracking: ServedTracking, producer: Any
) -> None:
    settings = served_tracking.settings
    now = datetime.now(UTC)
    case = CaseScript().open(now, WY)
    case.acknowledge(WY, now + timedelta(minutes=3))
    case.progress(WY, now + timedelta(minutes=4), f"已联系{RESIDENT_NAME}（{RESIDENT_PHONE}）")
    received: list[dict[str, Any]] = []
    raw_stream: list[str] = []
    async with served_tracking.client.stream("GET", "/v1/board/stream") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse_events(response)
        assert (await anext(events))[0] == "hello"
        sent = time.monotonic()
        await produce(producer, settings, case.events)

        async def until_progressed() -> float:
            async for kind, data, raw in events:
                raw_stream.append(raw)
                if kind == "case":
                    received.append(json.loads(data))
                    if received[-1]["id"] == case.id and received[-1]["status"] == "in_progress":
                        return time.monotonic() - sent
            raise AssertionError("stream ended")

        latency = await asyncio.wait_for(until_progressed(), 20)
    assert latency < 5.0
    last = received[-1]
    assert last["timeline"][-1]["type"] == "case.progressed"
    assert last["timeline"][-1]["note"] == "五阳物业服务公司报告办理进展"
    text = "\n".join(raw_stream)
    assert all(secret not in text for secret in SECRETS)


async def test_personal_data_never_leaves_tracking(served_tracking: ServedTracking, producer: Any) -> None:
    settings, client = served_tracking.settings, served_tracking.client
    story = scenario()  # names and phones in descriptions, notes, reasons, explanations, comments, addresses
    assert all(any(secret in e.model_dump_json() for e in story.all_events) for secret in SECRETS)
    await produce(producer, settings, story.all_events)
    await until_processed(settings, len(story.all_events))
    seen: list[str] = []
    paths = [
        "/v1/board/cases?limit=200",
        "/v1/stats/departments?from=2025-06-01&to=2025-06-21",
        "/v1/stats/communities?from=2025-06-01&to=2025-06-21",
        "/v1/stats/categories?from=2025-06-01&to=2025-06-21",
        "/v1/stats/daily",
        "/",
        "/?lang=en",
        "/board/rows",
        "/board/side",
        "/openapi.json",
    ]
    for case in story.cases.values():
        paths += [f"/v1/board/cases/{case.id}", f"/board/rows/{case.id}", f"/board/rows/{case.id}?lang=en"]
    for path in paths:
        response = await client.get(path)
        assert response.status_code in (200, 204), (path, response.status_code)
        seen.append(response.text)
    everything = "\n".join(seen)
    assert "五阳物业服务公司" in everything  # the responses are not empty
    for secret in SECRETS:
        assert secret not in everything
        assert secret not in await dump_read_model(settings)  # not even stored
    assert "worker-zhang" not in everything  # nor the reporter's identity


async def test_metrics_parse_as_prometheus_text_with_the_scenarios_counts(
    served_tracking: ServedTracking, producer: Any
) -> None:
    settings, client = served_tracking.settings, served_tracking.client

    def processed_so_far(families: dict) -> float:
        return sum(
            s.value
            for s in families["chuishao_events_consumed"].samples
            if s.name.endswith("_total")
            and s.labels["consumer"] == "tracking-projection"
            and s.labels["outcome"] == "processed"
        )

    def families_of(text: str) -> dict:
        return {f.name: f for f in text_string_to_metric_families(text)}

    before = families_of((await client.get("/metrics")).text)
    baseline = processed_so_far(before) if "chuishao_events_consumed" in before else 0.0
    story = scenario()
    await produce(producer, settings, story.all_events)
    await until_processed(settings, len(story.all_events))
    await client.get("/v1/board/cases")
    await asyncio.sleep(0.8)  # the open-cases gauge refreshes every 0.3 s in tests
    response = await client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    families = families_of(response.text)
    assert processed_so_far(families) - baseline == len(story.all_events)
    open_cases = {(s.labels["department"], s.labels["state"]): s.value for s in families["chuishao_open_cases"].samples}
    assert open_cases[(WY, "dispatched")] >= 1  # case G: the scenario's only open case
    assert "chuishao_tracking_event_to_projection_seconds" in families
    assert "chuishao_tracking_stream_clients" in families
    requests = [
        s
        for s in families["chuishao_http_requests"].samples
        if s.labels.get("service") == "tracking" and s.labels.get("route") == "/v1/board/cases"
    ]
    assert requests and all("{" not in s.labels["route"] or "case_id" in s.labels["route"] for s in requests)
