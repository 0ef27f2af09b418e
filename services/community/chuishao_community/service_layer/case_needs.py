"""点单响应 from the case events (consumed from chuishao.cases.v1 by entrypoints/case_consumer.py, in the
consumer's transaction, which also records the event id: a redelivered event counts once).

- `case.opened` of a community-forces category (reference data: `community_forces`, a need kind), or
  `case.handed_to_community` → one need for the case (`case_needs` keeps it one however many events
  bring it), published as need.recorded with `origin_case_id`; dispatch closes the case when the need is
  confirmed (services/dispatch: community consumer).
- any case event whose reports include a whistled need's report → the need learns its case and status;
  `case.closed` / `case.cancelled` → the outcome on the need and `need.case_closed`."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain.case_needs import DEFAULT_KIND, CaseFacts, RecordResident, need_for_case
from chuishao_community.domain.errors import NotFound
from chuishao_community.domain.needs import CANCELLED, EXPIRED, Need
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.topic_links import count
from chuishao_community.views import need_view
from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import MERGED

if TYPE_CHECKING:
    from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)


def _kind(ctx: CommunityContext, event_type: str, category_code: str) -> str | None:
    category = ctx.reference.categories.get(category_code)
    marked = getattr(category, "community_forces", None) if category is not None else None
    if marked is not None and marked not in ctx.taxonomy.need_kind_codes:
        marked = None
    if event_type == EventType.CASE_OPENED:
        return marked
    if event_type == EventType.CASE_HANDED_TO_COMMUNITY:
        return marked or DEFAULT_KIND
    return None


async def case_seen(
    uow: SqlUnitOfWork, ctx: CommunityContext, event_type: str, data: dict[str, Any], at: datetime
) -> None:
    facts = CaseFacts.of(data)
    kind = _kind(ctx, event_type, facts.category)
    if kind is not None:
        await _need_of_case(uow, ctx, event_type, facts, kind, at)
    case = data["case"]
    await follow(
        uow, ctx, [str(r) for r in case.get("report_ids", ())], facts.case_id, facts.status, case.get("resolution"), at
    )


async def _need_of_case(
    uow: SqlUnitOfWork, ctx: CommunityContext, event_type: str, facts: CaseFacts, kind: str, at: datetime
) -> None:
    if not ctx.is_community(facts.community) or ctx.community_of_grid(facts.grid) != facts.community:
        log.warning(
            "case %s: community %s / grid %s unknown here, no need made", facts.case_id, facts.community, facts.grid
        )
        return
    category = ctx.reference.categories.get(facts.category)
    need = need_for_case(
        str(uuid.uuid4()), facts, kind=kind, category_name=category.name if category else facts.category, at=at
    )
    if need is None:
        return
    # A hand-over after the community cancelled (or let expire) the case's need makes a new one.
    again = (CANCELLED, EXPIRED) if event_type == EventType.CASE_HANDED_TO_COMMUNITY else ()
    if not await uow.case_links.claim(facts.case_id, need.id, need.community, at, replacing=again):
        return  # this case is already a need
    events = [need.event(EventType.NEED_RECORDED, at)]
    await uow.save_need(Loaded(need, 0), events, ctx.claim_lapse, new=True)
    uow.after_commit(count(events))


async def follow(
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    report_ids: list[str],
    case_id: str,
    status: str,
    resolution: str | None,
    at: datetime,
) -> None:
    """The whistled needs filed as one of the case's reports follow it to its end."""
    for need_id in await uow.case_links.whistled(report_ids):
        loaded = await uow.needs.get(need_id, lock=True)
        if loaded is None:
            continue
        need: Need = loaded.item
        before = dict(need.whistle or {})
        events = need.follow_case(case_id, status, resolution, at)
        if need.whistle == before and not events:
            continue
        if status != MERGED:
            await uow.case_links.learn_case(need_id, case_id)
        await uow.save_need(loaded, events, ctx.claim_lapse)
        uow.after_commit(count(events))


async def record_resident(cmd: RecordResident, uow: SqlUnitOfWork, ctx: CommunityContext) -> dict[str, Any]:
    """A need's resident recorded by staff (a need made from a case starts without one): no event."""
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await uow.needs.get(cmd.need_id, lock=True)
        if loaded is None or not loaded.item.may_see(cmd.actor):
            raise NotFound("need", cmd.need_id)
        loaded.item.record_resident(cmd.actor, cmd.resident)
        await uow.save_need(loaded, [], ctx.claim_lapse)
        view = need_view(loaded.item, cmd.actor)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        await uow.commit()
    return view


HANDLERS: dict[type, Any] = {RecordResident: record_resident}
