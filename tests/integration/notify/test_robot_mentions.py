"""Where a city has no application (no WeCom / DingTalk corp app settings), the person on duty is told by an
@mention by mobile in the group robot of the roster's owner (issue 25 item 3): WeCom `mentioned_mobile_list`
in a text message, DingTalk `at.atMobiles` with `@<mobile>` in the text — against the local robot server
(tests/support/robots.py). The message carries the one-tap 签收 link, which acknowledges on dispatch; the
mobile goes only into the robot request's body: never into a log line, the stored deliveries, their
attempts, the person notices or any answer of notify's API."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from chuishao_shared.auth import mint_token
from support.factories import bearer, worker_token
from support.infra import Infra
from support.notify import SECRET, notify_system
from support.robots import robots
from support.system import LEAD, case_of, eventually, file

from .test_escalation_chain import lead_chain, policy, prepare_rosters

MOBILE_A, MOBILE_HEAD, MOBILE_DESK = "13800138001", "13700137002", "13600136003"


async def test_no_application_means_an_at_mention_by_mobile_in_the_robot_with_the_签收_link(
    infra: Infra, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with robots() as platform:
        async with notify_system(
            infra, escalation_poll_seconds=0.2, person_notice_poll_seconds=0.2, delivery_poll_seconds=0.1
        ) as ns:
            desk = await prepare_rosters(ns)
            lead_robot = await ns.subscribe(
                department=LEAD, url=platform.wecom_url("lead-key"), format="wecom", secret=None
            )
            desk_robot = await ns.subscribe(
                jurisdiction=desk, url=platform.dingtalk_url("desk-token", SECRET), format="dingtalk"
            )
            for owner, member, mobile in (
                (LEAD, "m-a", MOBILE_A),
                (LEAD, "m-head", MOBILE_HEAD),
                (desk, "m-desk", MOBILE_DESK),
            ):
                answer = await ns.notify.client.put(
                    f"/v1/rosters/{owner}/people/{member}",
                    json={"name": "值班员", "mobile": mobile},
                    headers=ns.admin(),
                )
                assert answer.status_code == 200, answer.text
            await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=policy(), headers=ns.admin())
            # The person told first is in dispatch's directory under the roster's member id.
            admin = bearer(mint_token(ns.system.dispatch.settings, sub="admin-1", role="admin"))
            directory = {
                "name": "王值班",
                "subject": "m-a",
                "roles": [{"role": "liaison", "department": LEAD}],
                "reason": "on the roster",
            }
            made = await ns.system.dispatch.client.post("/v1/people", json=directory, headers=admin)
            assert made.status_code == 201, made.text

            token = worker_token(ns.system.intake.settings)
            case = await case_of(ns.system, token, (await file(ns.system, token))["id"])

            async def exhausted() -> dict | None:
                chain = await lead_chain(ns, case["id"])
                notices = [n for s in (chain or {}).get("steps", []) for n in s["notices"]]
                return chain if chain and chain["status"] == "exhausted" and "pending" not in notices else None

            chain = await eventually(exhausted, timeout=40)
            # Level 1 (m-a), the gap at level 2, the head (m-head), the desk (m-desk): each told once.
            assert [s["notices"] for s in chain["steps"]] == [["sent"], [], ["sent"], ["sent"]]

            def mentions(robot: str) -> list[dict[str, Any]]:
                return [m.body for m in platform.shown.get(robot, []) if m.body["msgtype"] == "text"]

            # The desk's robot also hears the assisting department's chain (its default policy reaches the
            # desk at once: that department has no roster here), so at least one there.
            await eventually(lambda: _async(len(mentions("lead-key")) == 2 and mentions("desk-token")))
            wecom = mentions("lead-key")
            ding = mentions("desk-token")[-1]
            assert [m["text"]["mentioned_mobile_list"] for m in wecom] == [[MOBILE_A], [MOBILE_HEAD]]
            assert ding["at"] == {"atMobiles": [MOBILE_DESK], "isAtAll": False}
            assert ding["text"]["content"].endswith(f"\n@{MOBILE_DESK}")  # DingTalk places the mention there
            for m in wecom:
                # WeCom shows the mention itself: the mobile is not in the text.
                assert MOBILE_A not in m["text"]["content"] and MOBILE_HEAD not in m["text"]["content"]
                assert "【请签收】" in m["text"]["content"] and "楼道卫生" in m["text"]["content"]
            assert platform.refused == {}

            # The link in the first mention acknowledges on dispatch, for the person the roster names.
            link = next(line for line in wecom[0]["text"]["content"].splitlines() if line.startswith("一键签收："))
            parts = urlsplit(link.removeprefix("一键签收："))
            assert f"{parts.scheme}://{parts.netloc}" == "https://chuishao.example"
            tapped = await ns.system.dispatch.client.post(parts.path)
            assert tapped.status_code == 200 and "已签收" in tapped.text, tapped.text

            async def acknowledged() -> dict | None:
                got = await lead_chain(ns, case["id"])
                return got if got and got["status"] == "acknowledged" else None

            await eventually(acknowledged, timeout=30)

            # Where the mobile must not be: notify's API answers, its stored deliveries and attempts, the
            # person notices, the escalation steps, and every log line.
            answers = [
                (await ns.notify.client.get(f"/v1/webhooks/{s['id']}/deliveries", headers=ns.admin())).text
                for s in (lead_robot, desk_robot)
            ]
            answers.append((await ns.notify.client.get(f"/v1/escalation-chains/{case['id']}", headers=ns.admin())).text)
            async with ns.notify.app.state.bus.uow() as uow:
                stored = [
                    str(list(row))
                    for query in (
                        "SELECT * FROM deliveries",
                        "SELECT * FROM delivery_attempts",
                        "SELECT * FROM person_notices",
                        "SELECT * FROM escalation_steps",
                        "SELECT * FROM escalation_chains",
                    )
                    for row in (await uow.conn.execute(text(query))).all()
                ]
            logs = [r.getMessage() for r in caplog.records]
            assert any("person_mention" in row for row in stored)  # the mentions are in there, by member id
            leaks = [
                (mobile, where[:120])
                for where in (*answers, *stored, *logs)
                for mobile in (MOBILE_A, MOBILE_HEAD, MOBILE_DESK)
                if mobile in where
            ]
            assert leaks == []


async def _async(value: Any) -> Any:
    return value


async def test_a_mention_still_waiting_in_the_robots_queue_is_not_sent_after_签收(infra: Infra) -> None:
    import asyncio
    import uuid

    from support.system import liaison

    window = 8.0  # one message per 8 s on this robot: the mention waits behind the dispatch notice
    with robots(per_window=1, window=window) as platform:
        async with notify_system(
            infra,
            escalation_poll_seconds=0.2,
            person_notice_poll_seconds=0.2,
            robot_per_window=1,
            robot_window_seconds=window,
        ) as ns:
            await prepare_rosters(ns)
            robot = await ns.subscribe(department=LEAD, url=platform.wecom_url("k"), format="wecom", secret=None)
            person = {"name": "王值班", "mobile": MOBILE_A}
            assert (
                await ns.notify.client.put(f"/v1/rosters/{LEAD}/people/m-a", json=person, headers=ns.admin())
            ).is_success
            await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=policy(wait=30), headers=ns.admin())
            token = worker_token(ns.system.intake.settings)
            case = await case_of(ns.system, token, (await file(ns.system, token))["id"])

            async def mention_waiting() -> dict | None:
                log = await ns.deliveries(robot["id"])
                return next((d for d in log if d["type"] == "person_mention" and d["status"] == "pending"), None)

            waiting = await eventually(mention_waiting, timeout=30)
            acked = await ns.system.dispatch.client.post(
                f"/v1/cases/{case['id']}/acknowledge",
                json={},
                headers={**liaison(ns.system, LEAD), "Idempotency-Key": str(uuid.uuid4())},
            )
            assert acked.status_code == 200, acked.text

            async def cancelled() -> dict | None:
                log = await ns.deliveries(robot["id"])
                return next((d for d in log if d["id"] == waiting["id"] and d["status"] == "cancelled"), None)

            await eventually(cancelled, timeout=30)
            await asyncio.sleep(window + 2)  # the robot's window has room again: nothing more goes
            shown = [m.body["msgtype"] for m in platform.shown.get("k", [])]
    assert shown == ["markdown"]  # the dispatch notice only; the mention was never sent
