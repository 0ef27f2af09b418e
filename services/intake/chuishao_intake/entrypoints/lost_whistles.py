"""The lost-whistle check's two entrypoints: the periodic count every intake replica runs beside its
routes (the `ChuishaoLostWhistles` alert reads it), and the operator's command that lists the
reports and sends them again:

    python -m chuishao_intake.entrypoints.lost_whistles            # list
    python -m chuishao_intake.entrypoints.lost_whistles --resend   # list and send again
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from chuishao_intake.domain.commands import ResendReports
from chuishao_intake.service_layer import lost_whistles
from chuishao_intake.service_layer.handlers import IntakeBus, IntakeContext, message_bus
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_intake.settings import IntakeSettings
from chuishao_shared.db import make_engine
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.reference import load_reference
from chuishao_shared.service_layer.periodic import PeriodicTask

log = logging.getLogger(__name__)


def periodic_check(bus: IntakeBus, *, after_minutes: float, every_seconds: float) -> PeriodicTask:
    async def check() -> None:
        n = await lost_whistles.check(bus.uow(), after_minutes * 60)
        if n:
            log.error(
                "%d report(s) accepted over %s minutes ago have no case: "
                "python -m chuishao_intake.entrypoints.lost_whistles --resend",
                n,
                after_minutes,
            )

    # The database may be down: a failed check is logged and tried again at the next round.
    return PeriodicTask("lost-whistle check", check, every_seconds)


async def command(argv: list[str], settings: IntakeSettings | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chuishao_intake.entrypoints.lost_whistles")
    parser.add_argument("--minutes", type=float, help="older than this (default: CHUISHAO_UNROUTED_AFTER_MINUTES)")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--resend", action="store_true", help="send the listed reports' events again")
    args = parser.parse_args(argv)
    settings = settings or IntakeSettings()
    minutes = args.minutes if args.minutes is not None else settings.unrouted_after_minutes
    engine = make_engine(settings)
    outbox = OutboxWriter("intake", settings.topic_prefix)
    bus = message_bus(
        lambda: SqlUnitOfWork(engine, outbox),
        IntakeContext(reference=load_reference(Path(settings.reference_dir) if settings.reference_dir else None)),
    )
    try:
        found = await lost_whistles.find(bus.uow(), minutes * 60, args.limit)
        outcome: dict[str, str] = {}
        if args.resend:
            outcome = await bus.handle(ResendReports(report_ids=tuple(u.report_id for u in found)))
        for u in found:
            line = {
                "report_id": str(u.report_id),
                "category": u.category,
                "grid": u.grid,
                "accepted_at": u.created_at.isoformat(),
            }
            if args.resend:
                line["resend"] = outcome.get(str(u.report_id), "gone")
            print(json.dumps(line, ensure_ascii=False))
        print(f"{len(found)} report(s) accepted over {minutes:g} minutes ago have no case", file=sys.stderr)
    finally:
        await engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(command(sys.argv[1:])))
