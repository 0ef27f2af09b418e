"""Direct routes (chuishao_shared.direct_routes): answered by the platform after its guards, labelled in
the metrics by their template, and their errors answered by the app's own problem handlers, down to the
handler for Exception when a family's handler declines. In-process, no database."""

from __future__ import annotations

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import generate_latest
from pydantic import BaseModel, ConfigDict

from chuishao_shared.direct_routes import answer_directly, json_body, validated
from chuishao_shared.observability import metrics_registry
from chuishao_shared.problems import Problem
from support.bare_app import bare_app


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int = 0


class Declined(Exception):
    """An error of a family whose handler answers only some members (like the transient database errors)."""


def _app() -> FastAPI:
    app = bare_app(service="unit-direct")

    async def declining(request: Request, exc: Exception) -> Response:
        raise exc

    app.add_exception_handler(Declined, declining)

    async def items(request: Request) -> Response:
        body = validated(Body, await json_body(request))
        if body.name == "problem":
            raise Problem(409, "Conflict", "Already there.")
        if body.name == "declined":
            raise Declined("the family's handler re-raises this one")
        if body.name == "bug":
            raise ZeroDivisionError("an unexpected error")
        return JSONResponse(body.model_dump(), status_code=201)

    answer_directly(app, "POST", "/v1/items", items)
    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_errors_get_the_apps_problem_handlers_and_the_route_its_template_as_metrics_label() -> None:
    app = _app()
    async with _client(app) as client:
        created = await client.post("/v1/items", json={"name": "井盖", "count": 2})
        assert created.status_code == 201 and created.json() == {"name": "井盖", "count": 2}
        assert "traceparent" in created.headers  # the platform's telemetry wrapped it

        answers = {
            name: await client.post("/v1/items", **request)  # type: ignore[arg-type]
            for name, request in {
                "bad field": {"json": {"name": "x", "count": "many"}},
                "unknown field": {"json": {"name": "x", "colour": "red"}},
                "missing body": {"content": b"", "headers": {"content-type": "application/json"}},
                "malformed": {"content": b"{", "headers": {"content-type": "application/json"}},
                "problem": {"json": {"name": "problem"}},
                "declined": {"json": {"name": "declined"}},
                "bug": {"json": {"name": "bug"}},
            }.items()
        }
    status = {name: response.status_code for name, response in answers.items()}
    assert status == {
        "bad field": 422,
        "unknown field": 422,
        "missing body": 422,
        "malformed": 400,
        "problem": 409,
        "declined": 500,
        "bug": 500,
    }
    for name, response in answers.items():
        assert response.headers["content-type"] == "application/problem+json", name
    assert [e["field"] for e in answers["bad field"].json()["errors"]] == ["count"]
    assert [e["field"] for e in answers["unknown field"].json()["errors"]] == ["colour"]
    assert [e["field"] for e in answers["missing body"].json()["errors"]] == ["body"]
    assert "ZeroDivisionError" not in answers["bug"].text  # no internals leak

    metrics = generate_latest(metrics_registry()).decode()
    labelled = [line for line in metrics.splitlines() if 'service="unit-direct"' in line and "requests_total" in line]
    assert any('route="/v1/items"' in line and 'status="201"' in line for line in labelled), labelled
    assert any('route="/v1/items"' in line and 'status="422"' in line for line in labelled), labelled
    assert not any('route="unmatched"' in line for line in labelled), labelled


async def test_the_platforms_guards_still_come_first() -> None:
    async with _client(_app()) as client:
        too_big = await client.post("/v1/items", json={"name": "x" * 20_000})
        not_json = await client.post("/v1/items", content=b"name=x", headers={"content-type": "text/plain"})
        control = await client.post("/v1/items", json={"name": "a\u0007b"})
    assert (too_big.status_code, not_json.status_code, control.status_code) == (413, 415, 422)
    assert control.json()["errors"][0]["field"] == "name"
