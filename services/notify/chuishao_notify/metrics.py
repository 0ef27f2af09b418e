"""Notify's own metrics (consumed events, lag and dead letters come from the shared consumer; RED
metrics from the shared HTTP layer). No ids as labels; secrets and URLs never appear."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from chuishao_notify.domain.formats import FORMATS
from chuishao_notify.domain.retry import DELIVERED, FAILED, REJECTED, RETRY

DELIVERY_ATTEMPTS = Counter(
    "chuishao_notify_deliveries_total",
    "Delivery attempts by format and outcome (delivered, retry, rejected, failed = retries exhausted)",
    ["format", "outcome"],
)
ATTEMPT_LATENCY = Histogram(
    "chuishao_notify_attempt_duration_seconds",
    "One HTTP attempt to a receiver, request to answer (or time-out)",
    ["format"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENT_TO_RECEIVER = Histogram(
    "chuishao_notify_event_to_delivery_seconds",
    "From the event's time (or a reminder's firing time) to the receiver's 2xx",
    ["format"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400),
)
PENDING_DELIVERIES = Gauge("chuishao_notify_pending_deliveries", "Deliveries not yet delivered, rejected or failed")
OLDEST_PENDING_AGE = Gauge(
    "chuishao_notify_oldest_pending_age_seconds", "Age of the oldest delivery still pending (0 when none)"
)
OPEN_CIRCUITS = Gauge("chuishao_notify_open_circuits", "Endpoints this replica currently leaves alone (breaker open)")
REMINDERS = Counter(
    "chuishao_notify_reminders_total", "催办 reminders by outcome (fired, expired = deadline already past)", ["outcome"]
)
NOTICES = Counter("chuishao_notify_notices_total", "Deliveries decided, by notice kind", ["kind"])

# Every series exists from the start (at zero), so dashboards and alerts see it before the first delivery.
for _format in FORMATS:
    ATTEMPT_LATENCY.labels(_format)
    EVENT_TO_RECEIVER.labels(_format)
    for _outcome in (DELIVERED, RETRY, REJECTED, FAILED):
        DELIVERY_ATTEMPTS.labels(_format, _outcome)
for _outcome in ("fired", "expired"):
    REMINDERS.labels(_outcome)
ESCALATION_STEPS = Counter(
    "chuishao_notify_escalation_steps_total",
    "Escalation steps taken, by kind (level, head, desk; skipped = nobody there, went straight on)",
    ["kind"],
)
PERSON_NOTICES = Counter(
    "chuishao_notify_person_notices_total",
    "Notices to a person (WeCom application message, DingTalk work notice) by channel and outcome",
    ["channel", "outcome"],
)
for _kind in ("level", "head", "desk", "skipped"):
    ESCALATION_STEPS.labels(_kind)
