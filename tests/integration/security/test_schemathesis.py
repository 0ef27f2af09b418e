"""schemathesis against the intake, dispatch, tracking, notify and community OpenAPI documents, per role.

Every documented operation is called by anonymous and by each role the authorization matrix lets in,
with requests schemathesis generates from the document: valid ones with random path parameters,
valid ones aimed at real objects (a report of worker A, its case led by department X in street S, a
webhook subscription of X), and invalid ones (negative mode). Over real HTTP (uvicorn), against the
real database and broker. No answer may be a 5xx, and no answer may contradict the response schema
the document declares for its status. A bounded number of examples per operation and role keeps it
inside the test budget (`CHUISHAO_SCHEMATHESIS_EXAMPLES`, default 1 per mode in make test, 4 in make
reliability, which fuzzes deeper); the run is
derandomised, so a failure is reproducible, and each failure is reported with a curl command."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import pkgutil
import re
import time
import uuid
import warnings
from collections.abc import AsyncIterator
from typing import Any

import requests
import schemathesis
import uvicorn
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisDeprecationWarning
from integration.security.test_authorization_matrix import MATRIX, _headers
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from chuishao_shared.devstack import free_port
from support.factories import GRID
from support.notify import SECRET
from support.services import RunningService
from support.system import LEAD, System, case_of, file


def _import_every_schemathesis_module() -> None:
    """schemathesis is a pytest plugin, so pytest rewrites the asserts of each of its modules with
    `ast.parse` as it is imported. Some are imported lazily, deep inside hypothesis' drawing, where
    CPython 3.11 now and then raises "SystemError: AST constructor recursion depth mismatch" (it failed a
    clean-clone CI run so). Importing them all at collection keeps every parse at a shallow stack."""
    for module in pkgutil.walk_packages(schemathesis.__path__, "schemathesis.", onerror=lambda _name: None):
        with contextlib.suppress(ImportError):  # optional extras (allure)
            importlib.import_module(module.name)


_import_every_schemathesis_module()

EXAMPLES = int(os.environ.get("CHUISHAO_SCHEMATHESIS_EXAMPLES", "1"))
ROLES = (
    "anon",
    "worker_a",
    "worker_b",
    "liaison_x",
    "liaison_y",
    "dispatcher_s",
    "dispatcher_t",
    "admin",
    "ops",
    "staff_c",
    "staff_d",
    "volunteer_c",
    "volunteer_d",
    "unit_u",
)
# Endless streams (their first answer is checked by the stream tests).
STREAMS = {("tracking", "GET", "/v1/board/stream"), ("dispatch", "GET", "/v1/stream/cases")}
CHECKS = [not_a_server_error, response_schema_conformance]


@contextlib.asynccontextmanager
async def over_http(app: FastAPI) -> AsyncIterator[str]:
    """An app already running (its lifespan entered by the fixture) behind uvicorn on a real port."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None, access_log=False)
    )
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 30
    while not server.started:
        if task.done():
            task.result()
        assert time.monotonic() < deadline, "uvicorn did not start"
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)


def roles_for(key: tuple[str, str, str]) -> list[str]:
    """Anonymous, plus every role the matrix lets past authorization; for a route open to everyone
    (or refusing everyone) anonymous and one signed-in role, since the role cannot change the answer."""
    allowed = [p for p in ROLES if MATRIX[key].get(p) == "ok" and p != "anon"]
    if not allowed or len(allowed) == len(ROLES) - 1:
        return ["anon", "worker_a"]
    return ["anon", *allowed]


def run_examples(
    strategy: Any,
    service: str,
    role: str,
    url: str,
    auth: dict[str, str],
    session: requests.Session,
    counts: dict[str, int],
    failures: list[str],
) -> None:
    """One operation as one role: every generated case is sent; failures are collected, not shrunk."""

    @settings(
        max_examples=EXAMPLES * 3,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def call(case: Any) -> None:
        sent = {**auth, "Idempotency-Key": uuid.uuid4().hex}
        try:
            response = case.call(base_url=url, headers=sent, session=session, timeout=15)
        except (requests.exceptions.InvalidHeader, ValueError, UnicodeError):
            return  # a request the client library refuses to send never reached us
        counts["requests"] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=sent)
        except (AssertionError, FailureGroup) as failure:
            failures.append(f"{service} as {role}: {case.as_curl_command(headers=sent)}\n  {failure}")

    call()


