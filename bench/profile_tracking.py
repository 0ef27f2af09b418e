"""Where tracking's projection CPU goes per event: the real consumer path (`EventConsumer._handle_once`:
the dedupe row, the handler, the commit) fed in-process against an embedded PostgreSQL, no broker.
Cases follow the unit tests' scenario (seven cases: resolved, reworked, returned, whistled and
escalated, handled on site, cancelled, overdue), repeated with fresh ids; reports and feedback too.

Prints tracking's CPU (this process) and PostgreSQL's CPU per consumed event, and with --profile
the top functions by cumulative time (cProfile).

Usage: python bench/profile_tracking.py [--scenarios 150] [--profile]"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "unit" / "tracking"))
sys.path.insert(0, str(HERE.parent / "tests"))

from common import CpuMeter, Stack, postmaster_pid  # noqa: E402
from tracking_scenario import scenario  # noqa: E402

from chuishao_shared.consumer import EventConsumer  # noqa: E402
from chuishao_shared.db import make_engine  # noqa: E402
from chuishao_shared.devstack import EmbeddedPostgres, free_port  # noqa: E402
from chuishao_shared.migrations import upgrade_head  # noqa: E402
from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings  # noqa: E402
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME, on_event  # noqa: E402


def _unused() -> Any:
    raise AssertionError("no broker in this benchmark")


async def run(dsn: str, args: argparse.Namespace) -> dict[str, float]:
    settings = TrackingSettings(database_url=dsn.replace("postgresql://", "postgresql+asyncpg://", 1))
    await asyncio.to_thread(upgrade_head, MIGRATIONS, settings.sqlalchemy_url)
    engine = make_engine(settings, pool_size=2)
    consumer = EventConsumer(
        name=CONSUMER_NAME, engine=engine, consumer_factory=_unused, producer_factory=_unused, handler=on_event
    )
    warm = [e for _ in range(5) for e in scenario().all_events]
    events = [e for _ in range(args.scenarios) for e in scenario().all_events]
    for envelope in warm:
        await consumer._handle_once(envelope)
    assert args.postgres_pid
    meter = CpuMeter({"postgres": args.postgres_pid})
    profiler = cProfile.Profile() if args.profile else None
    meter.start()
    cpu0 = time.process_time()
    if profiler:
        profiler.enable()
    for envelope in events:
        assert await consumer._handle_once(envelope) == "processed"
    if profiler:
        profiler.disable()
    cpu = time.process_time() - cpu0
    used = meter.stop()
    await engine.dispose()
    if profiler:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    n = len(events)
    return {
        "events": n,
        "tracking_cpu_ms_per_event": round(cpu * 1000 / n, 3),
        "postgres_cpu_ms_per_event": round(used["postgres"] * 1000 / n, 3),
        "wall_ms_per_event": round(used["wall"] * 1000 / n, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=150, help="scenario repeats (41 events each)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime", help="cProfile sort key")
    args = parser.parse_args()
    stack = Stack()
    try:
        stack.postgres = EmbeddedPostgres(stack.root / "pgdata", free_port()).start()
        args.postgres_pid = postmaster_pid(stack.postgres.data_dir)
        result = asyncio.run(run(stack.admin_dsn, args))
    finally:
        stack.close()
    print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("CHUISHAO_ENV", "dev")
    main()
