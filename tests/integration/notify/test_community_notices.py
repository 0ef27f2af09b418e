"""Notify on chuishao.community.v1 (issue 21 item 8, issue 22 item 6), against real receivers on
loopback, real PostgreSQL and the broker: a recorded need reaches exactly the community subscriptions
whose skill and grid filters match, once, even when the event is delivered twice; a member's claim is
reminded before the wanted-by date; staff hear of an expiry, an overdue action and a topic moved. The
events carry a resident's name, phone and address planted beside the contract's fields: no message
body holds any of them."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from integration.tracking.community_events import SECRETS, WUYANG, WUYANG_G03, NeedScript, forces_event
from integration.tracking.tracking_helpers import produce

from chuishao_notify.bootstrap import NotifySettings
from chuishao_shared.auth import mint_token
from chuishao_shared.events import EventType
from chuishao_shared.kafka import make_producer
from support.factories import bearer
from support.infra import Infra, unique
from support.notify import SECRET, _consumer_ready, start_notify
from support.receiver import receiver
from support.services import running
from support.system import eventually

OTHER = "TN-CS-FQXC"  # another community


def _headers(settings: NotifySettings, role: str = "admin", **claims: Any) -> dict[str, str]:
    token = mint_token(settings, sub=f"{role}-1", role=role, **claims)
    return {**bearer(token), "Idempotency-Key": str(uuid.uuid4())}


async def _subscribe(client: Any, settings: NotifySettings, **body: Any) -> dict[str, Any]:
    body = {"format": "generic", "secret": SECRET, **body}
    response = await client.post("/v1/webhooks", json=body, headers=_headers(settings))
    assert response.status_code == 201, response.text
    return response.json()


async def test_community_events_reach_exactly_the_matching_community_subscriptions_once(infra: Infra) -> None:
    settings, app = await start_notify(
        infra, unique("t") + ".", reminder_fractions=[0.5], reminder_before_minutes=[600.0], reminder_poll_seconds=0.2
    )
    producer = make_producer(settings)
    await producer.start()
    with (
        receiver() as errands_g03,
        receiver("/cgi-bin/webhook/send?key=k") as errands_any_wecom,
        receiver() as legal,
        receiver() as other_grid,
        receiver("/robot/send?access_token=t") as staff,
        receiver() as other_community,
    ):
        try:
            async with running(app, settings) as notify:
                await _consumer_ready(app)
                c, s = notify.client, settings
                member_events = ["need_recorded", "need_reminder"]
                await _subscribe(
                    c,
                    s,
                    community=WUYANG,
                    skills=["errands"],
                    grids=[WUYANG_G03],
                    url=errands_g03.url,
                    events=member_events,
                )
                await _subscribe(
                    c,
                    s,
                    community=WUYANG,
                    skills=["errands"],
                    url=errands_any_wecom.url,
                    format="wecom",
                    secret=None,
                    events=member_events,
                )
                await _subscribe(c, s, community=WUYANG, skills=["legal"], url=legal.url, events=member_events)
                await _subscribe(
                    c, s, community=WUYANG, grids=["XY-WQ-WY-G01"], url=other_grid.url, events=member_events
                )
                await _subscribe(
                    c,
                    s,
                    community=WUYANG,
                    url=staff.url,
                    format="dingtalk",
                    events=["need_expired", "action_overdue", "topic_moved"],
                )
                await _subscribe(c, s, community=OTHER, url=other_community.url)

                now = datetime.now(UTC)
                # Wanted in 8 s; claimed now: the reminder fires half-way, about 4 s from now (a slow broker has
                # 8 s to hand notify the claim before the wanted-by date passes).
                claimed = NeedScript(WUYANG, WUYANG_G03, "wish", now - timedelta(days=7, seconds=-8))
                claimed.claimed(now, member="m-42")
                expired = NeedScript(WUYANG, WUYANG_G03, "wish", now - timedelta(days=8)).expired(now)
                topic = str(uuid.uuid4())
                base = {"topic_id": topic, "community": WUYANG, "progress": 0.5}
                moved = forces_event(
                    EventType.TOPIC_MOVED,
                    topic,
                    5,
                    now,
                    **base,
                    step="implement",
                    from_step="deliberate",
                    to_step="implement",
                )
                overdue = forces_event(
                    EventType.ACTION_OVERDUE,
                    topic,
                    6,
                    now,
                    **base,
                    step="implement",
                    action_id=str(uuid.uuid4()),
                    decision_id=str(uuid.uuid4()),
                    kind="task",
                    status="open",
                    due=(now - timedelta(days=1)).isoformat(),
                    owner_person="kc-owner-7",
                    overdue=True,
                )
                recorded = claimed.events[0]
                # need.recorded twice (a redelivery): one delivery per subscription all the same.
                await produce(producer, s, [recorded, recorded, *claimed.events[1:], *expired.events, moved, overdue])

                async def reminded() -> bool:
                    return bool(errands_g03.of_type("need.reminder")) and len(staff.requests) >= 3

                await eventually(reminded, timeout=25)
                await asyncio.sleep(0.5)  # anything extra would have arrived by now

                got = errands_g03.requests
                assert [r.headers["Chuishao-Event-Type"] for r in got].count("need.recorded") == 2  # two needs
                assert sorted(r.json()["details"]["need_id"] for r in errands_g03.of_type("need.recorded")) == sorted(
                    [claimed.id, expired.id]
                )
                reminder = errands_g03.of_type("need.reminder")
                assert len(reminder) == 1 and reminder[0].json()["details"]["claimant"] == "m-42"
                assert reminder[0].json()["details"]["skill_names"] == ["跑腿代购"]
                wecom = [r.json()["markdown"]["content"] for r in errands_any_wecom.requests]
                assert len(wecom) == 3 and sum("【新需求】" in t for t in wecom) == 2
                assert any("【认领提醒】" in t and "m-42" in t for t in wecom)
                assert legal.requests == [] and other_grid.requests == [] and other_community.requests == []
                staff_texts = [r.json()["markdown"]["text"] for r in staff.requests]
                assert len(staff_texts) == 3
                assert any("【需求到期未认领】" in t for t in staff_texts)
                assert any("【议事任务逾期】" in t and "kc-owner-7" in t for t in staff_texts)
                assert any("【议题进展】" in t and "分流落实" in t and "50%" in t for t in staff_texts)
                for r in [*got, *errands_any_wecom.requests, *staff.requests]:
                    body = r.body.decode()
                    assert not any(secret in body for secret in SECRETS), body
        finally:
            await producer.stop()


async def test_community_staff_manage_their_own_communitys_subscriptions_only(infra: Infra) -> None:
    settings, app = await start_notify(infra, unique("t") + ".")
    async with running(app, settings) as notify:
        c = notify.client
        mine = _headers(settings, "community_staff", community=WUYANG)
        body = {"community": WUYANG, "url": "https://hooks.example.cn/x", "secret": SECRET, "skills": ["errands"]}
        created = await c.post("/v1/webhooks", json=body, headers=mine)
        assert created.status_code == 201, created.text
        sub = created.json()
        assert sub["events"] == ["need_recorded", "need_reminder", "need_expired", "action_overdue", "topic_moved"]
        assert sub["skills"] == ["errands"] and sub["community"] == WUYANG

        theirs = _headers(settings, "community_staff", community=OTHER)
        assert (await c.post("/v1/webhooks", json=body, headers=theirs)).status_code == 403
        dept = {"department": "XY-WQ-WY-WY", "url": "https://hooks.example.cn/y", "secret": SECRET}
        assert (await c.post("/v1/webhooks", json=dept, headers=mine)).status_code == 403
        assert (await c.get(f"/v1/webhooks/{sub['id']}", headers=theirs)).status_code == 404
        listed = await c.get("/v1/webhooks", headers=theirs)
        assert listed.json()["items"] == []
        assert [s["id"] for s in (await c.get("/v1/webhooks", headers=mine)).json()["items"]] == [sub["id"]]
        for bad, field in (
            ({**body, "skills": ["juggling"]}, "skills.0"),
            ({**body, "grids": ["TN-CS-FQXC-G01"]}, "grids.0"),
            ({**body, "events": ["dispatched"]}, "events.0"),
            ({**dept, "skills": ["errands"]}, "skills"),
        ):
            refused = await c.post("/v1/webhooks", json=bad, headers=_headers(settings))
            assert refused.status_code == 422, (bad, refused.text)
            assert field in refused.text
        assert (await c.delete(f"/v1/webhooks/{sub['id']}", headers=theirs)).status_code == 404
        assert (await c.delete(f"/v1/webhooks/{sub['id']}", headers=mine)).status_code == 204
