"""The security headers of the shared HTTP platform (chuishao_shared.headers): a strict policy,
nosniff and no-referrer on every answer of every kind, and no-store on anything answered to a request
that carried credentials. In-process, the real token verifier, no database."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from chuishao_shared.auth import Principal, TokenVerifier, mint_token
from chuishao_shared.headers import DEFAULT_POLICY, content_security_policy
from chuishao_shared.security import current_principal
from chuishao_shared.settings import Settings
from support.bare_app import bare_app

SETTINGS = Settings(environment="test", jwt_secret="unit-test-secret-that-is-long-enough-012345")
TOKEN = {"Authorization": "Bearer " + mint_token(SETTINGS, sub="w-1", role="grid_worker", grids=["G1"])}


def _app(burst: int = 1000) -> FastAPI:
    app = bare_app(max_body_bytes=100, rate_per_second=0.001, rate_burst=burst)
    app.state.verifier = TokenVerifier(SETTINGS)

    @app.get("/v1/mine")
    async def mine(principal: Annotated[Principal, Depends(current_principal)]) -> dict:
        return {"sub": principal.sub, "resident": {"phone": "13912345678"}}

    @app.get("/v1/board")
    async def board() -> JSONResponse:
        return JSONResponse({"items": []}, headers={"Cache-Control": "public, max-age=5"})

    @app.get("/v1/public")
    async def public() -> dict:
        return {}

    @app.get("/page", response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        return HTMLResponse("<p>x</p>")

    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def _policy(response: httpx.Response) -> dict[str, str]:
    directives = (d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


async def test_every_answer_carries_the_policy_nosniff_and_no_referrer() -> None:
    async with _client(_app(burst=6)) as client:
        answers = [
            await client.get("/page"),
            await client.get("/v1/public"),
            await client.get("/v1/mine"),  # 401
            await client.get("/nowhere"),  # 404
            await client.post("/v1/public", content=b"x" * 200, headers={"content-type": "application/json"}),  # 413
            await client.get("/healthz"),
            await client.get("/openapi.json"),
            await client.get("/v1/public"),
            await client.get("/v1/public"),  # 429: the platform's own answer
        ]
    assert [a.status_code for a in answers][-1] == 429
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff", answer.request.url
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["content-security-policy"] == DEFAULT_POLICY
        policy = _policy(answer)
        assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
        assert policy["connect-src"] == "'self'" and policy["img-src"] == "'self' data: blob:"
        assert (policy["frame-ancestors"], policy["base-uri"], policy["form-action"]) == ("'none'", "'none'", "'self'")
        assert "unsafe" not in answer.headers["content-security-policy"]


async def test_answers_to_credentialed_requests_are_not_stored_and_public_reads_keep_their_caching() -> None:
    async with _client(_app()) as client:
        mine = await client.get("/v1/mine", headers=TOKEN)
        assert mine.status_code == 200 and mine.headers["cache-control"] == "no-store"
        refused = await client.get("/v1/mine", headers={"Authorization": "Bearer forged"})
        assert refused.status_code == 401 and refused.headers["cache-control"] == "no-store"
        by_cookie = await client.get("/v1/public", headers={"Cookie": "session=abc"})
        assert by_cookie.headers["cache-control"] == "no-store"
        anonymous = await client.get("/v1/public")
        assert "cache-control" not in anonymous.headers
        board = await client.get("/v1/board")
        assert board.headers["cache-control"] == "public, max-age=5"


async def test_a_route_may_widen_the_policy_for_an_origin_and_the_docs_page_allows_only_its_own_script() -> None:
    console = content_security_policy("https://photos.example")
    assert "connect-src 'self' https://photos.example;" in console
    assert "img-src 'self' data: blob: https://photos.example;" in console
    async with _client(_app()) as client:
        docs = await client.get("/docs")
    policy = _policy(docs)
    scripts = re.findall(r"<script>(.*?)</script>", docs.text, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert policy["script-src"] == f"'self' 'sha256-{digest}'"
    assert policy["frame-ancestors"] == "'none'" and docs.headers["x-content-type-options"] == "nosniff"