def fuzz(
    documents: dict[str, dict[str, Any]],
    urls: dict[str, str],
    headers: dict[str, dict[str, str]],
    ids: dict[str, str],
) -> tuple[dict[str, int], list[str]]:
    """Runs in a worker thread (requests blocks) while the event loop serves the apps."""
    # schemathesis's strategies draw from `random` internally, which Hypothesis warns about per case.
    warnings.simplefilter("ignore", HypothesisDeprecationWarning)
    counts = {"operations": 0, "role_runs": 0, "requests": 0}
    failures: list[str] = []
    session = requests.Session()
    for service, document in documents.items():
        schema = schemathesis.openapi.from_dict(document)
        for result in schema.get_all_operations():
            operation = result.ok()
            key = (service, operation.method.upper(), operation.path)
            if key in STREAMS:
                continue
            counts["operations"] += 1
            real = {name: ids[name] for name in re.findall(r"\{(\w+)\}", operation.path) if name in ids}
            strategy = st.one_of(
                operation.as_strategy(),
                operation.as_strategy(path_parameters=real) if real else operation.as_strategy(),
                operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
            )
            for role in roles_for(key):
                counts["role_runs"] += 1
                run_examples(strategy, service, role, urls[service], headers[role], session, counts, failures)
    session.close()
    return counts, failures


