"""签收 with one tap on a WeCom template card's button (PRODUCT.md §9), against the local WeCom
(tests/support/person_platforms.py) that holds the card to 发送应用消息 and calls notify back as WeCom does
(encrypted and signed, 接收消息与事件), with real notify and dispatch on the real database and broker:
the card carries no personal data; the member's tap acknowledges the case on dispatch through the one-tap
page's own code path and stops the chain, and the passive reply turns the button into 已签收; a second
tap, another member's tap, a bad signature, another corp's message and a broken body change nothing."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import free_port
from support.factories import bearer, worker_token
from support.infra import Infra
from support.notify import notify_system
from support.person_platforms import MessagingPlatforms
from support.services import serving
from support.system import LEAD, case_of, eventually, file, liaison

from .test_escalation_chain import lead_chain, policy, prepare_rosters

CALLBACK = "/v1/wecom/callback"
RESIDENT_PHONE, RESIDENT_NAME, MEMBER_MOBILE = "13912345678", "李居民", "13800138000"


async def test_a_tap_on_the_card_acknowledges_once_for_the_person_told_and_nothing_else_changes_anything(
    infra: Infra, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    platforms = MessagingPlatforms(members={"zhangsan", "lisi"})
    dispatch_port = free_port()
    async with serving(platforms.app()) as url:
        settings = {
            **platforms.messaging_settings(url),
            **platforms.callback_settings(),
            "escalation_poll_seconds": 0.2,
            "person_notice_poll_seconds": 0.2,
            "dispatch_url": f"http://127.0.0.1:{dispatch_port}",
        }
        async with (
            notify_system(infra, **settings) as ns,
            serving(ns.system.dispatch.app, dispatch_port, lifespan="off"),
        ):
            notify = ns.notify.client
            # The admin console's 保存: URL verification, and a forged one refused.
            verified = await platforms.verify_url(notify, CALLBACK, "echo-8472")
            assert verified.status_code == 200 and verified.text == "echo-8472", verified.text
            forged = await notify.get(CALLBACK, params={"msg_signature": "0" * 40, "timestamp": "1", "nonce": "n",
                                                        "echostr": "abc"})  # fmt: skip
            assert forged.status_code == 403 and forged.headers["content-type"] == "application/problem+json"

            await prepare_rosters(ns)
            person = {"name": "王值班", "mobile": MEMBER_MOBILE, "wecom_user_id": "zhangsan"}
            await notify.put(f"/v1/rosters/{LEAD}/people/m-a", json=person, headers=ns.admin())
            await notify.put(f"/v1/escalation-policies/{LEAD}", json=policy(wait=30), headers=ns.admin())
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
            report = await file(ns.system, token, resident={"name": RESIDENT_NAME, "phone": RESIDENT_PHONE})
            case = await case_of(ns.system, token, report["id"])

            async def some() -> bool:
                return bool(platforms.wecom_messages)

            await eventually(some, timeout=30)
            assert platforms.refused == []
            card = platforms.wecom_messages[0]
            assert card["touser"] == "zhangsan" and card["msgtype"] == "template_card"
            template = card["template_card"]
            assert template["card_type"] == "button_interaction"
            assert [b["text"] for b in template["button_list"]] == ["签收"]
            assert template["card_action"]["type"] == 1
            assert urlsplit(template["card_action"]["url"]).path.startswith("/ack/")  # tapping the card: the page
            facts = {row["keyname"]: row["value"] for row in template["horizontal_content_list"]}
            assert facts["类别"].startswith("楼道卫生") and "签收时限" in facts
            # The button's key names the notice, not the signed link.
            assert "/ack/" not in template["button_list"][0]["key"]
            texts = [str(card), *[r.getMessage() for r in caplog.records]]
            forbidden = [report.get("description"), "3号楼", "2单元", RESIDENT_NAME, RESIDENT_PHONE, MEMBER_MOBILE,
                         platforms.wecom_secret, platforms.callback_token, platforms.encoding_aes_key]  # fmt: skip
            assert [(w, t[:80]) for t in texts for w in forbidden if w and w in t] == []

            async def pending() -> bool:
                chain = await lead_chain(ns, case["id"])
                return bool(chain and chain["status"] == "running")

            # Refused: a wrong signature, another corp's message, a body that is not WeCom's.
            bad, reply = await platforms.tap(notify, CALLBACK, card, token="notTheToken1")
            assert bad.status_code == 403 and reply is None and bad.json()["status"] == 403
            other_corp, reply = await platforms.tap(notify, CALLBACK, card, corp_id="ww-other-corp")
            assert other_corp.status_code == 403 and reply is None
            broken = await notify.post(CALLBACK, params={"msg_signature": "x", "timestamp": "1", "nonce": "n"},
                                       content=b"<xml><Encrypt>")  # fmt: skip
            assert broken.status_code == 400 and broken.headers["content-type"] == "application/problem+json"
            # Another member taps it (WeCom sends it on, or someone forwards it): nothing changes, no reply.
            other, reply = await platforms.tap(notify, CALLBACK, card, user="lisi")
            assert other.status_code == 200 and reply is None
            assert await pending()

            # The member told taps 签收: acknowledged on dispatch, the chain stops, the button says 已签收.
            tapped, reply = await platforms.tap(notify, CALLBACK, card)
            assert tapped.status_code == 200 and reply is not None, tapped.text
            assert reply["MsgType"] == "update_button" and reply["ReplaceName"] == "已签收"
            assert reply["ToUserName"] == "zhangsan" and reply["FromUserName"] == platforms.corp_id

            async def stopped() -> dict | None:
                chain = await lead_chain(ns, case["id"])
                return chain if chain and chain["status"] == "acknowledged" else None

            chain = await eventually(stopped, timeout=30)
            assert [s["position"] for s in chain["steps"]] == [0] and chain["next_at"] is None
            read = await ns.system.dispatch.client.get(f"/v1/cases/{case['id']}", headers=liaison(ns.system, LEAD))
            mine = next(a for a in read.json()["assignments"] if a["department"] == LEAD)
            assert mine["acknowledged_at"] is not None
            timeline = read.json()["timeline"]

            # A second tap: nothing changes, and the button says it was acknowledged before.
            again, reply = await platforms.tap(notify, CALLBACK, card)
            assert again.status_code == 200 and reply is not None and reply["ReplaceName"] == "此前已签收"
            reread = await ns.system.dispatch.client.get(f"/v1/cases/{case['id']}", headers=liaison(ns.system, LEAD))
            assert reread.json()["timeline"] == timeline
            assert len(platforms.wecom_messages) == 1
