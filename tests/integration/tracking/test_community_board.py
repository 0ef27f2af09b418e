"""The community topic on the public side, through the real broker and PostgreSQL: need.*, member.* and
hours.recorded events show up on the wish wall (GET /v1/board/needs) and in GET /v1/stats/community
with the figures computed by hand below; a duplicate counts once, events out of order converge, a
rebuild arrives at the same answer; and a resident's name, phone and address planted in every event
reach neither the API, the figures, the page, the database nor tracking's logs."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from integration.tracking.community_events import (
    FUQIANG,
    FUQIANG_G1,
    SECRETS,
    WUYANG,
    WUYANG_G03,
    NeedScript,
    hours_event,
    member_event,
    order_events,
    project_events,
    resource_offered,
    team_events,
    topic_events,
)
from integration.tracking.tracking_helpers import dump_read_model, processed_events, produce, until_processed

from chuishao_shared.events import Envelope, EventType
from chuishao_shared.observability import JsonFormatter
from chuishao_tracking.rebuild import rebuild
from support.services import RunningService

TZ = ZoneInfo("Asia/Shanghai")
PERIOD = {"from": "2026-03-01", "to": "2026-04-01"}  # local calendar dates


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TZ)


def story() -> tuple[dict[str, NeedScript], list[Envelope]]:
    a = NeedScript(WUYANG, WUYANG_G03, "living", at(2, 10))
    a.claimed(at(2, 12), "m-1").released(at(2, 14)).claimed(at(3, 10), "m-1")
    a.started(at(3, 11)).done(at(3, 13)).confirmed(at(4, 10))
    b = NeedScript(WUYANG, WUYANG_G03, "elderly_disabled", at(5, 10))
    b.claimed(at(5, 14), "m-2").lapsed(at(6, 14))
    c = NeedScript(WUYANG, "XY-WQ-WY-G01", "wish", at(10, 10)).expired(at(17, 10))
    d = NeedScript(FUQIANG, FUQIANG_G1, "facility", at(10, 10)).claimed(at(10, 16), "UNIT-1", "unit")
    members = [
        member_event(EventType.MEMBER_REGISTERED, "m-1", 1, WUYANG, "applied", at(1, 9, month=2)),
        member_event(EventType.MEMBER_CONFIRMED, "m-1", 2, WUYANG, "active", at(2, 9, month=2)),
        hours_event("m-1", 3, WUYANG, 12.0, at(15, 9, month=1), "old"),
        hours_event("m-1", 4, WUYANG, 2.0, at(4, 10), a.id),
        member_event(EventType.MEMBER_REGISTERED, "m-2", 1, WUYANG, "active", at(1, 9)),
        member_event(EventType.MEMBER_REGISTERED, "m-3", 1, WUYANG, "applied", at(1, 9, month=2)),
        member_event(EventType.MEMBER_CONFIRMED, "m-3", 2, WUYANG, "active", at(2, 9, month=2)),
        member_event(EventType.MEMBER_LEFT, "m-3", 3, WUYANG, "left", at(20, 9)),
    ]
    forces = [
        *order_events(WUYANG, at(8, 10), ["XY-GDGS", "XY-JYJ"], {"XY-GDGS": (2, False), "XY-JYJ": (6, True)}),
        *order_events(WUYANG, at(12, 10), ["XY-GDGS"], {}),
        *project_events(WUYANG, at(1, 10, month=2), at(15, 10), 40),
        *project_events(WUYANG, at(2, 10), None, 0),
        *topic_events(WUYANG, at(1, 10), decided_days=2, done_days=[1, 7]),
        *reversed(topic_events(WUYANG, at(5, 10), decided_days=4, done_days=[2])),
        # m-1 in a red-vest team since February; in a red-cap team only until 20 February.
        *team_events(WUYANG, "red_vest", at(1, 9, month=2), {"m-1": ("2026-02-01", None)}),
        *team_events(WUYANG, "red_cap", at(1, 9, month=2), {"m-1": ("2026-02-01", "2026-02-20")}),
    ]
    # B and a topic arrive backwards (the projection must converge), A twice (a duplicate counts once).
    events = [*a.events, *reversed(b.events), *c.events, *d.events, *members, *forces, *a.events]
    return {"a": a, "b": b, "c": c, "d": d}, events


EXPECTED_WUYANG = {
    "needs": {
        "recorded": 3,
        "claimed": 2,  # A (first claimed 2h after recording) and B (4h)
        "confirmed": 1,
        "expired": 1,
        "whistled": 0,
        "cancelled": 0,
        "median_seconds_to_claim": 3 * 3600.0,
        "median_seconds_to_confirm": 48 * 3600.0,
        "claims": 3,
        "release_rate": {"value": 0.3333, "numerator": 1, "denominator": 3},
        "no_show_rate": {"value": 0.3333, "numerator": 1, "denominator": 3},
        "satisfaction_rate": {"value": 1.0, "numerator": 1, "denominator": 1},
    },
    "hours": {"total": 2.0, "entries": 1, "by_source": {"need": 2.0, "activity": 0.0, "granted": 0.0}},
    # m-3 left in the period; m-1 has 14 h this year (≥ 50 h × 90/365 = 12.33), m-2 none.
    "members": {
        "registered": 1,
        "reporting_in": 2,
        "active_share": {"value": 0.5, "numerator": 1, "denominator": 2},
        "party_members": 2,
        "on_track_share": {"value": 0.5, "numerator": 1, "denominator": 2},
    },
    # Two orders: 电力公司 asked twice, answered once after 2 h; 教育局 asked once, declined after 6 h.
    "orders": {
        "posted": 2,
        "asks": 3,
        "response_rate": {"value": 0.6667, "numerator": 2, "denominator": 3},
        "units": [
            {
                "unit": "XY-GDGS",
                "asks": 2,
                "answered": 1,
                "committed": 1,
                "response_rate": {"value": 0.5, "numerator": 1, "denominator": 2},
                "median_seconds_to_respond": 7200.0,
            },
            {
                "unit": "XY-JYJ",
                "asks": 1,
                "answered": 1,
                "committed": 0,
                "response_rate": {"value": 1.0, "numerator": 1, "denominator": 1},
                "median_seconds_to_respond": 21600.0,
            },
        ],
    },
    "projects": {"active": 1, "done": 1, "people_served": 40},
    # Topic 1 decided 2 days after it was set, its two actions all done 7 days after the decision (one
    # late); topic 2 decided after 4 days, its one action done on time after 2 days.
    "deliberation": {
        "meetings_held": 2,
        "meetings_quorate": 2,
        "topics_by_step": {"collect": 0, "topic": 0, "deliberate": 0, "implement": 2, "review": 0, "closed": 0},
        "median_days_topic_to_decision": 3.0,
        "median_days_decision_to_actions_done": 4.5,
        "actions_done_by_due": {"value": 0.6667, "numerator": 2, "denominator": 3},
    },
}


async def published(client: Any, to: str) -> dict[str, Any]:
    """The wall and the figures; a new spelling of the same `to` each time passes the figures' cache."""
    wall = (await client.get("/v1/board/needs", params={"limit": 200})).json()
    stats = (await client.get("/v1/stats/community", params={**PERIOD, "to": to})).json()
    return {"wall": wall, "stats": stats["items"]}


