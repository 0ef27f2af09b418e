"""How a queued report's answer is classified (chuishao_shared.fieldwork.api.send_report): the generated
intake client over an httpx MockTransport standing in for the network."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from chuishao_intake_client import AuthenticatedClient

from chuishao_shared.fieldwork.api import send_report
from chuishao_shared.fieldwork.queue import Outcome, ReportQueue

BODY = {"category": "ENV-STAIRWELL-DIRTY", "grid": "XY-WQ-WY-G01", "description": "楼道堆放杂物"}
REPORT = {**BODY, "id": "r-1", "community": "XY-WQ-WY", "severity": "minor", "place": {}, "photos": [],
          "handled_on_site": False, "status": "received", "created_at": "2026-11-30T01:00:00Z"}  # fmt: skip
PROBLEM = {"type": "about:blank", "title": "Invalid request", "status": 422, "detail": "grid: unknown",
           "errors": [{"field": "grid", "message": "unknown"}]}  # fmt: skip
PROBLEM_JSON = {"content-type": "application/problem+json"}


def _answer(response: httpx.Response | Exception) -> tuple[AuthenticatedClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if isinstance(response, Exception):
            raise response
        return response

    client = AuthenticatedClient(
        base_url="http://intake.test", token="t", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    return client, seen


@pytest.mark.parametrize(
    ("response", "outcome"),
    [
        (httpx.Response(201, json=REPORT), Outcome.SENT),
        (httpx.Response(422, json=PROBLEM, headers=PROBLEM_JSON), Outcome.REJECTED),
        (httpx.Response(429, json={**PROBLEM, "status": 429, "title": "Too many requests"}), Outcome.TRANSIENT),
        (httpx.Response(503, json={**PROBLEM, "status": 503, "title": "Unavailable"}), Outcome.TRANSIENT),
        (httpx.Response(502, text="<html>Bad Gateway</html>"), Outcome.TRANSIENT),
        (httpx.ConnectError("connection refused"), Outcome.OFFLINE),
        (httpx.ReadTimeout("timed out"), Outcome.OFFLINE),
    ],
    ids=["201", "422", "429", "503", "502-html", "refused", "time-out"],
)
def test_each_answer_is_classified_and_the_stored_key_is_sent(
    tmp_path: Path, response: httpx.Response | Exception, outcome: Outcome
) -> None:
    entry = ReportQueue(tmp_path).enqueue(BODY)
    client, seen = _answer(response)
    result = send_report(client, entry)
    assert result.outcome is outcome, result
    assert seen[0].headers["idempotency-key"] == entry.idempotency_key
    assert seen[0].headers["authorization"] == "Bearer t"
    if outcome is Outcome.SENT:
        assert result.detail["id"] == "r-1"
    if outcome is Outcome.REJECTED:
        assert result.detail["errors"] == [{"field": "grid", "message": "unknown"}]
