"""POST /v1/reports is answered by the platform directly (chuishao_shared.direct_routes), not through
FastAPI's router and dependency solving. A client must not be able to tell: every request below gets
the same status, problem and headers from the direct endpoint as from the declared route."""

from __future__ import annotations

import json
import uuid
from typing import Any

from chuishao_shared.auth import mint_token
from chuishao_shared.direct_routes import DirectRoute
from support.db import count
from support.factories import OTHER_GRID, bearer, report_body, worker_token
from support.services import RunningService

JSON = {"content-type": "application/json"}


def _requests(settings: Any) -> dict[str, dict[str, Any]]:
    worker = bearer(worker_token(settings))
    liaison = bearer(mint_token(settings, sub="l1", role="liaison", department="XY-CGJ"))

    def raw(content: bytes, headers: dict[str, str], **more: str) -> dict[str, Any]:
        return {"content": content, "headers": {**headers, **more}}

    def body(document: Any, headers: dict[str, str] = worker, **more: str) -> dict[str, Any]:
        return raw(json.dumps(document).encode(), {**headers, **JSON}, **more)

    return {
        "malformed JSON": raw(b'{"category": ', {**worker, **JSON}),
        "malformed JSON and no token": raw(b'{"category": ', JSON),
        "empty body": raw(b"", {**worker, **JSON}),
        "whitespace body": raw(b"  ", {**worker, **JSON}),
        "whitespace body, no content type": raw(b"  ", worker),
        "a JSON list": body([1, 2]),
        "a JSON string": body("report"),
        "no token": body(report_body(), {}),
        "garbage token": body(report_body(), {"Authorization": "Bearer not.a.jwt"}),
        "basic auth": body(report_body(), {"Authorization": "Basic dTpw"}),
        "a liaison": body(report_body(), liaison),
        "no token and a bad body": body({"category": 1}, {}),
        "an Idempotency-Key too long": body(report_body(), **{"Idempotency-Key": "k" * 201}),
        "a bad key and a bad body": body({"category": 1}, **{"Idempotency-Key": "k" * 201}),
        "missing category": body({k: v for k, v in report_body().items() if k != "category"}),
        "several bad fields": body(report_body(severity="apocalyptic", place={"lat": 123.0}, colour="red")),
        "unknown category": body(report_body(category="NO-SUCH-THING")),
        "grid not in token": body(report_body(grid=OTHER_GRID)),
        "photo not a URL": body(report_body(photos=["not a url"])),
        "merge-patch label": body({"category": 1}, **{"content-type": "application/merge-patch+json"}),
    }


def _seen(response: Any) -> tuple[int, str | None, Any, str | None]:
    document = response.json() if response.content else None
    if isinstance(document, dict):
        document.pop("instance", None)
    headers = response.headers
    return response.status_code, headers.get("content-type"), document, headers.get("www-authenticate")


async def test_every_refusal_is_the_same_as_the_declared_routes(intake: RunningService) -> None:
    routes: dict[tuple[str, str], DirectRoute] = intake.app.state.direct_routes
    direct = routes[("POST", "/v1/reports")]
    calls = 0

    async def counted(request: Any) -> Any:
        nonlocal calls
        calls += 1
        return await direct.endpoint(request)

    requests = _requests(intake.settings)
    answers: dict[str, list[Any]] = {name: [] for name in requests}
    routes[("POST", "/v1/reports")] = DirectRoute(direct.path, counted)
    try:
        for name, request in requests.items():
            answers[name].append(_seen(await intake.client.post("/v1/reports", **request)))
        assert calls == len(requests), "the platform answered every request itself"
    finally:
        del routes[("POST", "/v1/reports")]  # now FastAPI's declared route answers
    for name, request in requests.items():
        answers[name].append(_seen(await intake.client.post("/v1/reports", **request)))
    routes[("POST", "/v1/reports")] = direct
    assert calls == len(requests)
    for name, (directly, routed) in answers.items():
        assert directly == routed, name
        assert directly[0] >= 400 and directly[1] == "application/problem+json", name
    assert {a[0][0] for a in answers.values()} >= {400, 401, 403, 422}
    assert await count(intake.settings, "reports") == 0
    assert await count(intake.settings, "outbox") == 0


async def test_a_filing_and_its_replay_are_the_same_as_the_declared_routes(intake: RunningService) -> None:
    routes: dict[tuple[str, str], DirectRoute] = intake.app.state.direct_routes
    headers = {**bearer(worker_token(intake.settings, sub="w-direct")), "Idempotency-Key": uuid.uuid4().hex}
    body = report_body()
    first = await intake.client.post("/v1/reports", json=body, headers=headers)
    assert first.status_code == 201, first.text
    direct = routes.pop(("POST", "/v1/reports"))
    try:
        replayed = await intake.client.post("/v1/reports", json=body, headers=headers)
        conflict = await intake.client.post("/v1/reports", json={**body, "severity": "major"}, headers=headers)
    finally:
        routes[("POST", "/v1/reports")] = direct
    replayed_directly = await intake.client.post("/v1/reports", json=body, headers=headers)
    conflict_directly = await intake.client.post("/v1/reports", json={**body, "severity": "major"}, headers=headers)
    assert replayed.status_code == replayed_directly.status_code == 201
    assert replayed.json() == replayed_directly.json() == first.json()
    assert first.headers["location"] == replayed_directly.headers["location"] == f"/v1/reports/{first.json()['id']}"
    assert conflict.status_code == conflict_directly.status_code == 409
    assert _seen(conflict) == _seen(conflict_directly)
    assert await count(intake.settings, "reports") == 1
