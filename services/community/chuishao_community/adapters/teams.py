"""Teams and posts in PostgreSQL: JSONB documents (with their memberships and holdings, ended ones kept)
and the columns the lists filter on. Never commits: the unit of work does."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain.teams import body_doc, post_of, team_of


class _Bodies:
    table = ""
    of: Callable[[dict[str, Any]], Any]

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, ident: str, *, lock: bool = False) -> Loaded | None:
        sql = f"SELECT doc, sequence FROM {self.table} WHERE id = :id" + (" FOR UPDATE" if lock else "")
        row = (await self.conn.execute(text(sql), {"id": ident})).first()
        return Loaded(type(self).of(row.doc), row.sequence) if row else None

    async def save(self, loaded: Loaded, *, new: bool = False) -> None:
        item = loaded.item
        params = {
            "id": item.id,
            "community": item.community,
            "at": item.created_at,
            "seq": loaded.sequence,
            "doc": json.dumps(body_doc(item), ensure_ascii=False),
        }
        if new:
            sql = (
                f"INSERT INTO {self.table} (id, community, created_at, sequence, doc) "
                "VALUES (:id, :community, :at, :seq, CAST(:doc AS jsonb))"
            )
        else:
            sql = (
                f"UPDATE {self.table} SET sequence = :seq, doc = CAST(:doc AS jsonb), updated_at = now() WHERE id = :id"
            )
        await self.conn.execute(text(sql), params)

    async def list(self, community: str, limit: int, after: tuple[datetime, str] | None) -> list[Any]:
        clauses, params = ["community = :community"], {"community": community, "limit": limit}
        if after:
            clauses.append("(created_at, id) > (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        sql = f"SELECT doc FROM {self.table} WHERE {' AND '.join(clauses)} ORDER BY created_at, id LIMIT :limit"
        return [type(self).of(r.doc) for r in (await self.conn.execute(text(sql), params)).all()]


class TeamRepository(_Bodies):
    table = "teams"
    of = staticmethod(team_of)


class PostRepository(_Bodies):
    table = "posts"
    of = staticmethod(post_of)
