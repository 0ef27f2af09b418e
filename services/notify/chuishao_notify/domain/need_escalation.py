"""Escalation for the community's needs (issue 25, COMMUNITY.md §2): an open need that nears its wanted-by
date with nobody's claim is escalated to the community's staff on duty, through the same policies, rosters
and chains as a case's 签收 — the community's policy (its code is the owner; the built-in default when it
has none), its roster's levels, its head, then the duty desks above it.

- A need event showing the need `open` with a wanted-by date still ahead starts a chain (unless one is
  running), due `lead` before the wanted-by date (at once when that is past already);
- a claim (`claimed`, `in_progress`, `done`, `confirmed`) stops it as `acknowledged`; anything else that
  takes the need out of `open` (`expired`, `cancelled`, `whistled`) stops it as `stopped`. A claim released
  or lapsed brings the need back to `open`, and a new chain.

The chain's id is `need:<need id>` (its `case_id`; never a case's uuid), its department the community code.
Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

PREFIX = "need:"
CLAIMED = frozenset({"claimed", "in_progress", "done", "confirmed"})


def chain_id(need_id: str) -> str:
    return f"{PREFIX}{need_id}"


def is_need_chain(case_id: str) -> bool:
    return case_id.startswith(PREFIX)


@dataclass(frozen=True)
class NeedPlan:
    action: str  # "start", "stop" or "none"
    stop_status: str = "stopped"
    due_at: datetime | None = None


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not value:
        return None
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else None


def need_plan(need: dict[str, Any], now: datetime, lead: timedelta) -> NeedPlan:
    status = need.get("status")
    if status == "open":
        wanted_by = _time(need.get("wanted_by"))
        if wanted_by is None or wanted_by <= now:
            return NeedPlan("none")
        return NeedPlan("start", due_at=max(now, wanted_by - lead))
    if status in CLAIMED:
        return NeedPlan("stop", "acknowledged")
    return NeedPlan("stop", "stopped")
