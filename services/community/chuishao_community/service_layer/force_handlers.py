"""Use cases of the co-building units (共建单位), their resources (资源清单), community orders (社区点单)
and projects (项目清单): one handler per command, each in one unit of work (claim the
Idempotency-Key, load and lock, check the caller may see it, let the domain decide, save with the
events in the outbox, store the answer, commit once). And their reads, within the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain import hsds
from chuishao_community.domain.errors import Forbidden, IllegalTransition, InvalidCommand, NotFound
from chuishao_community.domain.orders import Order, post_order, response_stats
from chuishao_community.domain.projects import Project, start_project
from chuishao_community.domain.units import Resource, Unit, check_resource, may_offer, register_unit
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_community.views_forces import order_view, project_view, resource_view, unit_view
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import COMMUNITY_EVENTS
from chuishao_shared.pagination import encode_cursor

View = dict[str, Any]


def count(events: list[DomainEvent]) -> Callable[[], None]:
    def record() -> None:
        for event in events:
            COMMUNITY_EVENTS.labels(event.type).inc()

    return record


async def _replayed(uow: SqlUnitOfWork, cmd: Any) -> Any:
    return await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)


async def _finish(uow: SqlUnitOfWork, cmd: Any, view: View, events: list[DomainEvent], status: int = 200) -> View:
    await uow.store_answer(cmd.actor.sub, cmd.request.key, view, status)
    uow.after_commit(count(events))
    await uow.commit()
    return view


# ------------------------------------------------------------------------------------------- units


async def visible_unit(uow: SqlUnitOfWork, actor: Actor, code: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.units.get(code, lock=lock)
    if loaded is None or not loaded.item.may_see(actor):
        raise NotFound("unit", code)
    return loaded


async def serving_units(uow: SqlUnitOfWork, community: str, on: Any) -> dict[str, Unit]:
    return {u.code: u for u in await uow.units.of_community(community) if u.serves(community, on)}


async def unit_communities(uow: SqlUnitOfWork, unit: str | None, on: Any) -> frozenset[str]:
    """The communities where a unit's contact acts today: those whose agreement is in force."""
    if not unit:
        return frozenset()
    async with uow:
        loaded = await uow.units.get(unit)
    return loaded.item.communities_in_force(on) if loaded else frozenset()


