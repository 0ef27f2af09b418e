"""Escalation measured (issue 25 item 4): for each chain, the step that was reached when the department
reported in (签收), and the shares of those steps over the chains that have ended.

A chain's **reached** step is the last step that told someone before 签收:
- `first`: the first person told (the first step that found someone) — they, or their department, 签收'd
  before anyone else was told;
- `next_layer`: a later roster-level step (level 2, …, or level 1 again on a repeat);
- `head`: the department head;
- `desk`: the duty desk;
- `none_told`: 签收 before any step told anyone (acknowledged from the console at once, or every step a gap);
- `never`: the chain ended without 签收 (every step taken, or the assignment returned or the case finished);
- `waiting`: still running (not counted in the shares).

The SQL in `adapters.escalation_stats` classifies the same way; the week simulation
(`bench/escalation_week.py`) uses these functions directly.

Pure: plain values in, plain values out; no I/O."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

REACHED: tuple[str, ...] = ("first", "next_layer", "head", "desk", "none_told", "never")
WAITING = "waiting"


def reached(told_kinds: Sequence[str], *, acknowledged: bool, running: bool = False) -> str:
    """The step reached, from the kinds ("level", "head", "desk") of the steps that told someone before
    签收, in order."""
    if not acknowledged:
        return WAITING if running else "never"
    if not told_kinds:
        return "none_told"
    if len(told_kinds) == 1:
        return "first"
    last = told_kinds[-1]
    return last if last in ("head", "desk") else "next_layer"


def shares(counts: Mapping[str, int]) -> dict[str, float | None]:
    """Each reached step's share of the chains that have ended (`waiting` ones are left out), rounded to
    four places; None for every step when none has ended."""
    ended = sum(max(0, int(counts.get(k, 0))) for k in REACHED)
    return {k: (round(max(0, int(counts.get(k, 0))) / ended, 4) if ended else None) for k in REACHED}


def first_person_share(counts: Mapping[str, int]) -> float | None:
    """The share of ended chains acknowledged while only the first person told had been told."""
    return shares(counts)["first"]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation between the closest ranks — what PostgreSQL's
    `percentile_cont` computes — or None for no values."""
    if not 0 <= q <= 1:
        raise ValueError("q must be within 0 and 1")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = q * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
