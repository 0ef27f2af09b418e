"""Escalation chains end to end (issue 25 item 2), with intake and dispatch producing the events on a
real broker and notify on a real PostgreSQL: the steps in order with their waits, a roster gap skipped
straight to the next step, the policy version in force when the case was opened, 签收 stopping the
chain, and notify stopped between two steps and started again: every step taken exactly once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from chuishao_notify.bootstrap import build_app
from support.factories import worker_token
from support.infra import Infra
from support.notify import NotifySystem, _consumer_ready, start_notify
from support.services import running
from support.system import LEAD, case_of, eventually, file, liaison, system

SH = ZoneInfo("Asia/Shanghai")
COMMUNITY = "XY-WQ-WY"
FAST = 0.05  # minutes: 3 s between steps


def policy(wait: float = FAST) -> dict[str, Any]:
    return {
        "steps": [
            {"kind": "level", "level": 1, "wait_minutes": wait},
            {"kind": "level", "level": 2, "wait_minutes": wait},  # nobody on level 2: a gap, skipped
            {"kind": "head", "wait_minutes": wait},
            {"kind": "desk", "wait_minutes": wait},
        ],
        "repeats": 0,
        "head": "m-head",
        "reason": "test",
    }


async def prepare_rosters(ns: NotifySystem) -> str:
    """Level 1 of the lead department: m-a round the clock; its community's duty desk: m-desk."""
    desk = ns.notify.app.state.context.duty_desks(COMMUNITY)[0]
    starts = datetime.now(SH).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    for owner, member in ((LEAD, "m-a"), (desk, "m-desk")):
        layer = {
            "level": 1,
            "name": "全天",
            "rrule": "FREQ=HOURLY",
            "starts": starts.isoformat(),
            "shift_minutes": 60,
            "members": [member],
        }
        answer = await ns.notify.client.post(f"/v1/rosters/{owner}/layers", json=layer, headers=ns.admin())
        assert answer.status_code == 201, answer.text
    return desk


async def put_policy(ns: NotifySystem, body: dict[str, Any]) -> dict[str, Any]:
    answer = await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=body, headers=ns.admin())
    assert answer.status_code == 200, answer.text
    return answer.json()


async def lead_chain(ns: NotifySystem, case_id: str) -> dict[str, Any] | None:
    answer = await ns.notify.client.get(f"/v1/escalation-chains/{case_id}", headers=ns.liaison(LEAD))
    if answer.status_code != 200:
        return None
    return next((c for c in answer.json()["chains"] if c["department"] == LEAD), None)


def until(ns: NotifySystem, case_id: str, test: Any) -> Any:
    async def check() -> dict[str, Any] | None:
        chain = await lead_chain(ns, case_id)
        return chain if chain and test(chain) else None

    return check


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


@contextlib.asynccontextmanager
async def restartable(infra: Infra) -> AsyncIterator[tuple[NotifySystem, Any]]:
    async with system(infra, duplicate_window_minutes=0) as both:
        settings, app = await start_notify(infra, both.dispatch.settings.topic_prefix, escalation_poll_seconds=0.2)
        yield NotifySystem(both, None), (settings, app)  # type: ignore[arg-type]


async def test_a_chain_tells_each_step_once_skips_a_gap_keeps_its_version_and_stops_at_签收(infra: Infra) -> None:
    from support.notify import notify_system

    async with notify_system(infra, escalation_poll_seconds=0.2) as ns:
        desk = await prepare_rosters(ns)
        default = (await ns.notify.client.get(f"/v1/escalation-policies/{LEAD}", headers=ns.liaison(LEAD))).json()
        assert default["default"] is True and default["version"] == 0
        bad = await ns.notify.client.put(
            f"/v1/escalation-policies/{LEAD}",
            json={**policy(), "steps": [{"kind": "level", "wait_minutes": 5}]},
            headers=ns.admin(),
        )
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
        assert bad.json()["errors"][0]["field"] == "/steps/0/level"
        forbidden = await ns.notify.client.put(
            f"/v1/escalation-policies/{LEAD}", json=policy(), headers=ns.liaison(LEAD)
        )
        assert forbidden.status_code == 403
        assert (await put_policy(ns, policy()))["version"] == 1

        token = worker_token(ns.system.intake.settings)
        case_a = await case_of(ns.system, token, (await file(ns.system, token))["id"])
        chain = await eventually(until(ns, case_a["id"], lambda c: c["status"] == "exhausted"), timeout=40)
        steps = chain["steps"]
        assert [s["position"] for s in steps] == [0, 1, 2, 3]
        assert [s["told"] for s in steps] == [["m-a"], [], ["m-head"], ["m-desk"]]
        assert [s["skipped"] for s in steps] == [False, True, False, False]
        assert steps[3]["owner"] == desk and chain["policy_version"] == 1
        taken = [when(s["taken_at"]) for s in steps]
        assert taken[1] - taken[0] >= timedelta(seconds=3)  # the wait after level 1
        assert taken[2] - taken[1] < timedelta(seconds=1)  # the gap at level 2: straight on to the head
        assert taken[3] - taken[2] >= timedelta(seconds=3)

        # A new version (a 30-minute wait) applies to cases opened from now; case A kept version 1.
        assert (await put_policy(ns, policy(wait=30)))["version"] == 2
        case_b = await case_of(ns.system, token, (await file(ns.system, token))["id"])
        chain_b = await eventually(until(ns, case_b["id"], lambda c: c["steps"]), timeout=30)
        assert chain_b["policy_version"] == 2 and chain_b["status"] == "running"
        assert (await lead_chain(ns, case_a["id"]))["policy_version"] == 1  # type: ignore[index]

        # 签收 stops the chain: no further step.
        answer = await ns.system.dispatch.client.post(
            f"/v1/cases/{case_b['id']}/acknowledge", json={}, headers=liaison(ns.system, LEAD)
        )
        assert answer.status_code == 200, answer.text
        stopped = await eventually(until(ns, case_b["id"], lambda c: c["status"] == "acknowledged"), timeout=30)
        assert stopped["next_at"] is None and [s["position"] for s in stopped["steps"]] == [0]

        # Another department's liaison does not read this chain (an empty list, as for a case with none).
        other = await ns.notify.client.get(f"/v1/escalation-chains/{case_b['id']}", headers=ns.liaison("XY-NOPE"))
        assert other.status_code == 200 and other.json()["chains"] == []


async def test_notify_stopped_between_two_steps_neither_repeats_nor_skips_one(infra: Infra) -> None:
    async with restartable(infra) as (ns, (settings, app)):
        async with running(app, settings) as notify:
            await _consumer_ready(app)
            ns.notify = notify
            await prepare_rosters(ns)
            await put_policy(ns, policy())
            token = worker_token(ns.system.intake.settings)
            case = await case_of(ns.system, token, (await file(ns.system, token))["id"])
            await eventually(until(ns, case["id"], lambda c: len(c["steps"]) == 1), timeout=30)
        # Notify is down between step 0 and step 1 (its wait passes meanwhile); then a new process.
        await asyncio.sleep(4)
        again = build_app(settings)
        async with running(again, settings) as notify:
            await _consumer_ready(again)
            ns.notify = notify
            chain = await eventually(until(ns, case["id"], lambda c: c["status"] == "exhausted"), timeout=40)
            assert [s["position"] for s in chain["steps"]] == [0, 1, 2, 3]
            assert [s["told"] for s in chain["steps"]] == [["m-a"], [], ["m-head"], ["m-desk"]]
            assert [len(s["notices"]) for s in chain["steps"]] == [1, 0, 1, 1]  # one notice per person told
