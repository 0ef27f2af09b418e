"""The community service in-process, with tokens and bodies for its tests."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from chuishao_community.bootstrap import MIGRATIONS, CommunitySettings, build_app
from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.factories import bearer
from support.infra import Infra
from support.services import RunningService, running, start_service

COMMUNITY, GRID = "XY-WQ-WY", "XY-WQ-WY-G01"
OTHER_COMMUNITY, OTHER_GRID = "TN-CS-FQXC", "TN-CS-FQXC-G01"


@contextlib.asynccontextmanager
async def community_service(infra: Infra, **overrides: Any) -> AsyncIterator[RunningService]:
    # The sweep and the whistle relay are driven by the tests (a settable clock), not by time.
    values = {"community_sweep_seconds": 3600.0, "community_whistle_seconds": 3600.0, **overrides}
    settings, app = await start_service(infra, CommunitySettings, build_app, MIGRATIONS, **values)
    async with running(app, settings) as service:
        yield service


def token(settings: Settings, role: str, sub: str | None = None, **claims: Any) -> dict[str, str]:
    return bearer(mint_token(settings, sub=sub or f"{role}-{uuid.uuid4().hex[:8]}", role=role, **claims))


def staff(settings: Settings, community: str = COMMUNITY, sub: str | None = None) -> dict[str, str]:
    return token(settings, "community_staff", sub, community=community)


def volunteer(settings: Settings, community: str = COMMUNITY, sub: str | None = None) -> dict[str, str]:
    return token(settings, "volunteer", sub, community=community)


def unit_contact(settings: Settings, unit: str = "UNIT-XY-COAL") -> dict[str, str]:
    return token(settings, "unit_contact", unit=unit)


def keyed(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Idempotency-Key": uuid.uuid4().hex}


def member_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "李建国",
        "phone": "13912345678",
        "work_unit": "县教育局",
        "party_member": True,
        "community": COMMUNITY,
        "grid": GRID,
        "skills": ["errands", "companionship"],
    }
    return body | overrides


def need_body(now: datetime | None = None, **overrides: Any) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    body: dict[str, Any] = {
        "kind": "wish",
        "title": "帮独居老人买米面油",
        "description": "老人腿脚不便，需要每周代购一次",
        "grid": GRID,
        "building": "7号楼",
        "resident": {"name": "王秀珍", "phone": "13800001111", "address": "7号楼2单元301"},
        "urgency": "normal",
        "wanted_by": (now + timedelta(days=3)).isoformat(),
        "skills": ["errands"],
        "privacy": "open",
        "hours_wanted": 2,
    }
    return body | overrides


async def active_volunteer(
    client: httpx.AsyncClient, settings: Settings, community: str = COMMUNITY
) -> tuple[dict[str, str], str]:
    """A volunteer who registered (报到) and was confirmed: their headers and member id."""
    headers = volunteer(settings, community)
    grid = GRID if community == COMMUNITY else OTHER_GRID
    created = await client.post("/v1/members", json=member_body(community=community, grid=grid), headers=keyed(headers))
    assert created.status_code == 201, created.text
    member_id = created.json()["id"]
    confirmed = await client.post(f"/v1/members/{member_id}/confirm", headers=keyed(staff(settings, community)))
    assert confirmed.status_code == 200, confirmed.text
    return headers, member_id


async def record_need(client: httpx.AsyncClient, settings: Settings, **overrides: Any) -> dict[str, Any]:
    community = overrides.pop("community", COMMUNITY)
    created = await client.post("/v1/needs", json=need_body(**overrides), headers=keyed(staff(settings, community)))
    assert created.status_code == 201, created.text
    return created.json()  # type: ignore[no-any-return]


async def signed_unit(client: httpx.AsyncClient, settings: Settings, code: str | None = None) -> str:
    """A co-building unit with an agreement in force with COMMUNITY (its contact may act there): its code."""
    code = code or f"UNIT-{uuid.uuid4().hex[:8].upper()}"
    today = datetime.now(UTC).date()
    body = {
        "code": code,
        "name": "县供电公司",
        "kind": "enterprise",
        "contact": {"name": "钱多多", "phone": "13711112222"},
        "agreement": {
            "signed_on": (today - timedelta(days=30)).isoformat(),
            "term_from": (today - timedelta(days=30)).isoformat(),
        },
    }
    created = await client.post("/v1/units", json=body, headers=keyed(staff(settings)))
    assert created.status_code == 201, created.text
    return code
