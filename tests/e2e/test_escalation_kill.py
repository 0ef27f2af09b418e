"""Escalation chains through real processes (issue 25): notify SIGKILLed between two steps of a chain
and started again after the next step fell due; every step is taken exactly once, in order, and each
person it told has exactly one notice."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.factories import bearer, report_body
from support.processes import Deployment, eventually

SETTINGS = Settings()
WORKER = bearer(mint_token(SETTINGS, sub="e2e-worker", role="grid_worker", grids=["XY-WQ-WY-G01"]))
ADMIN = bearer(mint_token(SETTINGS, sub="e2e-admin", role="admin"))
LEAD, DESK = "XY-WQ-WY-WY", "XY-WQ-WY"  # the lead department of the report, and its community's desk
NOTIFY = {"CHUISHAO_ESCALATION_POLL_SECONDS": "0.2", "CHUISHAO_PERSON_NOTICE_POLL_SECONDS": "0.2"}
WAIT_MINUTES = 0.1  # 6 s between steps


def test_a_chain_killed_between_two_steps_takes_every_step_once(deployed: Deployment) -> None:
    intake = deployed.start("intake")
    deployed.start("dispatch")
    notify = deployed.start("notify", **NOTIFY)
    starts = datetime.now(ZoneInfo("Asia/Shanghai")).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    for owner, member in ((LEAD, "m-a"), (DESK, "m-desk")):
        layer = {
            "level": 1,
            "name": "全天",
            "rrule": "FREQ=HOURLY",
            "starts": starts.isoformat(),
            "shift_minutes": 60,
            "members": [member],
        }
        assert httpx.post(f"{notify}/v1/rosters/{owner}/layers", json=layer, headers=ADMIN).status_code == 201
    policy = {
        "steps": [
            {"kind": "level", "level": 1, "wait_minutes": WAIT_MINUTES},
            {"kind": "level", "level": 2, "wait_minutes": WAIT_MINUTES},  # a gap: skipped straight on
            {"kind": "head", "wait_minutes": WAIT_MINUTES},
            {"kind": "desk", "wait_minutes": WAIT_MINUTES},
        ],
        "head": "m-head",
    }
    assert httpx.put(f"{notify}/v1/escalation-policies/{LEAD}", json=policy, headers=ADMIN).status_code == 200
    report = httpx.post(f"{intake}/v1/reports", json=report_body(), headers=WORKER)
    assert report.status_code == 201, report.text
    report_id = report.json()["id"]

    def case_id() -> str | None:
        return httpx.get(f"{intake}/v1/reports/{report_id}", headers=WORKER).json().get("case_id")

    case = eventually(case_id, timeout=30)

    def chain(url: str) -> dict | None:
        answer = httpx.get(f"{url}/v1/escalation-chains/{case}", headers=ADMIN)
        if answer.status_code != 200:
            return None
        return next((c for c in answer.json()["chains"] if c["department"] == LEAD), None)

    first = eventually(lambda: (c := chain(notify)) and len(c["steps"]) == 1 and c, timeout=30)
    assert first["steps"][0]["told"] == ["m-a"]
    deployed.kill(notify)  # SIGKILL: between step 0 and step 1
    time.sleep(WAIT_MINUTES * 60 + 2)  # step 1 falls due while notify is down
    restarted = time.time()
    again = deployed.start("notify", **NOTIFY)
    done = eventually(lambda: (c := chain(again)) and c["status"] == "exhausted" and c, timeout=60)
    steps = done["steps"]
    assert [s["position"] for s in steps] == [0, 1, 2, 3]
    assert [s["told"] for s in steps] == [["m-a"], [], ["m-head"], ["m-desk"]]
    assert [len(s["notices"]) for s in steps] == [1, 0, 1, 1]
    assert datetime.fromisoformat(steps[1]["taken_at"]).timestamp() >= restarted - 1
