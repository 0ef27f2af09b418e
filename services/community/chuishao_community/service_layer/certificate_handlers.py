"""志愿服务记录证明: issuing a member's certificate (its number from domain/certificates.py, the
sequence from the database), the public check by number, and the quarterly summary per work unit.

A number is checked before any lookup: its format and check character (a typo), then the tag only the
service's key makes (an invented number); only a number that passes both is looked up."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain.certificates import (
    Certificate,
    CertificateLine,
    InvalidCertificateNumber,
    LedgerItem,
    issue_number,
    quarter_bounds,
    quarterly_summary,
    verify_number,
)
from chuishao_community.domain.errors import Forbidden, InvalidCommand, NotFound
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.force_handlers import _finish, _replayed
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.events.types import EventType

View = dict[str, Any]
CHINA = timezone(timedelta(hours=8))
QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


class CertificateNotFound(NotFound):
    """An unknown, mistyped or invented number: 404 naming `number`."""

    def __init__(self, number: str, reason: str) -> None:
        super().__init__("certificate", number)
        self.field = "number"
        self.reason = reason


def _task(ctx: CommunityContext, row: Any) -> str:
    if row.source == "need":
        kinds = {t.code: t.name for t in ctx.taxonomy.need_kinds}
        return f"需求服务：{kinds.get(row.need_kind, row.need_kind or '需求')}"
    title = row.activity_title or "志愿服务活动"
    return f"{title}（组织者核定）" if row.source == "granted" else title


def _day(at: datetime) -> date:
    return at.astimezone(CHINA).date()


async def issue(cmd: fc.IssueCertificate, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        member_row = await uow.members.get(cmd.member_id, lock=True)
        if member_row is None or not cmd.actor.is_staff_of(member_row.item.community):
            raise NotFound("member", cmd.member_id)
        member = member_row.item
        rows = await uow.ledger.items(member_ids=[member.id], since=None, until=None)
        if not rows:
            raise InvalidCommand("member", "the member has no hours to certify yet")
        lines = [CertificateLine(_day(r.at), _task(ctx, r), Decimal(str(r.hours))) for r in rows]
        seq = await uow.certificates.next_sequence(member.community, now.year)
        number = issue_number(member.community, now.year, seq, ctx.certificate_key)
        issuer = ctx.reference.jurisdictions[member.community].name
        certificate = Certificate.issue(
            number=number, name=member.name, lines=lines, issuer=issuer, issued_on=_day(now)
        )
        doc = {
            **certificate.public_view(),
            "member_id": member.id,
            "community": member.community,
            "lines": [
                {"on": ln.on.isoformat(), "content": ln.content, "hours": str(ln.hours)} for ln in certificate.lines
            ],
        }
        await uow.certificates.add(
            number=number, community=member.community, year=now.year, seq=seq, member_id=member.id, at=now, doc=doc
        )
        data = {
            "number": number,
            "member_id": member.id,
            "community": member.community,
            "hours": float(certificate.hours),
            "issued_on": certificate.issued_on.isoformat(),
            "at": now.isoformat(),
        }
        events = [DomainEvent(EventType.CERTIFICATE_ISSUED, data)]
        await uow.publish(Loaded(None, 0), number, events)
        return await _finish(uow, cmd, _view(doc), events, 201)


def _view(doc: dict[str, Any]) -> View:
    return {k: doc[k] for k in ("number", "valid", "holder", "hours", "issuer", "issued_on")} | {
        "lines": doc.get("lines", [])
    }


async def check(uow: SqlUnitOfWork, ctx: CommunityContext, number: str) -> View:
    """The public check: valid, hours, issuer, masked holder, the lines (what was done, never whom for)."""
    try:
        parsed = verify_number(number, ctx.certificate_key)
    except InvalidCertificateNumber as error:
        raise CertificateNotFound(number, error.message) from None
    async with uow:
        doc = await uow.certificates.get(str(parsed))
    if doc is None:
        raise CertificateNotFound(number, "no certificate was issued with this number")
    return _view(doc)


async def summary(
    uow: SqlUnitOfWork, ctx: CommunityContext, actor: Actor, work_unit: str, quarter: str, *, mask: bool
) -> Any:
    if not actor.is_staff or not actor.community:
        raise Forbidden("community", "the community's staff export summaries")
    match = QUARTER.match(quarter)
    if match is None:
        raise InvalidCommand("quarter", "a quarter like 2026Q3")
    year, q = int(match[1]), int(match[2])
    if not 1000 <= year <= 9998:
        raise InvalidCommand("quarter", "a year from 1000 to 9998")
    start, end = quarter_bounds(year, q)
    since = datetime(start.year, start.month, start.day, tzinfo=CHINA)
    until = datetime(end.year, end.month, end.day, tzinfo=CHINA)
    async with uow:
        members = dict(await uow.ledger.work_unit_members(actor.community, work_unit))
        rows = await uow.ledger.items(member_ids=list(members), since=since, until=until) if members else []
    items = [
        LedgerItem(r.member_id, members[r.member_id], work_unit, Decimal(str(r.hours)), _task(ctx, r), _day(r.at))
        for r in rows
    ]
    return quarterly_summary(work_unit, year, q, items, mask=mask)


HANDLERS: dict[type, Any] = {fc.IssueCertificate: issue}
