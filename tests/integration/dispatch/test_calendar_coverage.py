"""Dispatch tells operators before the holiday calendar runs out: a readiness warning and a metric."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chuishao_shared.reference.holidays import coverage_days, coverage_warning
from support.system import System


async def test_readiness_warns_and_the_metric_counts_the_days_left(chuishao: System) -> None:
    covered_until = chuishao.dispatch.app.state.context.reference.calendar.covered_until
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the calendar's own day
    ready = await chuishao.dispatch.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    expected = coverage_warning(covered_until, today)
    assert ready.json().get("warnings", []) == ([expected] if expected else [])
    metrics = (await chuishao.dispatch.client.get("/metrics")).text
    line = next(m for m in metrics.splitlines() if m.startswith('chuishao_calendar_coverage_days{service="dispatch"}'))
    assert abs(float(line.split()[-1]) - coverage_days(covered_until, today)) <= 1  # the day may turn meanwhile
