"""An approved reference data change set applies without a restart within 5 s in dispatch and in intake (which
follows dispatch over real HTTP), new cases take the new SLA while the old keep theirs, and a restarted
service comes up on the latest version, not the files' (PRODUCT.md §9, issue 24 item 4)."""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.reference.holidays import coverage_warning
from support.factories import bearer, report_body, worker_token
from support.infra import Infra, unique
from support.services import RunningService, running, serving, start_service
from support.system import System, case_of, dispatcher, eventually

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
APPLY_BOUND = 5.0  # PRODUCT.md §9: every service applies an approved version within 5 s
NEW = "ENV-GRAFFITI"  # a new 小类 under ENV (its 大类 rule routes it: 城管 in 襄垣县)
GRID = "XY-WQ-WY-G01"


def admin(settings: Any) -> dict[str, str]:
    return bearer(mint_token(settings, sub="admin-city", role="admin"))


@pytest.fixture
async def followed(infra: Infra) -> AsyncIterator[tuple[System, str, IntakeSettings]]:
    """Dispatch behind a real socket; intake following it at that address, as in production."""
    prefix = unique("t") + "."
    d_settings, d_app = await start_service(
        infra, DispatchSettings, build_dispatch, DISPATCH_MIGRATIONS, topic_prefix=prefix, timer_poll_seconds=0.5
    )
    async with serving(d_app) as url:
        i_settings, i_app = await start_service(
            infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, topic_prefix=prefix, directory_url=url
        )
        async with running(i_app, i_settings) as intake:
            import httpx

            async with httpx.AsyncClient(base_url=url, timeout=30) as client:
                yield System(intake, RunningService(d_app, d_settings, client)), url, i_settings  # type: ignore[arg-type]


def change(content: dict[str, Any]) -> dict[str, Any]:
    categories = copy.deepcopy(content["categories"])
    env = next(c for c in categories["items"] if c["code"] == "ENV")
    env["children"].append(
        {"code": NEW, "name": "乱涂乱画", "name_en": "Graffiti", "kind": "event", "default_severity": "minor",
         "sla_policy": "urgent_safety"}
    )  # fmt: skip
    sla = copy.deepcopy(content["sla_policies"])
    standard = next(p for p in sla["items"] if p["code"] == "standard")
    standard["acknowledge_within_minutes"]["minor"] = 20  # 楼道卫生 (standard) answers in 20 min, not 60
    sla["holidays"], sla["makeup_workdays"] = ["2027-01-01", "2027-02-08"], ["2027-02-20"]  # the 2027 notice
    return {"categories": categories, "sla_policies": sla}


