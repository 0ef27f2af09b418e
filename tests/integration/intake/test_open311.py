"""Open311 GeoReport v2 clients work unchanged: form-encoded POST, JSON and XML, the spec's errors."""

from __future__ import annotations

from xml.etree import ElementTree

from support.db import count
from support.factories import CATEGORY, GRID, OTHER_GRID, worker_token
from support.services import RunningService

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
    auth = {"Authorization": f"Bearer {token}"}
    one = (await intake.client.get(f"/open311/v2/requests/{request_id}.json", headers=auth)).json()[0]
    assert one["service_code"] == CATEGORY and one["status"] == "open" and one["lat"] == 36.53
    listed = (await intake.client.get("/open311/v2/requests.json", headers=auth)).json()
    assert [r["service_request_id"] for r in listed] == [request_id]
    as_xml = await intake.client.get(f"/open311/v2/requests/{request_id}.xml", headers=auth)
    assert ElementTree.fromstring(as_xml.content).find("request/service_request_id").text == request_id
    mapped = (await intake.client.get(f"/open311/v2/tokens/{request_id}.json", headers=auth)).json()
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
