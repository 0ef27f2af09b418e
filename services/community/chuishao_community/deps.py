"""Annotated dependency aliases for the community's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from chuishao_community.domain.values import Actor
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.force_handlers import unit_communities
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key
from chuishao_shared.problems import Problem
from chuishao_shared.security import require_role


async def _bus(request: Request) -> CommunityBus:
    return request.app.state.bus


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


def scoped(*roles: str):  # type: ignore[no-untyped-def]
    """The role check, then the scope: a community claim must name a community of the reference data."""
    check = require_role(*roles)

    async def actor(request: Request, principal: Principal = Depends(check)) -> Actor:  # noqa: B008
        context: CommunityContext = request.app.state.context
        if principal.role in ("community_staff", "volunteer") and not context.is_community(principal.community):
            raise Problem(
                403,
                "Forbidden",
                f"The token's community {principal.community!r} is not a community of the reference data.",
                errors=[{"field": "community", "message": "unknown community"}],
            )
        communities: frozenset[str] = frozenset()
        if principal.role == "unit_contact":
            bus: CommunityBus = request.app.state.bus
            communities = await unit_communities(bus.uow(), principal.unit, context.now().date())
        return Actor(principal.sub, principal.role, principal.community, principal.unit, principal.grids, communities)

    return actor


Bus = Annotated[CommunityBus, Depends(_bus)]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
Staff = Annotated[Actor, Depends(scoped("community_staff"))]
StaffOrVolunteer = Annotated[Actor, Depends(scoped("community_staff", "volunteer"))]
Recorder = Annotated[Actor, Depends(scoped("community_staff", "grid_worker"))]
NeedReader = Annotated[Actor, Depends(scoped("community_staff", "volunteer", "grid_worker", "unit_contact"))]
Claimer = Annotated[Actor, Depends(scoped("volunteer", "unit_contact"))]
Helper = Annotated[Actor, Depends(scoped("community_staff", "volunteer", "unit_contact"))]
Confirmer = Annotated[Actor, Depends(scoped("community_staff", "grid_worker"))]
