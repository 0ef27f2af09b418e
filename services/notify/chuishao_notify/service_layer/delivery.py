"""The delivery worker: claims due delivery rows (FOR UPDATE SKIP LOCKED, so replicas share the work
and never send one row at the same time), leases them, sends each in its own task, and records every
attempt with the delivery's next state in one transaction.

A slow or dead endpoint costs the others nothing: each subscription has its own concurrency limit
(its rows are not even claimed while it is full), every request has a time-out, and a circuit
breaker stops hammering an endpoint that keeps failing. The lease outlives the time-out, so a row
is only tried again by another replica when this one died mid-send: at least once, same event id.

The worker is the third entrypoint beside the routes and the consumer: its claim and each attempt's
record are commands on notify's bus (`ClaimDeliveries`, `RecordAttempt`), each in its own unit of
work. It waits on a `NotifyWaiter` for the NOTIFY a commit that added deliveries sends; polling is the
safety net."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import uuid
from collections import Counter as Tally
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from chuishao_notify.adapters.sender import HttpSender, SendResult
from chuishao_notify.adapters.store import WAKE_CHANNEL
from chuishao_notify.domain import commands as c
from chuishao_notify.domain.breaker import CircuitBreaker
from chuishao_notify.domain.deliveries import DueDelivery
from chuishao_notify.domain.destinations import Network
from chuishao_notify.domain.formats import Names, OutgoingRequest, Target, render
from chuishao_notify.domain.notices import Notice
from chuishao_notify.domain.pacing import RobotPacing, is_robot
from chuishao_notify.domain.person_messages import PersonMessage
from chuishao_notify.domain.retry import (
    DELIVERED,
    FAILED,
    REJECTED,
    RETRY,
    ROBOT_RATE_LIMITED,
    RetryPolicy,
    classify,
    retry_after,
)
from chuishao_notify.domain.robot_mentions import MENTION_KIND, mention_body
from chuishao_notify.domain.signing import dingtalk_url
from chuishao_notify.metrics import (
    ATTEMPT_LATENCY,
    DELIVERY_ATTEMPTS,
    EVENT_TO_RECEIVER,
    OLDEST_PENDING_AGE,
    OPEN_CIRCUITS,
    PENDING_DELIVERIES,
)
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.service_layer.periodic import sleep_or_stop
from chuishao_shared.service_layer.waiter import NotifyWaiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerConfig:
    dispatch_public_url: str
    # Where community staff open the console: links in the community's messages go to <this>/console/.
    community_public_url: str = "http://127.0.0.1:8005"
    poll_seconds: float = 0.25
    request_timeout_seconds: float = 5.0
    endpoint_concurrency: int = 4
    max_in_flight: int = 200
    claim_batch: int = 100
    retry: RetryPolicy = RetryPolicy()
    breaker_threshold: int = 5
    breaker_cooldown: timedelta = timedelta(seconds=30)
    # Internal addresses receivers may have after all (CHUISHAO_WEBHOOK_ALLOWED_NETWORKS).
    allowed_networks: tuple[Network, ...] = ()
    # Group robots: at most 20 messages a minute each, sent in order (domain/pacing.py).
    robot_pacing: RobotPacing = RobotPacing()

    @property
    def lease_seconds(self) -> float:
        return self.request_timeout_seconds * 2 + 10


class DeliveryWorker:
    def __init__(
        self,
        bus: NotifyBus,
        dsn: str,
        names: Names,
        config: WorkerConfig,
        sender: HttpSender | None = None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.bus = bus
        self.dsn = dsn
        self.names = names
        self.config = config
        self.sender = sender or HttpSender(
            config.request_timeout_seconds, config.max_in_flight, allowed_networks=config.allowed_networks
        )
        self.jitter = jitter
        self.owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        self.in_flight: Tally[uuid.UUID] = Tally()
        self.breakers: dict[uuid.UUID, CircuitBreaker] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.waiter = NotifyWaiter(WAKE_CHANNEL)  # woken by a commit that added deliveries, or a freed slot

    # --- the loop ---------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        listener = asyncio.create_task(self._listen(stop), name="notify-wake")
        try:
            while not stop.is_set():
                # Clear before claiming: a NOTIFY or a freed slot during this round wakes the next one.
                self.waiter.clear()
                claimed = 0
                try:
                    claimed = await self.claim_and_send()
                except Exception:  # the database may be restarting: the next round will do
                    log.warning("delivery claim failed", exc_info=True)
                if claimed < self.config.claim_batch:
                    await self.waiter.wait(self.config.poll_seconds, stop)
        finally:
            listener.cancel()
            with contextlib.suppress(BaseException):
                await listener
            # Rows in flight keep their lease; another replica (or this one restarted) retries them.
            for task in list(self.tasks):
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)
            await self.sender.close()

    async def _listen(self, stop: asyncio.Event) -> None:
        """LISTEN wakes the loop right after a commit that added deliveries; polling is the safety net."""
        while not stop.is_set():
            try:
                conn = await asyncpg.connect(self.dsn)
                try:
                    await self.waiter.listen(conn)
                    await stop.wait()
                finally:
                    with contextlib.suppress(Exception):
                        await conn.close()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("delivery wake-up listener lost; polling meanwhile", exc_info=True)
                await sleep_or_stop(stop, 2.0)

    def _busy(self, now: datetime) -> list[uuid.UUID]:
        """Endpoints whose rows are not to be claimed now: at their concurrency limit, or refused by
        their breaker. Leaving them out of the claim keeps a dead endpoint from being re-read (and its
        rows re-locked) on every round."""
        full = {sub for sub, n in self.in_flight.items() if n >= self.config.endpoint_concurrency}
        return sorted(full | {sub for sub, breaker in self.breakers.items() if breaker.refusing(now)})

    async def claim_and_send(self) -> int:
        room = self.config.max_in_flight - sum(self.in_flight.values())
        if room <= 0:
            return 0
        now = datetime.now(UTC)

        def choose(due: list[DueDelivery]) -> list[DueDelivery]:
            chosen: list[DueDelivery] = []
            taken: Tally[uuid.UUID] = Tally()
            for row in due:
                if self.in_flight[row.subscription_id] + taken[row.subscription_id] >= self.config.endpoint_concurrency:
                    continue  # stays due; claimed again when a slot frees up
                if not self._breaker(row.subscription_id).allow(now):
                    continue  # open, or its half-open trial is out: left for later, untouched
                taken[row.subscription_id] += 1
                chosen.append(row)
            return chosen

        found, chosen = await self.bus.handle(
            c.ClaimDeliveries(
                busy=self._busy(now),
                limit=min(room, self.config.claim_batch),
                owner=self.owner,
                lease_seconds=self.config.lease_seconds,
                choose=choose,
                pacing=self.config.robot_pacing,
            )
        )
        OPEN_CIRCUITS.set(sum(1 for b in self.breakers.values() if b.state(now) != "closed"))
        for row in chosen:
            self.in_flight[row.subscription_id] += 1
            task = asyncio.create_task(self._send(row))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        # A full batch with work taken means more may be waiting (rows of endpoints that just became
        # busy are left out next round); a batch of skipped rows only must not spin the loop.
        return found if chosen else 0

    def _breaker(self, sub: uuid.UUID) -> CircuitBreaker:
        if sub not in self.breakers:
            self.breakers[sub] = CircuitBreaker(self.config.breaker_threshold, self.config.breaker_cooldown)
        return self.breakers[sub]

    # --- one attempt ------------------------------------------------------------------------------

    async def _send(self, row: DueDelivery) -> None:
        try:
            await self.attempt(row)
        except Exception:
            log.exception("delivery %s: attempt could not be recorded; the lease will expire", row.id)
        finally:
            self.in_flight[row.subscription_id] -= 1
            if self.in_flight[row.subscription_id] <= 0:
                del self.in_flight[row.subscription_id]
            self.waiter.wake()  # a slot is free: the endpoint's next rows may go

    async def attempt(self, row: DueDelivery) -> None:
        started = datetime.now(UTC)
        mention = row.notice.get("kind") == MENTION_KIND
        if mention:
            request = await self._mention_request(row, started)
            if request is None:  # the person left the roster, or their mobile was removed
                result = SendResult(None, 0.0, error="refused: no mobile on the roster", refused=True)
            else:
                result = await self.sender.send(request)
        else:
            notice = Notice.from_dict(row.notice)
            target = Target(row.format, row.url, row.secret, row.department, row.jurisdiction, row.community)
            request = render(
                notice,
                target,
                self.names,
                dispatch_public_url=self.config.dispatch_public_url,
                now=started,
                community_public_url=self.config.community_public_url,
            )
            result = await self.sender.send(request)
        now = datetime.now(UTC)
        # A refused destination is not retried: it will not become public by waiting.
        outcome = REJECTED if result.refused else classify(result.status_code, result.errcode)
        throttled = is_robot(row.format) and result.errcode in ROBOT_RATE_LIMITED
        status, next_at = "pending", None
        if outcome == DELIVERED:
            status = "delivered"
        elif outcome == REJECTED:
            status = "rejected"
        elif throttled:
            # The robot said "too fast" (another sender on it, or its own count): this delivery stays at the
            # head of the robot's queue and goes again after a whole window, never given up for it.
            wait = retry_after(result.retry_after, now) or timedelta(seconds=self.config.robot_pacing.window_seconds)
            next_at = now + wait
        else:
            next_at = self.config.retry.next_attempt(
                failures=row.attempts + 1,
                first_attempt_at=row.first_attempt_at or started,
                now=now,
                jitter=self.jitter(),
                retry_after=retry_after(result.retry_after, now),
            )
            if next_at is None:
                status, outcome = "failed", FAILED
        await self.bus.handle(
            c.RecordAttempt(
                delivery_id=row.id,
                owner=self.owner,
                started_at=started,
                latency=result.latency,
                status_code=result.status_code,
                outcome=outcome,
                error=result.error,
                status=status,
                next_attempt_at=next_at,
                robot_keep_seconds=None if result.refused else self.config.robot_pacing.keep_seconds,
            )
        )
        breaker = self._breaker(row.subscription_id)
        if outcome == DELIVERED or outcome == REJECTED or throttled:
            breaker.succeeded()  # the endpoint answered: it is alive, whatever it thought of the message
        else:
            breaker.failed(now)
        DELIVERY_ATTEMPTS.labels(row.format, outcome).inc()
        ATTEMPT_LATENCY.labels(row.format).observe(result.latency)
        if outcome == DELIVERED and not mention:
            EVENT_TO_RECEIVER.labels(row.format).observe(max((now - notice.occurred_at).total_seconds(), 0.0))
        if outcome in (RETRY, FAILED, REJECTED):
            log.info(
                "delivery %s to subscription %s: %s (%s), attempt %d",
                row.id,
                row.subscription_id,
                outcome,
                result.error,
                row.attempts + 1,
            )

    async def _mention_request(self, row: DueDelivery, now: datetime) -> OutgoingRequest | None:
        """A person's @mention (domain/robot_mentions.py): the mobile is read from the roster now and goes
        only into this request's body."""
        queued = row.notice
        async with self.bus.uow() as uow:
            mobile = await uow.rosters.mobile_of(str(queued.get("owner")), str(queued.get("member")))
        if not mobile:
            return None
        message = PersonMessage(
            str(queued["title"]), tuple(queued["lines"]), str(queued["ack_url"]), str(queued.get("button") or "签收")
        )
        url = row.url
        if row.format == "dingtalk" and row.secret:
            url = dingtalk_url(row.url, row.secret, int(now.timestamp() * 1000))
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Chuishao-Notify/1.0"}
        return OutgoingRequest(url, headers, mention_body(row.format, message, mobile))


