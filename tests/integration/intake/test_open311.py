"""Open311 GeoReport v2 clients work unchanged: form-encoded and multipart POST, public reads in JSON
and XML with the specification's filters and defaults, the spec's errors, a discovery document, and no
personal data on the public side. Quotations are from http://wiki.open311.org/GeoReport_v2."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

from support.db import count, execute
from support.factories import CATEGORY, GRID, OTHER_GRID, worker_token
from support.infra import Infra
from support.services import RunningService
from support.system import LEAD, eventually, system

FORM = {"content-type": "application/x-www-form-urlencoded"}


def _form(token: str, **extra: str) -> dict[str, str]:
    return {
        "api_key": token,
        "service_code": CATEGORY,
        "attribute[grid]": GRID,
        "description": "楼道堆放杂物",
        "lat": "36.53",
        "long": "113.05",
        "first_name": "三",
        "last_name": "张",
        "phone": "13800138000",
        "email": "zhangsan@example.cn",
        "media_url": "https://img.example.cn/1.jpg",
        **extra,
    }


async def test_service_discovery_in_json_and_xml(intake: RunningService) -> None:
    services = (await intake.client.get("/open311/v2/services.json")).json()
    assert len(services) >= 20 and {"service_code", "service_name", "metadata", "type", "group"} <= set(services[0])
    xml = await intake.client.get("/open311/v2/services.xml")
    assert xml.headers["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(xml.content)
    assert root.tag == "services" and len(root.findall("service")) == len(services)
    definition = (await intake.client.get(f"/open311/v2/services/{CATEGORY}.json")).json()
    assert definition["service_code"] == CATEGORY
    assert [a["code"] for a in definition["attributes"]] == ["grid", "severity"]
    missing = await intake.client.get("/open311/v2/services/NOPE.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


async def test_post_and_follow_a_request(intake: RunningService) -> None:
    token = worker_token(intake.settings)
    created = await intake.client.post("/open311/v2/requests.json", data=_form(token), headers=FORM)
    assert created.status_code == 201, created.text
    request_id = created.json()[0]["service_request_id"]
    one = (await intake.client.get(f"/open311/v2/requests/{request_id}.json")).json()[0]
    assert one["service_code"] == CATEGORY and one["status"] == "open" and one["lat"] == 36.53
    listed = (await intake.client.get("/open311/v2/requests.json")).json()
    assert [r["service_request_id"] for r in listed] == [request_id]
    as_xml = await intake.client.get(f"/open311/v2/requests/{request_id}.xml")
    assert ElementTree.fromstring(as_xml.content).find("request/service_request_id").text == request_id
    mapped = (await intake.client.get(f"/open311/v2/tokens/{request_id}.json")).json()
    assert mapped == [{"service_request_id": request_id, "token": request_id}]
    # The key in a query string (where proxies log it) is refused, even a valid one.
    in_query = await intake.client.get(f"/open311/v2/requests.json?api_key={token}")
    assert in_query.status_code == 400 and "query string" in in_query.json()[0]["description"]
    posted_in_query = await intake.client.post(
        f"/open311/v2/requests.json?api_key={token}", data=_form(token), headers=FORM
    )
    assert posted_in_query.status_code == 400
    # The resident's contact is kept, as for /v1/reports, and never leaves intake.
    assert await count(intake.settings, "reports", "resident->>'phone' = '13800138000'") == 1
    assert await count(intake.settings, "outbox", "convert_from(payload, 'UTF8') LIKE '%13800138000%'") == 0


async def test_errors_use_the_open311_format_and_store_nothing(intake: RunningService) -> None:
    token = worker_token(intake.settings)
    cases = [
        ({**_form(token), "service_code": "NOPE"}, 400, "category"),
        ({**_form(token), "attribute[grid]": OTHER_GRID}, 403, "grid"),
        ({**_form(token), "description": ""}, 400, "description"),
        ({k: v for k, v in _form(token).items() if k != "api_key"}, 401, "api_key"),
    ]
    for form, status, mention in cases:
        response = await intake.client.post("/open311/v2/requests.json", data=form, headers=FORM)
        assert response.status_code == status, (form, response.text)
        error = response.json()[0]
        assert error["code"] == status and mention in error["description"]
    xml = await intake.client.post("/open311/v2/requests.xml", data={**_form(token), "description": ""}, headers=FORM)
    assert ElementTree.fromstring(xml.content).find("error/code").text == "400"
    assert await count(intake.settings, "reports") == 0


# "GET requests ... Response: service_request_id, status, status_notes, service_name, service_code,
# description, agency_responsible, service_notice, requested_datetime, updated_datetime,
# expected_datetime, address, address_id, zipcode, lat, long, media_url" (in this order).
SPEC_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
]  # fmt: skip
PERSONAL = ("张", "三", "13800138000", "zhangsan@example.cn", "1380 0138 000")


async def _post(intake: RunningService, **extra: str) -> str:
    form = _form(worker_token(intake.settings), **extra)
    created = await intake.client.post("/open311/v2/requests.json", data=form, headers=FORM)
    assert created.status_code == 201, created.text
    return created.json()[0]["service_request_id"]


async def test_multipart_post_keeps_every_field(intake: RunningService) -> None:
    """A multipart/form-data POST (what browsers and many Open311 libraries send) files like a form."""
    fields = {k: (None, v) for k, v in _form(worker_token(intake.settings), address_string="五阳小区3号楼").items()}
    created = await intake.client.post("/open311/v2/requests.xml", files=fields)
    assert created.status_code == 201, created.text
    request_id = ElementTree.fromstring(created.content).find("request/service_request_id").text
    one = (await intake.client.get(f"/open311/v2/requests/{request_id}.json")).json()[0]
    assert (one["service_code"], one["address"], one["lat"], one["long"]) == (CATEGORY, "五阳小区3号楼", 36.53, 113.05)
    assert one["media_url"] is None  # photos are never public (docs/api.md, "Photos")
    assert await count(intake.settings, "reports", "photos = '[\"https://img.example.cn/1.jpg\"]'::jsonb") == 1
    assert await count(intake.settings, "reports", "resident->>'email' = 'zhangsan@example.cn'") == 1


async def test_public_reads_show_no_personal_data_in_json_or_xml(intake: RunningService) -> None:
    """Anyone reads requests without an api_key; the contact never shows and the description is masked."""
    text = "张三反映楼道堆放杂物，电话1380 0138 000，邮箱zhangsan@example.cn，3号楼2单元"
    request_id = await _post(intake, description=text)
    outputs = [
        await intake.client.get("/open311/v2/requests.json"),
        await intake.client.get("/open311/v2/requests.xml"),
        await intake.client.get(f"/open311/v2/requests/{request_id}.json"),
        await intake.client.get(f"/open311/v2/requests/{request_id}.xml"),
    ]
    for response in outputs:
        assert response.status_code == 200, response.text
        body = response.content.decode()
        assert request_id in body and "3号楼2单元" in body
        assert not [p for p in PERSONAL if p in body], body
    one = outputs[2].json()[0]
    assert list(one) == SPEC_FIELDS
    assert one["description"] == "＊＊＊反映楼道堆放杂物，电话＊＊＊，邮箱＊＊＊，3号楼2单元"
    xml = ElementTree.fromstring(outputs[3].content)
    assert [child.tag for child in xml.find("request")] == SPEC_FIELDS


async def test_list_filters_follow_the_specification(intake: RunningService) -> None:
    first = await _post(intake)
    second = await _post(intake, service_code="ENV-GARBAGE-OVERDUE")
    url = "/open311/v2/requests.json"

    async def ids(**params: str) -> list[str]:
        response = await intake.client.get(url, params=params)
        assert response.status_code == 200, response.text
        return [r["service_request_id"] for r in response.json()]

    # "When not specified, the range defaults to most recent 90 days"; newest first.
    assert await ids() == [second, first]
    # service_code "can be declared multiple times, comma delimited".
    assert await ids(service_code=CATEGORY) == [first]
    assert await ids(service_code=f"{CATEGORY},ENV-GARBAGE-OVERDUE") == [second, first]
    # status "defaults to all statuses; can be declared multiple times, comma delimited; Options: open, closed".
    assert await ids(status="open") == [second, first]
    assert await ids(status="closed") == []
    assert await ids(status="open,closed") == [second, first]
    # A date range in the past leaves today's requests out; one around now keeps them.
    now = datetime.now(UTC)
    past = {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"}
    assert await ids(**past) == []
    around = {"start_date": (now - timedelta(hours=1)).isoformat(), "end_date": (now + timedelta(hours=1)).isoformat()}
    assert await ids(**around) == [second, first]
    # service_request_id: "multiple ... comma delimited. This overrides all other arguments."
    assert await ids(service_request_id=f"{first},{uuid.uuid4()}", status="closed", **past) == [first]
    # "may not span more than 90 days"; a datetime must be W3C; a status is open or closed.
    for params, field in [
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "end_date"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"status": "pending"}, "status"),
    ]:
        for fmt in ("json", "xml"):
            response = await intake.client.get(f"/open311/v2/requests.{fmt}", params=params)
            assert response.status_code == 400, (params, response.text)
            if fmt == "json":
                assert field in response.json()[0]["description"]
            else:
                assert ElementTree.fromstring(response.content).find("error/code").text == "400"
    missing = await intake.client.get(f"/open311/v2/requests/{uuid.uuid4()}.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


async def test_older_requests_are_found_by_id_and_dates(intake: RunningService) -> None:
    """Filtering is done in the database, not on the latest hundred."""
    first = await _post(intake)
    for _ in range(3):
        await _post(intake)
    await _backdate(intake, first, days=100)
    assert first not in {r["service_request_id"] for r in (await intake.client.get("/open311/v2/requests.json")).json()}
    by_id = (await intake.client.get("/open311/v2/requests.json", params={"service_request_id": first})).json()
    assert [r["service_request_id"] for r in by_id] == [first]
    old = datetime.now(UTC) - timedelta(days=100)
    window = {"start_date": (old - timedelta(days=1)).isoformat(), "end_date": (old + timedelta(days=1)).isoformat()}
    in_window = (await intake.client.get("/open311/v2/requests.json", params=window)).json()
    assert [r["service_request_id"] for r in in_window] == [first]


async def _backdate(intake: RunningService, request_id: str, *, days: int) -> None:
    statement = "UPDATE reports SET created_at = created_at - make_interval(days => $1) WHERE id = $2"
    await execute(intake.settings, statement, days, uuid.UUID(request_id))


async def test_discovery_document_in_json_and_xml(intake: RunningService) -> None:
    """Service Discovery: changeset, contact, key_service and endpoints with specification, url,
    changeset, type and formats."""
    document = (await intake.client.get("/open311/discovery.json")).json()
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(document)
    (endpoint,) = document["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2") and endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    services = await intake.client.get(endpoint["url"].removeprefix(str(intake.client.base_url)) + "/services.json")
    assert services.status_code == 200
    xml = ElementTree.fromstring((await intake.client.get("/open311/discovery.xml")).content)
    assert xml.tag == "discovery" and xml.find("endpoints/endpoint/specification").text == endpoint["specification"]
    assert sorted(f.text for f in xml.findall("endpoints/endpoint/formats/format")) == ["application/json", "text/xml"]


async def test_dispatched_request_shows_agency_deadline_and_update(infra: Infra) -> None:
    """`GET requests.json` with no key lists a request filed a second earlier, with its agency_responsible
    and expected_datetime once dispatched; status=closed leaves it out."""
    async with system(infra) as chuishao:
        request_id = await _post(chuishao.intake)
        url = f"/open311/v2/requests/{request_id}.json"

        async def dispatched() -> dict | None:
            one = (await chuishao.intake.client.get(url)).json()[0]
            return one if one["agency_responsible"] else None

        one = await eventually(dispatched)
        lead = chuishao.intake.app.state.context.reference.departments[LEAD].name
        assert one["agency_responsible"] == lead and one["expected_datetime"]
        assert datetime.fromisoformat(one["expected_datetime"]) > datetime.fromisoformat(one["requested_datetime"])
        assert one["updated_datetime"] > one["requested_datetime"]
        assert "dispatched" in one["status_notes"] or "派发" in one["status_notes"]
        listed = (await chuishao.intake.client.get("/open311/v2/requests.json")).json()
        assert request_id in [r["service_request_id"] for r in listed]
        closed = (await chuishao.intake.client.get("/open311/v2/requests.json", params={"status": "closed"})).json()
        assert request_id not in [r["service_request_id"] for r in closed]
