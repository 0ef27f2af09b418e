"""Small factories with random ids for request bodies and tokens."""

from __future__ import annotations

import uuid
from typing import Any

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings

GRID = "XY-WQ-WY-G01"
OTHER_GRID = "XY-WQ-WY-G02"
CATEGORY = "ENV-STAIRWELL-DIRTY"


def report_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "category": CATEGORY,
        "grid": GRID,
        "description": f"3号楼2单元楼道堆放杂物 {uuid.uuid4().hex[:6]}",
        "severity": "minor",
        "place": {"building": "3号楼", "unit": "2单元"},
        "photos": ["https://img.example.cn/p/1.jpg"],
    }
    body.update(overrides)
    return body


def worker_token(settings: Settings, grids: list[str] | None = None, sub: str | None = None) -> str:
    return mint_token(settings, sub=sub or f"worker-{uuid.uuid4().hex[:8]}", role="grid_worker", grids=grids or [GRID])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def report_received_data(report_id: str) -> dict[str, Any]:
    """The data of a `report.received` event, as intake publishes it, for a report of 五阳社区."""
    return {
        "report_id": report_id,
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "description": "楼道堆物",
        "severity": "minor",
        "reporter": "w1",
        "received_at": "2026-11-01T00:00:00Z",
    }
