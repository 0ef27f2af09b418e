"""Writes docs/reliability.md from the fault suite's figures (test-artifacts/reliability.json, written
by tests/e2e/test_faults.py). The figures are never edited by hand: `make reliability` runs the suite
and then this script. Usage: python bench/reliability_doc.py [figures.json] [out.md]"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = [
    ("accepted", "accepted (201)"),
    ("lost", "lost"),
    ("not_routed", "not routed"),
    ("not_on_board", "not on the board"),
    ("duplicated", "duplicated"),
    ("dead_lettered", "dead-lettered"),
    ("server_errors", "5xx"),
    ("improper_failures", "failures not 503 + Retry-After"),
    ("slowest_answer_seconds", "slowest answer (s)"),
    ("longest_stall_seconds", "longest stall (s)"),
    ("recovery_seconds", "recovery (s)"),
]

EXTRA = {
    "readers": "readers",
    "reads_answered": "reads answered",
    "reads_limited_429": "reads limited (429)",
    "reads_shed_503": "reads shed (503 + Retry-After)",
    "reads_failed": "reads failed otherwise",
    "reads_resent_after_keepalive_close": "reads sent again after a kept-alive connection was closed",
    "slowest_read_seconds": "slowest read (s)",
    "board_behind_cases_max": "board behind dispatch at most (cases)",
    "board_behind_seconds_max": "board behind dispatch at most (s)",
    "lag_samples": "lag samples",
    "dispatch_redelivered_absorbed": "dispatch: redelivered events skipped",
    "tracking_redelivered_absorbed": "tracking: redelivered events skipped",
    "needs_confirmed": "needs confirmed (accepted)",
    "hours_entries": "hours entries (one per confirmed need)",
    "wish_wall_fulfilled": "wish wall: fulfilled",
    "figures_hours_entries": "figures: hours entries",
    "topic_actions": "topic's case actions",
    "topic_actions_done_events": "action.done events",
    "topic_progress": "topic progress (community)",
    "board_topic_progress": "topic progress (public board)",
    "writes_resent": "writes sent again (same Idempotency-Key)",
}

INTRO = """# Reliability

What the system promises when parts of it fail, the bounds that keep a fault from hanging anything,
and the fault suite's figures. **The table below is written by `bench/reliability_doc.py` from the
suite's own counts (`make reliability`); do not edit it by hand.**

## The promises