async def test_an_approved_version_applies_within_5_s_and_a_restart_comes_up_on_it(
    followed: tuple[System, str, IntakeSettings], infra: Infra
) -> None:
    chuishao, url, intake_settings = followed
    dispatch, intake = chuishao.dispatch, chuishao.intake
    token = worker_token(intake.settings)
    current = (await dispatch.client.get("/v1/reference/versions/current", headers=admin(dispatch.settings))).json()
    assert current["version"] == 1
    await eventually(lambda: _version(intake.app, 1), timeout=15)  # intake follows version 1 (dispatch's)

    before = await intake.client.post("/v1/reports", json=report_body(category=NEW), headers=bearer(token))
    assert before.status_code == 422 and "category" in before.text
    old_case = await case_of(chuishao, token, (await _file(intake, token))["id"], "dispatched")
    old_due = _ack_minutes(old_case)
    assert old_due == pytest.approx(60, abs=0.1)

    proposed = await dispatch.client.post(
        "/v1/reference/changesets",
        json={"reason": "新增乱涂乱画小类，楼道卫生 20 分钟响应", "content": change(current["content"])},
        headers=admin(dispatch.settings),
    )
    assert proposed.status_code == 201, proposed.text
    approved = await dispatch.client.post(
        f"/v1/reference/changesets/{proposed.json()['id']}/approve", json={}, headers=admin(dispatch.settings)
    )
    assert approved.status_code == 200, approved.text
    at = time.monotonic()

    async def intake_accepts() -> bool:
        answer = await intake.client.get("/v1/categories", headers=bearer(token))
        return NEW in answer.text

    async def dispatch_routes() -> bool:
        answer = await dispatch.client.post(
            "/v1/routing/preview", json={"category": NEW, "grid": GRID}, headers=dispatcher(chuishao)
        )
        return answer.status_code == 200 and answer.json()["decision"]["lead"] == "XY-CGJ"

    await eventually(intake_accepts, timeout=APPLY_BOUND, interval=0.05)
    intake_took = time.monotonic() - at
    await eventually(dispatch_routes, timeout=APPLY_BOUND, interval=0.05)
    dispatch_took = time.monotonic() - at
    assert intake_took < APPLY_BOUND and dispatch_took < APPLY_BOUND, (intake_took, dispatch_took)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "reference_apply.json").write_text(
        json.dumps({"intake_seconds": round(intake_took, 2), "dispatch_seconds": round(dispatch_took, 2)})
    )

    # The new 小类 is filed and routed; new cases take the new SLA, the earlier case keeps its deadline.
    graffiti = await case_of(chuishao, token, (await _file(intake, token, category=NEW))["id"], "dispatched")
    assert graffiti["assignments"][0]["department"] == "XY-CGJ"
    assert _ack_minutes(graffiti) == pytest.approx(30, abs=0.1)  # urgent_safety, minor
    new_case = await case_of(chuishao, token, (await _file(intake, token, description="楼道又脏了"))["id"])
    assert _ack_minutes(new_case) == pytest.approx(20, abs=0.1)
    kept = (await dispatch.client.get(f"/v1/cases/{old_case['id']}", headers=dispatcher(chuishao))).json()
    assert _ack_minutes(kept) == pytest.approx(old_due, abs=0.01)
    # The 2027 notice entered: dispatch's calendar (its readiness warning and coverage) covers 2027 now.
    today = dispatch.app.state.context.now().date()
    assert dispatch.app.state.context.calendar().covered_until == date(2027, 12, 31)
    assert dispatch.app.state.readiness_warnings() == [w for w in [coverage_warning(date(2027, 12, 31), today)] if w]

    # A restarted intake (a new process state on the same database) comes up on version 2 before it is ready.
    restarted = build_intake(intake_settings)
    async with running(restarted, intake_settings) as again:
        assert restarted.state.reference_follower.version == 2
        answer = await again.client.post(
            "/v1/reports", json=report_body(category=NEW, description="墙上又被涂画"), headers=bearer(token)
        )
        assert answer.status_code == 201, answer.text


async def _version(app: Any, number: int) -> bool:
    return bool(app.state.reference_follower.version == number)


async def _file(intake: RunningService, token: str, **overrides: Any) -> dict[str, Any]:
    answer = await intake.client.post("/v1/reports", json=report_body(**overrides), headers=bearer(token))
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _ack_minutes(case: dict[str, Any]) -> float:
    lead = case["assignments"][0]
    opened = datetime.fromisoformat(case["opened_at"])
    return (datetime.fromisoformat(lead["ack_due_at"]) - opened).total_seconds() / 60


async def test_a_request_sees_one_version_even_when_the_swap_happens_during_it(
    followed: tuple[System, str, IntakeSettings],
) -> None:
    """The follower swaps while a request is between two reads: the pinned request keeps its version."""
    from chuishao_shared.reference.follow import PinReference

    chuishao, _, _ = followed
    follower = chuishao.dispatch.app.state.reference_follower
    seen: list[tuple[int, int]] = []
    old = follower.current

    async def app(scope: Any, receive: Any, send: Any) -> None:
        first = len(follower.view.categories)
        await asyncio.sleep(0.05)  # the swap happens here
        seen.append((first, len(follower.view.categories)))

    swapped = copy.copy(old)
    object.__setattr__(swapped, "categories", {**old.categories, "X-EXTRA": next(iter(old.categories.values()))})

    async def swap() -> None:
        await asyncio.sleep(0.01)
        follower.current = swapped

    await asyncio.gather(PinReference(app, follower)({"type": "http"}, None, None), swap())
    assert seen == [(len(old.categories), len(old.categories))]
    assert len(follower.view.categories) == len(old.categories) + 1  # outside a request: the latest
    follower.current = old
