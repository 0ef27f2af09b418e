"""The grids as GeoJSON, and "which of my grids is this point in" for a report with a phone location."""

from __future__ import annotations

from support.factories import bearer, mint_token, worker_token
from support.services import RunningService

GEOJSON = "application/geo+json"


async def test_grids_as_a_geojson_feature_collection(intake: RunningService) -> None:
    headers = bearer(worker_token(intake.settings, grids=["XY-WQ-WY-G01", "XY-WQ-WY-G02"]))
    by_query = await intake.client.get("/v1/grids?format=geojson", headers=headers)
    by_accept = await intake.client.get("/v1/grids", headers={**headers, "Accept": GEOJSON})
    plain = await intake.client.get("/v1/grids", headers=headers)
    assert by_query.status_code == by_accept.status_code == plain.status_code == 200
    assert by_query.headers["content-type"].startswith(GEOJSON) and by_query.json() == by_accept.json()
    body = by_query.json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == [g["code"] for g in plain.json()["items"]]
    first = body["features"][0]
    assert first["type"] == "Feature" and first["geometry"]["type"] == "Polygon"
    ring = first["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and 100 < ring[0][0] < 125 and 20 < ring[0][1] < 45  # lon, lat
    assert first["properties"]["community"] and first["properties"]["grid_level"] == 1
    west, south, east, north = body["bbox"]
    assert west < east and south < north
    mine = (await intake.client.get("/v1/grids?format=geojson&mine=true", headers=headers)).json()
    assert [f["id"] for f in mine["features"]] == ["XY-WQ-WY-G01", "XY-WQ-WY-G02"]
    assert (await intake.client.get("/v1/grids?format=geojson")).status_code == 401


def _middle(body: dict, code: str) -> tuple[float, float]:
    ring = next(f for f in body["features"] if f["id"] == code)["geometry"]["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


async def test_locate_answers_the_workers_grid_holding_the_point_or_404(intake: RunningService) -> None:
    mine = ["XY-WQ-WY-G01", "XY-WQ-WY-G05", "LX-DC-BH-G01", "LX-DC-BH-G01-01-01"]
    worker = bearer(worker_token(intake.settings, grids=mine))
    grids = (await intake.client.get("/v1/grids?format=geojson", headers=worker)).json()

    async def locate(point: tuple[float, float], headers: dict[str, str] = worker) -> tuple[int, dict]:
        r = await intake.client.get("/v1/grids/locate", params={"lon": point[0], "lat": point[1]}, headers=headers)
        return r.status_code, r.json()

    status, body = await locate(_middle(grids, "XY-WQ-WY-G05"))
    assert status == 200 and body["code"] == "XY-WQ-WY-G05" and body["community"] == "XY-WQ-WY"
    # a sub-grid of theirs comes before its parent; a sub-grid not theirs falls back to the parent
    assert (await locate(_middle(grids, "LX-DC-BH-G01-01-01")))[1]["code"] == "LX-DC-BH-G01-01-01"
    assert (await locate(_middle(grids, "LX-DC-BH-G01-02")))[1]["code"] == "LX-DC-BH-G01"
    status, problem = await locate(_middle(grids, "XY-WQ-WY-G02"))  # a neighbour's grid
    assert status == 404 and problem["type"].endswith("not-in-your-grids") and "none of your grids" in problem["detail"]
    assert (await locate((0.0, 0.0)))[0] == 404
    assert (await locate((200.0, 36.6)))[0] == 422
    other = bearer(mint_token(intake.settings, sub="liaison-1", role="liaison", department="XY-RQ"))
    assert (await locate(_middle(grids, "XY-WQ-WY-G05"), other))[0] == 403
