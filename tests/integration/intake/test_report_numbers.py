"""Every report gets a short number when intake accepts it (issue 27 item 3): 五阳-1205-0012 — the
community's short name, the month-day in Asia/Shanghai, the community's n-th report that day — drawn in
the filing's one statement from a counter row, so concurrent filings never share one, a replayed POST
answers the first filing's number and takes none, and the number travels on `report.received`."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime

import asyncpg

from chuishao_shared import case_numbers
from support.db import count, execute
from support.factories import bearer, report_body, worker_token
from support.services import RunningService

FIVE_YANG = "XY-WQ-WY"  # 五阳社区: every grid of the factories' token lies in it


def _today_prefix() -> str:
    return case_numbers.prefix("五阳社区", datetime.now(UTC))


async def _outbox_numbers(service: RunningService) -> dict[str, str | None]:
    conn = await asyncpg.connect(service.settings.asyncpg_dsn)
    try:
        rows = await conn.fetch(
            "SELECT key, convert_from(payload, 'UTF8') AS payload FROM outbox WHERE event_type = 'report.received'"
        )
    finally:
        await conn.close()
    return {r["key"]: json.loads(r["payload"])["data"].get("number") for r in rows}


async def test_twenty_concurrent_filings_in_one_community_get_twenty_consecutive_numbers(
    intake: RunningService,
) -> None:
    prefix = _today_prefix()
    workers = [worker_token(intake.settings, sub=f"w-num-{i}") for i in range(20)]
    responses = await asyncio.gather(
        *[intake.client.post("/v1/reports", json=report_body(), headers=bearer(token)) for token in workers]
    )
    assert [r.status_code for r in responses] == [201] * 20, [r.text for r in responses if r.status_code != 201]
    numbers = [r.json()["number"] for r in responses]
    # A test that crosses midnight in Shanghai would see two prefixes: the day is part of the number.
    assert all(n.startswith(prefix) for n in numbers), numbers
    assert sorted(numbers) == [case_numbers.format_number(prefix, i) for i in range(1, 21)]
    # The report, its event and the answer agree, report by report.
    on_events = await _outbox_numbers(intake)
    assert {r.json()["id"]: r.json()["number"] for r in responses} == on_events
    for response, token in zip(responses, workers, strict=True):
        read = await intake.client.get(f"/v1/reports/{response.json()['id']}", headers=bearer(token))
        assert read.json()["number"] == response.json()["number"]
    assert await count(intake.settings, "report_counters", f"prefix = '{prefix}' AND last = 20") == 1


async def test_a_community_whose_name_shortens_alike_continues_the_same_count(intake: RunningService) -> None:
    # Another 五阳社区 (in another street) filed seven reports today: the counter is the number's, so the
    # next report here is the eighth, never a second 五阳-MMDD-0001.
    prefix = _today_prefix()
    day = datetime.now(UTC).astimezone(case_numbers.LOCAL).date()
    await execute(intake.settings, "INSERT INTO report_counters (prefix, day, last) VALUES ($1, $2, 7)", prefix, day)
    filed = await intake.client.post(
        "/v1/reports", json=report_body(), headers=bearer(worker_token(intake.settings, sub="w-num-alike"))
    )
    assert filed.status_code == 201, filed.text
    assert filed.json()["number"] == case_numbers.format_number(prefix, 8)


async def test_a_replayed_filing_answers_its_number_and_takes_none(intake: RunningService) -> None:
    prefix = _today_prefix()
    token = worker_token(intake.settings, sub="w-num-replay")
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = report_body()
    first = await intake.client.post("/v1/reports", json=body, headers={**bearer(token), **key})
    again = await intake.client.post("/v1/reports", json=body, headers={**bearer(token), **key})
    assert first.status_code == again.status_code == 201
    assert first.json()["number"] == again.json()["number"] == case_numbers.format_number(prefix, 1)
    assert first.json() == again.json()
    # Six concurrent retries of one new filing: one report, one number, every answer the same.
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = report_body()
    racing = await asyncio.gather(
        *[intake.client.post("/v1/reports", json=body, headers={**bearer(token), **key}) for _ in range(6)]
    )
    assert [r.status_code for r in racing] == [201] * 6
    assert {r.json()["number"] for r in racing} == {case_numbers.format_number(prefix, 2)}
    # A refused filing (bad input) takes no number either: the next accepted one is the third.
    refused = await intake.client.post("/v1/reports", json=report_body(category="NO-SUCH"), headers=bearer(token))
    assert refused.status_code == 422
    third = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))
    assert third.json()["number"] == case_numbers.format_number(prefix, 3)
    assert await count(intake.settings, "reports") == 3


async def test_the_number_bearing_event_and_answer_carry_no_personal_data(intake: RunningService) -> None:
    token = worker_token(intake.settings, sub="w-num-private")
    resident = {"name": "王秀英", "phone": "13912345678"}
    body = report_body(resident=resident, description="王秀英家门口楼道堆放杂物，电话13912345678")
    filed = await intake.client.post("/v1/reports", json=body, headers=bearer(token))
    assert filed.status_code == 201
    number = filed.json()["number"]
    assert number and "王" not in number and "139" not in number
    on_event = await _outbox_numbers(intake)
    assert on_event[filed.json()["id"]] == number
    assert await count(intake.settings, "outbox", "convert_from(payload, 'UTF8') LIKE '%13912345678%'") == 0
    assert await count(intake.settings, "outbox", "convert_from(payload, 'UTF8') LIKE '%王秀英%'") == 0


async def test_reports_filed_before_numbers_still_load(intake: RunningService) -> None:
    token = worker_token(intake.settings, sub="w-num-old")
    filed = (await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))).json()
    conn = await asyncpg.connect(intake.settings.asyncpg_dsn)
    try:
        await conn.execute("UPDATE reports SET number = NULL WHERE id = $1", uuid.UUID(filed["id"]))
    finally:
        await conn.close()
    read = await intake.client.get(f"/v1/reports/{filed['id']}", headers=bearer(token))
    assert read.status_code == 200 and read.json()["number"] is None and read.json()["id"] == filed["id"]
    listed = (await intake.client.get("/v1/reports", headers=bearer(token))).json()["items"]
    assert [r["number"] for r in listed] == [None]


async def test_open311_carries_the_number_in_service_notice_and_no_personal_data(intake: RunningService) -> None:
    """service_request_id stays the id; the number is in service_notice (POST's answer and GET requests,
    JSON and XML), beside no contact of the resident's."""
    from xml.etree import ElementTree

    from integration.intake.test_open311 import FORM, PERSONAL, _form

    text = "张三反映楼道堆放杂物，电话1380 0138 000"
    created = await intake.client.post(
        "/open311/v2/requests.json", data=_form(worker_token(intake.settings), description=text), headers=FORM
    )
    assert created.status_code == 201, created.text
    request_id = created.json()[0]["service_request_id"]
    number = (await intake.client.get(f"/open311/v2/requests/{request_id}.json")).json()[0]["service_notice"]
    prefix = _today_prefix()
    stored = case_numbers.format_number(prefix, 1)
    assert number == f"编号 {stored} / No. {stored}"
    assert stored in created.json()[0]["service_notice"]
    uuid.UUID(request_id)  # the id as it was
    listed = await intake.client.get("/open311/v2/requests.json")
    assert [r["service_notice"] for r in listed.json() if r["service_request_id"] == request_id] == [number]
    xml = await intake.client.get(f"/open311/v2/requests/{request_id}.xml")
    assert ElementTree.fromstring(xml.content).find("request/service_notice").text == number
    for body in (created.text, listed.text, xml.content.decode()):
        assert not [p for p in PERSONAL if p in body], body
