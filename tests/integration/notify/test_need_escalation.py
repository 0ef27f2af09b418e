"""Escalation for the community's needs (issue 25, COMMUNITY.md): an open need nearing its wanted-by date
with nobody's claim is told to the community's staff on duty through the same policies, rosters and chains
(here by an @mention in the staff's group robot: the city has no application), with a button to the
community console; a need claimed in time tells nobody and its chain ends `acknowledged`. The need events
carry a resident's name, phone and address planted beside the contract's fields: no message holds them."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from integration.tracking.community_events import SECRETS, WUYANG, WUYANG_G03, NeedScript
from integration.tracking.tracking_helpers import produce

from chuishao_shared.auth import mint_token
from chuishao_shared.kafka import make_producer
from support.factories import bearer
from support.infra import Infra, unique
from support.notify import _consumer_ready, start_notify
from support.robots import robots
from support.services import running
from support.system import eventually

LEAD_MINUTES = 0.1  # escalate 6 s before the wanted-by date
STAFF_MOBILE = "13900139077"


async def test_an_open_need_nearing_its_wanted_by_date_is_told_to_the_staff_on_duty(infra: Infra) -> None:
    settings, app = await start_notify(
        infra,
        unique("t") + ".",
        escalation_poll_seconds=0.2,
        person_notice_poll_seconds=0.2,
        need_escalation_before_minutes=LEAD_MINUTES,
        community_public_url="https://community.example",
    )
    admin = bearer(mint_token(settings, sub="admin-1", role="admin"))
    producer = make_producer(settings)
    await producer.start()
    with robots() as platform:
        try:
            async with running(app, settings) as notify:
                await _consumer_ready(app)
                c = notify.client
                staff_group = {
                    "community": WUYANG,
                    "url": platform.wecom_url("staff"),
                    "format": "wecom",
                    "events": ["need_expired"],
                }
                made = await c.post("/v1/webhooks", json=staff_group, headers={**admin, "Idempotency-Key": "s1"})
                assert made.status_code == 201, made.text
                layer = {
                    "level": 1,
                    "name": "社区值班",
                    "rrule": "FREQ=DAILY",
                    "starts": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
                    "shift_minutes": 1440,
                    "members": ["kc-staff-1"],
                }
                assert (await c.post(f"/v1/rosters/{WUYANG}/layers", json=layer, headers=admin)).status_code == 201
                person = {"name": "刘社工", "mobile": STAFF_MOBILE}
                answer = await c.put(f"/v1/rosters/{WUYANG}/people/kc-staff-1", json=person, headers=admin)
                assert answer.status_code == 200, answer.text

                now = datetime.now(UTC)
                wanted_in = timedelta(seconds=14)
                # Recorded a week less 14 s ago, wanted in 7 days: wanted-by is 14 s from now.
                unclaimed = NeedScript(WUYANG, WUYANG_G03, "wish", now - timedelta(days=7) + wanted_in)
                claimed = NeedScript(WUYANG, WUYANG_G03, "wish", now - timedelta(days=7) + wanted_in)
                claimed.claimed(now, member="m-7")
                produced = time.time()
                await produce(producer, settings, [*unclaimed.events, *claimed.events])

                def mentions() -> list[dict[str, Any]]:
                    return [m.body for m in platform.shown.get("staff", []) if m.body["msgtype"] == "text"]

                await eventually(lambda: _async(mentions()), timeout=40)
                told_at = platform.shown["staff"][0].at
                await eventually(_chain_status(c, admin, claimed.id, "acknowledged"), timeout=20)
                unclaimed_chain = await eventually(_chain_status(c, admin, unclaimed.id, "running"), timeout=20)
                # The community's staff read their community's roster (who is on duty for its needs).
                staff = bearer(mint_token(settings, sub="kc-staff-1", role="community_staff", community=WUYANG))
                on_duty = await c.get(f"/v1/rosters/{WUYANG}/on-duty", headers=staff)
        finally:
            await producer.stop()

    # Told about LEAD_MINUTES before the wanted-by date, not at once (a little slack for a busy machine).
    assert told_at - produced >= wanted_in.total_seconds() - LEAD_MINUTES * 60 - 1.5, told_at - produced
    [mention] = mentions()  # the claimed need told nobody
    text = mention["text"]["content"]
    assert mention["text"]["mentioned_mobile_list"] == [STAFF_MOBILE]
    assert "需求即将到期未认领" in text and "尚无人认领" in text and "您正在社区值班" in text
    assert "去处理：https://community.example/console/" in text
    assert STAFF_MOBILE not in text
    assert not [s for s in SECRETS if s in text], text
    assert on_duty.status_code == 200 and on_duty.json()["levels"][0]["now"]["member"] == "kc-staff-1"
    step = unclaimed_chain["steps"][0]
    assert step["told"] == ["kc-staff-1"] and step["notices"] == ["sent"]


def _chain_status(client: Any, headers: dict[str, str], need_id: str, status: str) -> Any:
    async def check() -> dict[str, Any] | None:
        got = await client.get(f"/v1/escalation-chains/need:{need_id}", headers=headers)
        chains = got.json().get("chains", []) if got.status_code == 200 else []
        return chains[0] if chains and chains[0]["status"] == status else None

    return check


async def _async(value: Any) -> Any:
    return value
