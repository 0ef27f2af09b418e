"""The community side's timers: reminders before a claimed need's wanted-by date (armed per claim,
claimed when due with SKIP LOCKED, settled once) and the newest sequence seen of each need, so an
older event replayed late never re-arms what a newer one disarmed. Never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.domain.community_notices import NeedReminder


@dataclass(frozen=True)
class DueNeedReminder:
    id: int
    event_id: str
    need_id: str
    need: dict[str, Any]
    wanted_by: datetime
    fire_at: datetime


class SqlNeedReminderRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def save_sequence(self, need_id: str, sequence: int) -> bool:
        """Record the need's newest sequence; False when a newer event was already seen."""
        row = await self.conn.execute(
            text(
                "INSERT INTO need_states (need_id, sequence) VALUES (:id, :seq) ON CONFLICT (need_id) DO UPDATE "
                "SET sequence = excluded.sequence, updated_at = now() WHERE need_states.sequence < excluded.sequence "
                "RETURNING need_id"
            ),
            {"id": need_id, "seq": sequence},
        )
        return row.first() is not None

    async def armed_claims(self, need_id: str) -> set[str]:
        rows = await self.conn.execute(
            text("SELECT DISTINCT claim_id FROM need_reminders WHERE need_id = :id"), {"id": need_id}
        )
        return {r.claim_id for r in rows}

    async def schedule(self, reminders: Sequence[NeedReminder]) -> None:
        for r in reminders:
            await self.conn.execute(
                text(
                    "INSERT INTO need_reminders (event_id, need_id, claim_id, need, wanted_by, fire_at) "
                    "VALUES (:event_id, :need_id, :claim_id, CAST(:need AS jsonb), :wanted_by, :fire_at) "
                    "ON CONFLICT DO NOTHING"
                ),
                {
                    "event_id": r.event_id,
                    "need_id": r.need_id,
                    "claim_id": r.claim_id,
                    "need": json.dumps(r.need, ensure_ascii=False, default=str),
                    "wanted_by": r.wanted_by,
                    "fire_at": r.fire_at,
                },
            )

    async def cancel_except(self, need_id: str, claim_id: str | None) -> None:
        """Disarm the need's scheduled reminders but those of `claim_id` (the claim still held)."""
        await self.conn.execute(
            text(
                "UPDATE need_reminders SET status = 'cancelled', settled_at = now() WHERE need_id = :id "
                "AND status = 'scheduled' AND (CAST(:claim AS text) IS NULL OR claim_id <> :claim)"
            ),
            {"id": need_id, "claim": claim_id},
        )

    async def claim_due(self, limit: int) -> list[DueNeedReminder]:
        rows = await self.conn.execute(
            text(
                "SELECT id, event_id::text AS event_id, need_id, need, wanted_by, fire_at FROM need_reminders "
                "WHERE status = 'scheduled' AND fire_at <= now() ORDER BY fire_at LIMIT :limit FOR UPDATE SKIP LOCKED"
            ),
            {"limit": limit},
        )
        return [DueNeedReminder(**{**r._mapping, "need": dict(r.need)}) for r in rows]

    async def settle(self, reminder_id: int, status: str) -> None:
        await self.conn.execute(
            text("UPDATE need_reminders SET status = :status, settled_at = now() WHERE id = :id"),
            {"id": reminder_id, "status": status},
        )