async def register(cmd: fc.RegisterUnit, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    unit = register_unit(
        actor=cmd.actor,
        code=cmd.code,
        name=cmd.name,
        kind=cmd.kind,
        description=cmd.description,
        contact=cmd.contact,
        agreement=cmd.agreement,
        party_head=cmd.party_head,
        website=cmd.website,
        at=now,
    )
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        if await uow.units.get(cmd.code, lock=True) is not None:
            raise IllegalTransition("a unit with this code is registered: sign an agreement with it", "registered")
        loaded = Loaded(unit, 0)
        events = [unit.event(EventType.UNIT_REGISTERED, now)]
        await uow.publish(loaded, unit.code, events)
        await uow.units.save(unit.code, loaded, new=True)
        return await _finish(uow, cmd, unit_view(unit, cmd.actor), events, 201)


async def sign(cmd: fc.SignAgreement, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await uow.units.get(cmd.unit, lock=True)
        if loaded is None or not cmd.actor.is_staff:
            raise NotFound("unit", cmd.unit)
        loaded.item = loaded.item.sign(cmd.actor, cmd.agreement)
        events = [loaded.item.event(EventType.UNIT_SIGNED, now)]
        await uow.publish(loaded, cmd.unit, events)
        await uow.units.save(cmd.unit, loaded)
        return await _finish(uow, cmd, unit_view(loaded.item, cmd.actor), events)


async def units(uow: SqlUnitOfWork, actor: Actor) -> View:
    async with uow:
        if actor.role == "unit_contact":
            own = await uow.units.get(actor.unit or "")
            found = [own.item] if own else []
        elif actor.community:
            found = await uow.units.of_community(actor.community)
        else:
            found = []
    return {"items": [unit_view(u, actor) for u in found]}


async def unit(uow: SqlUnitOfWork, actor: Actor, ctx: CommunityContext, code: str) -> View:
    async with uow:
        loaded = await visible_unit(uow, actor, code)
        asks = await uow.orders.asks_of(code)
    stats = response_stats(asks, ctx.now())
    return unit_view(loaded.item, actor) | {"orders": stats.__dict__}


# --------------------------------------------------------------------------------------- resources


async def offer(cmd: fc.OfferResource, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    if not ctx.is_community(cmd.community):
        raise InvalidCommand("community", f"unknown community {cmd.community!r}")
    now = ctx.now()
    resource = Resource(
        id=str(uuid.uuid4()),
        community=cmd.community,
        unit=cmd.unit,
        kind=cmd.kind,
        name=cmd.name,
        description=cmd.description,
        place=cmd.place,
        status=cmd.status,
        life_circle=cmd.life_circle,
        capacity=cmd.capacity,
        eligibility=cmd.eligibility,
        minimum_age=cmd.minimum_age,
        maximum_age=cmd.maximum_age,
        schedule=cmd.schedule,
        valid_from=cmd.valid_from,
        valid_to=cmd.valid_to,
        created_at=now,
        created_by=cmd.actor.sub,
    )
    check_resource(resource)
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        unit_row = await uow.units.get(cmd.unit) if cmd.unit else None
        if cmd.unit and unit_row is None:
            raise InvalidCommand("unit", f"unknown unit {cmd.unit!r}")
        may_offer(cmd.actor, cmd.community, unit_row.item if unit_row else None, now.date())
        loaded = Loaded(resource, 0)
        events = [resource.event(EventType.RESOURCE_OFFERED, now)]
        await uow.publish(loaded, resource.id, events)
        await uow.resources.save(resource.id, loaded, new=True)
        return await _finish(uow, cmd, resource_view(resource), events, 201)


async def resources(
    uow: SqlUnitOfWork,
    *,
    community: str | None,
    kind: str | None,
    unit: str | None,
    limit: int,
    after: tuple[datetime, str] | None,
) -> View:
    async with uow:
        rows = await uow.resources.list(community=community, kind=kind, unit=unit, limit=limit, after=after)
    last = rows[-1] if len(rows) == limit else None
    return {
        "items": [resource_view(r) for r in rows],
        "next_cursor": encode_cursor(last.created_at, last.id) if last and last.created_at else None,
    }


def _provider(ctx: CommunityContext, community: str, unit: Unit | None) -> hsds.Provider:
    """The HSDS organization: the unit (name, description, kind, website — never its contact), or
    the community itself for its own resources."""
    if unit is not None:
        return hsds.Provider(
            id=f"unit:{unit.code}",
            name=unit.name,
            description=unit.description or unit.name,
            kind=unit.kind,
            website=unit.website,
        )
    node = ctx.reference.jurisdictions[community]
    return hsds.Provider(id=f"community:{community}", name=node.name, description=f"{node.name}（{node.name_en}）")


async def hsds_services(
    uow: SqlUnitOfWork, ctx: CommunityContext, *, community: str | None, page: int, per_page: int
) -> View:
    """HSDS 3.0's paginated service list (`contents`), each service with its organization, location and
    schedules embedded."""
    async with uow:
        rows = await uow.resources.list(community=community, kind=None, unit=None, limit=10_000, after=None)
        codes = {r.unit for r in rows if r.unit}
        found = {code: (await uow.units.get(code)) for code in codes}
    total = len(rows)
    chosen = rows[(page - 1) * per_page : page * per_page]
    contents = []
    for r in chosen:
        unit_row = found.get(r.unit) if r.unit else None
        contents.append(
            hsds.hsds_service(_provider(ctx, r.community, unit_row.item if unit_row else None), r.as_hsds())
        )
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


# ------------------------------------------------------------------------------------------ orders


async def visible_order(uow: SqlUnitOfWork, actor: Actor, order_id: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.orders.get(order_id, lock=lock)
    if loaded is None or not loaded.item.may_see(actor):
        raise NotFound("order", order_id)
    return loaded


async def post(cmd: fc.PostOrder, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    community = cmd.actor.community or ""
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        serving = await serving_units(uow, community, now.date())
        order = post_order(
            actor=cmd.actor,
            order_id=str(uuid.uuid4()),
            community=community,
            title=cmd.title,
            description=cmd.description,
            items=cmd.items,
            units=cmd.units if cmd.units is not None else tuple(sorted(serving)),
            serving=frozenset(serving),
            needed_by=cmd.needed_by,
            at=now,
        )
        loaded = Loaded(order, 0)
        events = [order.event(EventType.ORDER_POSTED, now)]
        await uow.publish(loaded, order.id, events)
        await uow.orders.save(order.id, loaded, new=True)
        await uow.orders.ask(order)
        return await _finish(uow, cmd, order_view(order, cmd.actor), events, 201)


async def respond(cmd: fc.RespondToOrder, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_order(uow, cmd.actor, cmd.order_id, lock=True)
        order: Order = loaded.item
        loaded.item, response = order.respond(
            cmd.actor, str(uuid.uuid4()), cmd.unit, cmd.declined, cmd.items, cmd.note, now
        )
        events = [loaded.item.event(EventType.ORDER_RESPONDED, now, response)]
        await uow.publish(loaded, order.id, events)
        await uow.orders.save(order.id, loaded)
        await uow.orders.answered(order.id, cmd.unit, now)
        return await _finish(uow, cmd, order_view(loaded.item, cmd.actor), events, 201)


async def close_order(cmd: fc.CloseOrder, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_order(uow, cmd.actor, cmd.order_id, lock=True)
        loaded.item = loaded.item.close(cmd.actor, now)
        events = [loaded.item.event(EventType.ORDER_CLOSED, now)]
        await uow.publish(loaded, cmd.order_id, events)
        await uow.orders.save(cmd.order_id, loaded)
        return await _finish(uow, cmd, order_view(loaded.item, cmd.actor), events)


async def orders(uow: SqlUnitOfWork, actor: Actor, *, limit: int, after: tuple[datetime, str] | None) -> View:
    if actor.role == "unit_contact":
        scope: dict[str, Any] = {"community": None, "unit": actor.unit or ""}
    else:
        scope = {"community": actor.community, "unit": None}
    async with uow:
        rows = await uow.orders.list(**scope, limit=limit, after=after)
    last = rows[-1] if len(rows) == limit else None
    return {
        "items": [order_view(o, actor) for o in rows],
        "next_cursor": encode_cursor(last.posted_at, last.id) if last else None,
    }


async def order(uow: SqlUnitOfWork, actor: Actor, order_id: str) -> View:
    async with uow:
        return order_view((await visible_order(uow, actor, order_id)).item, actor)


# ---------------------------------------------------------------------------------------- projects


async def visible_project(uow: SqlUnitOfWork, actor: Actor, project_id: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.projects.get(project_id, lock=lock)
    if loaded is None or not loaded.item.may_see(actor):
        raise NotFound("project", project_id)
    return loaded


async def _check_links(uow: SqlUnitOfWork, community: str, links: Any) -> None:
    for n, need_id in enumerate(links.needs):
        need = await uow.needs.get(need_id)
        if need is None or need.item.community != community:
            raise InvalidCommand(f"links.needs.{n}", f"no need {need_id} in {community}")
    for n, resource_id in enumerate(links.resources):
        resource = await uow.resources.get(resource_id)
        if resource is None or resource.item.community != community:
            raise InvalidCommand(f"links.resources.{n}", f"no resource {resource_id} in {community}")


async def start(cmd: fc.StartProject, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    community = cmd.actor.community or ""
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        signed = {u.code for u in await uow.units.of_community(community)}
        project = start_project(
            actor=cmd.actor,
            project_id=str(uuid.uuid4()),
            community=community,
            title=cmd.title,
            goal=cmd.goal,
            period_from=cmd.period_from,
            period_to=cmd.period_to,
            units=cmd.units,
            serving=frozenset(signed),
            status=cmd.status,
            links=cmd.links,
            at=now,
        )
        await _check_links(uow, community, cmd.links)
        loaded = Loaded(project, 0)
        events = [project.event(EventType.PROJECT_CREATED, now)]
        await uow.publish(loaded, project.id, events)
        await uow.projects.save(project.id, loaded, new=True)
        return await _finish(uow, cmd, project_view(project), events, 201)


async def progress(cmd: fc.AddProjectProgress, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_project(uow, cmd.actor, cmd.project_id, lock=True)
        project: Project = loaded.item
        if cmd.actor.role == "volunteer":
            raise Forbidden("project", "the community's staff and the project's units add progress")
        loaded.item = project.add_progress(
            cmd.actor, str(uuid.uuid4()), cmd.note, cmd.people_served, cmd.status, cmd.links, now
        )
        await _check_links(uow, project.community, cmd.links)
        events = [loaded.item.event(EventType.PROJECT_PROGRESSED, now)]
        await uow.publish(loaded, project.id, events)
        await uow.projects.save(project.id, loaded)
        return await _finish(uow, cmd, project_view(loaded.item), events, 201)


async def projects(uow: SqlUnitOfWork, actor: Actor, *, limit: int, after: tuple[datetime, str] | None) -> View:
    if actor.role == "unit_contact":
        scope: dict[str, Any] = {"community": None, "unit": actor.unit or ""}
    else:
        scope = {"community": actor.community, "unit": None}
    async with uow:
        rows = await uow.projects.list(**scope, limit=limit, after=after)
    last = rows[-1] if len(rows) == limit else None
    return {
        "items": [project_view(p) for p in rows],
        "next_cursor": encode_cursor(last.created_at, last.id) if last else None,
    }


async def project(uow: SqlUnitOfWork, actor: Actor, project_id: str) -> View:
    async with uow:
        return project_view((await visible_project(uow, actor, project_id)).item)


HANDLERS: dict[type, Any] = {
    fc.RegisterUnit: register,
    fc.SignAgreement: sign,
    fc.OfferResource: offer,
    fc.PostOrder: post,
    fc.RespondToOrder: respond,
    fc.CloseOrder: close_order,
    fc.StartProject: start,
    fc.AddProjectProgress: progress,
}
