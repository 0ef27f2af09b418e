"""The projection through the real broker and PostgreSQL: events produced to the real topics show up
on the public API, with the published numbers computed by hand in the unit tests; replaying every
event changes nothing; rebuilding from scratch arrives at the same numbers."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from integration.tracking.tracking_helpers import consumed, eventually, processed_events, produce, until_processed
from unit.tracking.tracking_scenario import FUQIANG, WUYANG, WY, ZJJ, scenario

from chuishao_shared.events import Envelope
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME
from chuishao_tracking.rebuild import rebuild
from support.services import RunningService

PERIOD = {"from": "2025-06-01", "to": "2025-06-21"}  # calendar dates: midnight in Asia/Shanghai


async def fed(tracking: RunningService, producer: Any) -> tuple[Any, list[Envelope]]:
    story = scenario()
    await produce(producer, tracking.settings, story.all_events)
    await until_processed(tracking.settings, len(story.all_events))
    return story, story.all_events


async def everything_published(tracking: RunningService) -> dict[str, Any]:
    """Every number and every case the API publishes (minus the clock-dependent fields)."""
    client = tracking.client
    out: dict[str, Any] = {}
    for dimension in ("departments", "communities", "categories"):
        body = (await client.get(f"/v1/stats/{dimension}", params=PERIOD)).json()
        out[dimension] = {"items": body["items"], "monthly_top": body.get("monthly_top")}
    cases = (await client.get("/v1/board/cases", params={"limit": 200})).json()["items"]
    out["cases"] = sorted(cases, key=lambda c: c["id"])
    return out


def by_code(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in body["items"]}


async def test_events_on_the_real_topics_appear_on_the_board(tracking: RunningService, producer: Any) -> None:
    story, _ = await fed(tracking, producer)
    client = tracking.client
    page = (await client.get("/v1/board/cases", params={"limit": 200})).json()
    assert {c["id"] for c in page["items"]} == {c.id for c in story.cases.values()}
    b = (await client.get(f"/v1/board/cases/{story.cases['b'].id}")).json()
    assert b["status"] == "closed" and b["rework_count"] == 1 and b["resolution"] == "fixed"
    assert b["category_name"] == "楼道卫生脏乱" and b["community_name"] == "五阳社区"
    assert [a["department"] for a in b["assignments"]] == [WY, ZJJ]
    assert [e["type"] for e in b["timeline"]] == [e.type for e in story.cases["b"].events] + ["report.feedback"]
    assert b["timeline"][3]["note"] == "五阳物业服务公司已报到签收（超时）"
    assert set(b["timeline"][0]) == {"type", "at", "actor_role", "department", "note", "note_en"}
    g = (await client.get(f"/v1/board/cases/{story.cases['g'].id}")).json()
    assert g["overdue"] is True and g["escalation_level"] == 1 and g["escalation_grade"] == "blue"
    assert g["open"] and g["lead_department_name"] == "五阳物业服务公司"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "closed"}, {"a", "b", "c", "d", "e"}),
        ({"status": "cancelled,dispatched"}, {"f", "g"}),
        ({"community": FUQIANG}, {"g"}),
        ({"department": ZJJ}, {"b", "c"}),
        ({"overdue": "true"}, {"g"}),
        ({"open": "true"}, {"g"}),
        ({"community": WUYANG, "overdue": "false"}, {"a", "b", "c", "d", "e", "f"}),
    ],
)
async def test_board_filters(tracking: RunningService, producer: Any, params: dict, expected: set[str]) -> None:
    story, _ = await fed(tracking, producer)
    names = {c.id: name for name, c in story.cases.items()}
    items = (await tracking.client.get("/v1/board/cases", params=params)).json()["items"]
    assert {names[c["id"]] for c in items} == expected


async def test_cursor_pagination_walks_every_case_once(tracking: RunningService, producer: Any) -> None:
    story, _ = await fed(tracking, producer)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = (await tracking.client.get("/v1/board/cases", params=params)).json()
        seen += [c["id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == len(story.cases)
    opened = [c.opened_at for c in sorted(story.cases.values(), key=lambda c: seen.index(c.id))]
    assert opened == sorted(opened, reverse=True)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/board/cases", {"status": "sleeping"}, "status"),
        ("/v1/board/cases", {"community": "NO-SUCH"}, "community"),
        ("/v1/board/cases", {"community": "XY-WQ-WY-G01"}, "community"),  # a grid, not a community
        ("/v1/board/cases", {"department": "NO-SUCH"}, "department"),
        ("/v1/board/cases", {"overdue": "perhaps"}, "overdue"),
        ("/v1/board/cases", {"limit": "0"}, "limit"),
        ("/v1/board/cases", {"limit": "many"}, "limit"),
        ("/v1/board/cases", {"cursor": "not-a-cursor"}, "cursor"),
        ("/v1/stats/departments", {"from": "yesterday"}, "from"),
        ("/v1/stats/communities", {"to": "2025-13-01"}, "to"),
        ("/v1/stats/categories", {"from": "2025-06-10", "to": "2025-06-01"}, "from"),
        ("/v1/stats/departments", {"to": "2025-06-01T00:00:00"}, "to"),  # no offset
        ("/v1/stats/departments", {"from": "2020-01-01", "to": "2025-01-01"}, "to"),  # too long
        ("/v1/stats/daily", {"days": "0"}, "days"),
    ],
)
async def test_bad_query_parameters_are_refused_naming_the_field(
    tracking: RunningService, path: str, params: dict, field: str
) -> None:
    response = await tracking.client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_unknown_case_is_a_problem_404(tracking: RunningService) -> None:
    response = await tracking.client.get(f"/v1/board/cases/{uuid.uuid4()}")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


async def test_published_numbers_equal_the_hand_computed_ones(tracking: RunningService, producer: Any) -> None:
    await fed(tracking, producer)
    departments = by_code((await tracking.client.get("/v1/stats/departments", params=PERIOD)).json())
    wy = departments[WY]
    assert (
        wy["name"],
        wy["response_rate"],
        wy["on_time_resolution_rate"],
        wy["resolution_rate"],
        wy["satisfaction_rate"],
        wy["rework_rate"],
        wy["return_rate"],
    ) == ("五阳物业服务公司", 0.5, 0.5, 1.0, 1.0, 0.3333, 0.0)
    assert (wy["acknowledge_seconds_mean"], wy["acknowledge_seconds_p90"]) == (3600.0, 7200.0)
    assert (wy["resolve_seconds_mean"], wy["resolve_seconds_p90"]) == (57600.0, 108000.0)
    assert departments["XY-GPS"]["return_rate"] == 1.0 and departments["XY-GPS"]["response_rate"] is None
    communities = by_code((await tracking.client.get("/v1/stats/communities", params=PERIOD)).json())
    wuyang = communities[WUYANG]
    assert (
        wuyang["response_rate"],
        wuyang["on_time_resolution_rate"],
        wuyang["resolution_rate"],
        wuyang["satisfaction_rate"],
        wuyang["rework_rate"],
        wuyang["return_rate"],
    ) == (0.625, 0.6, 0.8, 0.6667, 0.2, 0.1)
    assert wuyang["whistle_count"] == 7 and wuyang["counts"]["reports"] == 6
    categories = (await tracking.client.get("/v1/stats/categories", params=PERIOD)).json()
    assert categories["monthly_top"] == [
        {
            "month": "2025-06",
            "items": [
                {"code": "ENV-STAIRWELL-DIRTY", "name": "楼道卫生脏乱", "name_en": "Dirty stairwell", "reports": 3},
                {"code": "FAC-SEWER-BLOCKED", "name": "下水堵塞", "name_en": "Blocked drain", "reports": 2},
                {
                    "code": "ORDER-EBIKE-PARKING",
                    "name": "电动车乱停放",
                    "name_en": "Disorderly e-bike parking",
                    "reports": 1,
                },
            ],
        }
    ]


async def test_replaying_every_event_changes_no_number(tracking: RunningService, producer: Any) -> None:
    _, events = await fed(tracking, producer)
    before = await everything_published(tracking)
    duplicates_before = consumed("duplicate")
    await produce(producer, tracking.settings, events)  # at-least-once delivery: the same events again

    async def all_seen_as_duplicates() -> bool:
        return consumed("duplicate") - duplicates_before >= len(events)

    await eventually(all_seen_as_duplicates)
    # A copy under a new event id (a producer replaying without its outbox) is still the same sequence.
    copy = events[5].model_copy(update={"id": uuid.uuid4()})
    await produce(producer, tracking.settings, [copy])
    await until_processed(tracking.settings, len(events) + 1)
    assert await everything_published(tracking) == before


async def test_rebuild_from_scratch_arrives_at_the_same_numbers(tracking: RunningService, producer: Any) -> None:
    _, events = await fed(tracking, producer)
    before = await everything_published(tracking)
    result = await rebuild(tracking.settings, give_up_after=120)
    assert result.outcomes["processed"] == len(events) and result.partitions >= 2, result
    assert await processed_events(tracking.settings) == len(events)
    assert await everything_published(tracking) == before
    assert CONSUMER_NAME == "tracking-projection"
