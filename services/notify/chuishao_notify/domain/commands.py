"""What notify is asked to do, in the imperative; each has one handler in `service_layer.handlers`.
The routes, the Kafka consumer, the reminder sweep and the delivery worker build these.

`request` identifies a retried HTTP request (its Idempotency-Key and body fingerprint); commands built
from consumed events carry none, because the consumer's processed-events table already dedupes them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chuishao_notify.domain.deliveries import DueDelivery
from chuishao_notify.domain.escalation_commands import AdvanceEscalations, PutEscalationPolicy
from chuishao_notify.domain.pacing import RobotPacing

if TYPE_CHECKING:
    from chuishao_shared.auth import Principal


@dataclass(frozen=True)
class Request:
    """An Idempotency-Key and the fingerprint of the request body it was sent with."""

    key: str | None
    fingerprint: str


NO_REQUEST = Request(None, "")


# --- consumed events ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NotifyOfCaseEvent:
    """A `case.*` event: keep the case's newest snapshot, queue the notice it gives rise to, and arm or
    disarm the 催办 reminders of its deadlines."""

    event_id: str
    type: str
    sequence: int
    time: datetime
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class NotifyOfCommunityEvent:
    """A `need.*`, `topic.moved` or `action.overdue` event: queue the community's notice it gives rise
    to, and arm or disarm the reminders of a member's claim before the need's wanted-by date."""

    event_id: str
    type: str
    sequence: int
    time: datetime
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class RememberPlace:
    """`report.received`: keep the report's place (never its description, reporter or resident)."""

    report_id: str
    place: dict[str, Any]


# --- timers and the delivery worker ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FireDueReminders:
    """Turn due reminders into deliveries (a reminder whose deadline has passed is dropped)."""

    limit: int = 100


@dataclass(frozen=True, kw_only=True)
class FireDueNeedReminders:
    """Turn due claim reminders into deliveries (one whose wanted-by date has passed is dropped)."""

    limit: int = 100


@dataclass(frozen=True, kw_only=True)
class ClaimDeliveries:
    """Lock up to `limit` due deliveries of endpoints not `busy`, keep those `choose` takes (the
    worker's per-endpoint limits and circuit breakers decide) and lease them to `owner`."""

    busy: Sequence[uuid.UUID]
    limit: int
    owner: str
    lease_seconds: float
    choose: Callable[[list[DueDelivery]], list[DueDelivery]]
    pacing: RobotPacing = RobotPacing()  # a group robot's rows: in order, under its rate limit


@dataclass(frozen=True, kw_only=True)
class RecordAttempt:
    """Log one attempt and move its delivery on (to `status`, tried again at `next_attempt_at`)."""

    delivery_id: int
    owner: str
    started_at: datetime
    latency: float
    status_code: int | None
    outcome: str
    error: str | None
    status: str
    next_attempt_at: datetime | None
    # The request reached the receiver: a group robot's counts towards its rate limit (domain/pacing.py).
    robot_keep_seconds: float | None = None


# --- subscriptions (the admin's routes) --------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CreateSubscription:
    """Subscribe a receiver; exactly one of department, jurisdiction or community (a community's may
    narrow its need notices to some skills and grids)."""

    principal: Principal
    department: str | None
    jurisdiction: str | None
    url: str
    format: str
    secret: str | None
    events: list[str] | None
    request: Request = NO_REQUEST
    community: str | None = None
    skills: tuple[str, ...] = ()
    grids: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DeleteSubscription:
    """Unsubscribe; its pending deliveries are cancelled."""

    subscription_id: str
    principal: Principal | None = None  # None: the admin's route (no scope to check)


@dataclass(frozen=True, kw_only=True)
class SendTestMessage:
    """Queue a test message to one subscription, through the same durable path as every delivery."""

    principal: Principal
    subscription_id: str
    request: Request = NO_REQUEST


# --- duty rosters (值班表) ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AddRosterLayer:
    """A new layer of rotations on a department's or duty desk's roster."""

    principal: Principal
    owner: str
    level: int
    name: str
    rrule: str
    starts: datetime
    shift_minutes: int
    members: Sequence[str]


@dataclass(frozen=True, kw_only=True)
class EditRosterLayer:
    """Change a layer: one whose shifts have started ends now and a new one takes over from now."""

    principal: Principal
    owner: str
    layer_id: str
    level: int
    name: str
    rrule: str
    starts: datetime
    shift_minutes: int
    members: Sequence[str]


@dataclass(frozen=True, kw_only=True)
class EndRosterLayer:
    principal: Principal
    owner: str
    layer_id: str


@dataclass(frozen=True, kw_only=True)
class AddRosterOverride:
    """One person on a level for a window (a swap, a sick day)."""

    principal: Principal
    owner: str
    level: int
    member: str
    starts: datetime
    ends: datetime
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class CancelRosterOverride:
    principal: Principal
    owner: str
    override_id: str


@dataclass(frozen=True, kw_only=True)
class PutDutyPerson:
    """A person on a roster: the name shown and the mobile a group robot @mentions."""

    principal: Principal
    owner: str
    member: str
    name: str
    mobile: str
    wecom_user_id: str = ""
    dingtalk_user_id: str = ""


Command = (
    NotifyOfCaseEvent
    | NotifyOfCommunityEvent
    | FireDueNeedReminders
    | RememberPlace
    | FireDueReminders
    | ClaimDeliveries
    | RecordAttempt
    | CreateSubscription
    | DeleteSubscription
    | SendTestMessage
    | AddRosterLayer
    | EditRosterLayer
    | EndRosterLayer
    | AddRosterOverride
    | CancelRosterOverride
    | PutDutyPerson
    | PutEscalationPolicy
    | AdvanceEscalations
)
