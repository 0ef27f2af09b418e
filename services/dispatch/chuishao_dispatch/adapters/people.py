"""The directory's tables: people and their audit. Like every repository it never commits."""

from __future__ import annotations

import abc
import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# One advisory lock for every directory write: writes are rare, and serialising them makes revisions
# commit in the order they were taken (a change-feed reader's cursor never skips a late commit) and
# closes the race between two writers checking the same subject.
_LOCK_KEY = 0x43_48_50_45  # "CHPE"
_COLUMNS = "id, name, phone, subject, wecom_user_id, dingtalk_user_id, roles, active, revision, created_at, updated_at"


def _row(row: Any) -> dict[str, Any]:
    person = dict(row._mapping)
    person["id"] = str(person["id"])
    return person


def departments_of(roles: list[dict[str, Any]]) -> list[str]:
    return sorted({r["department"] for r in roles if r.get("department")})


class AbstractPeopleRepository(abc.ABC):
    @abc.abstractmethod
    async def lock(self) -> None: ...

    @abc.abstractmethod
    async def get(self, person_id: uuid.UUID) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    async def by_subjects(self, subjects: list[str]) -> dict[str, dict[str, Any]]: ...

    @abc.abstractmethod
    async def holder_of(self, field: str, value: str) -> str | None: ...

    @abc.abstractmethod
    async def store(self, person: dict[str, Any], now: datetime, *, new: bool) -> dict[str, Any]: ...

    @abc.abstractmethod
    async def audit(
        self, person_id: str, now: datetime, actor: str, action: str, reason: str, before: Any, after: Any
    ) -> None: ...


class SqlPeopleRepository(AbstractPeopleRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def lock(self) -> None:
        await self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})

    async def get(self, person_id: uuid.UUID) -> dict[str, Any] | None:
        row = (
            await self.conn.execute(text(f"SELECT {_COLUMNS} FROM people WHERE id = :id"), {"id": person_id})
        ).first()
        return _row(row) if row else None

    async def by_subjects(self, subjects: list[str]) -> dict[str, dict[str, Any]]:
        if not subjects:
            return {}
        rows = await self.conn.execute(text(f"SELECT {_COLUMNS} FROM people WHERE subject = ANY(:s)"), {"s": subjects})
        return {r.subject: _row(r) for r in rows}

    async def holder_of(self, field: str, value: str) -> str | None:
        assert field in ("subject", "wecom_user_id", "dingtalk_user_id")
        found = await self.conn.scalar(text(f"SELECT id FROM people WHERE {field} = :v"), {"v": value})
        return str(found) if found else None

    async def store(self, person: dict[str, Any], now: datetime, *, new: bool) -> dict[str, Any]:
        values = {
            "id": uuid.UUID(person["id"]),
            "name": person["name"],
            "phone": person["phone"],
            "subject": person["subject"],
            "wecom": person["wecom_user_id"],
            "dingtalk": person["dingtalk_user_id"],
            "roles": json.dumps(person["roles"], ensure_ascii=False),
            "departments": departments_of(person["roles"]),
            "active": person["active"],
            "now": now,
        }
        if new:
            statement = (
                "INSERT INTO people (id, name, phone, subject, wecom_user_id, dingtalk_user_id, roles, departments,"
                " active, revision, created_at, updated_at) VALUES (:id, :name, :phone, :subject, :wecom, :dingtalk,"
                " CAST(:roles AS jsonb), :departments, :active, nextval('people_revision'), :now, :now)"
            )
        else:
            statement = (
                "UPDATE people SET name = :name, phone = :phone, subject = :subject, wecom_user_id = :wecom,"
                " dingtalk_user_id = :dingtalk, roles = CAST(:roles AS jsonb), departments = :departments,"
                " active = :active, revision = nextval('people_revision'), updated_at = :now WHERE id = :id"
            )
        row = (await self.conn.execute(text(statement + f" RETURNING {_COLUMNS}"), values)).one()
        return _row(row)

    async def audit(
        self, person_id: str, now: datetime, actor: str, action: str, reason: str, before: Any, after: Any
    ) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO people_audit (person_id, at, actor, action, reason, before, after)"
                " VALUES (:p, :at, :actor, :action, :reason, CAST(:before AS jsonb), CAST(:after AS jsonb))"
            ),
            {
                "p": uuid.UUID(person_id),
                "at": now,
                "actor": actor,
                "action": action,
                "reason": reason,
                "before": json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
                "after": json.dumps(after, ensure_ascii=False, default=str),
            },
        )


# ------------------------------------------------------------------------------------ reads


async def search(
    conn: AsyncConnection,
    *,
    q: str | None,
    department: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[dict[str, Any]]:
    where = ["TRUE"]
    params: dict[str, Any] = {"limit": limit}
    if q:
        where.append("(name ILIKE :q OR subject ILIKE :q)")
        params["q"] = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if department:
        where.append(":d = ANY(departments)")
        params["d"] = department
    if after is not None:
        where.append("(created_at, id) > (:at, :id)")
        params["at"], params["id"] = after
    rows = await conn.execute(
        text(f"SELECT {_COLUMNS} FROM people WHERE {' AND '.join(where)} ORDER BY created_at, id LIMIT :limit"), params
    )
    return [_row(r) for r in rows]


async def audit_of(conn: AsyncConnection, person_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.execute(
        text("SELECT id, at, actor, action, reason, before, after FROM people_audit WHERE person_id = :p ORDER BY id"),
        {"p": person_id},
    )
    return [dict(r._mapping) for r in rows]


async def subject_of_account(conn: AsyncConnection, field: str, user_id: str) -> str | None:
    """The subject of the person holding a WeCom or DingTalk user id (their sign-in, PRODUCT.md §9)."""
    assert field in ("wecom_user_id", "dingtalk_user_id")
    found = await conn.scalar(text(f"SELECT subject FROM people WHERE {field} = :v"), {"v": user_id})
    return str(found) if found is not None else None


async def changes(conn: AsyncConnection, since: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Who changed after revision `since`: subject, WeCom and DingTalk user ids (their sign-in), roles with
    scopes, active — never a name or a phone. Also the newest revision there is, so a reader whose cursor
    lies beyond it (a reset directory) knows to start again."""
    rows = await conn.execute(
        text(
            "SELECT subject, wecom_user_id, dingtalk_user_id, roles, active, revision FROM people"
            " WHERE revision > :s ORDER BY revision LIMIT :l"
        ),
        {"s": since, "l": limit},
    )
    items = [dict(r._mapping) for r in rows]
    latest = await conn.scalar(text("SELECT coalesce(max(revision), 0) FROM people"))
    return items, int(latest or 0)
