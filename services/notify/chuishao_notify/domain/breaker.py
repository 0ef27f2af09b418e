"""A circuit breaker per endpoint: after `threshold` failures in a row the endpoint is left alone for
`cooldown`, then one trial delivery decides (half-open). A dead receiver then costs one request per
cool-down instead of one per pending delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


@dataclass
class CircuitBreaker:
    threshold: int = 5
    cooldown: timedelta = timedelta(seconds=30)
    failures: int = 0
    opened_at: datetime | None = None
    trial_running: bool = False

    def state(self, now: datetime) -> str:
        if self.opened_at is None:
            return CLOSED
        return OPEN if now < self.opened_at + self.cooldown else HALF_OPEN

    def refusing(self, now: datetime) -> bool:
        """True while no request may go (open, or half-open with its trial still out): the worker
        then does not even claim the endpoint's rows."""
        state = self.state(now)
        return state == OPEN or (state == HALF_OPEN and self.trial_running)

    def allow(self, now: datetime) -> bool:
        """May a request go to this endpoint now? In half-open state only one trial at a time."""
        state = self.state(now)
        if state == CLOSED:
            return True
        if state == HALF_OPEN and not self.trial_running:
            self.trial_running = True
            return True
        return False

    def succeeded(self) -> None:
        self.failures, self.opened_at, self.trial_running = 0, None, False

    def failed(self, now: datetime) -> None:
        self.failures += 1
        self.trial_running = False
        if self.opened_at is not None or self.failures >= self.threshold:
            self.opened_at = now
