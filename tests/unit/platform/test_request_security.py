"""Rate limits per caller, control characters refused, operational endpoints: the shared HTTP
platform in-process with the real token verifier (no database, no network)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI
from pydantic import BaseModel

from chuishao_shared.auth import Principal, TokenVerifier, mint_token
from chuishao_shared.http import RateLimiter
from chuishao_shared.security import current_principal
from chuishao_shared.settings import Settings
from support.bare_app import bare_app

SETTINGS = Settings(environment="test", jwt_secret="unit-test-secret-that-is-long-enough-012345")
PROXY = "10.0.0.7"  # the ingress every request arrives through


class Resident(BaseModel):
    name: str
    phone: str | None = None


class Report(BaseModel):
    description: str
    resident: Resident | None = None
    photos: list[str] = []


def _app(*, burst: int = 1000, trusted: list[str] | None = None, **options: Any) -> FastAPI:
    app = bare_app(
        rate_per_second=0.001, rate_burst=burst, form_prefixes=("/form",), trusted_proxies=trusted, **options
    )
    app.state.verifier = TokenVerifier(SETTINGS)

    @app.get("/v1/mine")
    async def mine(principal: Annotated[Principal, Depends(current_principal)], q: str = "") -> dict:
        return {"sub": principal.sub}

    @app.get("/v1/public")
    async def public(q: str = "") -> dict:
        return {"q": q}

    @app.post("/v1/reports")
    async def reports(body: Report) -> dict:
        return body.model_dump()

    return app


def _client(app: FastAPI, address: str = PROXY) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def _bearer(sub: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + mint_token(SETTINGS, sub=sub, role="grid_worker", grids=["G1"])}


async def test_two_users_behind_one_address_are_limited_separately() -> None:
    async with _client(_app(burst=3)) as client:
        alice = [(await client.get("/v1/mine", headers=_bearer("alice"))).status_code for _ in range(4)]
        assert alice == [200, 200, 200, 429]
        # Bob comes through the same ingress address: his own limit, untouched by Alice's flood.
        bob = [(await client.get("/v1/mine", headers=_bearer("bob"))).status_code for _ in range(3)]
        assert bob == [200, 200, 200]
        # Anonymous callers (and invalid tokens) are limited by address, separately from both.
        assert (await client.get("/v1/public")).status_code == 200
        forged = {"Authorization": "Bearer not-a-token"}
        assert (await client.get("/v1/mine", headers=forged)).status_code == 401


async def test_forwarded_addresses_are_believed_only_from_trusted_proxies() -> None:
    app = _app(burst=2, trusted=["10.0.0.0/8"])
    async with _client(app) as via_proxy:
        first = {"X-Forwarded-For": "203.0.113.5, 10.0.0.3"}  # client, then an inner proxy of ours
        codes = [(await via_proxy.get("/v1/public", headers=first)).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        other = {"X-Forwarded-For": "198.51.100.9"}
        assert (await via_proxy.get("/v1/public", headers=other)).status_code == 200
        # A client cannot escape its limit by prepending a made-up address: the rightmost
        # untrusted hop is the one our proxy saw.
        spoofed = {"X-Forwarded-For": "1.2.3.4, 203.0.113.5"}
        assert (await via_proxy.get("/v1/public", headers=spoofed)).status_code == 429
    async with _client(app, "192.0.2.44") as direct:
        # Not from a trusted proxy: the header is ignored, whatever it says.
        for _ in range(2):
            assert (await direct.get("/v1/public", headers={"X-Forwarded-For": "198.51.100.77"})).status_code == 200
        assert (await direct.get("/v1/public", headers={"X-Forwarded-For": "198.51.100.78"})).status_code == 429


async def test_buckets_are_evicted_least_recently_used_not_all_at_once() -> None:
    app = _app(burst=2, trusted=["10.0.0.0/8"])
    async with _client(app) as client:
        hog = {"X-Forwarded-For": "203.0.113.5"}
        assert [(await client.get("/v1/public", headers=hog)).status_code for _ in range(3)] == [200, 200, 429]
        limiter = _limiter(app)
        limiter.MAX_BUCKETS = 50
        for i in range(200):  # many other callers come and go; the hog keeps knocking
            await client.get("/v1/public", headers={"X-Forwarded-For": f"198.51.100.{i % 250}"})
            if i % 10 == 0:
                assert (await client.get("/v1/public", headers=hog)).status_code == 429
        assert len(limiter.buckets) <= 50


def _limiter(app: FastAPI) -> RateLimiter:
    layer: Any = app.middleware_stack
    while layer is not None and not isinstance(getattr(layer, "limiter", None), RateLimiter):
        layer = getattr(layer, "app", None)
    assert layer is not None and isinstance(layer.limiter, RateLimiter)
    return layer.limiter


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "井盖\u0000丢失"}, "description"),
        ({"description": "ok", "resident": {"name": "张\u0007三"}}, "resident.name"),
        ({"description": "ok", "photos": ["a", "b\u001b[31m"]}, "photos.1"),
        ({"description": "ok", "\u0000extra": 1}, "\u0000extra"),
        ({"description": "bad surrogate \ud800"}, "description"),
    ],
)
async def test_control_characters_are_refused_with_422_naming_the_field(body: dict, field: str) -> None:
    async with _client(_app()) as client:
        raw = json.dumps(body).encode()  # \u escapes, as a client would send them
        response = await client.post("/v1/reports", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": field, "message": "control characters are not allowed"}]


async def test_control_characters_in_query_and_form_are_refused_and_plain_whitespace_is_kept() -> None:
    async with _client(_app()) as client:
        query = await client.get("/v1/public?q=a%00b")
        assert query.status_code == 422 and query.json()["errors"][0]["field"] == "q"
        form_type = {"content-type": "application/x-www-form-urlencoded"}
        form = await client.post("/form/x", content=b"name=ok&description=a%01b", headers=form_type)
        assert form.status_code == 422 and form.json()["errors"][0]["field"] == "description"
        text = "第一行\n第二行\t缩进\r\n"
        kept = await client.post("/v1/reports", json={"description": text, "resident": {"name": "李四"}})
        assert kept.status_code == 200 and kept.json()["description"] == text


async def test_operational_endpoints_can_leave_the_public_app() -> None:
    async with _client(_app()) as client:
        assert (await client.get("/metrics")).status_code == 200
        assert (await client.get("/openapi.json")).status_code == 200
        assert (await client.get("/docs")).status_code == 200
    async with _client(_app(serve_docs=False, serve_metrics=False)) as client:
        for path in ("/metrics", "/openapi.json", "/docs", "/redoc"):
            assert (await client.get(path)).status_code == 404, path
        assert (await client.get("/healthz")).status_code == 200
