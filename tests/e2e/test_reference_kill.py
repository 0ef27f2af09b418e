"""Reference data change sets through real processes (issue 24 item 4): dispatch SIGKILLed while it approves
a change set leaves either the whole version (stored, the change set approved, its event published) or
nothing of it; intake SIGKILLed right after an approval, while it applies the version, comes up on the
latest version before it is ready."""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
import uuid
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from chuishao_shared.auth import mint_token
from chuishao_shared.events import REFERENCE_TOPIC
from chuishao_shared.settings import Settings
from support.factories import bearer, report_body
from support.processes import Deployment, eventually

SETTINGS = Settings()
WORKER = bearer(mint_token(SETTINGS, sub="e2e-worker", role="grid_worker", grids=["XY-WQ-WY-G01"]))
ADMIN = bearer(mint_token(SETTINGS, sub="e2e-admin", role="admin"))
NEW = "ENV-GRAFFITI"


def with_new_category(content: dict[str, Any], name: str = "乱涂乱画") -> dict[str, Any]:
    categories = copy.deepcopy(content["categories"])
    env = next(c for c in categories["items"] if c["code"] == "ENV")
    env["children"] = [c for c in env["children"] if c["code"] != NEW] + [
        {"code": NEW, "name": name, "name_en": "Graffiti", "kind": "event", "default_severity": "minor",
         "sla_policy": "standard"}
    ]  # fmt: skip
    return {"categories": categories}


def propose(dispatch: str, content: dict[str, Any], reason: str) -> str:
    answer = httpx.post(
        f"{dispatch}/v1/reference/changesets", json={"reason": reason, "content": content}, headers=ADMIN, timeout=30
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def current(dispatch: str) -> dict[str, Any]:
    return httpx.get(f"{dispatch}/v1/reference/versions/current", headers=ADMIN, timeout=30).json()  # type: ignore[no-any-return]


def events(deployed: Deployment, at_least: int) -> list[dict[str, Any]]:
    async def read() -> list[dict[str, Any]]:
        consumer = AIOKafkaConsumer(
            deployed.prefix + REFERENCE_TOPIC,
            bootstrap_servers=deployed.infra.bootstrap,
            group_id=str(uuid.uuid4()),
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        found: list[dict[str, Any]] = []
        try:
            deadline = time.monotonic() + 30
            while len(found) < at_least and time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                found += [json.loads(m.value) for ms in batch.values() for m in ms]
            # Anything more (a duplicate would show here) within a further second.
            batch = await consumer.getmany(timeout_ms=1000)
            found += [json.loads(m.value) for ms in batch.values() for m in ms]
        finally:
            await consumer.stop()
        return found

    return asyncio.run(read())


def test_a_kill_mid_approval_or_mid_apply_leaves_no_half_applied_version(deployed: Deployment) -> None:
    first = deployed.start("dispatch")
    base = current(first)
    assert base["version"] == 1
    changeset = propose(first, with_new_category(base["content"]), "新增乱涂乱画小类")

    # SIGKILL dispatch while it approves (the approval is sent, the process dies a moment later).
    answers: list[Any] = []
    sender = threading.Thread(
        target=lambda: answers.append(
            _quietly(lambda: httpx.post(f"{first}/v1/reference/changesets/{changeset}/approve", json={}, headers=ADMIN))
        )
    )
    sender.start()
    time.sleep(0.03)
    deployed.kill(first)
    sender.join(30)

    dispatch = deployed.start("dispatch")
    state = httpx.get(f"{dispatch}/v1/reference/changesets/{changeset}", headers=ADMIN).json()["status"]
    versions = [v["version"] for v in httpx.get(f"{dispatch}/v1/reference/versions", headers=ADMIN).json()["items"]]
    # All or nothing: approved with version 2, or still proposed with version 1 only.
    assert (state, versions) in (("approved", [2, 1]), ("proposed", [1])), (state, versions, answers)
    if state == "proposed":
        again = httpx.post(f"{dispatch}/v1/reference/changesets/{changeset}/approve", json={}, headers=ADMIN)
        assert again.status_code == 200, again.text
    published = events(deployed, 1)
    assert [e["data"]["version"] for e in published] == [2]  # exactly one event, for the version stored

    # Intake started now comes up on version 2 before it is ready: the new 小类 is accepted at once.
    intake = deployed.start("intake", CHUISHAO_DIRECTORY_URL=dispatch)
    filed = httpx.post(f"{intake}/v1/reports", json=report_body(category=NEW), headers=WORKER)
    assert filed.status_code == 201, filed.text

    # Version 3 renames the 小类; intake is SIGKILLed right after the approval (while it applies it) and
    # started again: it names the 小类 as version 3 does from its first answer.
    renamed = propose(dispatch, with_new_category(current(dispatch)["content"], "墙面乱涂乱画"), "改名")
    approved = httpx.post(f"{dispatch}/v1/reference/changesets/{renamed}/approve", json={}, headers=ADMIN)
    assert approved.status_code == 200 and approved.json()["version"] == 3, approved.text
    time.sleep(0.5)
    deployed.kill(intake)
    intake = deployed.start("intake", CHUISHAO_DIRECTORY_URL=dispatch)
    categories = httpx.get(f"{intake}/v1/categories", headers=WORKER).text
    assert "墙面乱涂乱画" in categories

    # The case filed under version 2 was routed; the dispatch that was killed left no stray process.
    def routed() -> bool:
        report = httpx.get(f"{intake}/v1/reports/{filed.json()['id']}", headers=WORKER).json()
        return bool(report.get("case_id"))

    eventually(routed, timeout=30)
    assert all(p.poll() is not None for s, p, u in deployed.processes if u == first)


def _quietly(call: Any) -> Any:
    try:
        return call()
    except httpx.HTTPError as error:
        return repr(error)
