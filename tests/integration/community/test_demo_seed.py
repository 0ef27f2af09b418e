"""The demo history (chuishao_community/demo_seed.py) on a real database, scaled down with the same code
path: what it seeds is there through the public API, the wish wall is alive, every 议事 step is taken,
and a second run adds nothing."""

from __future__ import annotations

import os

from sqlalchemy import text

from chuishao_community.demo_seed import seed_demo
from chuishao_shared.db import make_engine
from support.community import staff
from support.services import RunningService

# The seeds' sizes times this (CHUISHAO_DEMO_SEED_TEST_SCALE=1 runs the full year, about two minutes).
SCALE = float(os.environ.get("CHUISHAO_DEMO_SEED_TEST_SCALE", "0.03"))


async def _count(engine, table: str) -> int:  # type: ignore[no-untyped-def]
    async with engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_seed_demo_twice_adds_nothing_the_second_time(community: RunningService) -> None:
    settings = community.settings
    engine = make_engine(settings)
    try:
        first = await seed_demo(engine, settings.topic_prefix, scale=SCALE, log=lambda _: None)
        assert first.members >= 5 * 3 and first.units >= 5 * 2 and first.activities >= 5 * 2 and first.topics == 5 * 2
        assert {"open", "claimed", "in_progress", "done", "confirmed", "cancelled", "expired", "whistled"} <= set(
            first.needs_by_status
        )
        outbox = await _count(engine, "outbox")
        hours = await _count(engine, "hours_entries")
        assert hours >= first.attendances > 0

        code = "TN-CS-FQXC"
        headers = staff(settings, code, sub=f"demo-community-staff-{code}")
        members = (await community.client.get("/v1/members?limit=200", headers=headers)).json()
        assert len(members["items"]) >= 3
        topics = (await community.client.get("/v1/topics", headers=headers)).json()["items"]
        titles = {t["title"] for t in topics}
        assert {"外墙剥落", "乱停车乱充电"} <= titles
        for topic in topics:
            kinds = {a["kind"] for a in topic["actions"]}
            assert kinds == {"case", "need", "task"}
            assert topic["step"] == "closed", topic["step"]

        second = await seed_demo(engine, settings.topic_prefix, scale=SCALE, log=lambda _: None)
        assert second.members == second.needs == second.topics == 0 and len(second.skipped) == 5
        assert await _count(engine, "outbox") == outbox
        assert await _count(engine, "hours_entries") == hours
    finally:
        await engine.dispose()
