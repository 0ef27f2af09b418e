"""bench/city.py --sustained: each minute's figures and memory, summed up as the issue asks (RSS growth
under 10 % from the first minute to the last means flat)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from city import sustained  # noqa: E402


async def test_each_minute_is_measured_and_memory_growth_is_judged_from_the_first_to_the_last() -> None:
    asked: list[tuple[float, float]] = []

    async def file(rate: float, seconds: float) -> dict[str, float]:
        asked.append((rate, seconds))
        return {f"r{len(asked)}-{i}": 0.0 for i in range(3)}

    async def settle(sent: dict[str, float]) -> dict[str, Any]:
        return {"filed": len(sent), "missing": 0, "p50_ms": 80.0, "p99_ms": 120.0 + len(asked)}

    me = os.getpid()
    result = await sustained(file, settle, {"sustained_rate": 50.0, "sustained_minutes": 3}, {"bench": me}, {"x": me})
    assert asked == [(50.0, 60.0)] * 3
    assert result["filed"] == 9 and result["missing"] == 0 and result["minutes"] == 3
    assert result["p99_ms_worst_minute"] == 123.0
    assert [m["minute"] for m in result["per_minute"]] == [1, 2, 3]
    assert all(m["rss_mb"]["x"] > 0 for m in result["per_minute"])
    assert set(result["rss_growth_pct"]) == {"x"}
    assert result["rss_flat"] == (result["rss_growth_pct"]["x"] < 10)
