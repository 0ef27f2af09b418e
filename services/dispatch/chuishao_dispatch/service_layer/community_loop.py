"""点单响应's use cases on dispatch (domain/community_loop.py has the rules): the dispatcher hands a case
to the community; the community's need events, consumed from chuishao.community.v1 in the consumer's
transaction, link, close or give back the case."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from chuishao_dispatch.domain import community_loop as loop
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.domain.case import Case
from chuishao_dispatch.domain.community_commands import HandToCommunity, SeeCommunityNeed
from chuishao_dispatch.domain.errors import CaseNotFound
from chuishao_dispatch.domain.values import DomainEvent
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_dispatch.views import case_view
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import CASES
from chuishao_shared.reference import ReferenceData

log = logging.getLogger(__name__)
COMMITTEE = "community_committee"


def committee_of(reference: ReferenceData, community: str) -> str | None:
    """The community's committee (社区居委会): the department of that kind serving the community."""
    found = sorted(
        d.code for d in reference.departments.values() if d.kind == COMMITTEE and d.jurisdiction == community
    )
    return found[0] if found else None


def count(events: list[DomainEvent]) -> Callable[[], None]:
    def record() -> None:
        for event in events:
            CASES.labels(event.type.removeprefix("case.")).inc()

    return record


async def hand_to_community(cmd: HandToCommunity, uow: AbstractUnitOfWork, ctx: DispatchContext) -> dict[str, Any]:
    """Like every staff action on a case (service_layer/handlers.py `_act`): the Idempotency-Key, the
    locked case seen by the actor (else 404), the domain's decision, saved with its events, the answer."""
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await uow.cases.lock(cmd.case_id)
        if loaded is None or not may_see(cmd.actor, loaded.case, loaded.chain):
            raise CaseNotFound(cmd.case_id)
        now = ctx.now()
        case: Case = loaded.case
        committee = committee_of(ctx.reference, case.community)
        events = loop.hand_to_community(case, cmd.actor, now, cmd.community, cmd.reason, committee)
        await uow.save(loaded, events)
        view = case_view(case, ctx.reference, now)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        uow.after_commit(count(events))
        await uow.commit()
    return view


async def see_community_need(cmd: SeeCommunityNeed, uow: AbstractUnitOfWork, ctx: DispatchContext) -> None:
    async with uow:
        loaded = await uow.cases.lock(cmd.case_id)
        if loaded is None:
            log.warning("%s for case %s, which dispatch does not hold: ignored", cmd.type, cmd.case_id)
            return
        now = ctx.now()
        events: list[DomainEvent] = []
        if cmd.type == EventType.NEED_RECORDED:
            loop.link_need(loaded.case, now, cmd.need_id)
        elif cmd.type == EventType.NEED_CONFIRMED:
            events = loop.close_with_need(loaded.case, now, cmd.need_id, cmd.satisfaction)
        elif cmd.type == EventType.NEED_CANCELLED:
            events = loop.need_cancelled(loaded.case, now, cmd.need_id)
        await uow.save(loaded, events)
        uow.after_commit(count(events))
        await uow.commit()


HANDLERS: dict[type, Callable[..., Awaitable[Any]]] = {
    HandToCommunity: hand_to_community,
    SeeCommunityNeed: see_community_need,
}
