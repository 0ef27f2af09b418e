"""Escalation measured (issue 25 item 4) on a real PostgreSQL, with intake, dispatch and notify on a
real broker: a scripted set of chains (written into notify's chain tables with chosen times) gives
known figures per department, per step reached and per roster level, and GET /v1/escalation-stats
answers exactly those; a dispatcher sees only their jurisdiction's departments; bad parameters are
problems naming the field. Then one live chain — a case filed, its only step told (the chain has run out),
签收 in dispatch — becomes acknowledged and counts as acknowledged by the first person told."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

from chuishao_notify.domain.escalation_stats import percentile
from chuishao_shared.auth import mint_token
from support.factories import bearer, worker_token
from support.infra import Infra
from support.notify import NotifySystem, notify_system
from support.system import LEAD, case_of, eventually, file, liaison

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=SH)
OTHER = "XY-WQ-PCS"  # within 王桥镇, as LEAD is
COUNTY = "XY-CGJ"  # a county bureau: outside a 王桥镇 dispatcher's jurisdiction
COMMUNITY = "XY-WQ-WY"

# (department, status, seconds to the stop, steps as (kind, level, told, seconds after the start))
L1 = ("level", 1, ["m-a"], 0)
GAP2 = ("level", 2, [], 0)
SCRIPT: list[tuple[str, str, float | None, list[tuple[str, int | None, list[str], float]]]] = [
    (LEAD, "acknowledged", 60, [L1]),  # first
    (LEAD, "acknowledged", 1200, [L1, ("level", 2, [], 900), ("head", None, ["m-head"], 900)]),  # head
    (LEAD, "acknowledged", 900, [L1, ("level", 2, ["m-b"], 600)]),  # next_layer, level 2
    (LEAD, "acknowledged", 2400, [L1, GAP2, ("head", None, ["m-head"], 900), ("desk", None, ["m-d"], 1800)]),
    (LEAD, "exhausted", 3600, [L1, GAP2, ("head", None, ["m-head"], 900), ("desk", None, ["m-d"], 1800)]),  # never
    (LEAD, "running", None, [L1]),  # waiting
    (LEAD, "acknowledged", 5, []),  # none_told: 签收 before the first step
    (LEAD, "acknowledged", 120, [L1]),  # first
    (LEAD, "acknowledged", 300, [L1, ("level", 2, ["m-b"], 400)]),  # first: level 2 was told after 签收
    (OTHER, "acknowledged", 30, [L1]),  # first
    (OTHER, "stopped", 100, [L1]),  # never (returned)
    (COUNTY, "acknowledged", 10, [L1]),  # first
]


async def script(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        rows = [*SCRIPT, (LEAD, "acknowledged", 50, [L1])]  # the last one started the day before: left out
        for n, (department, status, stop, steps) in enumerate(rows):
            started = T0 + timedelta(minutes=n) if n < len(SCRIPT) else T0 - timedelta(days=1)
            chain = await conn.fetchval(
                "INSERT INTO escalation_chains (case_id, department, dispatched, community, policy, opened_at, "
                "started_at, position, next_at, status, stopped_at) VALUES ($1, $2, '', $3, '{}'::jsonb, $4, $4, "
                "$5, $6, $7, $8) RETURNING id",
                f"scripted-{n}",
                department,
                COMMUNITY,
                started,
                len(steps),
                None,  # never due: the sweep leaves scripted chains alone
                status,
                started + timedelta(seconds=stop) if stop is not None else None,
            )
            for position, (kind, level, told, after) in enumerate(steps):
                await conn.execute(
                    "INSERT INTO escalation_steps (chain_id, position, kind, level, owner, told, taken_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    chain,
                    position,
                    kind,
                    level,
                    department,
                    told,
                    started + timedelta(seconds=after),
                )
    finally:
        await conn.close()


def dispatcher(ns: NotifySystem, jurisdiction: str) -> dict[str, str]:
    return bearer(mint_token(ns.notify.settings, sub="dispatcher-1", role="dispatcher", jurisdiction=jurisdiction))


async def stats(ns: NotifySystem, headers: dict[str, str], **params: str) -> Any:
    return await ns.notify.client.get("/v1/escalation-stats", params=params, headers=headers)


def by_step(figures: dict[str, Any]) -> dict[str, int]:
    return {s["step"]: s["count"] for s in figures["by_step"]}


async def test_the_figures_of_a_scripted_set_of_chains(infra: Infra) -> None:
    async with notify_system(infra) as ns:
        await script(ns.notify.settings.asyncpg_dsn)  # type: ignore[attr-defined]
        window = {"from": T0.isoformat(), "to": (T0 + timedelta(days=1)).isoformat()}

        answer = await stats(ns, ns.admin(), **window)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert datetime.fromisoformat(body["from"]) == T0 and datetime.fromisoformat(body["to"]) == T0 + timedelta(
            days=1
        )
        assert body["total"]["cases"] == len(SCRIPT)
        departments = {d["department"]: d for d in body["departments"]}
        assert set(departments) == {LEAD, OTHER, COUNTY}

        lead = departments[LEAD]
        assert (lead["cases"], lead["acknowledged"], lead["waiting"]) == (9, 7, 1)
        assert by_step(lead) == {"first": 3, "next_layer": 1, "head": 1, "desk": 1, "none_told": 1, "never": 1}
        seconds = [60, 1200, 900, 2400, 5, 120, 300]
        assert lead["median_seconds"] == percentile(seconds, 0.5) == 300
        assert lead["p90_seconds"] == round(percentile(seconds, 0.9) or 0, 1) == 1680
        assert lead["first_person_share"] == 0.375  # 3 of the 8 ended
        first = next(s for s in lead["by_step"] if s["step"] == "first")
        assert (first["median_seconds"], first["share"]) == (120, 0.375)
        never = next(s for s in lead["by_step"] if s["step"] == "never")
        assert never["median_seconds"] is None
        assert lead["by_level"] == [
            {"level": 1, "acknowledged": 3, "median_seconds": 120.0, "p90_seconds": 264.0},
            {"level": 2, "acknowledged": 1, "median_seconds": 900.0, "p90_seconds": 900.0},
        ]
        other = departments[OTHER]
        assert (other["cases"], other["acknowledged"], other["first_person_share"]) == (2, 1, 0.5)
        assert by_step(body["total"])["first"] == 5 and body["total"]["first_person_share"] == round(5 / 11, 4)

        # A 王桥镇 dispatcher: the street's departments only; the county bureau is refused by name.
        street = (await stats(ns, dispatcher(ns, "XY-WQ"), **window)).json()
        assert {d["department"] for d in street["departments"]} == {LEAD, OTHER}
        assert street["total"]["cases"] == 11
        refused = await stats(ns, dispatcher(ns, "XY-WQ"), department=COUNTY, **window)
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
        one = (await stats(ns, dispatcher(ns, "XY-WQ"), department=OTHER, **window)).json()
        assert [d["department"] for d in one["departments"]] == [OTHER] and one["total"]["cases"] == 2
        assert (await stats(ns, ns.liaison(LEAD), **window)).status_code == 403

        for params, field in (
            ({"from": "yesterday"}, "from"),
            ({"from": window["to"], "to": window["from"]}, "to"),
            ({"department": "XY-NOPE"}, "department"),
        ):
            bad = await stats(ns, ns.admin(), **params)
            assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
            assert bad.json()["errors"][0]["field"] == field, bad.text


async def test_a_live_chain_acknowledged_after_it_ran_out_counts_as_the_first_person(infra: Infra) -> None:
    async with notify_system(infra, escalation_poll_seconds=0.2) as ns:
        starts = datetime.now(SH).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
        layer = {
            "level": 1,
            "name": "全天",
            "rrule": "FREQ=HOURLY",
            "starts": starts.isoformat(),
            "shift_minutes": 60,
            "members": ["m-a"],
        }
        answer = await ns.notify.client.post(f"/v1/rosters/{LEAD}/layers", json=layer, headers=ns.admin())
        assert answer.status_code == 201, answer.text
        # One step: the chain has run out (exhausted) once level 1 is told; the 签收 that follows still counts.
        policy = {"steps": [{"kind": "level", "level": 1, "wait_minutes": 0.05}], "repeats": 0, "reason": "test"}
        answer = await ns.notify.client.put(f"/v1/escalation-policies/{LEAD}", json=policy, headers=ns.admin())
        assert answer.status_code == 200, answer.text
        token = worker_token(ns.system.intake.settings)
        case = await case_of(ns.system, token, (await file(ns.system, token))["id"])

        async def told() -> Any:
            got = await ns.notify.client.get(f"/v1/escalation-chains/{case['id']}", headers=ns.admin())
            chains = got.json()["chains"] if got.status_code == 200 else []
            return chains if chains and chains[0]["status"] == "exhausted" else None

        await eventually(told, timeout=30)
        acked = await ns.system.dispatch.client.post(
            f"/v1/cases/{case['id']}/acknowledge", json={}, headers=liaison(ns.system, LEAD)
        )
        assert acked.status_code == 200, acked.text

        async def measured() -> Any:
            body = (await stats(ns, ns.admin(), department=LEAD)).json()
            lead = body["departments"][0]
            return lead if lead["acknowledged"] == 1 else None

        lead = await eventually(measured, timeout=30)
        assert lead["cases"] == 1 and lead["first_person_share"] == 1.0
        chains = (await ns.notify.client.get(f"/v1/escalation-chains/{case['id']}", headers=ns.admin())).json()
        assert chains["chains"][0]["status"] == "acknowledged" and len(chains["chains"][0]["steps"]) == 1
        assert lead["by_level"][0]["level"] == 1 and 0 < lead["median_seconds"] < 60
