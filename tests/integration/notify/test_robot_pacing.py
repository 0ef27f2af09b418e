"""A group robot takes 20 messages a minute (WeCom 45009, DingTalk 130101 beyond it — domain/pacing.py cites
both platforms): notify's robot messages beyond the limit wait and go in order, never refused and lost, per
robot, against a local robot server that enforces the limit as the platforms do (tests/support/robots.py).

The minute is shortened to WINDOW seconds for the test — the robot server and notify share it
(CHUISHAO_ROBOT_WINDOW_SECONDS); the production default stays the documented 60 s."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from typing import Any

from support.factories import worker_token
from support.infra import Infra
from support.notify import SECRET, NotifySystem, notify_system
from support.robots import robots
from support.system import LEAD, eventually, file

WINDOW = 5.0  # seconds standing for the platforms' minute
BURST = 45


async def _async(value: Any) -> Any:
    return value


async def _test_message(ns: NotifySystem, sub_id: str) -> str:
    answer = await ns.notify.client.post(
        f"/v1/webhooks/{sub_id}/test", headers={**ns.admin(), "Idempotency-Key": str(uuid.uuid4())}
    )
    assert answer.status_code == 202, answer.text
    return str(answer.json()["event_id"])


async def test_45_messages_to_one_robot_all_arrive_in_order_and_another_robot_is_not_held_up(infra: Infra) -> None:
    with robots(per_window=20, window=WINDOW) as platform:
        wecom_url = platform.wecom_url("key-busy")
        ding_url = platform.dingtalk_url("token-quiet", SECRET)
        async with notify_system(infra, robot_window_seconds=WINDOW) as ns:
            busy = await ns.subscribe(department=LEAD, url=wecom_url, format="wecom", secret=None)
            quiet = await ns.subscribe(jurisdiction="XY-WQ", url=ding_url, format="dingtalk", events=["escalated"])
            token = worker_token(ns.system.intake.settings)
            # A burst: 45 cases dispatched to the department at once (filed concurrently).
            reports = await asyncio.gather(*(file(ns.system, token) for _ in range(BURST)))
            assert len({r["id"] for r in reports}) == BURST

            # While the busy robot's queue waits (20 went, the rest wait for the window), the other robot's
            # message goes at once: its own queue and its own count.
            await eventually(lambda: _async(len(platform.shown.get("key-busy", [])) >= 20), timeout=60)
            asked = time.time()
            await _test_message(ns, quiet["id"])
            await eventually(lambda: _async(platform.shown.get("token-quiet")), timeout=30)
            quiet_delay = platform.shown["token-quiet"][0].at - asked
            still_waiting = BURST - len(platform.shown["key-busy"])

            async def all_delivered() -> list | None:
                log = await _deliveries(ns, busy["id"])
                return log if len(log) == BURST and all(d["status"] == "delivered" for d in log) else None

            # 45 at 20 a window take at least two windows after the first; generous for two busy cores.
            log = await eventually(all_delivered, timeout=WINDOW * 3 + 60)

    shown = platform.shown["key-busy"]
    # None refused, none lost: the robot refused nothing, and every delivery was shown once. An attempt
    # may be retried only when no answer came back in time (a loaded machine), never after a refusal.
    assert platform.refused == {}, platform.refused
    assert len(shown) == BURST
    retried = [a for d in log for a in d["attempts"][:-1]]
    assert all(a["status_code"] is None for a in retried), retried
    # In order: the robot shows the cases in the order notify queued them (the deliveries' ids).
    queued = [d["case_id"] for d in sorted(log, key=lambda d: d["id"])]
    arrived = [_case_in(m.body["markdown"]["content"]) for m in shown]
    assert arrived == queued
    # They waited: no 21 within a window, so the burst spread over more than two windows.
    times = [m.at for m in shown]
    assert all(times[i + 20] - times[i] > WINDOW for i in range(BURST - 20))
    assert times[-1] - times[0] > 2 * WINDOW
    # The other robot was not held up: the busy one still had messages waiting, and the quiet one's came
    # well within one window (about a second on a quiet machine).
    assert still_waiting > 0, still_waiting
    assert quiet_delay < WINDOW * 0.8, quiet_delay


async def test_a_robot_that_refuses_as_too_fast_gets_the_message_later_in_order(infra: Infra) -> None:
    with robots(per_window=20, window=WINDOW) as platform:
        url = platform.wecom_url("key-shared")
        async with notify_system(infra, robot_window_seconds=WINDOW) as ns:
            sub = await ns.subscribe(department=LEAD, url=url, format="wecom", secret=None)
            # Another sender has just used this robot's whole minute: the platform will refuse (45009).
            platform.fill("key-shared", 20)
            token = worker_token(ns.system.intake.settings)
            for _ in range(3):
                await file(ns.system, token)

            async def delivered() -> list | None:
                log = await _deliveries(ns, sub["id"])
                return log if len(log) == 3 and all(d["status"] == "delivered" for d in log) else None

            log = await eventually(delivered, timeout=WINDOW * 4 + 40)

    assert len(platform.shown["key-shared"]) == 3
    assert platform.refused["key-shared"] and set(platform.refused["key-shared"]) == {45009}
    first = min(log, key=lambda d: d["id"])
    outcomes = [a["outcome"] for a in first["attempts"]]
    assert outcomes[-1] == "delivered" and set(outcomes[:-1]) == {"retry"}, outcomes
    assert all(a["error"] == "errcode 45009" for a in first["attempts"][:-1])
    # The refused one waited for the window, and the later ones waited behind it: still in order.
    assert platform.shown["key-shared"][0].at - platform.filled_at["key-shared"] >= WINDOW * 0.9
    queued = [d["case_id"] for d in sorted(log, key=lambda d: d["id"])]
    assert [_case_in(m.body["markdown"]["content"]) for m in platform.shown["key-shared"]] == queued


async def _deliveries(ns: NotifySystem, sub_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        answer = await ns.notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", params=params, headers=ns.admin())
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def _case_in(markdown: str) -> str:
    found = re.search(r"/console/#/case/([0-9a-f-]{36})", markdown)
    assert found, markdown
    return found.group(1)


async def test_a_wecom_message_refused_for_the_members_limit_waits_and_the_next_goes_after_it(infra: Infra) -> None:
    """WeCom takes 30 application messages a minute to one member (45033 beyond): the refused notice keeps
    its place and goes again after the minute; the member's next notice waits behind it."""
    from support.person_platforms import MessagingPlatforms
    from support.services import serving

    from .test_escalation_chain import policy, prepare_rosters

    platforms = MessagingPlatforms(members={"zhangsan"}, member_window=WINDOW)
    async with serving(platforms.app()) as url:
        settings = {**platforms.messaging_settings(url), "escalation_poll_seconds": 0.2}
        settings |= {"person_notice_poll_seconds": 0.2, "person_throttle_seconds": WINDOW}
        async with notify_system(infra, **settings) as ns:
            await prepare_rosters(ns)
            person = {"name": "王值班", "wecom_user_id": "zhangsan"}
            await ns.notify.client.put(f"/v1/rosters/{LEAD}/people/m-a", json=person, headers=ns.admin())
            # The same person at level 1 and as the head: two notices to one member, a few seconds apart.
            body = policy() | {"head": "m-a"}
            body["steps"] = [body["steps"][0], body["steps"][2]]
            answer = await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=body, headers=ns.admin())
            assert answer.status_code == 200, answer.text
            platforms.fill_member("zhangsan", 30)  # this minute's 30 are used up elsewhere
            token = worker_token(ns.system.intake.settings)
            await file(ns.system, token)

            await eventually(lambda: _async(len(platforms.wecom_messages) >= 2), timeout=WINDOW * 4 + 40)
            first_arrived = time.time()

    assert ("wecom", 45033) in platforms.refused
    told = [m["textcard"]["description"] for m in platforms.wecom_messages]
    # In order: the level-1 notice (您正在值班) before the head's (部门负责人督促), both delivered, once each.
    assert len(told) == 2 and "您正在值班" in told[0] and "部门负责人" in told[1], told
    assert first_arrived - platforms.filled_at["zhangsan"] >= WINDOW * 0.9
