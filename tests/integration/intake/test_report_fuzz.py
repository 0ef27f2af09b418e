"""Property: whatever a client sends to POST /v1/reports, the answer is 201 or a 4xx problem document
naming a field — never a 500 — and only the 201s store anything."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.db import count
from support.factories import CATEGORY, GRID, bearer, report_body, worker_token
from support.services import RunningService

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
field_values = {
    "category": st.sampled_from([CATEGORY, "ENV", "", "NOPE"]) | json_values,
    "grid": st.sampled_from([GRID, "XY-WQ-WY-G02", "XY-WQ-WY"]) | json_values,
    "description": st.text(max_size=2100) | json_values,
    "severity": st.sampled_from(["minor", "major", "emergency", "MAJOR"]) | json_values,
    "place": st.fixed_dictionaries(
        {},
        optional={"lat": st.floats(allow_nan=False, allow_infinity=False), "lon": json_values, "building": json_values},
    ),
    "resident": st.none() | st.fixed_dictionaries({}, optional={"name": json_values, "phone": st.text(max_size=25)}),
    "photos": st.lists(st.sampled_from(["https://img.example.cn/a.jpg", "ftp://x", "not a url"]), max_size=11),
    "handled_on_site": json_values,
}
bodies = st.fixed_dictionaries({}, optional=field_values) | json_values


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
async def test_any_body_gets_201_or_a_problem_naming_a_field(intake: RunningService, body: Any) -> None:
    headers = bearer(worker_token(intake.settings, sub="fuzzer"))
    before = await count(intake.settings, "reports")
    response = await intake.client.post("/v1/reports", json=body, headers=headers)
    assert response.status_code in (201, 400, 403, 422), response.text
    if response.status_code == 201:
        assert await count(intake.settings, "reports") == before + 1
        return
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["status"] == response.status_code and problem["errors"]
    assert all(error["field"] and error["message"] for error in problem["errors"])
    assert await count(intake.settings, "reports") == before


async def test_the_fuzzer_can_produce_a_valid_report(intake: RunningService) -> None:
    response = await intake.client.post(
        "/v1/reports", json=report_body(), headers=bearer(worker_token(intake.settings, sub="fuzzer"))
    )
    assert response.status_code == 201
