"""Demo whistles drawn from the seed articles, filed through the real intake API by `make run` so the
board is not empty on a first start (only when the worker has filed nothing yet)."""

from __future__ import annotations

import uuid

import httpx

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
