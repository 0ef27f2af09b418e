"""Notify's tables, as repositories bound to one unit of work's connection (the unit of work in
`service_layer.unit_of_work` builds them). Repositories never commit: the unit of work does, once."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.domain.deliveries import DueDelivery
from chuishao_notify.domain.notices import Notice
from chuishao_notify.domain.pacing import RobotPacing
from chuishao_notify.domain.reminders import Deadline, DueReminder, Reminder
from chuishao_notify.domain.subscriptions import Subscription

WAKE_CHANNEL = "chuishao_notify_deliveries"

_SUBSCRIPTION_COLUMNS = (
    "id, department, jurisdiction, url, format, secret, events, created_by, created_at, community, skills, grids"
)


def _subscription(row: Any) -> Subscription:
    return Subscription(**row._mapping)


class SqlSubscriptionRepository:
    """Subscriptions (deleting one keeps its row, with `deleted_at`, for the delivery log)."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, sub: Subscription) -> None:
        await self.conn.execute(
            text(
                f"INSERT INTO subscriptions ({_SUBSCRIPTION_COLUMNS}) "
                "VALUES (:id, :department, :jurisdiction, :url, :format, :secret, :events, :created_by, :created_at, "
                ":community, :skills, :grids)"
            ),
            sub.__dict__,
        )

    async def get(self, sub_id: uuid.UUID) -> Subscription | None:
        row = (
            await self.conn.execute(
                text(f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE id = :id AND deleted_at IS NULL"),
                {"id": sub_id},
            )
        ).first()
        return _subscription(row) if row else None

    async def listing(self, department: str | None = None, community: str | None = None) -> list[Subscription]:
        where = "deleted_at IS NULL" + (" AND department = :department" if department is not None else "")
        where += " AND community = :community" if community is not None else ""
        rows = await self.conn.execute(
            text(f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE {where} ORDER BY created_at, id"),
            {"department": department, "community": community},
        )
        return [_subscription(r) for r in rows]

    async def delete(self, sub_id: uuid.UUID) -> bool:
        """Unsubscribe and cancel the subscription's pending deliveries; False when there was none."""
        deleted = await self.conn.execute(
            text("UPDATE subscriptions SET deleted_at = now() WHERE id = :id AND deleted_at IS NULL RETURNING id"),
            {"id": sub_id},
        )
        if deleted.first() is None:
            return False
        await self.conn.execute(
            text(
                "UPDATE deliveries SET status = 'cancelled', settled_at = now() "
                "WHERE subscription_id = :id AND status = 'pending'"
            ),
            {"id": sub_id},
        )
        return True

    async def subscribers(
        self, kind: str, *, departments: Sequence[str] = (), jurisdictions: Sequence[str] = ()
    ) -> list[Subscription]:
        rows = await self.conn.execute(
            text(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE deleted_at IS NULL AND :kind = ANY(events) "
                "AND (department = ANY(:departments) OR jurisdiction = ANY(:jurisdictions)) ORDER BY id"
            ),
            {"kind": kind, "departments": list(departments), "jurisdictions": list(jurisdictions)},
        )
        return [_subscription(r) for r in rows]

    async def robot_of(self, owner: str) -> Subscription | None:
        """The group robot of a department, duty desk or community (its oldest WeCom or DingTalk subscription;
        a community's, one its staff hear expired needs on)."""
        row = (
            await self.conn.execute(
                text(
                    f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE deleted_at IS NULL "
                    "AND format IN ('wecom', 'dingtalk') AND (department = :owner OR jurisdiction = :owner "
                    # a community's: its staff's group (the one that hears of expired needs)
                    "OR (community = :owner AND 'need_expired' = ANY(events))) "
                    "ORDER BY created_at, id LIMIT 1"
                ),
                {"owner": owner},
            )
        ).first()
        return _subscription(row) if row else None

    async def community_subscribers(
        self, kind: str, community: str, *, grid: str | None, skills: Sequence[str], filtered: bool
    ) -> list[Subscription]:
        """A community's subscriptions that want `kind`; with `filtered` (need notices), only those whose
        grid filter is empty or names the need's grid and whose skill filter is empty or shares a skill."""
        condition = (
            " AND (cardinality(grids) = 0 OR CAST(:grid AS text) = ANY(grids))"
            " AND (cardinality(skills) = 0 OR skills && CAST(:skills AS text[]))"
            if filtered
            else ""
        )
        rows = await self.conn.execute(
            text(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE deleted_at IS NULL AND :kind = ANY(events) "
                f"AND community = :community{condition} ORDER BY id"
            ),
            {"kind": kind, "community": community, "grid": grid, "skills": list(skills)},
        )
        return [_subscription(r) for r in rows]


_CLAIM = text(
    """
    SELECT d.id, d.event_id::text AS event_id, d.subscription_id, d.notice, d.attempts, d.first_attempt_at,
           d.created_at, s.url, s.format, s.secret, s.department, s.jurisdiction, s.community
    FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.deleted_at IS NULL
      AND NOT (d.subscription_id = ANY(:busy))
      AND (s.format NOT IN ('wecom', 'dingtalk') OR (
        -- a group robot (domain/pacing.py): the head of its queue only, and only under its rate limit
        NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.subscription_id = d.subscription_id
                    AND e.status = 'pending' AND e.id < d.id)
        AND (SELECT count(*) FROM robot_sends r WHERE r.subscription_id = d.subscription_id
             AND r.sent_at > clock_timestamp() - make_interval(secs => :window)) < :per_window))
    ORDER BY d.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
    """
)


class SqlDeliveryRepository:
    """Deliveries and their attempt log."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, notice: Notice, sub_ids: Sequence[uuid.UUID]) -> list[int]:
        """One delivery row per subscription, in one statement; a subscription that already has a row
        for this event gets none (the unique key), so the ids returned are the new rows only."""
        if not sub_ids:
            return []
        rows = await self.conn.execute(
            text(
                "INSERT INTO deliveries (event_id, subscription_id, kind, case_id, notice) "
                "SELECT :event_id, sub, :kind, :case_id, CAST(:notice AS jsonb) "
                "FROM unnest(CAST(:subs AS uuid[])) AS sub "
                "ON CONFLICT (event_id, subscription_id) DO NOTHING RETURNING id"
            ),
            {
                "event_id": notice.event_id,
                "subs": list(sub_ids),
                "kind": notice.kind,
                "case_id": notice.case.get("id"),
                "notice": json.dumps(notice.to_dict(), ensure_ascii=False, default=str),
            },
        )
        return [int(r.id) for r in rows]

    async def add_mention(self, event_id: uuid.UUID, sub_id: uuid.UUID, case_id: str, notice: dict[str, Any]) -> bool:
        """A person's @mention queued on a group robot's deliveries (behind that robot's other messages);
        once per `event_id`. `notice` names the person by roster owner and member, never by mobile."""
        row = await self.conn.execute(
            text(
                "INSERT INTO deliveries (event_id, subscription_id, kind, case_id, notice) "
                "VALUES (:event_id, :sub, :kind, :case_id, CAST(:notice AS jsonb)) "
                "ON CONFLICT (event_id, subscription_id) DO NOTHING RETURNING id"
            ),
            {
                "event_id": event_id,
                "sub": sub_id,
                "kind": notice["kind"],
                "case_id": case_id,
                "notice": json.dumps(notice, ensure_ascii=False),
            },
        )
        return row.first() is not None

    async def wake_workers(self) -> None:
        """Delivered by PostgreSQL after the commit, to every replica's delivery worker."""
        await self.conn.execute(text("SELECT pg_notify(:channel, '')"), {"channel": WAKE_CHANNEL})

    async def claim_due(
        self, busy: Sequence[uuid.UUID], limit: int, pacing: RobotPacing = RobotPacing()
    ) -> list[DueDelivery]:
        """Lock due rows of endpoints not `busy` (SKIP LOCKED: replicas share the work); of a group robot,
        only the oldest pending row, and only while the robot is under its rate limit (domain/pacing.py)."""
        rows = await self.conn.execute(
            _CLAIM,
            {"busy": list(busy), "limit": limit, "window": pacing.window_seconds, "per_window": pacing.per_window},
        )
        return [DueDelivery(**r._mapping) for r in rows]

    async def note_robot_send(self, delivery_id: int, keep_seconds: float) -> None:
        """Count an answered request to a group robot towards its rate limit (nothing for other formats),
        and forget that robot's sends too old to count."""
        sub = await self.conn.scalar(
            text(
                "INSERT INTO robot_sends (subscription_id) SELECT d.subscription_id FROM deliveries d "
                "JOIN subscriptions s ON s.id = d.subscription_id "
                "WHERE d.id = :id AND s.format IN ('wecom', 'dingtalk') RETURNING subscription_id"
            ),
            {"id": delivery_id},
        )
        if sub is not None:
            await self.conn.execute(
                text(
                    "DELETE FROM robot_sends WHERE subscription_id = :sub "
                    "AND sent_at < clock_timestamp() - make_interval(secs => :keep)"
                ),
                {"sub": sub, "keep": keep_seconds},
            )

    async def lease(self, ids: Sequence[int], owner: str, seconds: float) -> None:
        """Hold claimed rows while they are sent: another replica retries them only if this one dies."""
        await self.conn.execute(
            text(
                "UPDATE deliveries SET lease_owner = :owner, "
                "next_attempt_at = now() + make_interval(secs => :seconds), "
                "first_attempt_at = coalesce(first_attempt_at, now()) WHERE id = ANY(:ids)"
            ),
            {"ids": list(ids), "owner": owner, "seconds": seconds},
        )

    async def record_attempt(
        self,
        *,
        delivery_id: int,
        owner: str,
        started_at: datetime,
        latency: float,
        status_code: int | None,
        outcome: str,
        error: str | None,
        status: str,
        next_attempt_at: datetime | None,
    ) -> bool:
        """Log the attempt and move the delivery on; False when this replica's lease was lost meanwhile
        (another replica took the row over after a stall), in which case only the log line is kept."""
        moved = await self.conn.execute(
            text(
                "UPDATE deliveries SET attempts = attempts + 1, status = :status, "
                "next_attempt_at = coalesce(:next, next_attempt_at), last_status_code = :code, last_error = :error, "
                "settled_at = CASE WHEN :status = 'pending' THEN NULL ELSE now() END, lease_owner = NULL "
                "WHERE id = :id AND status = 'pending' AND lease_owner = :owner RETURNING attempts"
            ),
            {
                "id": delivery_id,
                "status": status,
                "next": next_attempt_at,
                "code": status_code,
                "error": error,
                "owner": owner,
            },
        )
        row = moved.first()
        attempt = int(row.attempts) if row else None
        if attempt is None:
            attempt = int(
                (
                    await self.conn.execute(
                        text("SELECT attempts + 1 FROM deliveries WHERE id = :id"), {"id": delivery_id}
                    )
                ).scalar_one()
            )
        await self.conn.execute(
            text(
                "INSERT INTO delivery_attempts "
                "(delivery_id, attempt, started_at, latency_seconds, status_code, outcome, error, replica) "
                "VALUES (:id, :attempt, :started, :latency, :code, :outcome, :error, :owner)"
            ),
            {
                "id": delivery_id,
                "attempt": attempt,
                "started": started_at,
                "latency": latency,
                "code": status_code,
                "outcome": outcome,
                "error": error,
                "owner": owner,
            },
        )
        return row is not None

    async def of_subscription(self, sub_id: uuid.UUID, *, before: int | None, limit: int) -> list[dict[str, Any]]:
        rows = await self.conn.execute(
            text(
                "SELECT id, event_id::text AS event_id, kind, case_id, status, attempts, created_at, "
                "first_attempt_at, next_attempt_at, settled_at, last_status_code, last_error FROM deliveries "
                "WHERE subscription_id = :sub AND (CAST(:before AS bigint) IS NULL OR id < :before) "
                "ORDER BY id DESC LIMIT :limit"
            ),
            {"sub": sub_id, "before": before, "limit": limit},
        )
        return [dict(r._mapping) for r in rows]

    async def attempts_of(self, delivery_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        rows = await self.conn.execute(
            text(
                "SELECT delivery_id, attempt, started_at, latency_seconds, status_code, outcome, error "
                "FROM delivery_attempts WHERE delivery_id = ANY(:ids) ORDER BY delivery_id, attempt, id"
            ),
            {"ids": list(delivery_ids)},
        )
        found: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            item = dict(r._mapping)
            found.setdefault(item.pop("delivery_id"), []).append(item)
        return found

    async def pending_backlog(self) -> tuple[int, float]:
        row = (
            await self.conn.execute(
                text(
                    "SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age "
                    "FROM deliveries WHERE status = 'pending'"
                )
            )
        ).one()
        return int(row.n), float(row.age)


PLACE_FIELDS = ("building", "unit", "address", "lat", "lon")


class SqlCaseRepository:
    """The newest snapshot of each case, and the places of the reports notify has heard of."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def save(self, case_id: str, sequence: int, snapshot: dict[str, Any]) -> bool:
        """Keep the newest snapshot of a case; False when a newer one is already stored."""
        row = await self.conn.execute(
            text(
                "INSERT INTO case_states (case_id, sequence, snapshot) VALUES (:id, :seq, CAST(:snap AS jsonb)) "
                "ON CONFLICT (case_id) DO UPDATE SET sequence = excluded.sequence, snapshot = excluded.snapshot, "
                "updated_at = now() WHERE case_states.sequence < excluded.sequence RETURNING case_id"
            ),
            {"id": case_id, "seq": sequence, "snap": json.dumps(snapshot, ensure_ascii=False, default=str)},
        )
        return row.first() is not None

    async def snapshot(self, case_id: str) -> dict[str, Any]:
        row = (
            await self.conn.execute(text("SELECT snapshot FROM case_states WHERE case_id = :id"), {"id": case_id})
        ).first()
        return dict(row.snapshot) if row else {"id": case_id}

    async def save_report_place(self, report_id: str, place: dict[str, Any]) -> None:
        kept = {k: place[k] for k in PLACE_FIELDS if place.get(k) not in (None, "")}
        await self.conn.execute(
            text(
                "INSERT INTO report_places (report_id, place) VALUES (:id, CAST(:place AS jsonb)) "
                "ON CONFLICT (report_id) DO NOTHING"
            ),
            {"id": report_id, "place": json.dumps(kept, ensure_ascii=False)},
        )

    async def report_place(self, report_ids: Sequence[str]) -> dict[str, Any] | None:
        """The place of the case's first report that notify has heard of."""
        if not report_ids:
            return None
        rows = await self.conn.execute(
            text("SELECT report_id, place FROM report_places WHERE report_id = ANY(:ids)"),
            {"ids": list(report_ids)},
        )
        places = {r.report_id: dict(r.place) for r in rows}
        return next((places[r] for r in report_ids if r in places), None)


class SqlReminderRepository:
    """催办 reminders: armed per deadline, claimed when due (SKIP LOCKED), settled once."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def known_deadlines(self, case_id: str) -> dict[Deadline, list[str]]:
        """Every deadline that got reminders, with the statuses of those reminders."""
        rows = await self.conn.execute(
            text("SELECT department, kind, due_at, status FROM reminders WHERE case_id = :id"), {"id": case_id}
        )
        found: dict[Deadline, list[str]] = {}
        for r in rows:
            found.setdefault(Deadline(case_id, r.department, r.kind, r.due_at), []).append(r.status)
        return found

    async def schedule(self, reminders: Sequence[Reminder]) -> None:
        if not reminders:
            return
        await self.conn.execute(
            text(
                "INSERT INTO reminders (event_id, case_id, department, kind, due_at, fire_at) "
                "SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:cases AS text[]), CAST(:departments AS text[]), "
                "CAST(:kinds AS text[]), CAST(:dues AS timestamptz[]), CAST(:fires AS timestamptz[])) "
                "ON CONFLICT DO NOTHING"
            ),
            {
                "ids": [r.event_id for r in reminders],
                "cases": [r.deadline.case_id for r in reminders],
                "departments": [r.deadline.department for r in reminders],
                "kinds": [r.deadline.kind for r in reminders],
                "dues": [r.deadline.due_at for r in reminders],
                "fires": [r.fire_at for r in reminders],
            },
        )

    async def cancel(self, deadline: Deadline) -> None:
        await self.conn.execute(
            text(
                "UPDATE reminders SET status = 'cancelled', settled_at = now() WHERE case_id = :case_id "
                "AND department = :department AND kind = :kind AND due_at = :due_at AND status = 'scheduled'"
            ),
            {
                "case_id": deadline.case_id,
                "department": deadline.department,
                "kind": deadline.kind,
                "due_at": deadline.due_at,
            },
        )

    async def claim_due(self, limit: int) -> list[DueReminder]:
        rows = await self.conn.execute(
            text(
                "SELECT id, event_id::text AS event_id, case_id, department, kind, due_at, fire_at FROM reminders "
                "WHERE status = 'scheduled' AND fire_at <= now() ORDER BY fire_at LIMIT :limit FOR UPDATE SKIP LOCKED"
            ),
            {"limit": limit},
        )
        return [DueReminder(**r._mapping) for r in rows]

    async def settle(self, reminder_id: int, status: str) -> None:
        await self.conn.execute(
            text("UPDATE reminders SET status = :status, settled_at = now() WHERE id = :id"),
            {"id": reminder_id, "status": status},
        )
