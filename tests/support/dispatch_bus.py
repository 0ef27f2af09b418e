"""Dispatch's message bus on a database of its own, for tests of its use cases and their SQL."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import DispatchBus, message_bus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.db import make_engine
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.reference import load_reference
from support.infra import Infra, unique
from support.services import prepare, service_settings


@contextlib.asynccontextmanager
async def dispatch_bus(infra: Infra, now: Callable[[], datetime] | None = None) -> AsyncIterator[DispatchBus]:
    """Dispatch's message bus on a freshly migrated database of its own, the demo routing rules stored as
    version 1 (no HTTP, no broker: the use cases and their SQL)."""
    database = unique("chuishao_dispatch")
    settings = service_settings(infra, DispatchSettings, database)
    await prepare(infra, settings, MIGRATIONS, database)
    engine = make_engine(settings)
    reference = load_reference()
    clock = {"now": now} if now is not None else {}
    context = DispatchContext(
        reference=reference, duplicate_window=timedelta(hours=24), duplicate_min_similarity=0.3, **clock
    )
    outbox = OutboxWriter("dispatch", settings.topic_prefix)
    bus = message_bus(lambda: SqlUnitOfWork(engine, outbox), context)
    async with bus.uow() as uow:
        await uow.rules.store([r.model_dump() for r in reference.routing.rules], "test", version=1)
        await uow.commit()
    try:
        yield bus
    finally:
        await engine.dispose()


def report_arrived(
    report_id: str,
    description: str = "3号楼楼道堆放杂物",
    grid: str = "XY-WQ-WY-G01",
    *,
    building: str | None = None,
    handled_on_site: bool = False,
    category: str = "ENV-STAIRWELL-DIRTY",
    reporter: str = "gw-1",
) -> c.OpenCase:
    """A grid worker's report (a dirty stairwell unless told) as dispatch's consumer hands it over, reported now."""
    return c.OpenCase(
        report_id=report_id,
        category=category,
        grid=grid,
        community="XY-WQ-WY",
        severity="minor",
        description=description,
        building=building,
        handled_on_site=handled_on_site,
        reporter=reporter,
        reported_at=datetime.now(UTC),
    )
