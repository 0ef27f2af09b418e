"""The demo: whistles drawn from the seed articles, filed through the real intake API by `make run` so the
board is not empty on a first start (only when the worker has filed nothing yet), and one demo token per role."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import get_settings

DEMO_REPORTS = [
    ("ENV-STAIRWELL-DIRTY", "XY-WQ-WY-G01", "3号楼2单元楼道堆放纸箱杂物，影响通行", "minor", "3号楼"),
    ("FAC-SEWER-BLOCKED", "XY-WQ-WY-G03", "12号楼前下水管道堵塞，污水外溢", "major", "12号楼"),
    ("SAFE-FLYING-WIRE", "TN-CS-FQXC-G02", "居民从5楼窗口拉电线给电动车飞线充电", "major", "5幢"),
    ("ORDER-EBIKE-PARKING", "TN-CS-FQXC-G01", "电动车堵在单元门口，老人进出不便", "minor", None),
    ("SAFE-FIRE-LANE-BLOCKED", "LX-DC-BH-G02", "私家车长期占用小区消防通道", "major", None),
    ("FAC-STREETLIGHT-BROKEN", "FQ-YP-BD-G01", "高豪小区东门路灯损坏，夜间漆黑", "minor", None),
    ("LIFE-ELDERLY-ALONE", "ZJC-ZJC-NC-G01", "阳光水岸小区独居老人行动不便，需要上门帮扶", "major", "7号楼"),
    ("ORDER-DOG", "ZJC-ZJC-NC-G02", "小区内有人饲养大型犬未拴绳", "minor", None),
    ("SAFE-GAS-HAZARD", "XY-WQ-WY-G05", "楼道内闻到燃气味，疑似管道泄漏", "emergency", "8号楼"),
]


def file_demo_reports(intake_url: str, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    if httpx.get(f"{intake_url}/v1/reports?limit=1", headers=headers, timeout=10).json()["items"]:
        return 0
    filed = 0
    for category, grid, description, severity, building in DEMO_REPORTS:
        body = {
            "category": category,
            "grid": grid,
            "description": description,
            "severity": severity,
            "place": {"building": building} if building else {},
        }
        response = httpx.post(
            f"{intake_url}/v1/reports",
            json=body,
            timeout=10,
            headers={**headers, "Idempotency-Key": str(uuid.uuid5(uuid.NAMESPACE_URL, description))},
        )
        filed += response.status_code == 201
    return filed


def console_links(dispatch_url: str, tokens: dict[str, str], liaisons: int = 3) -> list[tuple[str, str]]:
    """Sign-in links to the departments' console: the dispatcher of the district with the most demo
    reports, and the liaisons of the departments the demo reports route to most (asked of dispatch's
    routing preview, so the links follow the rule set in force)."""
    from collections import Counter

    from chuishao_shared.reference import load_reference

    ref = load_reference()
    districts = Counter(ref.chain(grid)[-1] for _, grid, *_ in DEMO_REPORTS)
    leads: Counter[str] = Counter()
    for category, grid, *_ in DEMO_REPORTS:
        response = httpx.post(
            f"{dispatch_url}/v1/routing/preview",
            json={"category": category, "grid": grid},
            headers={"Authorization": f"Bearer {tokens['admin']}"},
            timeout=10,
        )
        decision = response.json().get("decision") if response.status_code == 200 else None
        if decision:
            leads[decision["lead"]] += 1
    links = []
    for district, _ in districts.most_common(1):
        links.append((f"dispatcher:{district}", f"{dispatch_url}/console/#token={tokens[f'dispatcher:{district}']}"))
    for department, _ in leads.most_common(liaisons):
        name = f"liaison:{department}"
        if name in tokens:
            links.append((name, f"{dispatch_url}/console/#token={tokens[name]}"))
    return links


def demo_people() -> dict[str, dict[str, Any]]:
    """The demo people, by the name of their demo token: each one's subject and role claims. The same
    subjects sign in with a password at `make run`'s embedded OpenID provider (chuishao_shared.idp), so
    the directory and the roles line up whichever way a person signs in."""
    from chuishao_shared.reference import load_reference

    ref = load_reference()
    grids = [g.code for g in ref.grids()]
    districts = [j.code for j in ref.jurisdictions.values() if j.level == "district"]

    def person(sub: str, role: str, **claims: Any) -> dict[str, Any]:
        return {"subject": sub, "claims": {"role": role, **{k: v for k, v in claims.items() if v is not None}}}

    people = {
        "grid_worker": person("demo-grid-worker", "grid_worker", grids=grids),
        "admin": person("demo-admin", "admin"),
        "ops": person("demo-ops", "ops"),
    }
    for district in districts:
        people[f"dispatcher:{district}"] = person(f"demo-dispatcher-{district}", "dispatcher", jurisdiction=district)
    # One grid worker per community too, each for that community's grids only (the app's sign-in links).
    for community in ref.communities():
        own = [g for g in grids if ref.community_of(g).code == community.code]
        people[f"grid_worker:{community.code}"] = person(f"demo-worker-{community.code}", "grid_worker", grids=own)
    for code in ref.departments:
        people[f"liaison:{code}"] = person(f"demo-liaison-{code}", "liaison", department=code)
    # The community side (COMMUNITY.md §1): staff and a volunteer per community, and a co-building
    # unit's contact.
    for community in ref.communities():
        for role in ("community_staff", "volunteer"):
            people[f"{role}:{community.code}"] = person(
                f"demo-{role.replace('_', '-')}-{community.code}", role, community=community.code
            )
    people["unit_contact:DEMO-UNIT"] = person("demo-unit-contact", "unit_contact", unit="DEMO-UNIT")
    return people


def demo_tokens(ttl_seconds: int | None = None) -> dict[str, str]:
    """One token per role for the demo data set; a liaison per demo department. They live as long as
    CHUISHAO_JWT_MAX_LIFETIME allows (unless `ttl_seconds` says less)."""
    settings = get_settings()
    ttl_seconds = ttl_seconds or settings.jwt_max_lifetime
    return {
        name: mint_token(settings, sub=p["subject"], ttl_seconds=ttl_seconds, **p["claims"])
        for name, p in demo_people().items()
    }


def seed_community_history(env: dict[str, str], log_file: Path) -> subprocess.Popen[bytes]:
    """A year of the community side's history (members, units, orders, projects, activities, needs in
    every state, 议事 topics through all five steps), written by the community service's own seeding
    command (`python -m chuishao_community seed-demo`, chuishao_community/demo_seed.py) through its use
    cases and outbox, so tracking's projections get the events. It takes a few minutes at full size,
    so `make run` starts it in the background once the services are ready; a second start adds nothing."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    output = open(log_file, "ab")  # noqa: SIM115 - handed to the child
    scale = os.environ.get("CHUISHAO_DEMO_SCALE", "1.0")
    return subprocess.Popen(
        [sys.executable, "-m", "chuishao_community", "seed-demo", "--scale", scale],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
