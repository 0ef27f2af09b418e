"""Duty rosters' tables: layers, overrides and the people on them. Never commits."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.domain.rosters import Layer, Override, Roster

LAYER_COLUMNS = "id, owner, level, name, rrule, starts, shift_minutes, members, valid_from, valid_until"


def _layer(r: Any) -> Layer:
    return Layer(
        id=str(r.id),
        level=r.level,
        name=r.name,
        rrule=r.rrule,
        starts=r.starts,
        shift=timedelta(minutes=r.shift_minutes),
        members=tuple(r.members),
        valid_from=r.valid_from,
        valid_until=r.valid_until,
    )


class SqlRosterRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def load(self, owner: str, *, since: datetime | None = None) -> Roster:
        """The owner's layers (those still valid at `since`, or all) and its live overrides."""
        rows = await self.conn.execute(
            text(
                f"SELECT {LAYER_COLUMNS} FROM roster_layers WHERE owner = :owner "
                "AND (CAST(:since AS timestamptz) IS NULL OR valid_until IS NULL OR valid_until > :since) "
                "ORDER BY level, valid_from"
            ),
            {"owner": owner, "since": since},
        )
        layers = [_layer(r) for r in rows]
        rows = await self.conn.execute(
            text(
                "SELECT id, level, member, starts, ends FROM roster_overrides WHERE owner = :owner "
                "AND cancelled_at IS NULL AND (CAST(:since AS timestamptz) IS NULL OR ends > :since) ORDER BY starts"
            ),
            {"owner": owner, "since": since},
        )
        overrides = [Override(str(r.id), r.level, r.member, r.starts, r.ends) for r in rows]
        return Roster(owner, layers, overrides)

    async def layer(self, owner: str, layer_id: uuid.UUID, *, lock: bool = False) -> Layer | None:
        row = await self.conn.execute(
            text(
                f"SELECT {LAYER_COLUMNS} FROM roster_layers WHERE owner = :owner AND id = :id"
                + (" FOR UPDATE" if lock else "")
            ),
            {"owner": owner, "id": layer_id},
        )
        r = row.first()
        return _layer(r) if r else None

    async def add_layer(self, owner: str, layer: Layer, *, created_by: str, replaces: str | None = None) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO roster_layers (id, owner, level, name, rrule, starts, shift_minutes, members, valid_from, "
                "valid_until, replaces, created_by) VALUES (:id, :owner, :level, :name, :rrule, :starts, :shift, "
                ":members, :valid_from, :valid_until, :replaces, :by)"
            ),
            {
                "id": uuid.UUID(layer.id),
                "owner": owner,
                "level": layer.level,
                "name": layer.name,
                "rrule": layer.rrule,
                "starts": layer.starts,
                "shift": int(layer.shift.total_seconds() // 60),
                "members": list(layer.members),
                "valid_from": layer.valid_from,
                "valid_until": layer.valid_until,
                "replaces": uuid.UUID(replaces) if replaces else None,
                "by": created_by,
            },
        )

    async def replace_unstarted(self, owner: str, layer: Layer) -> None:
        await self.conn.execute(
            text(
                "UPDATE roster_layers SET level = :level, name = :name, rrule = :rrule, starts = :starts, "
                "shift_minutes = :shift, members = :members, valid_from = :valid_from, valid_until = :valid_until "
                "WHERE owner = :owner AND id = :id"
            ),
            {
                "id": uuid.UUID(layer.id),
                "owner": owner,
                "level": layer.level,
                "name": layer.name,
                "rrule": layer.rrule,
                "starts": layer.starts,
                "shift": int(layer.shift.total_seconds() // 60),
                "members": list(layer.members),
                "valid_from": layer.valid_from,
                "valid_until": layer.valid_until,
            },
        )

    async def end_layer(self, owner: str, layer_id: str, at: datetime) -> None:
        await self.conn.execute(
            text("UPDATE roster_layers SET valid_until = :at WHERE owner = :owner AND id = :id"),
            {"owner": owner, "id": uuid.UUID(layer_id), "at": at},
        )

    async def delete_unstarted(self, owner: str, layer_id: str) -> None:
        await self.conn.execute(
            text("DELETE FROM roster_layers WHERE owner = :owner AND id = :id"),
            {"owner": owner, "id": uuid.UUID(layer_id)},
        )

    async def add_override(self, owner: str, override: Override, *, reason: str, created_by: str) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO roster_overrides (id, owner, level, member, starts, ends, reason, created_by) "
                "VALUES (:id, :owner, :level, :member, :starts, :ends, :reason, :by)"
            ),
            {
                "id": uuid.UUID(override.id),
                "owner": owner,
                "level": override.level,
                "member": override.member,
                "starts": override.starts,
                "ends": override.ends,
                "reason": reason,
                "by": created_by,
            },
        )

    async def cancel_override(self, owner: str, override_id: uuid.UUID) -> bool:
        row = await self.conn.execute(
            text(
                "UPDATE roster_overrides SET cancelled_at = now() WHERE owner = :owner AND id = :id "
                "AND cancelled_at IS NULL RETURNING id"
            ),
            {"owner": owner, "id": override_id},
        )
        return row.first() is not None

    async def put_person(
        self, owner: str, member: str, name: str, mobile: str, wecom_user_id: str = "", dingtalk_user_id: str = ""
    ) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO duty_people (owner, member, name, mobile, wecom_user_id, dingtalk_user_id) "
                "VALUES (:owner, :member, :name, :mobile, :wecom, :dingtalk) "
                "ON CONFLICT (owner, member) DO UPDATE SET name = excluded.name, mobile = excluded.mobile, "
                "wecom_user_id = excluded.wecom_user_id, dingtalk_user_id = excluded.dingtalk_user_id, "
                "updated_at = now()"
            ),
            {
                "owner": owner,
                "member": member,
                "name": name,
                "mobile": mobile,
                "wecom": wecom_user_id,
                "dingtalk": dingtalk_user_id,
            },
        )

    async def mobile_of(self, owner: str, member: str) -> str:
        """The mobile a group robot @mentions (only ever put in the robot request's body)."""
        found = await self.conn.scalar(
            text("SELECT mobile FROM duty_people WHERE owner = :owner AND member = :member"),
            {"owner": owner, "member": member},
        )
        return str(found or "")

    async def people(self, owner: str) -> dict[str, dict[str, str]]:
        rows = await self.conn.execute(
            text("SELECT member, name, mobile FROM duty_people WHERE owner = :owner"), {"owner": owner}
        )
        return {r.member: {"name": r.name, "mobile": r.mobile} for r in rows}
