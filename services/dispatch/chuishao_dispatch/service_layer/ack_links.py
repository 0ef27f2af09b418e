"""One-tap 签收 (PRODUCT.md §9, issue 25 item 3): a signed, short-lived, single-use link (made by notify,
`chuishao_shared.ack_links`) acknowledges a case for the department of the person it was sent to, with
that person as the actor, through the same `AcknowledgeCase` handler the console's button uses.

Before anything changes, the link is checked in this order, and each refusal changes nothing:
the signature and expiry; used already; the person (found in the directory by the platform user id
the link was sent to) still active and still the department's liaison (or the told duty desk's
dispatcher); the case still waiting for this department's 签收. Then the link is claimed, the case
acknowledged (idempotent under the link's id, so a tap repeated after a crash cannot acknowledge
twice), and the link marked used."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from chuishao_dispatch.adapters import ack_links as store
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.domain.errors import DomainError
from chuishao_dispatch.domain.values import Actor
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_shared.ack_links import AckClaims, AckLinkError, read
from chuishao_shared.vocabulary import PENDING

# What the page says: one of these.
READY, DONE, USED, EXPIRED, INVALID, ALREADY, NOT_ON_DUTY, GONE = (
    "ready",
    "done",
    "used",
    "expired",
    "invalid",
    "already",
    "not_on_duty",
    "gone",
)


@dataclass(frozen=True)
class Answer:
    state: str
    case: dict[str, Any] | None = None  # id, category, community, department (codes) for the page
    claims: AckClaims | None = None


def _may_act(person: dict[str, Any], claims: AckClaims) -> bool:
    if not person["active"]:
        return False
    for role in person["roles"] or []:
        if role.get("role") == "liaison" and role.get("department") == claims.department:
            return True
        if role.get("role") == "dispatcher" and role.get("jurisdiction") == claims.owner:
            return True  # a duty desk's person the chain told: acknowledges for the department
    return False


async def check(bus: DispatchBus, secret: bytes, token: str, *, now: float | None = None) -> Answer:
    """What tapping would do, without changing anything (the page's GET)."""
    try:
        claims = read(secret, token, time.time() if now is None else now)
    except AckLinkError as error:
        return Answer(EXPIRED if error.reason == "expired" else INVALID)
    async with bus.uow() as uow:
        conn = uow.conn  # type: ignore[attr-defined]
        return await _check(uow, conn, claims)


async def _check(uow: Any, conn: Any, claims: AckClaims) -> Answer:
    if await store.link_status(conn, claims.jti) == "used":
        return Answer(USED, claims=claims)
    person = await store.person_by_platform(conn, claims.platform, claims.user_id)
    if person is None or not _may_act(person, claims):
        return Answer(NOT_ON_DUTY, claims=claims)
    loaded = await uow.cases.get(claims.case_id)
    if loaded is None:
        return Answer(GONE, claims=claims)
    case = loaded.case
    summary = {"id": case.id, "category": case.category, "community": case.community, "department": claims.department}
    mine = next((a for a in case.assignments if a.department == claims.department and a.active), None)
    if mine is None:
        return Answer(GONE, summary, claims)
    if mine.status != PENDING:
        return Answer(ALREADY, summary, claims)
    return Answer(READY, {**summary, "person_id": person["id"], "subject": person["subject"]}, claims)


async def use(bus: DispatchBus, secret: bytes, token: str, *, now: float | None = None) -> Answer:
    """The tap (the page's POST): acknowledge once, or say why not."""
    try:
        claims = read(secret, token, time.time() if now is None else now)
    except AckLinkError as error:
        return Answer(EXPIRED if error.reason == "expired" else INVALID)
    async with bus.uow() as uow:
        conn = uow.conn  # type: ignore[attr-defined]
        answer = await _check(uow, conn, claims)
        if answer.state != READY or answer.case is None:
            return answer
        if not await store.claim(conn, claims.jti, claims.case_id, claims.department, answer.case["person_id"]):
            return Answer(USED, answer.case, claims)
        await uow.commit()
    actor = Actor(answer.case["subject"], "liaison", claims.department)
    command = c.AcknowledgeCase(
        case_id=claims.case_id, actor=actor, request=c.Request(f"ack-link:{claims.jti}", "ack-link")
    )
    try:
        await bus.handle(command)
    except DomainError:  # acknowledged meanwhile (the console, another link): nothing changed here
        async with bus.uow() as uow:
            await store.mark_used(uow.conn, claims.jti)  # type: ignore[attr-defined]
            await uow.commit()
        return Answer(ALREADY, answer.case, claims)
    async with bus.uow() as uow:
        await store.mark_used(uow.conn, claims.jti)  # type: ignore[attr-defined]
        await uow.commit()
    return Answer(DONE, answer.case, claims)
