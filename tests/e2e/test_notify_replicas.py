"""Escalation notices through real processes: two notify replicas on one database, one SIGKILLed
between escalation levels; every duty desk hears of its level exactly once."""

from __future__ import annotations

import time

import httpx

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.factories import bearer, report_body
from support.processes import Deployment, eventually
from support.receiver import receiver

SETTINGS = Settings()
WORKER = bearer(mint_token(SETTINGS, sub="e2e-worker", role="grid_worker", grids=["XY-WQ-WY-G01"]))
ADMIN = bearer(mint_token(SETTINGS, sub="e2e-admin", role="admin"))
SHORT_SLA = {
    "CHUISHAO_SLA_ACKNOWLEDGE_MINUTES_OVERRIDE": "0.1",  # 6 s: level 1 at 6 s, 2 at 12 s, 3 at 18 s
    "CHUISHAO_SLA_RESOLVE_MINUTES_OVERRIDE": "60",
    "CHUISHAO_TIMER_POLL_SECONDS": "0.3",
}
NOTIFY = {"CHUISHAO_DELIVERY_POLL_SECONDS": "0.2", "CHUISHAO_REMINDER_POLL_SECONDS": "0.3"}
DESKS = {1: "XY-WQ-WY", 2: "XY-WQ", 3: "XY"}  # community, street, district of grid XY-WQ-WY-G01


def test_escalation_notices_reach_each_levels_desk_exactly_once_with_a_replica_killed(deployed: Deployment) -> None:
    intake = deployed.start("intake")
    deployed.start("dispatch", **SHORT_SLA)
    first = deployed.start("notify", **NOTIFY)
    second = deployed.start("notify", **NOTIFY)
    with receiver() as community, receiver() as street, receiver() as district:
        desks = {1: community, 2: street, 3: district}
        subscriptions = {}
        for level, desk in desks.items():
            created = httpx.post(
                f"{first}/v1/webhooks",
                headers=ADMIN,
                json={
                    "jurisdiction": DESKS[level],
                    "url": desk.url,
                    "secret": "e2e-secret-0123456789",
                    "events": ["escalated"],
                },
            )
            assert created.status_code == 201, created.text
            subscriptions[level] = created.json()["id"]
        report = httpx.post(f"{intake}/v1/reports", json=report_body(), headers=WORKER)
        assert report.status_code == 201, report.text

        def settled(level: int) -> bool:
            log = httpx.get(f"{second}/v1/webhooks/{subscriptions[level]}/deliveries", headers=ADMIN).json()
            return bool(log["items"]) and log["items"][0]["status"] == "delivered"

        # SIGKILL between level 1 and level 2, once level 1 is recorded as delivered. (A replica killed
        # after a receiver answered but before the commit would send again, same event id, once its
        # lease expires: at least once, and receivers dedupe by the id.)
        eventually(lambda: settled(1), timeout=30)
        deployed.kill(first)
        eventually(lambda: settled(3), timeout=40)
        time.sleep(2)  # room for any duplicate to show up

        for level, desk in desks.items():
            assert len(desk.requests) == 1, (level, desk.event_ids())
            body = desk.requests[0].json()
            assert body["type"] == "case.escalated" and body["details"]["level"] == level
            assert body["jurisdiction"] == DESKS[level]
        case_id = community.requests[0].json()["case"]["id"]
        assert {d.requests[0].json()["case"]["id"] for d in desks.values()} == {case_id}
        for sub in subscriptions.values():
            items = httpx.get(f"{second}/v1/webhooks/{sub}/deliveries", headers=ADMIN).json()["items"]
            assert [(i["status"], len(i["attempts"])) for i in items] == [("delivered", 1)], items
