"""End to end through the real community service: a need recorded by staff with a resident's name, phone
and address, its title and description, claimed, done and confirmed over community's API, reaches the
wish wall and the figures through the real outbox, broker and tracking's projector — as the kind and the
grid, with the volunteer's hours, and without any of what was written about the resident."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from integration.tracking.conftest import OVERRIDES
from integration.tracking.tracking_helpers import eventually

from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings, build_app
from support.community import GRID, active_volunteer, community_service, keyed, record_need, staff
from support.infra import Infra
from support.services import running, start_service

RESIDENT = {"name": "孙玉梅", "phone": "13566667777", "address": "朝阳小区12号楼3单元502"}
TITLE, DESCRIPTION = "给孙玉梅奶奶修收音机", "孙玉梅独居，电话13566667777，住12号楼3单元502"


async def test_a_need_through_the_community_service_reaches_the_wish_wall(infra: Infra) -> None:
    async with community_service(infra) as community:
        tracking_settings, app = await start_service(
            infra, TrackingSettings, build_app, MIGRATIONS, **OVERRIDES, topic_prefix=community.settings.topic_prefix
        )
        async with running(app, tracking_settings) as tracking:
            client, s = community.client, community.settings
            helper, _member = await active_volunteer(client, s)
            need = await record_need(
                client, s, kind="living", resident=RESIDENT, title=TITLE, description=DESCRIPTION, building="12号楼"
            )
            for action, body, headers in (
                ("claim", {}, helper),
                ("start", {}, helper),
                ("done", {"note": f"已联系{RESIDENT['name']}", "photos": ["ab" * 32], "hours": 1.5}, helper),
                ("confirm", {"satisfaction": "satisfied", "note": RESIDENT["phone"]}, staff(s)),
            ):
                answered = await client.post(f"/v1/needs/{need['id']}/{action}", json=body, headers=keyed(headers))
                assert answered.status_code == 200, answered.text

            async def fulfilled() -> dict[str, Any] | None:
                items = (await tracking.client.get("/v1/board/needs")).json()["items"]
                return next((n for n in items if n["id"] == need["id"] and n["fulfilled"]), None)

            shown = await eventually(fulfilled, within=30)
            assert shown["title"] == "生活帮扶 · 五阳社区第一网格" and shown["grid"] == GRID
            assert shown["claimed_by"] == "member"
            today = datetime.now(UTC).date()
            period = {"from": (today - timedelta(days=1)).isoformat(), "to": (today + timedelta(days=2)).isoformat()}

            async def counted() -> dict[str, Any] | None:
                items = (await tracking.client.get("/v1/stats/community", params=period)).json()["items"]
                item = next((i for i in items if i["community"] == "XY-WQ-WY"), None)
                return item if item and item["hours"]["total"] > 0 and item["members"]["reporting_in"] else None

            figures = await eventually(counted, within=30)
            assert figures["needs"]["recorded"] == 1 and figures["needs"]["confirmed"] == 1
            assert figures["hours"]["total"] == 1.5 and figures["members"]["active_share"]["value"] == 1.0
            page = (await tracking.client.get("/needs")).text
            published = str(shown) + str(figures) + page
            for secret in (*RESIDENT.values(), TITLE, DESCRIPTION, "李建国", "13912345678"):
                assert secret not in published
