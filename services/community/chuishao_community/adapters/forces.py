"""Units, resources, orders (with each unit's ask), activities, projects and certificates in
PostgreSQL: JSONB documents (dumped and loaded with pydantic from the domain's dataclasses) with the
columns the lists and the scope checks filter on. Repositories never commit."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain.activity_records import ActivityRecord
from chuishao_community.domain.orders import Ask, Order
from chuishao_community.domain.projects import Project
from chuishao_community.domain.units import Resource, Unit

T = TypeVar("T")


@cache
def _adapter_for(kind: Any) -> TypeAdapter[Any]:
    """Building a TypeAdapter compiles a pydantic schema (about 35 ms); a unit of work binds every store,
    so each kind's adapter is built once per process, not once per request."""
    return TypeAdapter(kind)


class DocStore(Generic[T]):
    """One aggregate per row: `key` its id column, `columns` the query columns written beside `doc`."""

    table = ""
    key = "id"
    kind: Any = None

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self.adapter: TypeAdapter[T] = _adapter_for(self.kind)

    def dump(self, item: T) -> str:
        return json.dumps(self.adapter.dump_python(item, mode="json"), ensure_ascii=False)

    def load(self, doc: dict[str, Any]) -> T:
        return self.adapter.validate_python(doc)

    async def get(self, ident: str, *, lock: bool = False) -> Loaded | None:
        sql = f"SELECT doc, sequence FROM {self.table} WHERE {self.key} = :id" + (" FOR UPDATE" if lock else "")
        row = (await self.conn.execute(text(sql), {"id": ident})).first()
        return Loaded(self.load(row.doc), row.sequence) if row else None

    def columns(self, item: T) -> dict[str, Any]:
        raise NotImplementedError

    async def save(self, ident: str, loaded: Loaded, *, new: bool = False) -> None:
        columns = self.columns(loaded.item)
        params = {"id": ident, "seq": loaded.sequence, "doc": self.dump(loaded.item), **columns}
        if new:
            names = ", ".join(columns)
            values = ", ".join(f":{c}" for c in columns)
            sql = (
                f"INSERT INTO {self.table} ({self.key}, {names}, sequence, doc) "
                f"VALUES (:id, {values}, :seq, CAST(:doc AS jsonb))"
            )
        else:
            sets = ", ".join(f"{c} = :{c}" for c in columns if c != "created_at")
            sql = (
                f"UPDATE {self.table} SET {sets}, sequence = :seq, doc = CAST(:doc AS jsonb), updated_at = now() "
                f"WHERE {self.key} = :id"
            )
        await self.conn.execute(text(sql), params)

    async def select(self, where: str, params: dict[str, Any], order: str, limit: int) -> list[T]:
        sql = f"SELECT doc FROM {self.table} WHERE {where} ORDER BY {order} LIMIT :limit"
        rows = (await self.conn.execute(text(sql), {**params, "limit": limit})).all()
        return [self.load(r.doc) for r in rows]


class UnitRepository(DocStore[Unit]):
    table, key, kind = "units", "code", Unit

    def columns(self, item: Unit) -> dict[str, Any]:
        return {"communities": list(item.communities), "created_at": item.created_at}

    async def of_community(self, community: str, limit: int = 500) -> list[Unit]:
        return await self.select(":community = ANY(communities)", {"community": community}, "code", limit)