# --- the handlers ------------------------------------------------------------------------------


async def claim_deliveries(
    cmd: c.ClaimDeliveries, uow: AbstractUnitOfWork, _ctx: object = None
) -> tuple[int, list[DueDelivery]]:
    """How many due rows were found, and those chosen and leased (in one transaction)."""
    async with uow:
        due = await uow.deliveries.claim_due(cmd.busy, cmd.limit, cmd.pacing)
        chosen = cmd.choose(due)
        if chosen:
            await uow.deliveries.lease([r.id for r in chosen], cmd.owner, cmd.lease_seconds)
        await uow.commit()
    return len(due), chosen


async def record_attempt(cmd: c.RecordAttempt, uow: AbstractUnitOfWork, _ctx: object = None) -> bool:
    async with uow:
        kept = await uow.deliveries.record_attempt(
            delivery_id=cmd.delivery_id,
            owner=cmd.owner,
            started_at=cmd.started_at,
            latency=cmd.latency,
            status_code=cmd.status_code,
            outcome=cmd.outcome,
            error=cmd.error,
            status=cmd.status,
            next_attempt_at=cmd.next_attempt_at,
        )
        if cmd.robot_keep_seconds is not None:
            await uow.deliveries.note_robot_send(cmd.delivery_id, cmd.robot_keep_seconds)
        await uow.commit()
    return kept


# --- the backlog gauges ------------------------------------------------------------------------


async def observe_backlog(bus: NotifyBus) -> None:
    async with bus.uow() as uow:
        pending, age = await uow.deliveries.pending_backlog()
    PENDING_DELIVERIES.set(pending)
    OLDEST_PENDING_AGE.set(age)
