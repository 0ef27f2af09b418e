"""Co-building units (共建单位), resources published as HSDS 3.0, community orders (社区点单) with each
unit's response rate and time, and projects (项目清单): the API end to end on PostgreSQL, a unit's
contact scoped to the communities it signed with, bad input as problems that change nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from unit.community.test_hsds import validate

from support.community import OTHER_COMMUNITY, keyed, record_need, staff, unit_contact, volunteer
from support.db import count
from support.services import RunningService

CONTACT = {"name": "钱多多", "phone": "13711112222", "title": "办公室主任"}


def unit_body(code: str, **overrides: Any) -> dict[str, Any]:
    today = date.today()
    body = {
        "code": code,
        "name": "县供电公司",
        "kind": "enterprise",
        "description": "共建单位：电力抢修与安全用电宣传",
        "website": "https://power.example.cn",
        "contact": CONTACT,
        "party_head": {"name": "孙建华", "title": "党委书记"},
        "agreement": {
            "signed_on": (today - timedelta(days=30)).isoformat(),
            "term_from": (today - timedelta(days=30)).isoformat(),
            "term_to": (today + timedelta(days=335)).isoformat(),
        },
    }
    return body | overrides


def resource_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "kind": "venue",
        "name": "党员活动室",
        "description": "可容纳 40 人，居民议事和培训",
        "place": {
            "name": "供电所二楼",
            "lat": 36.53,
            "lon": 113.05,
            "address": "解放路 8 号",
            "city": "忻州市",
            "province": "山西省",
        },
        "capacity": 40,
        "life_circle": 10,
        "eligibility": "提前一天预约",
        "schedule": [{"rrule": "FREQ=WEEKLY;BYDAY=SA,SU", "opens": "09:00", "closes": "17:00"}],
    }
    return body | overrides


def _problem(response: Any, status: int, field: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    fields = [e["field"] for e in response.json().get("errors") or []]
    assert any(f == field or f.startswith(field) or f.endswith(field) for f in fields), (field, response.json())


async def _unit(community: RunningService, code: str | None = None) -> str:
    code = code or f"U-{uuid.uuid4().hex[:8].upper()}"
    created = await community.client.post("/v1/units", json=unit_body(code), headers=keyed(staff(community.settings)))
    assert created.status_code == 201, created.text
    return code


async def test_units_resources_and_hsds(community: RunningService) -> None:
    client, s = community.client, community.settings
    code = await _unit(community)
    mine = unit_contact(s, code)
    # The unit's contact sees the contact details; another community's staff sees no such unit.
    seen = await client.get(f"/v1/units/{code}", headers=mine)
    assert seen.status_code == 200 and seen.json()["contact"]["phone"] == CONTACT["phone"], seen.text
    assert (await client.get(f"/v1/units/{code}", headers=staff(s, OTHER_COMMUNITY))).status_code == 404
    assert [u["code"] for u in (await client.get("/v1/units", headers=mine)).json()["items"]] == [code]
    # A second registration of the code: 409; another community signs an agreement with it instead.
    again = await client.post("/v1/units", json=unit_body(code), headers=keyed(staff(s)))
    _problem(again, 409, "status")
    body = unit_body(code)["agreement"]
    signed = await client.post(f"/v1/units/{code}/agreements", json=body, headers=keyed(staff(s, OTHER_COMMUNITY)))
    assert signed.status_code == 200 and set(signed.json()["communities"]) == {"XY-WQ-WY", OTHER_COMMUNITY}

    # Resources: by staff (the community's own and the unit's) and by the unit's contact.
    own = await client.post(
        "/v1/resources", json=resource_body(name="社区食堂", kind="service"), headers=keyed(staff(s))
    )
    assert own.status_code == 201, own.text
    by_unit = await client.post(
        "/v1/resources", json=resource_body(unit=code, community="XY-WQ-WY"), headers=keyed(mine)
    )
    assert by_unit.status_code == 201, by_unit.text
    other_unit = unit_contact(s, "UNIT-NOT-MINE")
    _problem(
        await client.post(
            "/v1/resources", json=resource_body(unit=code, community="XY-WQ-WY"), headers=keyed(other_unit)
        ),
        403,
        "unit",
    )
    before = await count(s, "resources")
    _problem(
        await client.post(
            "/v1/resources",
            json=resource_body(schedule=[{"rrule": "FREQ=HOURLY"}]),
            headers=keyed(staff(s)),
        ),
        422,
        "schedule[0].rrule",
    )
    _problem(
        await client.post("/v1/resources", json=resource_body(life_circle=20), headers=keyed(staff(s))),
        422,
        "life_circle",
    )
    assert await count(s, "resources") == before

    listed = (await client.get("/v1/resources", params={"community": "XY-WQ-WY"})).json()["items"]
    assert {r["id"] for r in listed} >= {own.json()["id"], by_unit.json()["id"]}
    page = await client.get("/v1/hsds/services", params={"community": "XY-WQ-WY", "per_page": 200})
    assert page.status_code == 200, page.text
    services = page.json()["contents"]
    assert page.json()["total_items"] >= 2
    for service in services:
        validate(service, "service.json")
    text = page.text
    for personal in (CONTACT["name"], CONTACT["phone"], "孙建华"):
        assert personal not in text
    names = {sv["organization"]["name"] for sv in services}
    assert "县供电公司" in names and any("社区" in n for n in names)


async def test_a_unit_contact_sees_and_claims_only_needs_of_communities_it_signed_with(
    community: RunningService,
) -> None:
    client, s = community.client, community.settings
    code = await _unit(community)
    mine = unit_contact(s, code)
    here = await record_need(client, s)
    there = await record_need(client, s, community=OTHER_COMMUNITY, grid="TN-CS-FQXC-G01")
    ids = {n["id"] for n in (await client.get("/v1/needs", params={"limit": 200}, headers=mine)).json()["items"]}
    assert here["id"] in ids and there["id"] not in ids
    assert (await client.get(f"/v1/needs/{there['id']}", headers=mine)).status_code == 404
    before = await count(s, "outbox")
    refused = await client.post(f"/v1/needs/{there['id']}/claim", json={"unit": code}, headers=keyed(mine))
    assert refused.status_code == 404, refused.text
    assert await count(s, "outbox") == before
    claimed = await client.post(f"/v1/needs/{here['id']}/claim", json={"unit": code}, headers=keyed(mine))
    assert claimed.status_code == 200, claimed.text
    # A unit nobody registered sees no need at all.
    stranger = unit_contact(s, "UNIT-UNKNOWN")
    assert (await client.get("/v1/needs", headers=stranger)).json()["items"] == []


async def test_orders_responses_and_each_units_response_rate(community: RunningService) -> None:
    client, s = community.client, community.settings
    fast, slow = await _unit(community), await _unit(community)
    needed_by = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    body = {
        "title": "周六环境整治",
        "description": "需要人手和工具",
        "items": [{"name": "志愿者", "quantity": 10, "measure": "人"}, {"name": "扫帚", "quantity": 20}],
        "needed_by": needed_by,
        "units": [fast, slow],
    }
    posted = await client.post("/v1/orders", json=body, headers=keyed(staff(s)))
    assert posted.status_code == 201, posted.text
    order = posted.json()
    assert order["units"] == [fast, slow] and order["status"] == "open"
    # Refusals change nothing: a unit not asked, a quantity over the ask, an item not asked, twice.
    before = (await count(s, "outbox"), await count(s, "order_asks", "responded_at IS NOT NULL"))
    stranger = unit_contact(s, "UNIT-NOT-ASKED")
    path = f"/v1/orders/{order['id']}/responses"
    assert (
        await client.post(path, json={"unit": "UNIT-NOT-ASKED", "note": "可以"}, headers=keyed(stranger))
    ).status_code == 404
    over = {"unit": fast, "items": [{"name": "志愿者", "quantity": 11}]}
    _problem(await client.post(path, json=over, headers=keyed(unit_contact(s, fast))), 422, "items.0.quantity")
    unknown = {"unit": fast, "items": [{"name": "水泥", "quantity": 1}]}
    _problem(await client.post(path, json=unknown, headers=keyed(unit_contact(s, fast))), 422, "items.0.name")
    _problem(
        await client.post(path, json={"unit": slow, "note": "x"}, headers=keyed(unit_contact(s, fast))), 403, "unit"
    )
    assert (await count(s, "outbox"), await count(s, "order_asks", "responded_at IS NOT NULL")) == before

    answer = {"unit": fast, "items": [{"name": "志愿者", "quantity": 6, "measure": "人"}], "note": "周六上午到"}
    answered = await client.post(path, json=answer, headers=keyed(unit_contact(s, fast)))
    assert answered.status_code == 201, answered.text
    assert [r["unit"] for r in answered.json()["responses"]] == [fast]
    _problem(await client.post(path, json=answer, headers=keyed(unit_contact(s, fast))), 409, "status")
    # The slow unit sees the order but not the fast unit's answer.
    seen = (await client.get(f"/v1/orders/{order['id']}", headers=unit_contact(s, slow))).json()
    assert seen["responses"] == [] and seen["response_count"] == 1
    assert [o["id"] for o in (await client.get("/v1/orders", headers=unit_contact(s, slow))).json()["items"]] == [
        order["id"]
    ]
    # Staff close the order: the slow unit's ask is settled, unanswered.
    closed = await client.post(f"/v1/orders/{order['id']}/close", json={}, headers=keyed(staff(s)))
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    _problem(
        await client.post(path, json={"unit": slow, "declined": True}, headers=keyed(unit_contact(s, slow))),
        409,
        "status",
    )
    fast_stats = (await client.get(f"/v1/units/{fast}", headers=staff(s))).json()["orders"]
    slow_stats = (await client.get(f"/v1/units/{slow}", headers=staff(s))).json()["orders"]
    assert fast_stats["asked"] == 1 and fast_stats["response_rate"] == 1.0
    assert fast_stats["median_response_hours"] is not None and fast_stats["median_response_hours"] < 1
    assert (
        slow_stats["asked"] == 1 and slow_stats["response_rate"] == 0.0 and slow_stats["median_response_hours"] is None
    )
    # An order naming a unit with no agreement here: 422 naming the unit, nothing written.
    before_orders = await count(s, "orders")
    bad = {**body, "units": [fast, "UNIT-NOWHERE"]}
    _problem(await client.post("/v1/orders", json=bad, headers=keyed(staff(s))), 422, "units.1")
    past = {**body, "needed_by": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}
    _problem(await client.post("/v1/orders", json=past, headers=keyed(staff(s))), 422, "needed_by")
    assert await count(s, "orders") == before_orders
    assert (await client.get(f"/v1/orders/{order['id']}", headers=staff(s, OTHER_COMMUNITY))).status_code == 404


async def test_projects_with_units_progress_and_links(community: RunningService) -> None:
    client, s = community.client, community.settings
    code = await _unit(community)
    need = await record_need(client, s)
    resource = await client.post("/v1/resources", json=resource_body(), headers=keyed(staff(s)))
    body = {
        "title": "老旧小区加装扶手",
        "goal": "为 60 户老人加装楼道扶手",
        "period_from": date.today().isoformat(),
        "period_to": (date.today() + timedelta(days=90)).isoformat(),
        "units": [code],
        "links": {"needs": [need["id"]], "resources": [resource.json()["id"]], "cases": [str(uuid.uuid4())]},
    }
    created = await client.post("/v1/projects", json=body, headers=keyed(staff(s)))
    assert created.status_code == 201, created.text
    project = created.json()
    assert project["status"] == "planned" and project["links"]["needs"] == [need["id"]]
    path = f"/v1/projects/{project['id']}/progress"
    step = await client.post(
        path, json={"note": "完成 20 户", "people_served": 20, "status": "active"}, headers=keyed(unit_contact(s, code))
    )
    assert step.status_code == 201, step.text
    step = await client.post(
        path, json={"note": "完成 40 户", "people_served": 40, "status": "done"}, headers=keyed(staff(s))
    )
    assert step.json()["people_served"] == 60 and step.json()["status"] == "done"
    foreign = await record_need(client, s, community=OTHER_COMMUNITY, grid="TN-CS-FQXC-G01")
    before = await count(s, "outbox")
    _problem(await client.post(path, json={"note": "再来", "people_served": 1}, headers=keyed(staff(s))), 409, "status")
    assert (
        await client.post(path, json={"note": "x"}, headers=keyed(unit_contact(s, "UNIT-OTHER")))
    ).status_code == 404
    assert (await client.post(path, json={"note": "x"}, headers=keyed(volunteer(s)))).status_code == 403
    bad = {**body, "units": ["UNIT-NOWHERE"]}
    _problem(await client.post("/v1/projects", json=bad, headers=keyed(staff(s))), 422, "units.0")
    bad = {**body, "links": {"needs": [foreign["id"]]}}
    _problem(await client.post("/v1/projects", json=bad, headers=keyed(staff(s))), 422, "links.needs.0")
    assert await count(s, "outbox") == before
    assert [p["id"] for p in (await client.get("/v1/projects", headers=unit_contact(s, code))).json()["items"]] == [
        project["id"]
    ]
    assert (await client.get(f"/v1/projects/{project['id']}", headers=staff(s, OTHER_COMMUNITY))).status_code == 404
