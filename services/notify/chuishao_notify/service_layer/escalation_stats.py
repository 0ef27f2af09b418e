"""Escalation measured (issue 25 item 4): per department, how many chains started in a period, the
time from dispatch to 签收 (median, p90), the step reached at 签收 — the first person told, a later
layer, the head, the desk, nobody told yet, never — with each step's share of the chains that have
ended, and the roster level reached. Admins read every department; a dispatcher the departments whose
area lies within their jurisdiction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from chuishao_notify.adapters.escalation_stats import Figure, StatsRows
from chuishao_notify.domain.escalation_stats import REACHED, WAITING, shares
from chuishao_notify.domain.rosters import SHANGHAI
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.rosters import serves_within
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem, field_problem

DEFAULT_DAYS = 7
MAX_DAYS = 366
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # beyond them a datetime's arithmetic could overflow


def now() -> datetime:
    return datetime.now(UTC)


def departments_of(ctx: NotifyContext, principal: Principal) -> list[str]:
    """The departments the reader may measure: all for an admin; for a dispatcher, those whose area
    (the department's jurisdiction node) lies within the dispatcher's jurisdiction."""
    if principal.role == "admin":
        return sorted(ctx.reference.departments)
    if principal.role != "dispatcher" or not principal.jurisdiction:
        return []
    return sorted(code for code in ctx.reference.departments if serves_within(ctx, code, principal.jurisdiction))


def period(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """[from, to): to defaults to now, from to a week before to; a time without an offset is
    Asia/Shanghai's."""
    for name, value in (("from", start), ("to", end)):
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise field_problem(name, f"must be within the years {EARLIEST_YEAR} to {LATEST_YEAR}")
    end = _aware(end) if end else now()
    start = _aware(start) if start else end - timedelta(days=DEFAULT_DAYS)
    if start >= end:
        raise field_problem("to", "must be later than from")
    if end - start > timedelta(days=MAX_DAYS):
        raise field_problem("from", f"the period is at most {MAX_DAYS} days")
    return start, end


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)


async def read_stats(
    bus: NotifyBus,
    principal: Principal,
    *,
    start: datetime | None,
    end: datetime | None,
    department: str | None,
) -> dict[str, Any]:
    ctx = bus.context
    start, end = period(start, end)
    allowed = departments_of(ctx, principal)
    if department is not None:
        if department not in ctx.reference.departments:
            raise field_problem("department", f"unknown department {department!r}")
        if department not in allowed:
            raise Problem(403, "Forbidden", "This department is outside your jurisdiction.")
        allowed = [department]
    async with bus.uow() as uow:
        rows = await uow.escalation_stats.period(start, end, allowed)
    shown = sorted(set(rows.by_department) | ({department} if department else set()))
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "total": summary(rows.total, rows.by_reached),
        "departments": [
            {
                "department": code,
                "name": ctx.names.departments.get(code, code),
                **summary(
                    rows.by_department.get(code),
                    {r: f for (d, r), f in rows.by_department_reached.items() if d == code},
                ),
                "by_level": [
                    {"level": level, **_times(f), "acknowledged": f.chains}
                    for (d, level), f in sorted(rows.by_department_level.items())
                    if d == code
                ],
            }
            for code in shown
        ],
    }


def _times(figure: Figure | None) -> dict[str, float | None]:
    return {
        "median_seconds": round(figure.median_seconds, 1) if figure and figure.median_seconds is not None else None,
        "p90_seconds": round(figure.p90_seconds, 1) if figure and figure.p90_seconds is not None else None,
    }


def summary(all_chains: Figure | None, by_reached: dict[str, Figure]) -> dict[str, Any]:
    """A group's figures: cases (chains), acknowledged, waiting, times to 签收, and per step reached
    its count, share and times."""
    counts = {k: f.chains for k, f in by_reached.items()}
    share = shares(counts)
    waiting = counts.get(WAITING, 0)
    never = counts.get("never", 0)
    cases = all_chains.chains if all_chains else 0
    return {
        "cases": cases,
        "acknowledged": cases - waiting - never,
        "waiting": waiting,
        **_times(all_chains),
        "first_person_share": share["first"],
        "by_step": [
            {"step": step, "count": counts.get(step, 0), "share": share[step], **_times(by_reached.get(step))}
            for step in REACHED
        ],
    }


__all__ = ["StatsRows", "read_stats"]
