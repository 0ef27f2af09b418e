"""The review's crash inputs (issue 28, finding 5) against every service's real app, database and
broker: each answers a 4xx with a problem (problem+json; Open311 in the specification's own error
format) and stores nothing.

- A JSON body nested 5,000 levels deep (after a `"\\b"` escape, which made the control-character check
  parse the body and hit RecursionError): 400 problem+json naming `body`, in intake, dispatch,
  tracking and notify.
- Open311 `POST requests` with NUL, ESC, BEL, NEL (U+0085) or RLO (U+202E) in a multipart or
  urlencoded field: refused, nothing stored; a JSON-labelled body: 415, never read as a form."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from chuishao_shared.auth import mint_token
from support.factories import CATEGORY, GRID, bearer, report_body, worker_token
from support.services import RunningService
from support.system import System

DEEP = b'{"description": "\\b", "rules": ' + b"[" * 5000
BAD_CHARACTERS = {"NUL": "\x00", "ESC": "\x1b", "BEL": "\x07", "NEL": "\x85", "RLO": "\u202e", "LRI": "\u2066"}


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json", response.headers
    return response.json()


def _json(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "content-type": "application/json", "idempotency-key": str(uuid.uuid4())}


def _admin(service: RunningService) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub="admin-1", role="admin"))


async def test_deeply_nested_json_is_a_400_problem_in_intake_and_dispatch_and_nothing_is_stored(
    chuishao: System,
) -> None:
    intake, dispatch = chuishao.intake, chuishao.dispatch
    worker = bearer(worker_token(intake.settings))
    refused = await intake.client.post("/v1/reports", content=DEEP, headers=_json(worker))
    assert _problem(refused, 400)["errors"][0]["field"] == "body"
    assert (await intake.client.get("/v1/reports", headers=worker)).json()["items"] == []

    admin = _admin(dispatch)
    before = (await dispatch.client.get("/v1/routing/rules", headers=admin)).json()
    refused = await dispatch.client.put("/v1/routing/rules", content=DEEP, headers=_json(admin))
    assert _problem(refused, 400)["errors"][0]["field"] == "body"
    assert (await dispatch.client.get("/v1/routing/rules", headers=admin)).json()["version"] == before["version"]
    preview = await dispatch.client.post("/v1/routing/preview", content=DEEP, headers=_json(admin))
    _problem(preview, 400)


async def test_deeply_nested_json_is_a_400_problem_in_tracking(tracking: RunningService) -> None:
    for path in ("/v1/board/cases", "/v1/stream/tickets"):
        _problem(await tracking.client.post(path, content=DEEP, headers=_json({})), 400)


async def test_deeply_nested_json_is_a_400_problem_in_notify_and_nothing_is_stored(notify: RunningService) -> None:
    admin = _admin(notify)
    refused = await notify.client.post("/v1/webhooks", content=DEEP, headers=_json(admin))
    assert _problem(refused, 400)["errors"][0]["field"] == "body"
    assert (await notify.client.get("/v1/webhooks", headers=admin)).json()["items"] == []


def _form(description: str, token: str) -> dict[str, str]:
    return {
        "api_key": token,
        "service_code": CATEGORY,
        "attribute[grid]": GRID,
        "description": description,
        "address_string": "3号楼2单元",
    }


async def _nothing_stored(intake: RunningService, worker: dict[str, str]) -> None:
    assert (await intake.client.get("/v1/reports", headers=worker)).json()["items"] == []
    assert (await intake.client.get("/open311/v2/requests.json")).json() == []


@pytest.mark.parametrize("name", list(BAD_CHARACTERS))
async def test_open311_refuses_control_and_bidi_characters_in_every_form_field(
    intake: RunningService, name: str
) -> None:
    token = worker_token(intake.settings)
    worker = bearer(token)
    bad = f"楼道{BAD_CHARACTERS[name]}堆放杂物"
    for field in ("description", "address_string", "first_name", "phone"):
        form = {**_form("楼道堆放杂物", token), field: bad}
        multipart = await intake.client.post(
            "/open311/v2/requests.json",
            files={k: (None, v.encode("utf-8", "surrogatepass")) for k, v in form.items()},
            headers={"idempotency-key": str(uuid.uuid4())},
        )
        assert multipart.status_code == 400, (name, field, multipart.text)
        assert field in multipart.json()[0]["description"]
        urlencoded = await intake.client.post(
            "/open311/v2/requests.json", data=form, headers={"idempotency-key": str(uuid.uuid4())}
        )
        assert 400 <= urlencoded.status_code < 500, (name, field, urlencoded.text)
    await _nothing_stored(intake, worker)


async def test_open311_answers_415_to_a_json_body_and_never_reads_it_as_a_form(intake: RunningService) -> None:
    token = worker_token(intake.settings)
    worker = bearer(token)
    # A "form" labelled as JSON (the control check saw malformed JSON and let it through), and real JSON.
    disguised = "&".join(f"{k}={v}" for k, v in _form("楼道%1B%E2%80%AE堆放杂物", token).items())
    for body in (disguised.encode(), httpx.Request("POST", "/", json=_form("楼道堆放杂物", token)).content):
        refused = await intake.client.post("/open311/v2/requests.json", content=body, headers=_json({}))
        assert refused.status_code == 415, refused.text
        assert refused.json()[0]["code"] == 415
    await _nothing_stored(intake, worker)
    # The same fields as a form are filed: the refusals above were about the encoding, not the content.
    filed = await intake.client.post(
        "/open311/v2/requests.json", data=_form("楼道堆放杂物", token), headers={"idempotency-key": str(uuid.uuid4())}
    )
    assert filed.status_code == 201, filed.text


async def test_the_v1_reports_api_refuses_bidi_characters_too(intake: RunningService) -> None:
    worker = bearer(worker_token(intake.settings))
    body = report_body(description="楼道\u202e堆放杂物", place={"address": "3号楼\u2066"})
    refused = await intake.client.post("/v1/reports", json=body, headers={**worker, "idempotency-key": "k-1"})
    assert _problem(refused, 422)["errors"][0]["field"] in ("description", "place.address")
    assert (await intake.client.get("/v1/reports", headers=worker)).json()["items"] == []
