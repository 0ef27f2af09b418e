"""Property: any body sent to any case action gets an answer from {200, 400, 403, 404, 409, 422} —
never a 500 — and a refused action writes no event."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.db import count
from support.factories import worker_token
from support.system import LEAD, System, case_of, dispatcher, file, liaison

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
bodies = (
    st.fixed_dictionaries(
        {},
        optional={
            "reason": st.text(max_size=30) | json_values,
            "note": json_values,
            "photos": st.lists(st.sampled_from(["https://img.example.cn/a.jpg", "x"]), max_size=10),
            "departments": st.lists(st.sampled_from(["XY-GPS", "XY-CGJ", "NOPE", ""]), max_size=3) | json_values,
            "until": st.sampled_from(["2030-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "tomorrow", "2030-01-01"]),
            "into": st.text(max_size=10) | json_values,
        },
    )
    | json_values
)
actions = st.sampled_from(
    [
        "acknowledge",
        "progress",
        "resolve",
        "return",
        "extension",
        "extension/approve",
        "route",
        "whistle",
        "merge",
        "cancel",
    ]
)
CASE: dict[str, str] = {}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=actions, body=bodies, as_dispatcher=st.booleans())
async def test_any_action_body_is_answered_without_a_500(
    chuishao: System, action: str, body: Any, as_dispatcher: bool
) -> None:
    if chuishao.dispatch.settings.topic_prefix not in CASE:
        token = worker_token(chuishao.intake.settings)
        CASE[chuishao.dispatch.settings.topic_prefix] = (
            await case_of(chuishao, token, (await file(chuishao, token))["id"])
        )["id"]
    case_id = CASE[chuishao.dispatch.settings.topic_prefix]
    headers = dispatcher(chuishao) if as_dispatcher else liaison(chuishao, LEAD)
    before = await count(chuishao.dispatch.settings, "outbox")
    response = await chuishao.dispatch.client.post(f"/v1/cases/{case_id}/{action}", json=body, headers=headers)
    assert response.status_code in (200, 400, 403, 404, 409, 422), response.text
    if response.status_code != 200:
        assert response.headers["content-type"] == "application/problem+json"
        assert await count(chuishao.dispatch.settings, "outbox") == before
