"""The staff map's needs and the gap view (GET /v1/needs/map, /v1/needs/gaps) on the demo geometry:
a need with an available resource of a serving kind 500 m away is no gap, one whose nearest is 2 km
away is; nothing of the resident, the title or the description comes out; the scope holds."""

from __future__ import annotations

from typing import Any

from integration.community.test_units_orders_projects import resource_body

from support.community import COMMUNITY, GRID, keyed, record_need, staff, token
from support.services import RunningService

B01 = (113.005432, 36.604402)  # XY-WQ-WY-G01-B01 "1号楼" in geometry.yaml
B02 = (113.006316, 36.603856)  # XY-WQ-WY-G01-B02 "2号楼"
METRE_LAT = 1 / 111_195  # degrees of latitude per metre


async def _offer(service: RunningService, kind: str, lon: float, lat: float, **more: Any) -> str:
    body = resource_body(kind=kind, place={"name": "服务点", "lat": lat, "lon": lon}, **more)
    created = await service.client.post("/v1/resources", json=body, headers=keyed(staff(service.settings)))
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in body["needs"]["features"]}


async def test_the_gap_view_on_the_demo_geometry(community: RunningService) -> None:
    client, s = community.client, community.settings
    near_wish = await record_need(client, s, kind="wish", building="XY-WQ-WY-G01-B01")  # by code
    far_facility = await record_need(client, s, kind="elderly_disabled", building="2号楼")  # by name in its grid
    nothing = await record_need(client, s, kind="policy", building="不存在的楼")  # the grid's centre
    material = await _offer(community, "material", B01[0], B01[1] + 500 * METRE_LAT)  # 500 m north of 1号楼
    await _offer(community, "venue", B02[0], B02[1] + 2000 * METRE_LAT)  # 2 km north of 2号楼
    await _offer(community, "venue", B02[0], B02[1] + 100 * METRE_LAT, status="paused")  # not on offer
    await _offer(community, "expertise", 120.0, 30.0)  # far away: outside the database's box

    staff_headers = staff(s)
    whole = await client.get("/v1/needs/map", headers=staff_headers)
    assert whole.status_code == 200, whole.text
    body = whole.json()
    needs = _by_id(body)
    wish = needs[near_wish["id"]]["properties"]
    assert (wish["gap"], wish["nearest_resource"], wish["precision"]) == (False, material, "building")
    assert 480 < wish["nearest_m"] < 520
    assert needs[near_wish["id"]]["geometry"]["coordinates"] == list(B01)
    facility = needs[far_facility["id"]]["properties"]
    assert facility["gap"] is True and 1950 < facility["nearest_m"] < 2050
    assert facility["building"] == "2号楼" and facility["served_by"] == ["service", "venue"]
    policy = needs[nothing["id"]]["properties"]
    assert (policy["gap"], policy["nearest_m"], policy["precision"]) == (True, None, "grid")
    assert body["gaps"] == 2 and body["radius_m"] == 1000
    kinds = sorted(f["properties"]["kind"] for f in body["resources"]["features"])
    assert kinds == ["material", "venue"]  # the paused one is not on offer; the far one is outside the box
    circle = next(f for f in body["resources"]["features"] if f["id"] == material)["properties"]
    assert (circle["life_circle"], circle["radius_m"]) == (10, 500)

    gaps = (await client.get("/v1/needs/gaps", headers=staff_headers)).json()
    assert set(_by_id(gaps)) == {far_facility["id"], nothing["id"]}

    # A department's dispatcher sees the communities of their jurisdiction; nothing personal leaves.
    dispatcher = token(s, "dispatcher", jurisdiction="XY")
    theirs = await client.get("/v1/needs/gaps", params={"community": COMMUNITY}, headers=dispatcher)
    assert theirs.status_code == 200 and theirs.json()["gaps"] == 2
    for raw in (whole.text, theirs.text):
        assert "王秀珍" not in raw and "13800001111" not in raw and "帮独居老人" not in raw and "7号楼2单元" not in raw

    # The scope: another district's dispatcher, another community's staff, volunteers, no token.
    elsewhere = token(s, "dispatcher", jurisdiction="TN")
    assert (await client.get("/v1/needs/map", headers=elsewhere)).json()["needs"]["features"] == []
    refused = await client.get("/v1/needs/map", params={"community": COMMUNITY}, headers=elsewhere)
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "community"
    other = await client.get("/v1/needs/map", headers=staff(s, "TN-CS-FQXC"))
    assert other.json()["needs"]["features"] == []
    assert (await client.get("/v1/needs/map", headers=token(s, "volunteer", community=COMMUNITY))).status_code == 403
    assert (await client.get("/v1/needs/gaps")).status_code == 401
    assert (await client.get("/v1/needs/map", params={"community": "NOPE"}, headers=staff_headers)).status_code == 422
    assert GRID in {f["properties"]["grid"] for f in body["needs"]["features"]}
