"""The HTTP platform in-process (no network, no database)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chuishao_shared.pagination import decode_cursor, encode_cursor
from support.bare_app import bare_app


class Body(BaseModel):
    name: str


def _app(rate: float = 1000, burst: int = 1000) -> FastAPI:
    app = bare_app(max_body_bytes=100, rate_per_second=rate, rate_burst=burst)

    @app.post("/v1/things")
    async def things(body: Body) -> dict:
        return {"name": body.name}

    return app


def test_problem_details_for_validation_malformed_type_and_size() -> None:
    client = TestClient(_app())
    invalid = client.post("/v1/things", json={"name": 3})
    assert invalid.status_code == 422 and invalid.headers["content-type"] == "application/problem+json"
    assert invalid.json()["errors"][0]["field"] == "name"
    assert client.post("/v1/things", content=b"{", headers={"content-type": "application/json"}).status_code == 400
    assert client.post("/v1/things", content=b"name=x", headers={"content-type": "text/plain"}).status_code == 415
    assert client.post("/v1/things", json={"name": "x" * 200}).status_code == 413
    assert client.get("/nowhere").json()["status"] == 404


def test_floods_get_429_with_retry_after_and_health_is_exempt() -> None:
    client = TestClient(_app(rate=0.5, burst=2))
    codes = [client.post("/v1/things", json={"name": "a"}).status_code for _ in range(4)]
    assert codes[:2] == [200, 200] and codes[-1] == 429
    limited = client.post("/v1/things", json={"name": "a"})
    assert int(limited.headers["retry-after"]) >= 1
    assert client.get("/healthz").status_code == 200


def test_metrics_use_route_templates() -> None:
    client = TestClient(_app())
    client.post("/v1/things", json={"name": "a"})
    text = client.get("/metrics").text
    assert 'route="/v1/things"' in text and "chuishao_http_request_duration_seconds_bucket" in text


def test_cursor_round_trip() -> None:
    cursor = encode_cursor("2026-11-01T08:00:00+00:00", "6f1d2c1e-0000-4000-8000-000000000000")
    at, item = decode_cursor(cursor)
    assert at.isoformat() == "2026-11-01T08:00:00+00:00" and str(item).startswith("6f1d2c1e")
