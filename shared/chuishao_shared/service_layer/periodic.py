"""One runner for every periodic task (timers, sweeps, gauges, checks): run the job, wait the interval
(with a little jitter so replicas do not fire in step), back off after failures, stop promptly when
asked. A failure is logged and retried; it never ends the task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True when `stop` was set meanwhile (at once if it already was)."""
    if stop.is_set():
        return True
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), max(seconds, 0.0))
    return stop.is_set()


class PeriodicTask:
    """`await PeriodicTask("name", job, every=5).run(stop)` runs `job` every `every` seconds until `stop`.

    - `first_after`: wait this long before the first run (0: run at once);
    - `jitter`: each wait is stretched or shrunk by up to this fraction, at random;
    - after `n` failures in a row the wait is `every * 2**n`, at most `max_backoff` (never below `every`);
    - cancelling the task cancels a running job; setting `stop` lets it finish, then returns."""

    def __init__(
        self,
        name: str,
        job: Callable[[], Awaitable[object]],
        every: float,
        *,
        first_after: float = 0.0,
        jitter: float = 0.1,
        max_backoff: float = 60.0,
        failure_level: int = logging.WARNING,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if every <= 0:
            raise ValueError(f"{name}: the interval must be positive, got {every!r}")
        if not 0 <= jitter < 1:
            raise ValueError(f"{name}: jitter must be a fraction in [0, 1), got {jitter!r}")
        self.name = name
        self.job = job
        self.every = every
        self.first_after = first_after
        self.jitter = jitter
        self.max_backoff = max(max_backoff, every)
        self.failure_level = failure_level
        self.rng = rng
        self.failures = 0  # in a row; 0 after a success

    def next_delay(self) -> float:
        base = self.every if self.failures == 0 else min(self.every * 2**self.failures, self.max_backoff)
        return base * (1 + self.jitter * (2 * self.rng() - 1))

    async def run_once(self) -> bool:
        """Run the job once; True when it succeeded (a failure is logged and counted)."""
        try:
            await self.job()
        except asyncio.CancelledError:
            raise
        except Exception:
            self.failures += 1
            log.log(
                self.failure_level,
                "%s failed (%d in a row); next try in %.1f s",
                self.name,
                self.failures,
                min(self.every * 2**self.failures, self.max_backoff),
                exc_info=True,
            )
            return False
        self.failures = 0
        return True

    async def run(self, stop: asyncio.Event) -> None:
        if self.first_after > 0 and await sleep_or_stop(stop, self.first_after):
            return
        while not stop.is_set():
            await self.run_once()
            if await sleep_or_stop(stop, self.next_delay()):
                return
