"""Telling a person (issue 25 item 3) against a local WeCom and DingTalk held to their documented send
APIs: each person an escalation step reaches gets one WeCom application message or DingTalk work
notice with a signed one-tap 签收 link; a person with no platform id is `unreachable`; no personal data
(the report's description and place, a resident's name or phone, a member's mobile) and no secret in
any message or log line."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import pytest

from chuishao_shared.ack_links import DEVELOPMENT_SECRET, read
from support.factories import worker_token
from support.infra import Infra
from support.notify import notify_system
from support.person_platforms import MessagingPlatforms
from support.services import serving
from support.system import LEAD, case_of, eventually, file

from .test_escalation_chain import lead_chain, policy, prepare_rosters

RESIDENT_PHONE, RESIDENT_NAME, MEMBER_MOBILE = "13912345678", "李居民", "13800138000"


async def test_each_person_told_gets_one_message_with_a_signed_link_and_no_personal_data(
    infra: Infra, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    platforms = MessagingPlatforms(members={"zhangsan", "lisi"})
    async with serving(platforms.app()) as url:
        settings = {**platforms.messaging_settings(url), "escalation_poll_seconds": 0.2}
        settings["person_notice_poll_seconds"] = 0.2
        async with notify_system(infra, **settings) as ns:
            await prepare_rosters(ns)
            for member, body in (
                ("m-a", {"name": "王值班", "mobile": MEMBER_MOBILE, "wecom_user_id": "zhangsan"}),
                ("m-head", {"name": "赵主任", "mobile": "13700137000", "dingtalk_user_id": "lisi"}),
            ):
                answer = await ns.notify.client.put(
                    f"/v1/rosters/{LEAD}/people/{member}", json=body, headers=ns.admin()
                )
                assert answer.status_code == 200, answer.text
            bad = await ns.notify.client.put(
                f"/v1/rosters/{LEAD}/people/m-x", json={"name": "x", "wecom_user_id": " a\n"}, headers=ns.admin()
            )
            assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "wecom_user_id"
            await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=policy(), headers=ns.admin())

            token = worker_token(ns.system.intake.settings)
            report = await file(ns.system, token, resident={"name": RESIDENT_NAME, "phone": RESIDENT_PHONE})
            case = await case_of(ns.system, token, report["id"])

            async def settled() -> dict | None:
                chain = await lead_chain(ns, case["id"])
                if (
                    chain
                    and chain["status"] == "exhausted"
                    and all(n != "pending" for s in chain["steps"] for n in s["notices"])
                ):
                    return chain
                return None

            chain = await eventually(settled, timeout=40)
            assert [s["notices"] for s in chain["steps"]] == [["sent"], [], ["sent"], ["unreachable"]]
            assert len(platforms.wecom_messages) == 1 and len(platforms.dingtalk_messages) == 1
            assert platforms.refused == []

            wecom = platforms.wecom_messages[0]
            assert wecom["touser"] == "zhangsan" and wecom["msgtype"] == "textcard"
            assert wecom["agentid"] == int(platforms.agent_id) and wecom["textcard"]["btntxt"] == "签收"
            ding = platforms.dingtalk_messages[0]
            assert ding["userid_list"] == "lisi" and ding["agent_id"] == platforms.dingtalk_agent_id
            card = ding["msg"]["action_card"]
            assert card["single_title"] == "签收"

            # The links: dispatch's page, signed, naming the case, the department and the person told.
            for link, user in ((wecom["textcard"]["url"], "zhangsan"), (card["single_url"], "lisi")):
                parts = urlsplit(link)
                assert f"{parts.scheme}://{parts.netloc}" == "https://chuishao.example"
                assert parts.path.startswith("/ack/")
                claims = read(DEVELOPMENT_SECRET.encode(), parts.path.removeprefix("/ack/"), time.time())
                assert (claims.case_id, claims.department, claims.user_id) == (case["id"], LEAD, user)
                assert claims.expires > time.time() + 3600

            # No personal data, nor a secret, in any message or log line.
            texts = [str(wecom), str(ding), *[r.getMessage() for r in caplog.records]]
            forbidden = [
                report_description(report),
                "3号楼",
                "2单元",
                RESIDENT_NAME,
                RESIDENT_PHONE,
                MEMBER_MOBILE,
                "13700137000",
                platforms.wecom_secret,
                platforms.dingtalk_secret,
            ]
            leaks = [(word, text[:80]) for text in texts for word in forbidden if word and word in text]
            assert leaks == []
            # What the message does say: the category's name and why this person is told.
            assert "楼道卫生" in wecom["textcard"]["description"] and "值班" in wecom["textcard"]["description"]


def report_description(report: dict) -> str:
    return str(report.get("description") or "3号楼2单元楼道堆放杂物")


async def test_the_link_in_the_wecom_message_acknowledges_on_dispatch_and_stops_the_chain(infra: Infra) -> None:
    from chuishao_shared.auth import mint_token
    from support.factories import bearer

    platforms = MessagingPlatforms(members={"zhangsan"})
    async with serving(platforms.app()) as url:
        settings = {**platforms.messaging_settings(url), "escalation_poll_seconds": 0.2}
        settings["person_notice_poll_seconds"] = 0.2
        async with notify_system(infra, **settings) as ns:
            await prepare_rosters(ns)
            person = {"name": "王值班", "wecom_user_id": "zhangsan"}
            await ns.notify.client.put(f"/v1/rosters/{LEAD}/people/m-a", json=person, headers=ns.admin())
            await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=policy(wait=30), headers=ns.admin())
            admin = bearer(mint_token(ns.system.dispatch.settings, sub="admin-1", role="admin"))
            directory = {
                "name": "王值班",
                "subject": "sub-zhangsan",
                "wecom_user_id": "zhangsan",
                "roles": [{"role": "liaison", "department": LEAD}],
                "reason": "on the roster",
            }
            made = await ns.system.dispatch.client.post("/v1/people", json=directory, headers=admin)
            assert made.status_code == 201, made.text

            token = worker_token(ns.system.intake.settings)
            case = await case_of(ns.system, token, (await file(ns.system, token))["id"])
            await eventually(lambda: _some(platforms.wecom_messages), timeout=30)
            path = urlsplit(platforms.wecom_messages[0]["textcard"]["url"]).path
            tapped = await ns.system.dispatch.client.post(path)
            assert tapped.status_code == 200 and "已签收" in tapped.text, tapped.text

            async def stopped() -> dict | None:
                chain = await lead_chain(ns, case["id"])
                return chain if chain and chain["status"] == "acknowledged" else None

            chain = await eventually(stopped, timeout=30)
            assert [s["position"] for s in chain["steps"]] == [0] and chain["next_at"] is None
            assert len(platforms.wecom_messages) == 1


async def _some(items: list) -> bool:
    return bool(items)
