"""Members, needs, the hours ledger and the whistle queue in PostgreSQL. Aggregates are JSONB documents
with the columns the lists, the claim limit and the sweep filter on. Repositories never commit: the
unit of work owns the transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.adapters.documents import member_doc, member_of, need_doc, need_of
from chuishao_community.domain.members import Member
from chuishao_community.domain.needs import Need


@dataclass
class Loaded:
    """An aggregate with the number of events it has published (its own sequence)."""

    item: Any
    sequence: int


class MemberRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, member_id: str, *, lock: bool = False) -> Loaded | None:
        sql = "SELECT doc, sequence FROM members WHERE id = :id" + (" FOR UPDATE" if lock else "")
        row = (await self.conn.execute(text(sql), {"id": member_id})).first()
        return Loaded(member_of(row.doc), row.sequence) if row else None

    async def of_subject(self, sub: str, community: str, *, lock: bool = False) -> Loaded | None:
        """The person's registration in `community` that has not ended (at most one)."""
        sql = "SELECT doc, sequence FROM members WHERE sub = :sub AND community = :community AND status <> 'left'" + (
            " FOR UPDATE" if lock else ""
        )
        row = (await self.conn.execute(text(sql), {"sub": sub, "community": community})).first()
        return Loaded(member_of(row.doc), row.sequence) if row else None

    async def save(self, loaded: Loaded, *, new: bool = False) -> None:
        m: Member = loaded.item
        params = {
            "id": m.id,
            "sub": m.sub,
            "community": m.community,
            "grid": m.grid,
            "status": m.status,
            "party": m.party_member,
            "at": m.registered_at,
            "seq": loaded.sequence,
            "doc": json.dumps(member_doc(m), ensure_ascii=False),
        }
        if new:
            sql = (
                "INSERT INTO members (id, sub, community, grid, status, party_member, registered_at, sequence, doc) "
                "VALUES (:id, :sub, :community, :grid, :status, :party, :at, :seq, CAST(:doc AS jsonb))"
            )
        else:
            sql = (
                "UPDATE members SET status = :status, sequence = :seq, doc = CAST(:doc AS jsonb), updated_at = now() "
                "WHERE id = :id"
            )
        await self.conn.execute(text(sql), params)

    async def list(
        self,
        community: str,
        *,
        status: str | None,
        year_start: datetime,
        behind_due: float | None,
        limit: int,
        after: tuple[datetime, str] | None,
    ) -> list[tuple[Member, float]]:
        """The community's members, oldest registration first, each with their hours since `year_start`.
        With `behind_due` (the yearly target's share due by now): only active party members with fewer."""
        clauses = ["m.community = :community"]
        params: dict[str, Any] = {"community": community, "limit": limit, "year_start": year_start}
        if status:
            clauses.append("m.status = :status")
            params["status"] = status
        if after:
            clauses.append("(m.registered_at, m.id) > (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        having = ""
        if behind_due is not None:
            clauses += ["m.party_member", "m.status = 'active'"]
            having = "HAVING coalesce(sum(h.hours), 0) < :due"
            params["due"] = behind_due
        sql = f"""
            SELECT m.doc, coalesce(sum(h.hours), 0)::float AS hours
            FROM members m LEFT JOIN hours_entries h ON h.member_id = m.id AND h.at >= :year_start
            WHERE {" AND ".join(clauses)}
            GROUP BY m.id {having}
            ORDER BY m.registered_at, m.id LIMIT :limit
        """
        rows = (await self.conn.execute(text(sql), params)).all()
        return [(member_of(r.doc), r.hours) for r in rows]


class NeedRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, need_id: str, *, lock: bool = False) -> Loaded | None:
        sql = "SELECT doc, sequence FROM needs WHERE id = :id" + (" FOR UPDATE" if lock else "")
        row = (await self.conn.execute(text(sql), {"id": need_id})).first()
        return Loaded(need_of(row.doc), row.sequence) if row else None

    async def lock_due(self, need_id: str, now: datetime) -> Loaded | None:
        """A need whose sweep time has come, unless another replica holds it."""
        sql = "SELECT doc, sequence FROM needs WHERE id = :id AND next_due_at <= :now FOR UPDATE SKIP LOCKED"
        row = (await self.conn.execute(text(sql), {"id": need_id, "now": now})).first()
        return Loaded(need_of(row.doc), row.sequence) if row else None

    async def due(self, now: datetime, limit: int) -> list[str]:
        sql = "SELECT id FROM needs WHERE next_due_at <= :now ORDER BY next_due_at LIMIT :limit"
        return list((await self.conn.execute(text(sql), {"now": now, "limit": limit})).scalars())

    async def lock_claimant(self, key: str) -> None:
        """Serialise claims by one claimant, so two at once cannot pass the limit together."""
        await self.conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": "claimant:" + key})

    async def open_claims(self, key: str) -> int:
        sql = "SELECT count(*) FROM needs WHERE open_claimant = :key"
        return int((await self.conn.execute(text(sql), {"key": key})).scalar_one())

    async def save(self, loaded: Loaded, lapse: timedelta, *, new: bool = False) -> None:
        n: Need = loaded.item
        params = {
            "id": n.id,
            "community": n.community,
            "grid": n.grid,
            "status": n.status,
            "kind": n.kind,
            "skills": list(n.skills),
            "wanted_by": n.wanted_by,
            "recorded_at": n.recorded_at,
            "due": n.next_due(lapse),
            "claimant": n.open_claimant,
            "seq": loaded.sequence,
            "doc": json.dumps(need_doc(n), ensure_ascii=False),
        }
        if new:
            sql = """
                INSERT INTO needs (id, community, grid, status, kind, skills, wanted_by, recorded_at,
                                   next_due_at, open_claimant, sequence, doc)
                VALUES (:id, :community, :grid, :status, :kind, :skills, :wanted_by, :recorded_at,
                        :due, :claimant, :seq, CAST(:doc AS jsonb))
            """
        else:
            sql = """
                UPDATE needs SET status = :status, next_due_at = :due, open_claimant = :claimant,
                                 sequence = :seq, doc = CAST(:doc AS jsonb), updated_at = now()
                WHERE id = :id
            """
        await self.conn.execute(text(sql), params)

    async def list(
        self,
        *,
        community: str | None,
        grids: frozenset[str] | None,
        status: str | None,
        communities: frozenset[str] | None = None,
        kind: str | None,
        grid: str | None,
        skill: str | None,
        limit: int,
        after: tuple[datetime, str] | None,
    ) -> list[Need]:
        """Newest first, within the caller's scope (a community, or a grid worker's grids)."""
        clauses: list[str] = ["true"]
        params: dict[str, Any] = {"limit": limit}
        for column, value in (("community", community), ("status", status), ("kind", kind), ("grid", grid)):
            if value is not None:
                clauses.append(f"{column} = :{column}")
                params[column] = value
        if grids is not None:
            clauses.append("grid = ANY(:grids)")
            params["grids"] = sorted(grids)
        if communities is not None:
            clauses.append("community = ANY(:communities)")
            params["communities"] = sorted(communities)
        if skill is not None:
            clauses.append(":skill = ANY(skills)")
            params["skill"] = skill
        if after:
            clauses.append("(recorded_at, id) < (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        sql = f"SELECT doc FROM needs WHERE {' AND '.join(clauses)} ORDER BY recorded_at DESC, id DESC LIMIT :limit"
        return [need_of(r.doc) for r in (await self.conn.execute(text(sql), params)).all()]


class HoursLedger:
    """Append-only (a trigger refuses UPDATE and DELETE): a correction is a new entry."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(
        self, *, entry_id: str, member_id: str, community: str, hours: float, source: str, ref: str, at: datetime
    ) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO hours_entries (id, member_id, community, hours, source, ref, at) "
                "VALUES (:id, :member, :community, :hours, :source, :ref, :at)"
            ),
            {
                "id": entry_id,
                "member": member_id,
                "community": community,
                "hours": hours,
                "source": source,
                "ref": ref,
                "at": at,
            },
        )

    async def of_member(self, member_id: str) -> list[dict[str, Any]]:
        rows = await self.conn.execute(
            text(
                "SELECT id, hours::float AS hours, source, ref, at FROM hours_entries "
                "WHERE member_id = :m ORDER BY at, id"
            ),
            {"m": member_id},
        )
        return [dict(r._mapping) for r in rows]


class WhistleQueue:
    """The intent to file a need's report through intake, written with the need's change (like an
    outbox row); the whistle relay files it and marks it."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, need_id: str, body: dict[str, Any], at: datetime) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO whistles (need_id, body, next_attempt_at, created_at) "
                "VALUES (:id, CAST(:body AS jsonb), :at, :at)"
            ),
            {"id": need_id, "body": json.dumps(body, ensure_ascii=False), "at": at},
        )

    async def lease_due(self, now: datetime, until: datetime, limit: int) -> list[tuple[str, dict[str, Any], int]]:
        """Take due whistles for this relay until `until` (another replica skips them meanwhile)."""
        rows = await self.conn.execute(
            text(
                "UPDATE whistles SET next_attempt_at = :until WHERE need_id IN ("
                " SELECT need_id FROM whistles WHERE report_id IS NULL AND next_attempt_at <= :now"
                " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                " RETURNING need_id, body, attempts"
            ),
            {"now": now, "until": until, "limit": limit},
        )
        return [(r.need_id, r.body, r.attempts) for r in rows]

    async def filed(self, need_id: str, report_id: str, case_id: str | None) -> None:
        await self.conn.execute(
            text(
                "UPDATE whistles SET report_id = :r, case_id = :c, attempts = attempts + 1, last_error = NULL "
                "WHERE need_id = :id"
            ),
            {"id": need_id, "r": report_id, "c": case_id},
        )

    async def failed(self, need_id: str, error: str, retry_at: datetime) -> None:
        await self.conn.execute(
            text(
                "UPDATE whistles SET attempts = attempts + 1, last_error = :e, next_attempt_at = :at "
                "WHERE need_id = :id"
            ),
            {"id": need_id, "e": error[:500], "at": retry_at},
        )
