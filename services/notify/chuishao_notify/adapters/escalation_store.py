"""Escalation's tables: policy versions, chains, the steps they took and the person notices those steps
queued. Never commits (the handler's unit of work does)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.domain.escalation import ChainKey, Policy, Taken, policy_to_dict, steps_from


def _policy(r: Any) -> Policy:
    return Policy(r.owner, r.version, steps_from(r.steps), r.repeats, r.head, r.valid_from)


def policy_from_dict(d: dict[str, Any]) -> Policy:
    return Policy(
        d["owner"],
        int(d["version"]),
        steps_from(d["steps"]),
        int(d.get("repeats") or 0),
        d.get("head"),
        datetime.fromisoformat(d["valid_from"]) if d.get("valid_from") else None,
    )


@dataclass(frozen=True)
class Chain:
    id: int
    case_id: str
    department: str
    community: str | None
    policy: Policy
    opened_at: datetime
    started_at: datetime
    position: int
    next_at: datetime | None
    status: str
    stopped_at: datetime | None


CHAIN_COLUMNS = (
    "id, case_id, department, community, policy, opened_at, started_at, position, next_at, status, stopped_at"
)


def _chain(r: Any) -> Chain:
    return Chain(
        r.id,
        r.case_id,
        r.department,
        r.community,
        policy_from_dict(r.policy),
        r.opened_at,
        r.started_at,
        r.position,
        r.next_at,
        r.status,
        r.stopped_at,
    )


@dataclass(frozen=True)
class PersonNotice:
    id: int
    chain_id: int
    position: int
    owner: str
    member: str
    case_id: str
    department: str
    attempts: int
    wecom_user_id: str
    dingtalk_user_id: str
    kind: str
    level: int | None
    created_at: datetime


class SqlEscalationRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    # --- policies ---------------------------------------------------------------------------------

    async def versions(self, owner: str) -> list[Policy]:
        rows = await self.conn.execute(
            text(
                "SELECT owner, version, steps, repeats, head, valid_from FROM escalation_policies "
                "WHERE owner = :owner ORDER BY version"
            ),
            {"owner": owner},
        )
        return [_policy(r) for r in rows]

    async def add_version(self, policy: Policy, *, reason: str, created_by: str) -> Policy:
        """The next version (locks the owner's versions so two admins never write the same number)."""
        lock = text("SELECT pg_advisory_xact_lock(hashtext('escalation:' || :owner))")
        await self.conn.execute(lock, {"owner": policy.owner})
        row = await self.conn.execute(
            text(
                "INSERT INTO escalation_policies "
                "(owner, version, steps, repeats, head, valid_from, reason, created_by) "
                "SELECT :owner, coalesce(max(version), 0) + 1, CAST(:steps AS jsonb), :repeats, :head, :valid_from, "
                ":reason, :by FROM escalation_policies WHERE owner = :owner RETURNING version"
            ),
            {
                "owner": policy.owner,
                "steps": json.dumps(policy_to_dict(policy)["steps"]),
                "repeats": policy.repeats,
                "head": policy.head,
                "valid_from": policy.valid_from,
                "reason": reason,
                "by": created_by,
            },
        )
        version = row.scalar_one()
        return Policy(policy.owner, version, policy.steps, policy.repeats, policy.head, policy.valid_from)

    # --- chains -----------------------------------------------------------------------------------

    async def start(
        self, key: ChainKey, community: str | None, policy: Policy, opened_at: datetime, due_at: datetime | None = None
    ) -> bool:
        """A chain for this assignment, due at once (or at `due_at`); False when it exists already."""
        row = await self.conn.execute(
            text(
                "INSERT INTO escalation_chains "
                "(case_id, department, dispatched, community, policy, opened_at, next_at) "
                "VALUES (:case_id, :department, :dispatched, :community, CAST(:policy AS jsonb), :opened_at, "
                "coalesce(CAST(:due_at AS timestamptz), now())) "
                "ON CONFLICT (case_id, department, dispatched) DO NOTHING RETURNING id"
            ),
            {
                "case_id": key.case_id,
                "department": key.department,
                "dispatched": key.dispatched,
                "community": community,
                "policy": json.dumps(policy_to_dict(policy)),
                "opened_at": opened_at,
                "due_at": due_at,
            },
        )
        return row.first() is not None

    async def running(self, case_id: str) -> bool:
        found = await self.conn.scalar(
            text("SELECT 1 FROM escalation_chains WHERE case_id = :case_id AND status = 'running' LIMIT 1"),
            {"case_id": case_id},
        )
        return found is not None

    async def stop_all(self, case_id: str, status: str) -> int:
        """Stop every running chain of this id (a need's), failing their notices not yet sent."""
        rows = await self.conn.execute(
            text("SELECT DISTINCT department FROM escalation_chains WHERE case_id = :case_id AND status = 'running'"),
            {"case_id": case_id},
        )
        departments = {r.department for r in rows}
        return await self.stop(case_id, departments, status) if departments else 0

    async def stop(self, case_id: str, departments: set[str], status: str) -> int:
        """Running chains stop with `status`; an exhausted one (every step taken) still records a later 签收,
        so the statistics count it at the step it reached rather than as never acknowledged."""
        row = await self.conn.execute(
            text(
                "UPDATE escalation_chains SET status = :status, stopped_at = now(), next_at = NULL "
                "WHERE case_id = :case_id AND department = ANY(:departments) "
                "AND (status = 'running' OR (status = 'exhausted' AND :status = 'acknowledged')) RETURNING id"
            ),
            {"case_id": case_id, "departments": sorted(departments), "status": status},
        )
        stopped = row.all()
        if stopped:  # a notice not yet sent for a stopped chain is not sent at all
            await self.conn.execute(
                text(
                    "UPDATE person_notices SET status = 'failed', error = 'chain stopped' "
                    "WHERE chain_id = ANY(:ids) AND status = 'pending'"
                ),
                {"ids": [r.id for r in stopped]},
            )
            # …nor an @mention still waiting in a group robot's queue (service_layer/telling.py).
            await self.conn.execute(
                text(
                    "UPDATE deliveries SET status = 'cancelled', settled_at = now() "
                    "WHERE status = 'pending' AND kind = 'person_mention' AND case_id = :case_id "
                    "AND CAST(notice->>'person_notice' AS bigint) IN "
                    "(SELECT id FROM person_notices WHERE chain_id = ANY(:ids))"
                ),
                {"case_id": case_id, "ids": [r.id for r in stopped]},
            )
        return len(stopped)

    async def claim_due(self) -> Chain | None:
        """One running chain whose next step is due, locked (SKIP LOCKED: replicas share the work)."""
        row = await self.conn.execute(
            text(
                f"SELECT {CHAIN_COLUMNS} FROM escalation_chains WHERE status = 'running' AND next_at <= now() "
                "ORDER BY next_at LIMIT 1 FOR UPDATE SKIP LOCKED"
            )
        )
        r = row.first()
        return _chain(r) if r else None

    async def record(self, chain: Chain, taken: Taken) -> bool:
        """The step, once (False when a step at this position was recorded already)."""
        row = await self.conn.execute(
            text(
                "INSERT INTO escalation_steps (chain_id, position, kind, level, owner, told) "
                "VALUES (:chain, :position, :kind, :level, :owner, :told) ON CONFLICT DO NOTHING RETURNING position"
            ),
            {
                "chain": chain.id,
                "position": taken.position,
                "kind": taken.kind,
                "level": taken.level,
                "owner": taken.owner,
                "told": list(taken.told),
            },
        )
        if row.first() is None:
            return False
        for member in taken.told:
            await self.conn.execute(
                text(
                    "INSERT INTO person_notices (chain_id, position, owner, member, case_id, department) "
                    "VALUES (:chain, :position, :owner, :member, :case_id, :department) ON CONFLICT DO NOTHING"
                ),
                {
                    "chain": chain.id,
                    "position": taken.position,
                    "owner": taken.owner,
                    "member": member,
                    "case_id": chain.case_id,
                    "department": chain.department,
                },
            )
        return True

    async def move(self, chain_id: int, position: int, next_at: datetime | None) -> None:
        await self.conn.execute(
            text(
                "UPDATE escalation_chains SET position = :position, next_at = :next_at, "
                "status = CASE WHEN CAST(:next_at AS timestamptz) IS NULL THEN 'exhausted' ELSE status END, "
                "stopped_at = CASE WHEN CAST(:next_at AS timestamptz) IS NULL THEN now() ELSE stopped_at END "
                "WHERE id = :id"
            ),
            {"id": chain_id, "position": position, "next_at": next_at},
        )

    async def chains_of(self, case_id: str) -> list[tuple[Chain, list[dict[str, Any]]]]:
        rows = await self.conn.execute(
            text(f"SELECT {CHAIN_COLUMNS} FROM escalation_chains WHERE case_id = :case_id ORDER BY id"),
            {"case_id": case_id},
        )
        chains = [_chain(r) for r in rows]
        out = []
        for chain in chains:
            steps = await self.conn.execute(
                text(
                    "SELECT s.position, s.kind, s.level, s.owner, s.told, s.taken_at, "
                    "coalesce((SELECT array_agg(n.status ORDER BY n.member) FROM person_notices n "
                    "WHERE n.chain_id = s.chain_id AND n.position = s.position), '{}') AS notices "
                    "FROM escalation_steps s WHERE s.chain_id = :id ORDER BY s.position"
                ),
                {"id": chain.id},
            )
            out.append((chain, [dict(r._mapping) for r in steps]))
        return out

    # --- person notices ---------------------------------------------------------------------------

    async def claim_notices(self, limit: int, lease_seconds: float) -> list[PersonNotice]:
        """Due person notices, leased (another replica retries one only if this one died mid-send)."""
        rows = await self.conn.execute(
            text(
                "WITH due AS (SELECT id FROM person_notices p WHERE status = 'pending' AND next_attempt_at <= now() "
                # one person's notices go in order: none while an older one to them waits (a retry)
                "AND NOT EXISTS (SELECT 1 FROM person_notices e WHERE e.owner = p.owner AND e.member = p.member "
                "AND e.status = 'pending' AND e.id < p.id) "
                "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) "
                "UPDATE person_notices n SET next_attempt_at = now() + make_interval(secs => :lease), "
                "attempts = n.attempts + 1 FROM due, escalation_steps s "
                "WHERE n.id = due.id AND s.chain_id = n.chain_id AND s.position = n.position "
                "RETURNING n.id, n.chain_id, n.position, n.owner, n.member, n.case_id, n.department, n.attempts, "
                "coalesce((SELECT p.wecom_user_id FROM duty_people p WHERE p.owner = n.owner "
                "AND p.member = n.member), '') AS wecom_user_id, "
                "coalesce((SELECT p.dingtalk_user_id FROM duty_people p WHERE p.owner = n.owner "
                "AND p.member = n.member), '') AS dingtalk_user_id, s.kind, s.level, n.created_at"
            ),
            {"limit": limit, "lease": lease_seconds},
        )
        return sorted((PersonNotice(**r._mapping) for r in rows), key=lambda n: n.id)

    async def settle_notice(
        self, notice_id: int, status: str, *, channel: str | None, error: str | None, retry_in: float | None = None
    ) -> None:
        await self.conn.execute(
            text(
                "UPDATE person_notices SET status = :status, channel = :channel, error = :error, "
                "sent_at = CASE WHEN :status = 'sent' THEN now() ELSE sent_at END, "
                "next_attempt_at = CASE WHEN CAST(:retry AS double precision) IS NULL THEN next_attempt_at "
                "ELSE now() + make_interval(secs => CAST(:retry AS double precision)) END "
                "WHERE id = :id AND status = 'pending'"
            ),
            {"id": notice_id, "status": status, "channel": channel, "error": error, "retry": retry_in},
        )

    async def sent_notice(self, notice_id: int) -> tuple[PersonNotice, str] | None:
        """A person notice that was sent, and the channel it went by (a WeCom 签收 button's tap names it);
        None when there is no such notice or it was never sent."""
        rows = await self.conn.execute(
            text(
                "SELECT n.id, n.chain_id, n.position, n.owner, n.member, n.case_id, n.department, n.attempts, "
                "'' AS wecom_user_id, '' AS dingtalk_user_id, s.kind, s.level, n.created_at, n.channel "
                "FROM person_notices n JOIN escalation_steps s ON s.chain_id = n.chain_id AND s.position = n.position "
                "WHERE n.id = :id AND n.status = 'sent'"
            ),
            {"id": notice_id},
        )
        row = rows.first()
        if row is None:
            return None
        values = dict(row._mapping)
        channel = str(values.pop("channel") or "")
        return PersonNotice(**values), channel
