"""Filing reports against a real database and broker: bad input changes nothing, auth is strict,
idempotency replays, and accepted reports are durable with their event in the outbox."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from chuishao_shared.auth import mint_token
from support.db import count
from support.factories import OTHER_GRID, bearer, report_body, worker_token
from support.services import RunningService

BAD_BODIES = [
    ("missing category", {k: v for k, v in report_body().items() if k != "category"}, 422, "category"),
    ("unknown category", report_body(category="NO-SUCH-THING"), 422, "category"),
    ("unknown grid", report_body(grid="NO-SUCH-GRID"), 422, "grid"),
    ("grid not in token", report_body(grid=OTHER_GRID), 403, "grid"),
    ("empty description", report_body(description=""), 422, "description"),
    ("blank description", report_body(description="   "), 422, "description"),
    ("2001-character description", report_body(description="堵" * 2001), 422, "description"),
    ("10 photos", report_body(photos=[f"https://img.example.cn/{i}.jpg" for i in range(10)]), 422, "photos"),
    ("photo not a URL", report_body(photos=["not a url"]), 422, "photos.0"),
    ("wrong severity", report_body(severity="apocalyptic"), 422, "severity"),
    ("unknown field", report_body(colour="red"), 422, "colour"),
    ("latitude out of range", report_body(place={"lat": 123.0}), 422, "place.lat"),
    ("bad phone", report_body(resident={"name": "张三", "phone": "call me"}), 422, "resident.phone"),
    # PostgreSQL cannot store U+0000: refused up front instead of a 500 that logs the statement.
    ("NUL in description", report_body(description="井盖丢失\u0000"), 422, "description"),
    ("control character in a name", report_body(resident={"name": "张\u0007三"}), 422, "resident.name"),
]


@pytest.mark.parametrize(("case", "body", "status", "field"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
async def test_bad_input_is_refused_naming_the_field_and_stores_nothing(
    intake: RunningService, case: str, body: dict, status: int, field: str
) -> None:
    response = await intake.client.post("/v1/reports", json=body, headers=bearer(worker_token(intake.settings)))
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["type"]
    assert field in [e["field"] for e in problem["errors"]], problem
    assert await count(intake.settings, "reports") == 0
    assert await count(intake.settings, "outbox") == 0


async def test_malformed_json_wrong_content_type_and_oversized_body(intake: RunningService) -> None:
    headers = bearer(worker_token(intake.settings))
    malformed = await intake.client.post(
        "/v1/reports", content=b'{"category": ', headers={**headers, "content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert malformed.json()["errors"][0]["field"] == "body"
    wrong_type = await intake.client.post(
        "/v1/reports", content=b"category=x", headers={**headers, "content-type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    assert wrong_type.headers["content-type"] == "application/problem+json"
    too_big = await intake.client.post("/v1/reports", json=report_body(description="x" * 100_000), headers=headers)
    assert too_big.status_code == 413
    assert too_big.json()["status"] == 413
    assert await count(intake.settings, "reports") == 0
    assert await count(intake.settings, "outbox") == 0


def _forged(settings, **changes) -> str:
    claims = {
        "sub": "w",
        "role": "grid_worker",
        "grids": ["XY-WQ-WY-G01"],
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "exp": int(time.time()) + 600,
    }
    claims.update(changes.pop("claims", {}))
    key = changes.pop("key", settings.jwt_secret.get_secret_value())
    return jwt.encode(claims, key, algorithm="HS256")


def _alg_none(settings) -> str:
    import base64
    import json

    def part(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    claims = {
        "sub": "w",
        "role": "grid_worker",
        "grids": ["XY-WQ-WY-G01"],
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "exp": int(time.time()) + 600,
    }
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


async def test_authentication_is_strict(intake: RunningService) -> None:
    s = intake.settings
    cases = {
        "no token": {},
        "expired": bearer(_forged(s, claims={"exp": int(time.time()) - 10})),
        "other key": bearer(_forged(s, key="another-secret-that-is-long-enough-0123456789")),
        "alg none": bearer(_alg_none(s)),
        "wrong audience": bearer(_forged(s, claims={"aud": "someone-else"})),
        "garbage": {"Authorization": "Bearer not.a.jwt"},
    }
    for name, headers in cases.items():
        response = await intake.client.post("/v1/reports", json=report_body(), headers=headers)
        assert response.status_code == 401, name
        assert response.headers["content-type"] == "application/problem+json", name
    liaison = mint_token(s, sub="l1", role="liaison", department="XY-CGJ")
    forbidden = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(liaison))
    assert forbidden.status_code == 403
    assert await count(s, "reports") == 0


async def test_accepted_report_is_durable_with_its_event(intake: RunningService) -> None:
    token = worker_token(intake.settings)
    body = report_body(resident={"name": "李四", "phone": "13912345678"}, handled_on_site=True)
    response = await intake.client.post("/v1/reports", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["status"] == "received" and report["handled_on_site"] is True
    assert response.headers["location"] == f"/v1/reports/{report['id']}"
    assert await count(intake.settings, "reports", f"id = '{report['id']}'") == 1
    assert await count(intake.settings, "outbox", f"key = '{report['id']}' AND event_type = 'report.received'") == 1
    # Personal data stays in intake: the event on the outbox does not carry it.
    assert await count(intake.settings, "outbox", "convert_from(payload, 'UTF8') LIKE '%13912345678%'") == 0
    fetched = await intake.client.get(f"/v1/reports/{report['id']}", headers=bearer(token))
    assert fetched.status_code == 200 and fetched.json()["resident"]["phone"] == "13912345678"
    stranger = await intake.client.get(f"/v1/reports/{report['id']}", headers=bearer(worker_token(intake.settings)))
    assert stranger.status_code == 404


async def test_idempotency_key_replays_and_conflicts(intake: RunningService) -> None:
    headers = {**bearer(worker_token(intake.settings, sub="w-idem")), "Idempotency-Key": str(uuid.uuid4())}
    body = report_body()
    first = await intake.client.post("/v1/reports", json=body, headers=headers)
    second = await intake.client.post("/v1/reports", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    other = await intake.client.post("/v1/reports", json=report_body(description="另一件事"), headers=headers)
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"
    assert await count(intake.settings, "reports") == 1
    assert await count(intake.settings, "outbox") == 1


async def test_list_own_reports_with_cursor_and_follow_ups_need_a_resolved_case(
    intake: RunningService,
) -> None:
    token = worker_token(intake.settings, sub="w-list")
    ids = []
    for _ in range(3):
        ids.append((await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))).json()["id"])
    page1 = (await intake.client.get("/v1/reports?limit=2", headers=bearer(token))).json()
    page2 = (
        await intake.client.get(f"/v1/reports?limit=2&cursor={page1['next_cursor']}", headers=bearer(token))
    ).json()
    assert [r["id"] for r in page1["items"] + page2["items"]] == list(reversed(ids))
    assert page2["next_cursor"] is None
    bad_cursor = await intake.client.get("/v1/reports?cursor=%%%", headers=bearer(token))
    assert bad_cursor.status_code == 400
    early = await intake.client.post(
        f"/v1/reports/{ids[0]}/verification", json={"result": "fixed"}, headers=bearer(token)
    )
    assert early.status_code == 409
    assert early.json()["case_status"] is None


async def test_reference_lists(intake: RunningService) -> None:
    headers = bearer(worker_token(intake.settings))
    categories = (await intake.client.get("/v1/categories", headers=headers)).json()["items"]
    grids = (await intake.client.get("/v1/grids", headers=headers)).json()["items"]
    assert len(categories) >= 20 and all(c["code"] and c["name"] and c["name_en"] for c in categories)
    assert len(grids) >= 25 and all(g["code"] and g["name"] and g["community"] for g in grids)


async def test_concurrent_retries_with_one_key_file_one_report(intake: RunningService) -> None:
    import asyncio

    headers = {**bearer(worker_token(intake.settings, sub="w-race")), "Idempotency-Key": str(uuid.uuid4())}
    body = report_body()
    responses = await asyncio.gather(*[intake.client.post("/v1/reports", json=body, headers=headers) for _ in range(6)])
    assert [r.status_code for r in responses] == [201] * 6
    assert len({r.json()["id"] for r in responses}) == 1
    assert await count(intake.settings, "reports") == 1
    assert await count(intake.settings, "outbox") == 1
