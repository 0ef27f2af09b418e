"""Prometheus metrics shared by every service, JSON logging and W3C trace context.

Names follow Prometheus conventions (`_total`, `_seconds`); no ids as labels.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import random
import sys
from datetime import UTC, datetime

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, multiprocess

from chuishao_shared.redaction import redacted_traceback

HTTP_REQUESTS = Counter(
    "chuishao_http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "chuishao_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
OUTBOX_BACKLOG = Gauge(
    "chuishao_outbox_backlog", "Outbox rows not yet published", ["service"], multiprocess_mode="livemostrecent"
)
OUTBOX_OLDEST_AGE = Gauge(
    "chuishao_outbox_oldest_age_seconds",
    "Age of the oldest unpublished outbox row",
    ["service"],
    multiprocess_mode="livemostrecent",
)
OUTBOX_PUBLISHED = Counter("chuishao_outbox_published_total", "Outbox rows published", ["service"])
BROKER_LOG_LOST = Counter(
    "chuishao_broker_log_lost_total", "Times the relay found the broker had lost its log and resent", ["service"]
)
OUTBOX_REPUBLISHED = Counter(
    "chuishao_outbox_republished_total", "Retained outbox rows queued again after the broker lost its log", ["service"]
)
# Summed over a service's worker processes: 1 when exactly one of them relays.
RELAY_ACTIVE = Gauge(
    "chuishao_outbox_relay_active",
    "1 while this process holds the relay lock",
    ["service"],
    multiprocess_mode="livesum",
)
EVENTS_CONSUMED = Counter(
    "chuishao_events_consumed_total", "Consumed events by outcome", ["consumer", "type", "outcome"]
)
DEAD_LETTERED = Counter(
    "chuishao_dead_lettered_messages_total", "Messages sent to a dead-letter topic", ["consumer", "topic"]
)
CONSUMER_LAG = Gauge(
    "chuishao_consumer_lag_messages",
    "End offset minus committed position",
    ["consumer", "topic", "partition"],
    multiprocess_mode="livemostrecent",
)


def multiprocess_mode() -> bool:
    """True in a service's worker processes (and their supervisor) when it runs several: each process
    writes its samples to files in PROMETHEUS_MULTIPROC_DIR (gauges say how to combine them)."""
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def metrics_registry() -> CollectorRegistry:
    """What /metrics exposes: this process's registry, or every worker's samples in multiprocess mode."""
    if not multiprocess_mode():
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def mark_process_dead(pid: int | None = None) -> None:
    """A worker leaving: its `live*` gauges stop counting (counters and histograms keep their sums)."""
    if multiprocess_mode():
        multiprocess.mark_process_dead(pid or os.getpid())


trace_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_id", default=None)


# Trace and span ids need to be unique, not secret: the random module's generator (reseeded in every
# forked worker) instead of the system's, which cost a system call each, three per request.
def new_trace_id() -> str:
    return f"{random.getrandbits(128) or 1:032x}"  # all zeros is not a valid trace id


def new_traceparent(trace_id: str | None = None) -> str:
    return f"00-{trace_id or new_trace_id()}-{random.getrandbits(64) or 1:016x}-01"


def trace_id_from(traceparent: str | None) -> str | None:
    """Extract the trace id of a W3C `traceparent`, or None when it is malformed."""
    if not traceparent:
        return None
    parts = traceparent.strip().split("-")
    if len(parts) != 4 or len(parts[1]) != 32 or parts[1] == "0" * 32:
        return None
    try:
        int(parts[1], 16)
    except ValueError:
        return None
    return parts[1]


def current_traceparent() -> str:
    return new_traceparent(trace_id_var.get())


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "trace_id": trace_id_var.get(),
        }
        extra = getattr(record, "fields", None)
        if isinstance(extra, dict):
            entry.update(extra)
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = redacted_traceback(record.exc_info[1])
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("aiokafka", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


# Domain metrics. Department codes are bounded reference data, not ids.
REPORTS = Counter("chuishao_reports_total", "Reports accepted by intake", ["outcome"])
REPORTS_UNROUTED = Gauge(
    "chuishao_reports_unrouted",
    "Reports accepted longer ago than the lost-whistle threshold that no case names yet",
    multiprocess_mode="livemostrecent",
)
CASES = Counter("chuishao_cases_total", "Case lifecycle outcomes", ["outcome"])
# The community side: members, needs and hours by event type (no ids as labels).
COMMUNITY_EVENTS = Counter("chuishao_community_events_total", "Community events written, by type", ["type"])
WHISTLES_FILED = Counter(
    "chuishao_community_whistles_total", "Needs' whistles filed through intake, by outcome", ["outcome"]
)
ACK_LATENCY = Histogram(
    "chuishao_acknowledge_latency_seconds",
    "Dispatch to acknowledgement, per department",
    ["department"],
    buckets=(60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400),
)
RESOLVE_LATENCY = Histogram(
    "chuishao_resolve_latency_seconds",
    "Case opened to resolved, per lead department",
    ["department"],
    buckets=(600, 1800, 3600, 4 * 3600, 8 * 3600, 86400, 3 * 86400, 7 * 86400),
)
OPEN_CASES = Gauge(
    "chuishao_open_cases",
    "Open cases by responsible department and state",
    ["department", "state"],
    multiprocess_mode="livemostrecent",
)
ESCALATION_FAILURES = Counter(
    "chuishao_escalation_failures_total", "Escalations of a due case that raised (the case is retried later)"
)
ESCALATIONS_SET_ASIDE = Counter(
    "chuishao_escalations_set_aside_total", "Cases whose escalation kept failing: timer cleared until the case changes"
)
CALENDAR_COVERAGE_DAYS = Gauge(
    "chuishao_calendar_coverage_days",
    "Days left until the holiday calendar ends (working-hours deadlines past it are provisional)",
    ["service"],
    multiprocess_mode="livemin",
)
PROVISIONAL_DEADLINES = Counter(
    "chuishao_provisional_deadlines_total",
    "Changes that set a working-hours deadline past the holiday data (counted on the plain working week)",
)
SLA_BREACHES = Counter("chuishao_sla_breaches_total", "Missed deadlines that escalated a case", ["kind", "level"])
