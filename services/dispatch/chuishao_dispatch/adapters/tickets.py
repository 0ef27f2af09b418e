"""Stream tickets: `EventSource` cannot send an Authorization header, and a bearer token in a URL
ends up in access logs. A ticket is a random string good for one stream connection within seconds of
its issue; only its SHA-256 is stored, in the shared database, so any replica can redeem it. Like every
repository it never commits: the unit of work does."""

from __future__ import annotations

import abc
import hashlib
import json
import secrets
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.auth import Principal


def _hash(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


async def issue(conn: AsyncConnection, principal: Principal, now: datetime, ttl: timedelta) -> tuple[str, datetime]:
    ticket = secrets.token_urlsafe(32)
    expires = now + ttl
    snapshot = {**asdict(principal), "grids": sorted(principal.grids)}
    await conn.execute(text("DELETE FROM stream_tickets WHERE expires_at < :old"), {"old": now - timedelta(hours=1)})
    await conn.execute(
        text("INSERT INTO stream_tickets (ticket_hash, principal, expires_at) VALUES (:h, CAST(:p AS jsonb), :e)"),
        {"h": _hash(ticket), "p": json.dumps(snapshot), "e": expires},
    )
    return ticket, expires


async def redeem(conn: AsyncConnection, ticket: str, now: datetime) -> Principal | None:
    """The ticket's principal if it is unused and unexpired; it is used up either way."""
    row = (
        await conn.execute(
            text(
                "UPDATE stream_tickets SET used_at = :now WHERE ticket_hash = :h AND used_at IS NULL "
                "AND expires_at > :now RETURNING principal"
            ),
            {"h": _hash(ticket), "now": now},
        )
    ).first()
    if row is None:
        return None
    data = dict(row.principal)
    return Principal(**{**data, "grids": frozenset(data.get("grids") or ())})


class AbstractTicketRepository(abc.ABC):
    @abc.abstractmethod
    async def issue(self, principal: Principal, now: datetime, ttl: timedelta) -> tuple[str, datetime]:
        """A new ticket for `principal` and when it expires (expired tickets of an hour ago are removed)."""

    @abc.abstractmethod
    async def redeem(self, ticket: str, now: datetime) -> Principal | None:
        """The ticket's principal if it is unused and unexpired; it is used up either way."""


class SqlTicketRepository(AbstractTicketRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def issue(self, principal: Principal, now: datetime, ttl: timedelta) -> tuple[str, datetime]:
        return await issue(self.conn, principal, now, ttl)

    async def redeem(self, ticket: str, now: datetime) -> Principal | None:
        return await redeem(self.conn, ticket, now)
