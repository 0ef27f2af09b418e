"""What an attempt's result means and when to try again: exponential backoff with jitter, `Retry-After`
honoured, for at most a day from the first attempt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

DELIVERED = "delivered"
RETRY = "retry"  # time-out, connection error, 5xx, 408, 429: try again later
REJECTED = "rejected"  # another 4xx: the receiver refuses it; retrying will not help
FAILED = "failed"  # retries exhausted


# Robot answers that mean "too fast, try later": WeChat Work 45009, DingTalk 130101.
ROBOT_RATE_LIMITED = frozenset({45009, 130101})


def classify(status: int | None, errcode: int | None = None) -> str:
    """`status` None means no answer (time-out or connection error); `errcode` is a robot's verdict
    inside a 200 answer."""
    if status is None or status >= 500 or status in (408, 429):
        return RETRY
    if 200 <= status < 300:
        if errcode in ROBOT_RATE_LIMITED:
            return RETRY
        return REJECTED if errcode else DELIVERED
    return REJECTED


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """`Retry-After` as delta-seconds or an HTTP-date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(when - now, timedelta(0))


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=1)
    cap: timedelta = timedelta(hours=1)
    give_up_after: timedelta = timedelta(hours=24)

    def delay(self, failures: int, jitter: float) -> timedelta:
        """Backoff after the `failures`-th failed attempt; `jitter` in [0, 1) spreads retries over
        [½, 1] of the exponential step so receivers coming back are not hit by every sender at once."""
        step = min(self.base * 2 ** max(failures - 1, 0), self.cap)
        return step * (0.5 + jitter / 2)

    def next_attempt(
        self,
        *,
        failures: int,
        first_attempt_at: datetime,
        now: datetime,
        jitter: float,
        retry_after: timedelta | None = None,
    ) -> datetime | None:
        """When to try again, or None when the day is up."""
        wait = self.delay(failures, jitter)
        if retry_after is not None:
            wait = max(min(retry_after, self.cap), timedelta(0))
        at = now + wait
        if at > first_attempt_at + self.give_up_after:
            return None
        return at
