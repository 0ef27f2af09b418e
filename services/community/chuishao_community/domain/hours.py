"""The hours rule (志愿时长) for needs, and who is behind their yearly target.

- A need's hours count only when the need is confirmed (staff or the grid worker, with the resident).
- The claimant reports the hours spent with `done` (more than 0, at most 24).
- The credit is the reported hours, capped by the need's `hours_wanted` when it gives one, and in any
  case by CHUISHAO_COMMUNITY_MAX_NEED_HOURS (default 8): one need is at most a working day, whatever
  was typed. Rounded to a quarter of an hour. A unit's claim credits no member.
- The ledger is append-only: a correction is a new entry, never an edit.
"""

from __future__ import annotations

from datetime import datetime


def credited_hours(reported: float, wanted: float | None, cap: float) -> float:
    limit = min(cap, wanted) if wanted is not None and wanted > 0 else cap
    hours = max(0.0, min(reported, limit))
    return round(hours * 4) / 4


def year_fraction(at: datetime) -> float:
    """The share of `at`'s calendar year gone by (0 on 1 January, nearly 1 on 31 December)."""
    start = at.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1)
    return (at - start) / (end - start)


def is_behind(hours_this_year: float, yearly_target: float, at: datetime) -> bool:
    """Behind: fewer hours this year than the target's share of the year gone by (pro rata)."""
    return hours_this_year < yearly_target * year_fraction(at)
