"""A resident finds their matter (issue 27, item 6): the board's search `q` (the case number or its
first characters, or words of the public names of its problem, place and departments — never what the
report said or who filed it), community and status filters, finished cases findable for 90 days, the
page's list, wall and 口径 views. Real broker and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from integration.tracking.tracking_helpers import produce, until_processed
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, CaseScript

from support.services import RunningService


def residents_cases(now: datetime) -> dict[str, CaseScript]:
    d = timedelta(days=1)
    sewer = CaseScript(
        category="FAC-SEWER-BLOCKED", major="FAC", grid="LX-DC-BH-G01-01", community="LX-DC-BH", severity="major"
    ).open(now - timedelta(hours=3), "LX-GPS")
    stairs = CaseScript().open(now - timedelta(hours=2), "XY-WQ-WY-WY")
    light = CaseScript(category="FAC-STREETLIGHT-BROKEN", major="FAC", grid="FQ-YP-BD-G03", community="FQ-YP-BD")
    light.open(now - 12 * d, "FQ-YP-BD-GHWY").acknowledge("FQ-YP-BD-GHWY", now - 12 * d + timedelta(minutes=20))
    light.resolve("FQ-YP-BD-GHWY", now - 11 * d).verify(now - 10 * d, fixed=True)
    old = CaseScript(category="ORDER-EBIKE-PARKING", major="ORDER", grid="XY-WQ-WY-G07").open(
        now - 121 * d, "XY-WQ-WY-WY"
    )
    old.acknowledge("XY-WQ-WY-WY", now - 121 * d + timedelta(minutes=5)).resolve("XY-WQ-WY-WY", now - 121 * d)
    old.verify(now - 120 * d, fixed=True)
    noise = CaseScript(category="ORDER-NOISE", major="ORDER", grid="XY-WQ-WY-G05").open(now - 6 * d, None)
    noise.cancel(now - 5 * d, "重复上报")
    return {"sewer": sewer, "stairs": stairs, "light": light, "old": old, "noise": noise}


async def test_a_resident_finds_their_matter(tracking: RunningService, producer: Any) -> None:
    cases = residents_cases(datetime.now(UTC))
    events = [e for c in cases.values() for e in c.events]
    await produce(producer, tracking.settings, events)
    await until_processed(tracking.settings, len(events))
    names = {c.id: name for name, c in cases.items()}
    client = tracking.client

    async def found(**params: Any) -> set[str]:
        response = await client.get("/v1/board/cases", params=params)
        assert response.status_code == 200, response.text
        return {names[c["id"]] for c in response.json()["items"]}

    assert await found(q=cases["sewer"].id[:8]) == {"sewer"}  # the number on the row
    assert await found(q=f"#{cases['light'].id[:6].upper()}") == {"light"}  # as a resident may type it
    assert await found(q=cases["stairs"].id) == {"stairs"}
    assert await found(q="下水") == {"sewer"} == await found(q="blocked drain")
    assert await found(q="岚县") == {"sewer"}  # the district above the community
    assert await found(q="五阳 楼道") == {"stairs"}  # every word must match
    assert await found(q="五阳物业") == {"stairs", "old"}  # a department
    assert await found(q="北大社区", status="closed") == {"light"}
    assert await found(q="没有这种事 五阳") == set()
    # What a report said and who filed it are not searched: a name or a phone number finds nothing.
    assert await found(q=RESIDENT_NAME) == set() == await found(q=RESIDENT_PHONE)
    # Finished matters: every one when asked by status; the page's window keeps the last 90 days.
    assert await found(status="closed") == {"light", "old"}
    assert await found(status="closed", finished_within_days=90) == {"light"}
    assert await found(status="cancelled,closed", finished_within_days=90) == {"light", "noise"}
    assert await found(finished_within_days=90) == {"sewer", "stairs", "light", "noise"}
    assert await found(community="XY-WQ-WY", open="true") == {"stairs"}
    # Paged with the board's cursor.
    seen, cursor = [], None
    while True:
        body = (
            await client.get(
                "/v1/board/cases",
                params={"finished_within_days": 90, "limit": 1, **({"cursor": cursor} if cursor else {})},
            )
        ).json()
        seen += [names[c["id"]] for c in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert sorted(seen) == sorted({"sewer", "stairs", "light", "noise"})
    for bad in ({"finished_within_days": 91}, {"finished_within_days": 0}, {"q": "x" * 101}):
        refused = await client.get("/v1/board/cases", params=bad)
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"

    # The page: the same search and filters, server-rendered (no script needed).
    async def rows(**params: Any) -> set[str]:
        response = await client.get("/", params=params)
        assert response.status_code == 200, response.text
        return {name for case_id, name in names.items() if f'data-case-id="{case_id}"' in response.text}

    assert await rows() == {"sewer", "stairs"}  # the default wall: open cases
    assert await rows(q="下水") == {"sewer"}
    assert await rows(status="closed") == {"light"}  # 90 days
    assert await rows() == await rows(wall="1")
    assert await rows(community="LX-DC-BH", status="open") == {"sewer"}
    assert await rows(q="五阳", cursor="spoilt") == {"stairs", "noise"}  # a spoilt link still gives a page
    assert await rows(community="NO-SUCH") == {"sewer", "stairs", "light", "noise"}
    fragment = await client.get("/board/rows", params={"status": "cancelled"})
    assert cases["noise"].id in fragment.text and cases["sewer"].id not in fragment.text
    page = (await client.get("/", params={"status": "closed"})).text
    assert "已结案" in page and "docs/statistics.md" not in page and 'href="/definitions"' in page
    definitions = await client.get("/definitions")
    assert definitions.status_code == 200 and "响应率" in definitions.text and "—" in definitions.text
    assert "What the numbers mean" in (await client.get("/definitions", params={"lang": "en"})).text