async def test_no_operation_answers_5xx_or_outside_its_schema_for_any_role(
    chuishao: System, tracking: RunningService, notify: RunningService, community: RunningService
) -> None:
    running = {
        "intake": chuishao.intake,
        "dispatch": chuishao.dispatch,
        "tracking": tracking,
        "notify": notify,
        "community": community,
    }
    documents = {name: (await s.client.get("/openapi.json")).json() for name, s in running.items()}

    worker_a = _headers(chuishao, "worker_a")["Authorization"][7:]
    report = await file(chuishao, worker_a)
    case = await case_of(chuishao, worker_a, report["id"], "dispatched")
    created = await notify.client.post(
        "/v1/webhooks",
        json={"department": LEAD, "url": "https://hooks.example/in", "secret": SECRET},
        headers=_headers(chuishao, "admin"),
    )
    assert created.status_code == 201, created.text
    ids = {
        "report_id": report["id"],
        "request_id": report["id"],
        "token_id": report["id"],
        "case_id": case["id"],
        "sub_id": created.json()["id"],
        "fmt": "json",
        "service_code": report["category"],
        "grid": GRID,
    }
    headers = {role: _headers(chuishao, role) for role in ROLES}
    # The community's objects: a member of C (the volunteer, confirmed) and a need in grid A.
    member = await community.client.post(
        "/v1/members",
        json={"name": "李建国", "phone": "13912345678", "community": "XY-WQ-WY", "grid": GRID},
        headers={**headers["volunteer_c"], "Idempotency-Key": uuid.uuid4().hex},
    )
    assert member.status_code == 201, member.text
    need = await community.client.post(
        "/v1/needs",
        json={
            "kind": "wish",
            "title": "代购米面",
            "grid": GRID,
            "resident": {"name": "王秀珍"},
            "wanted_by": "2099-01-01T00:00:00+08:00",
        },
        headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex},
    )
    assert need.status_code == 201, need.text
    ids |= {"member_id": member.json()["id"], "need_id": need.json()["id"], "claim_id": str(uuid.uuid4())}
    # The community's forces: unit U signed with C, an order asking it, a project with it, an activity of C.
    forces = {
        "/v1/units": {
            "code": "UNIT-U",
            "name": "县供电公司",
            "kind": "enterprise",
            "contact": {"name": "钱多多", "phone": "13711112222"},
            "agreement": {"signed_on": "2020-01-01", "term_from": "2020-01-01"},
        },
        "/v1/orders": {
            "title": "环境整治",
            "items": [{"name": "志愿者", "quantity": 5}],
            "needed_by": "2099-01-01T00:00:00+08:00",
            "units": ["UNIT-U"],
        },
        "/v1/projects": {"title": "加装扶手", "goal": "60 户", "period_from": "2026-01-01", "units": ["UNIT-U"]},
        "/v1/activities": {
            "title": "敬老院陪护",
            "starts_at": "2099-01-01T09:00:00+08:00",
            "ends_at": "2099-01-01T11:00:00+08:00",
            "place": {"name": "敬老院"},
            "slots": [{"code": "helpers", "capacity": 5}],
        },
    }
    for (path, body), key in zip(forces.items(), ("code", "order_id", "project_id", "activity_id"), strict=True):
        made = await community.client.post(
            path, json=body, headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex}
        )
        assert made.status_code == 201, made.text
        ids[key] = made.json()["code" if key == "code" else "id"]
    # A topic of C (议事) with a quorate meeting, a decision and a task, for the topic routes' real ids.
    everyone = [{"party": p, "name": p} for p in ("committee", "party_member", "resident", "stakeholder")]
    steps = [
        ("/v1/topics", {"title": "楼道堆物", "question": "怎么清？", "community": "XY-WQ-WY", "evidence": []}),
        ("/v1/topics/{topic_id}/set", {"question": "怎么清？", "participants": everyone}),
        (
            "/v1/topics/{topic_id}/meetings",
            {"at": "2026-01-01T10:00:00+08:00", "place": "议事厅", "agenda": ["清理"], "attendance": everyone},
        ),
        (
            "/v1/topics/{topic_id}/decisions",
            {"item": "清理", "decision": "周六清理", "owner": "物业", "due": "2099-01-01T00:00:00+08:00"},
        ),
        ("/v1/topics/{topic_id}/actions", {"kind": "task", "owner": "楼栋长", "due": "2099-01-01T00:00:00+08:00"}),
    ]
    for path, body in steps:
        answer = await community.client.post(
            path.format(**ids), json=body, headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex}
        )
        assert answer.status_code in (200, 201), answer.text
        ids.setdefault("topic_id", answer.json()["id"])
        if path.endswith("/meetings"):
            ids["meeting_id"] = answer.json()["id"]
    ids["action_id"] = answer.json()["actions"][0]["id"]
    # A team of C with the member, and a post of C the member holds (志愿服务队, 志愿服务岗位).
    confirmed = await community.client.post(
        f"/v1/members/{member.json()['id']}/confirm",
        headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex},
    )
    assert confirmed.status_code == 200, confirmed.text
    for path, body, key, tenures, tenure_key in (
        ("/v1/teams", {"name": "红马甲", "kind": "red_vest"}, "team_id", "members", "membership_id"),
        ("/v1/posts", {"name": "楼栋长", "seats": 3}, "post_id", "holders", "holding_id"),
    ):
        made = await community.client.post(
            path, json=body, headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex}
        )
        assert made.status_code == 201, made.text
        ids[key] = made.json()["id"]
        joined = await community.client.post(
            f"{path}/{ids[key]}/{tenures}",
            json={"member": member.json()["id"]},
            headers={**headers["staff_c"], "Idempotency-Key": uuid.uuid4().hex},
        )
        assert joined.status_code == 201, joined.text
        ids[tenure_key] = joined.json()[tenures][0]["id"]

    async with contextlib.AsyncExitStack() as stack:
        urls = {name: await stack.enter_async_context(over_http(s.app)) for name, s in running.items()}
        started = time.monotonic()
        counts, failures = await asyncio.to_thread(fuzz, documents, urls, headers, ids)
        elapsed = time.monotonic() - started
    print(
        f"\nschemathesis: {counts['operations']} operations, {counts['role_runs']} operation×role runs, "
        f"{counts['requests']} requests in {elapsed:.1f}s, {len(failures)} failures"
    )
    assert counts["requests"] >= counts["role_runs"] * EXAMPLES, counts  # the cases really ran
    assert not failures, "\n".join(failures[:20]) + (f"\n… and {len(failures) - 20} more" if len(failures) > 20 else "")
