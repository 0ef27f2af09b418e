"""The public 议事公开栏 (issue 22 item 7; COMMUNITY.md §4 `GET /v1/board/topics`): topics past the
collect step with their step, the decision as counts and dates, actions with their live result from
their real events, the topic's progress and COMMUNITY.md §5's 议事 figures; no title, question, decision
text or name even when planted beside the events' fields. The board page's section, looked at desk
(1440×900) and phone (390×844) size: test-artifacts/board-topics-*.png."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from integration.tracking.community_events import FUQIANG, SECRETS, WUYANG, forces_event, topic_events
from integration.tracking.conftest import ServedTracking
from integration.tracking.tracking_helpers import produce, until_processed

from chuishao_shared.events import EventType
from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _topics(now: datetime) -> tuple[list[Any], dict[str, str]]:
    """A closed topic with two actions done (one late), one implementing with an action overdue, one only
    collected (not public)."""
    done = topic_events(FUQIANG, now - timedelta(days=40), decided_days=6, done_days=[3, 9])
    topic_done = done[0].data["topic_id"]
    closing = {"topic_id": topic_done, "community": FUQIANG, "progress": 1.0}
    done.append(
        forces_event(
            EventType.TOPIC_REVIEWED,
            topic_done,
            50,
            now - timedelta(days=5),
            **closing,
            step="closed",
            result="resolved",
        )
    )
    open_ = topic_events(WUYANG, now - timedelta(days=12), decided_days=2, done_days=[1])
    topic_open = open_[0].data["topic_id"]
    base = {"topic_id": topic_open, "community": WUYANG, "progress": 0.5, "step": "implement"}
    late = {"action_id": str(uuid.uuid4()), "decision_id": str(uuid.uuid4()), "kind": "task", "status": "open"}
    late["due"] = (now - timedelta(days=1)).isoformat()
    open_.append(forces_event(EventType.ACTION_CREATED, topic_open, 40, now - timedelta(days=8), **base, **late))
    open_.append(
        forces_event(EventType.ACTION_OVERDUE, topic_open, 41, now - timedelta(hours=20), **base, **late, overdue=True)
    )
    collected = str(uuid.uuid4())
    only = forces_event(
        EventType.TOPIC_COLLECTED,
        collected,
        1,
        now - timedelta(days=1),
        topic_id=collected,
        community=WUYANG,
        step="collect",
        progress=0.0,
        origin="hotspot",
    )
    return [*done, *open_, only], {"done": topic_done, "open": topic_open, "collected": collected}


async def test_the_topic_board_shows_steps_decisions_and_live_results_and_no_text(
    served_tracking: ServedTracking, producer: Any
) -> None:
    settings, url = served_tracking.settings, served_tracking.url
    events, ids = _topics(datetime.now(UTC))
    await produce(producer, settings, events)
    await until_processed(settings, len(events))
    import httpx

    async with httpx.AsyncClient(base_url=url) as client:
        answer = await client.get("/v1/board/topics")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        by_id = {t["id"]: t for t in body["items"]}
        assert set(by_id) == {ids["done"], ids["open"]}  # the collected-only candidate is not public
        closed, open_ = by_id[ids["done"]], by_id[ids["open"]]
        assert closed["step"] == "closed" and closed["step_name"] == "已评审办结" and closed["progress"] == 1.0
        assert sorted(a["result"] for a in closed["actions"]) == ["done_late", "done_on_time"]
        assert closed["decision"]["count"] == 1 and "议定 1 项决定" in closed["decision"]["summary"]
        assert closed["meetings"] == {**closed["meetings"], "held": 1, "quorate": 1}
        assert open_["step"] == "implement" and open_["actions_overdue"] == 1 and open_["progress"] == 0.5
        assert sorted(a["result"] for a in open_["actions"]) == ["done_on_time", "overdue"]
        figures = {f["community"]: f for f in body["figures"]}
        assert figures[FUQIANG]["meetings_held"] == 1 and figures[FUQIANG]["topics_by_step"]["closed"] == 1
        assert figures[WUYANG]["topics_by_step"]["collect"] == 1
        assert not any(s in answer.text for s in SECRETS)

        only = await client.get("/v1/board/topics", params={"community": WUYANG, "step": "implement"})
        assert [t["id"] for t in only.json()["items"]] == [ids["open"]]
        for bad, field in ((("step", "collect")), "step"), ((("community", "XX")), "community"):
            refused = await client.get("/v1/board/topics", params=dict([bad]))
            assert refused.status_code == 422 and field in refused.text

    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make browser)")

    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        for name, size, lang in (
            ("desk-1440", (1440, 900), ""),
            ("phone-390", (390, 844), ""),
            ("desk-1440-en", (1440, 900), "?lang=en"),
        ):
            page = await browser.new_page(viewport={"width": size[0], "height": size[1]})
            await page.goto(url + "/" + lang)
            section = page.locator("#topics")
            assert await section.locator("li.topic").count() == 2
            await section.scroll_into_view_if_needed()
            text = await section.inner_text()
            assert ("Deliberation board" if lang else "议事公开栏") in text
            assert ("逾期" in text or "Overdue" in text) and not any(s in text for s in SECRETS)
            assert int(await page.evaluate("document.documentElement.scrollWidth")) <= size[0]
            await section.screenshot(path=str(ARTIFACTS / f"board-topics-{name}.png"))
            await page.close()