async def test_community_events_reach_the_wish_wall_and_the_figures(
    tracking: RunningService, producer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    needs, events = story()
    # A resource on offer for the public map, with its unit's contact and a name planted in added fields.
    events.append(
        resource_offered(WUYANG, "venue", 113.0101, 36.6043, datetime.fromisoformat("2026-03-10T09:00:00+08:00"))
    )
    unique = len({e.id for e in events})
    assert unique < len(events)
    await produce(producer, tracking.settings, events)  # (the test's own producer logs what it sends)
    caplog.set_level(logging.DEBUG)  # everything tracking logs from here on
    await until_processed(tracking.settings, unique)
    client = tracking.client

    wall = (await client.get("/v1/board/needs", params={"limit": 200})).json()
    by_id = {n["id"]: n for n in wall["items"]}
    assert set(by_id) == {n.id for n in needs.values()}
    a, b, d = by_id[needs["a"].id], by_id[needs["b"].id], by_id[needs["d"].id]
    assert a["status"] == "confirmed" and a["fulfilled"] and a["claimed"] and a["claimed_by"] == "member"
    assert a["title"] == "生活帮扶 · 五阳社区第三网格（朝阳小区）"
    assert a["title_en"] == "Help with daily life · Wuyang Grid 3 (Chaoyang Estate)"
    assert b["status"] == "open" and not b["claimed"] and b["claimed_by"] is None and b["urgency"] == "urgent"
    assert d["status"] == "claimed" and d["claimed_by"] == "unit" and d["community_name"] == "富强新村社区"
    counts = {c["community"]: c for c in wall["communities"]}
    assert {k: counts[WUYANG][k] for k in ("total", "open", "claimed", "fulfilled", "claimed_total")} == {
        "total": 3,
        "open": 1,
        "claimed": 0,
        "fulfilled": 1,
        "claimed_total": 1,
    }
    assert counts[FUQIANG]["claimed"] == 1
    # Filters and the cursor.
    only = (await client.get("/v1/board/needs", params={"community": FUQIANG})).json()
    assert [n["id"] for n in only["items"]] == [needs["d"].id] and len(only["communities"]) == 1
    assert [n["id"] for n in (await client.get("/v1/board/needs", params={"status": "expired"})).json()["items"]] == [
        needs["c"].id
    ]
    kinds = (await client.get("/v1/board/needs", params={"kind": "elderly_disabled"})).json()["items"]
    assert [n["id"] for n in kinds] == [needs["b"].id]
    seen, cursor = [], None
    while True:
        page = (
            await client.get("/v1/board/needs", params={"limit": 3, **({"cursor": cursor} if cursor else {})})
        ).json()
        seen += [n["id"] for n in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == [n["id"] for n in wall["items"]] and len(seen) == 4
    for bad in ({"status": "nope"}, {"kind": "nope"}, {"community": "NOPE"}, {"cursor": "x"}):
        refused = await client.get("/v1/board/needs", params=bad)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == next(iter(bad))

    stats = (await client.get("/v1/stats/community", params=PERIOD)).json()
    items = {i["community"]: i for i in stats["items"]}
    wuyang = {k: v for k, v in items[WUYANG].items() if not k.startswith("community")}
    by_team = wuyang["hours"].pop("by_team")
    assert [(t["kind"], t["kind_name"], t["hours"], t["members"]) for t in by_team] == [("red_vest", "红马甲", 2.0, 1)]
    assert wuyang == EXPECTED_WUYANG
    assert items[FUQIANG]["needs"]["claimed"] == 1 and items[FUQIANG]["needs"]["median_seconds_to_claim"] == 6 * 3600
    assert stats["hours_target"]["yearly"] == 50.0 and round(stats["hours_target"]["due_by_period_end"], 1) == 12.3
    assert stats["not_yet"] == []
    one = (await client.get("/v1/stats/community", params={**PERIOD, "community": FUQIANG})).json()
    assert [i["community"] for i in one["items"]] == [FUQIANG]

    # Nothing personal anywhere: API, figures, the page in both languages, the database, the logs.
    page_zh = (await client.get("/needs")).text
    page_en = (await client.get("/needs", params={"lang": "en"})).text
    assert "生活帮扶" in page_zh and "Help with daily life" in page_en
    everything = {
        "wall": str(wall),
        "stats": str(stats),
        "page": page_zh + page_en,
        "map": (map_body := (await client.get("/v1/board/map")).text),
        "database": await dump_read_model(tracking.settings),
    }
    # The public map: the open needs as a count per grid, never a need's id or place; the resource a point.
    assert not any(n.id in map_body for n in needs.values()) and '"resources"' in map_body
    for where, text in everything.items():
        leaked = [secret for secret in SECRETS if secret in text]
        assert not leaked, (where, leaked)

    # A rebuild from offset 0 wipes the community tables too and arrives at the same answer.
    before = await published(client, "2026-04-01T00:00:00+08:00")
    result = await rebuild(tracking.settings, give_up_after=60)
    assert result.outcomes["processed"] >= unique
    assert await processed_events(tracking.settings) >= unique
    assert await published(client, "2026-03-31T16:00:00Z") == before

    # Tracking's logs while it projected and rebuilt every event (at DEBUG) hold none of it either.
    logs = "\n".join(JsonFormatter("tracking").format(r) for r in caplog.records)
    assert "need.recorded" in logs or "community" in logs
    assert not [secret for secret in SECRETS if secret in logs]
