"""The lost-whistle check's two entrypoints: the periodic count every intake replica runs beside its
routes (the `ChuishaoLostWhistles` alert reads it), and the operator's command that lists the
reports and sends them again:

    python -m chuishao_intake.entrypoints.lost_whistles            # list
    python -m chuishao_intake.entrypoints.lost_whistles --resend   # list and send again
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_intake.service_layer import lost_whistles
from chuishao_shared.db import make_engine
from chuishao_shared.outbox import OutboxWriter

if TYPE_CHECKING:
    from chuishao_intake.bootstrap import IntakeSettings

log = logging.getLogger(__name__)


def periodic_check(
    engine: AsyncEngine, *, after_minutes: float, every_seconds: float
) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]:
    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                n = await lost_whistles.check(engine, after_minutes * 60)
                if n:
                    log.error(
                        "%d report(s) accepted over %s minutes ago have no case: "
                        "python -m chuishao_intake.entrypoints.lost_whistles --resend",
                        n,
                        after_minutes,
                    )
            except Exception:  # the database may be down; the next round tries again
                log.warning("lost-whistle check failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_seconds)

    return run


async def command(argv: list[str], settings: IntakeSettings | None = None) -> int:
    from chuishao_intake.bootstrap import IntakeSettings  # the composition root imports this module

    parser = argparse.ArgumentParser(prog="python -m chuishao_intake.entrypoints.lost_whistles")
    parser.add_argument("--minutes", type=float, help="older than this (default: CHUISHAO_UNROUTED_AFTER_MINUTES)")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--resend", action="store_true", help="send the listed reports' events again")
    args = parser.parse_args(argv)
    settings = settings or IntakeSettings()
    minutes = args.minutes if args.minutes is not None else settings.unrouted_after_minutes
    engine = make_engine(settings)
    try:
        found = await lost_whistles.find(engine, minutes * 60, args.limit)
        outcome: dict[str, str] = {}
        if args.resend:
            outcome = await lost_whistles.resend(
                engine, OutboxWriter("intake", settings.topic_prefix), [u.report_id for u in found]
            )
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