class ResourceRepository(DocStore[Resource]):
    table, kind = "resources", Resource

    def columns(self, item: Resource) -> dict[str, Any]:
        return {
            "community": item.community,
            "unit": item.unit,
            "kind": item.kind,
            "status": item.status,
            "created_at": item.created_at,
        }

    async def list(
        self,
        *,
        community: str | None,
        kind: str | None,
        unit: str | None,
        limit: int,
        after: tuple[datetime, str] | None,
    ) -> list[Resource]:
        clauses: list[str] = ["true"]
        params: dict[str, Any] = {}
        for column, value in (("community", community), ("kind", kind), ("unit", unit)):
            if value is not None:
                clauses.append(f"{column} = :{column}")
                params[column] = value
        if after:
            clauses.append("(created_at, id) > (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        return await self.select(" AND ".join(clauses), params, "created_at, id", limit)


class OrderRepository(DocStore[Order]):
    table, kind = "orders", Order

    def columns(self, item: Order) -> dict[str, Any]:
        return {"community": item.community, "created_at": item.posted_at}

    async def ask(self, order: Order) -> None:
        for unit in order.units:
            await self.conn.execute(
                text(
                    "INSERT INTO order_asks (order_id, unit, asked_at, due_at) VALUES (:o, :u, :at, :due) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"o": order.id, "u": unit, "at": order.posted_at, "due": order.needed_by},
            )

    async def answered(self, order_id: str, unit: str, at: datetime) -> None:
        await self.conn.execute(
            text("UPDATE order_asks SET responded_at = :at WHERE order_id = :o AND unit = :u"),
            {"o": order_id, "u": unit, "at": at},
        )

    async def asks_of(self, unit: str) -> list[Ask]:
        rows = await self.conn.execute(
            text(
                "SELECT a.asked_at, a.due_at, a.responded_at, (o.doc->>'status') = 'closed' AS closed "
                "FROM order_asks a JOIN orders o ON o.id = a.order_id WHERE a.unit = :u"
            ),
            {"u": unit},
        )
        return [Ask(r.asked_at, r.due_at, r.responded_at, r.closed) for r in rows]

    async def list(
        self, *, community: str | None, unit: str | None, limit: int, after: tuple[datetime, str] | None
    ) -> list[Order]:
        clauses: list[str] = ["true"]
        params: dict[str, Any] = {}
        if community is not None:
            clauses.append("community = :community")
            params["community"] = community
        if unit is not None:
            clauses.append("id IN (SELECT order_id FROM order_asks WHERE unit = :unit)")
            params["unit"] = unit
        if after:
            clauses.append("(created_at, id) < (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        return await self.select(" AND ".join(clauses), params, "created_at DESC, id DESC", limit)


class ActivityRepository(DocStore[ActivityRecord]):
    table, kind = "activities", ActivityRecord

    def columns(self, item: ActivityRecord) -> dict[str, Any]:
        return {"community": item.community, "created_at": item.activity.starts_at}

    async def list(self, *, community: str, limit: int, after: tuple[datetime, str] | None) -> list[ActivityRecord]:
        clauses: list[str] = ["community = :community"]
        params: dict[str, Any] = {"community": community}
        if after:
            clauses.append("(created_at, id) < (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        return await self.select(" AND ".join(clauses), params, "created_at DESC, id DESC", limit)


class ProjectRepository(DocStore[Project]):
    table, kind = "projects", Project

    def columns(self, item: Project) -> dict[str, Any]:
        return {"community": item.community, "units": list(item.units), "created_at": item.created_at}

    async def list(
        self, *, community: str | None, unit: str | None, limit: int, after: tuple[datetime, str] | None
    ) -> list[Project]:
        clauses: list[str] = ["true"]
        params: dict[str, Any] = {}
        if community is not None:
            clauses.append("community = :community")
            params["community"] = community
        if unit is not None:
            clauses.append(":unit = ANY(units)")
            params["unit"] = unit
        if after:
            clauses.append("(created_at, id) < (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        return await self.select(" AND ".join(clauses), params, "created_at DESC, id DESC", limit)


class CertificateRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def next_sequence(self, community: str, year: int) -> int:
        """The community's next number that year, serialised by a transaction-level advisory lock."""
        await self.conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"certificate:{community}:{year}"}
        )
        sql = "SELECT coalesce(max(seq), 0) + 1 FROM certificates WHERE community = :c AND year = :y"
        return int((await self.conn.execute(text(sql), {"c": community, "y": year})).scalar_one())

    async def add(
        self, *, number: str, community: str, year: int, seq: int, member_id: str, at: datetime, doc: dict[str, Any]
    ) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO certificates (number, community, year, seq, member_id, issued_at, doc) "
                "VALUES (:n, :c, :y, :s, :m, :at, CAST(:doc AS jsonb))"
            ),
            {
                "n": number,
                "c": community,
                "y": year,
                "s": seq,
                "m": member_id,
                "at": at,
                "doc": json.dumps(doc, ensure_ascii=False),
            },
        )

    async def get(self, number: str) -> dict[str, Any] | None:
        row = (await self.conn.execute(text("SELECT doc FROM certificates WHERE number = :n"), {"n": number})).first()
        return dict(row.doc) if row else None

    async def of_member(self, member_id: str) -> list[dict[str, Any]]:
        """The member's certificates, newest first."""
        sql = "SELECT doc FROM certificates WHERE member_id = :m ORDER BY issued_at DESC, number DESC"
        return [dict(row.doc) for row in await self.conn.execute(text(sql), {"m": member_id})]


class LedgerReads:
    """The hours ledger joined with what the certificate and the summary print: a need's kind, an
    activity's title."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(
        self,
        *,
        entry_id: str,
        member_id: str,
        community: str,
        hours: float,
        source: str,
        ref: str,
        at: datetime,
        reason: str | None,
    ) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO hours_entries (id, member_id, community, hours, source, ref, at, reason) "
                "VALUES (:id, :m, :c, :h, :s, :r, :at, :reason)"
            ),
            {
                "id": entry_id,
                "m": member_id,
                "c": community,
                "h": hours,
                "s": source,
                "r": ref,
                "at": at,
                "reason": reason,
            },
        )

    async def items(self, *, member_ids: list[str], since: datetime | None, until: datetime | None) -> list[Any]:
        clauses = ["h.member_id = ANY(:members)"]
        params: dict[str, Any] = {"members": member_ids}
        if since is not None:
            clauses.append("h.at >= :since")
            params["since"] = since
        if until is not None:
            clauses.append("h.at < :until")
            params["until"] = until
        sql = f"""
            SELECT h.member_id, h.hours::float AS hours, h.source, h.ref, h.at,
                   n.kind AS need_kind, a.doc->'activity'->>'title' AS activity_title
            FROM hours_entries h
            LEFT JOIN needs n ON h.source = 'need' AND n.id = h.ref
            LEFT JOIN activities a ON h.source <> 'need' AND a.id = h.ref
            WHERE {" AND ".join(clauses)}
            ORDER BY h.at, h.id
        """
        return list((await self.conn.execute(text(sql), params)).all())

    async def work_unit_members(self, community: str, work_unit: str) -> list[tuple[str, str]]:
        rows = await self.conn.execute(
            text("SELECT id, doc->>'name' AS name FROM members WHERE community = :c AND doc->>'work_unit' = :w"),
            {"c": community, "w": work_unit},
        )
        return [(r.id, r.name) for r in rows]