- **A 201 means routed eventually**, whatever happens to the broker. Published outbox rows are kept
  for `CHUISHAO_OUTBOX_RETENTION_HOURS` (168). The relay remembers, per partition, an offset the broker
  acknowledged; a partition that now ends at or below it, a topic that is gone, or a send acknowledged
  at or below it means the broker lost its log, and every retained row is sent again in id order
  (consumers' dedupe absorbs repeats). Intake counts reports accepted more than
  `CHUISHAO_UNROUTED_AFTER_MINUTES` (10) ago with no case (`chuishao_reports_unrouted`, alert
  `ChuishaoLostWhistles`); `python -m chuishao_intake.entrypoints.lost_whistles --resend` lists them
  and sends them again (docs/operations.md, "A whistle is lost").
- **One relay publishes.** Leadership is checked on every batch: a relay whose lock connection was
  dropped stops, and each batch takes a transaction-level advisory lock as well.
- **A database outage answers 503**, problem+json with `Retry-After`, within the connect time-out;
  the keep-alive connection stays open. A phone retries with the same `Idempotency-Key`.
- **Transient means every connection, pool, shutdown and time-out error**
  (`chuishao_shared/transient.py`): consumers retry those in place and never dead-letter them; only
  validation and domain errors are poison.
- **The board keeps up under read load**: the consumers have a pool of their own
  (`CHUISHAO_DB_CONSUMER_POOL_SIZE`, 4), so public reads never hold the projection's connections,
  and tracking can run its public reads and its projection as separate processes
  (`CHUISHAO_ROLE` or `serve --role`: `api`, `projector`, or `both`, the default) so that readers
  never share a CPU or an event loop with the projection;
  figures, chart and league table are shared between readers for `CHUISHAO_STATS_CACHE_SECONDS` (3)
  with one computation in flight; live streams are capped per replica (`CHUISHAO_STREAM_MAX_CLIENTS`,
  1000; beyond: 503 with `Retry-After`) and per client (`CHUISHAO_STREAM_MAX_PER_CLIENT`, 8 per
  address or signed-in person; beyond: 429 with `Retry-After`), so one client cannot lock the other
  viewers out; every client address has its own token bucket
  (`CHUISHAO_RATE_LIMIT_PER_SECOND` / `_BURST`; on tracking 20 a second, bursts of 60; 429 beyond)
  and every signed-in person one sized for a person (`CHUISHAO_RATE_LIMIT_USER_PER_SECOND` /
  `_BURST`, 10 a second, bursts of 30; subjects in `CHUISHAO_RATE_LIMIT_SERVICE_ACCOUNTS` get the
  per-address limit).

## Bounds on every database wait

| setting | default | what it bounds |
|---|---|---|
| `CHUISHAO_DB_CONNECT_TIMEOUT_SECONDS` | 3 | opening a connection: an unreachable database answers 503 after this |
| `CHUISHAO_DB_POOL_TIMEOUT_SECONDS` | 5 | waiting for a pooled connection |
| `CHUISHAO_DB_STATEMENT_TIMEOUT_MS` | 30000 | one statement (`statement_timeout`) |
| `CHUISHAO_DB_LOCK_TIMEOUT_MS` | 10000 | one lock wait (`lock_timeout`): no handler or sweep hangs on a lock |
| `CHUISHAO_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS` | 60000 | a transaction left open (`idle_in_transaction_…`) |

All of them raise errors the services treat as transient. 0 turns a PostgreSQL time-out off (the
tracking rebuild of a very large history may want that: set it for that command only).
"""


def main(source: Path, target: Path) -> None:
    figures = json.loads(source.read_text(encoding="utf-8"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    lines = [
        INTRO,
        "## The fault suite",
        "",
        "`tests/e2e/test_faults.py` (part of `make test`): intake, dispatch and tracking as processes on",
        "loopback, a phone-like client filing reports at a steady rate through the fault and retrying each",
        "with its own `Idempotency-Key`; afterwards the reports are counted in intake's, dispatch's and",
        "tracking's databases and the dead-letter topics are read. *Recovery* is the time from the end of",
        "the load until every accepted report was a case on the board; *longest stall* is the longest a",
        "phone waited for its 201 (over its retries); *slowest answer* the longest any single request took;",
        "a failure that was not a 503 with `Retry-After` (a 500, a dropped connection) is counted apart.",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{commit.stdout.strip() or '?'}` on "
        f"{platform.machine()} ({platform.python_implementation()} {platform.python_version()}); "
        "reproduce with `make reliability`.",
        "",
        "| scenario | rate | " + " | ".join(title for _, title in COLUMNS) + " |",
        "|---|---|" + "---|" * len(COLUMNS),
    ]
    for name, row in figures.items():
        rate = f"{row['rate_per_second']:g}/s × {row['load_seconds']:g} s"
        lines.append(f"| {name} | {rate} | " + " | ".join(f"{row[key]:g}" for key, _ in COLUMNS) + " |")
    extras = [(name, row["extra"]) for name, row in figures.items() if row.get("extra")]
    if extras:
        lines += ["", "What the scenarios measure beyond the table:", ""]
        for name, extra in extras:
            lines.append(f"- **{name}**: " + ", ".join(f"{EXTRA.get(k, k)} {v:g}" for k, v in extra.items()))
    lines += [
        "",
        "*Public read flood*: anonymous readers (256 while 30 reports a second arrive under `make reliability`,",
        "which sets `CHUISHAO_FAULT_FULL_SIZE`; 64 at 10 a second in `make test`) in a process of their own,",
        "each its own client address (through a trusted proxy) and connection, on `/v1/stats/departments`, `/`",
        "and `/v1/board/cases`, all answered once before the reports start; tracking runs as under `make run`:",
        "the public reads (`CHUISHAO_ROLE=api`) and the projection (`projector`) as processes of their own.",
        "A GET whose kept-alive connection the server had closed is sent again once, as a browser does.",
        "The lag is sampled four times a second in dispatch's and tracking's databases during the flood:",
        "cases dispatch has that the board does not show yet, and how long dispatch has had more cases",
        "than the board shows. The bound, asserted: never more than 50 cases behind and never more than",
        "2 s standing still. *Consumers SIGKILLed*: the",
        "services run with `CHUISHAO_FAULT_CRASH_AFTER_COMMITS` (refused in production), which kills the",
        "process right after the database commit of its Nth event and before that event's offset commit;",
        "restarted without it, they receive those events again and skip them (counted on their `/metrics`).",
        "*Community and tracking's projector SIGKILLed mid-flow* (issues 21, 22): intake, tracking (API and",
        "projector) and the community service; a staff member and volunteers take needs through record,",
        "claim, start, done and confirm (40 under `make reliability`, 5 in `make test`), a phone resending",
        "each write with the same `Idempotency-Key` until answered; a 议事 topic's case actions are filed",
        "through intake and closed by case.closed events (each delivered twice, half while the community is",
        "down). Both processes are SIGKILLed after the first confirmation and started again. *Accepted* counts",
        "the confirmed needs; *lost* an accepted confirmation without its hours entry; *duplicated* a second",
        "hours entry for a need or a second action.done for an action; *not on the board* the wish wall's",
        "fulfilled count against the confirmations. Asserted besides: the figures' hours entries equal the",
        "ledger, and every topic's progress, in the community and on the public board, equals what its",
        "actions' events say (`tests/support/community_faults.py`).",
        "Related properties are tested on their own: `tests/integration/platform/test_database_outage.py`",
        "(503 within the bound, keep-alive kept), `tests/integration/tracking/test_board_under_load.py`",
        "(stream cap, shared figures).",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)} ({len(figures)} scenarios)")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        Path(args[0]) if args else ROOT / "test-artifacts" / "reliability.json",
        Path(args[1]) if len(args) > 1 else ROOT / "docs" / "reliability.md",
    )
