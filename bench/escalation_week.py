"""A week of one street's escalation chains, simulated (issue 25, `make bench`): a few hundred cases
arriving by a day/night curve, each dispatched to a department serving its community, run through
notify's real pure domain — the demo escalation policy (`demo_policy_bodies`) advanced step by step by
`domain.escalation.advance`, the person on duty found in the demo rosters (`demo_roster_bodies`)
expanded by `domain.rosters.level_timeline` (iCalendar recurrences, Asia/Shanghai) — on a simulated
clock: nothing waits in real time.

Each person told answers (签收) after a random delay, or never: a seeded RNG draws, per person, how
reliable they are, and per notice whether and when they answer (working hours quicker and likelier than
nights and weekends; the head less likely; the street's duty desk nine times in ten, within minutes). The
first answer stops the chain, as `case.acknowledged` does; the step reached at 签收 is classified by
`domain.escalation_stats.reached`, as GET /v1/escalation-stats does.

Reports per step of the policy how many chains it told (or skipped: a roster gap), how many were
acknowledged while it was the last step taken and their minutes from dispatch to 签收 (median, p90),
and per step reached the shares. Writes bench/results/escalation_week.json and prints a table.

Usage: python bench/escalation_week.py [--seed N] [--cases N] [--output PATH]"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from chuishao_notify.domain.escalation import Policy, Step, Target, advance, steps_from
from chuishao_notify.domain.escalation_stats import REACHED, percentile, reached, shares
from chuishao_notify.domain.rosters import SHANGHAI, Layer, Roster, Shift, level_timeline
from chuishao_shared.demo_rosters import demo_policy_bodies, demo_roster_bodies
from chuishao_shared.reference import ReferenceData, load_reference

HERE = Path(__file__).resolve().parent
STREET = "XY-WQ"  # 王桥镇
WEEK_START = datetime(2026, 12, 7, tzinfo=SHANGHAI)  # a Monday
DEFAULT_CASES, DEFAULT_SEED = 400, 25
# Cases per hour of the day (Asia/Shanghai), relative; weekends at three quarters.
HOURLY = (0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.8, 1.5, 2.5, 3.0, 3.0, 2.6, 1.8, 2.0, 2.6, 2.8, 2.6, 2.2, 1.8, 1.5, 1.3)
HOURLY += (1.0, 0.7, 0.5)
WEEKEND = 0.75


@dataclass(frozen=True)
class Answering:
    """How one kind of person answers a notice: the chance they answer at all (times their own
    reliability) and the lognormal delay (median minutes, sigma)."""

    chance: float
    median_minutes: float
    sigma: float


DUTY_DAY = Answering(0.85, 6.0, 0.8)  # the department's person on duty in working hours
DUTY_NIGHT = Answering(0.6, 12.0, 0.9)  # at night and at weekends
HEAD = Answering(0.7, 8.0, 0.8)
DESK = Answering(0.9, 5.0, 0.6)  # the street's duty desk (值班长): nearly always, soon


def working_hours(at: datetime) -> bool:
    local = at.astimezone(SHANGHAI)
    minutes = local.hour * 60 + local.minute
    return local.weekday() < 5 and 8 * 60 + 30 <= minutes < 17 * 60 + 30


class Duty:
    """Who is on duty at each (owner, level), from the demo rosters expanded once over the week."""

    def __init__(self, rosters: dict[str, dict[str, Any]], owners: set[str], start: datetime, end: datetime) -> None:
        self.timelines: dict[tuple[str, int], tuple[list[datetime], list[Shift]]] = {}
        for owner in owners:
            body = rosters.get(owner)
            if body is None:
                continue
            roster = Roster(owner, [_layer(owner, i, raw) for i, raw in enumerate(body["layers"])])
            for level in sorted({layer.level for layer in roster.layers}):
                shifts = level_timeline(roster, level, start, end)
                self.timelines[(owner, level)] = ([s.starts for s in shifts], shifts)

    def on(self, owner: str, level: int, at: datetime) -> tuple[str, ...]:
        found = self.timelines.get((owner, level))
        if found is None:
            return ()  # no such level: a gap
        starts, shifts = found
        i = bisect.bisect_right(starts, at) - 1
        member = shifts[i].member if i >= 0 else None
        return (member,) if member else ()


def _layer(owner: str, i: int, raw: dict[str, Any]) -> Layer:
    starts = datetime.fromisoformat(raw["starts"])
    return Layer(
        id=f"{owner}-{i}",
        level=raw["level"],
        name=raw["name"],
        rrule=raw["rrule"],
        starts=starts,
        shift=timedelta(minutes=raw["shift_minutes"]),
        members=tuple(raw["members"]),
        valid_from=starts,
    )


def arrivals(rng: random.Random, n: int) -> list[datetime]:
    """n dispatch times over the week, by the hourly curve."""
    slots = [(day, hour) for day in range(7) for hour in range(24)]
    weights = [HOURLY[hour] * (WEEKEND if day >= 5 else 1.0) for day, hour in slots]
    picked = rng.choices(slots, weights=weights, k=n)
    return sorted(WEEK_START + timedelta(days=d, hours=h, seconds=rng.uniform(0, 3600)) for d, h in picked)


def street_departments(ref: ReferenceData, community: str) -> tuple[list[str], list[float]]:
    """The departments serving a community (their area holds it), the nearer the likelier: the
    community's own 3, the street's 2, the county's 1."""
    chain = ref.chain(community)
    serving = sorted(c for c, d in ref.departments.items() if d.jurisdiction in chain)
    weight = {"community": 3.0, "street": 2.0}
    return serving, [weight.get(ref.jurisdictions[ref.departments[c].jurisdiction].level, 1.0) for c in serving]


def simulate(seed: int = DEFAULT_SEED, cases: int = DEFAULT_CASES, ref: ReferenceData | None = None) -> dict[str, Any]:
    """The week's report (deterministic for a seed)."""
    ref = ref or load_reference()
    rng = random.Random(seed)
    communities = sorted(
        j.code for j in ref.jurisdictions.values() if j.level == "community" and STREET in ref.chain(j.code)
    )
    serving = {c: street_departments(ref, c) for c in communities}
    policies = {
        code: Policy(code, 1, steps_from(body["steps"]), body["repeats"], body["head"], WEEK_START)
        for code, body in demo_policy_bodies(ref).items()
    }
    owners = {d for codes, _ in serving.values() for d in codes} | {o for c in communities for o in ref.chain(c)}
    duty = Duty(demo_roster_bodies(ref), owners, WEEK_START - timedelta(days=1), WEEK_START + timedelta(days=9))
    reliability: dict[str, float] = {}

    def answers(member: str, who: Answering) -> float | None:
        """Minutes until this person answers this notice, or None (never)."""
        trait = reliability.setdefault(member, 1.0 if who is DESK else rng.choice((1.0, 1.0, 1.0, 0.8, 0.5, 0.0)))
        if rng.random() >= who.chance * trait:
            return None
        return who.median_minutes * math.exp(rng.gauss(0.0, who.sigma))

    chains = [_run(policies, duty, ref, rng, serving, communities, at, answers) for at in arrivals(rng, cases)]
    return report(chains, policies, seed, len(communities))


@dataclass
class ChainRun:
    department: str
    dispatched: datetime
    steps: list[tuple[int, str, int | None, int]]  # (position, kind, level, people told)
    acknowledged_minutes: float | None
    reached: str
    reached_position: int | None


def _run(
    policies: dict[str, Policy],
    duty: Duty,
    ref: ReferenceData,
    rng: random.Random,
    serving: dict[str, tuple[list[str], list[float]]],
    communities: list[str],
    dispatched: datetime,
    answers: Callable[[str, Answering], float | None],
) -> ChainRun:
    community = rng.choice(communities)
    codes, weights = serving[community]
    department = rng.choices(codes, weights=weights)[0]
    policy = policies[department]
    desks = ref.chain(community)

    def resolver(at: datetime) -> Callable[[Step], Target]:
        def resolve(step: Step) -> Target:  # as service_layer.escalating._resolver does
            if step.kind == "level":
                return Target(department, duty.on(department, step.level or 1, at))
            if step.kind == "head":
                return Target(department, (policy.head,) if policy.head else ())
            for desk in desks:
                members = duty.on(desk, 1, at)
                if members:
                    return Target(desk, members)
            return Target(department)

        return resolve

    position, at = 0, dispatched
    steps: list[tuple[int, str, int | None, int]] = []
    first_answer: datetime | None = None
    told_kinds: list[str] = []
    last_told: int | None = None
    while True:
        moved = advance(policy, position, at, resolver(at))
        for taken in moved.taken:
            steps.append((taken.position, taken.kind, taken.level, len(taken.told)))
            if taken.told:
                told_kinds.append(taken.kind)
                last_told = taken.position
            for member in taken.told:
                who = {"head": HEAD, "desk": DESK}.get(taken.kind) or (DUTY_DAY if working_hours(at) else DUTY_NIGHT)
                minutes = answers(member, who)
                if minutes is not None:
                    answer = at + timedelta(minutes=minutes)
                    first_answer = answer if first_answer is None else min(first_answer, answer)
        # The first answer before the next step is due stops the chain; after the last step the chain
        # has run out, but a late answer is still its 签收.
        if first_answer is not None and (moved.next_at is None or first_answer < moved.next_at):
            minutes = (first_answer - dispatched).total_seconds() / 60
            return ChainRun(department, dispatched, steps, minutes, reached(told_kinds, acknowledged=True), last_told)
        if moved.next_at is None:
            return ChainRun(department, dispatched, steps, None, "never", None)
        position, at = moved.position, moved.next_at


def _times(values: list[float]) -> dict[str, float | None]:
    median, p90 = percentile(values, 0.5), percentile(values, 0.9)
    return {
        "median_minutes": round(median, 1) if median is not None else None,
        "p90_minutes": round(p90, 1) if p90 is not None else None,
    }


def report(chains: list[ChainRun], policies: dict[str, Policy], seed: int, communities: int) -> dict[str, Any]:
    policy = next(iter(policies.values()))  # the demo policy is the same for every department
    by_step = []
    for position in range(policy.length):
        step = policy.step_at(position)
        taken = [c for c in chains if any(s[0] == position for s in c.steps)]
        told = [c for c in taken if any(s[0] == position and s[3] for s in c.steps)]
        here = [c for c in chains if c.reached_position == position and c.acknowledged_minutes is not None]
        by_step.append(
            {
                "position": position,
                "kind": step.kind,
                "level": step.level,
                "wait_minutes": step.wait_minutes,
                "taken": len(taken),
                "told": len(told),
                "skipped": len(taken) - len(told),
                "acknowledged_here": len(here),
                **_times([c.acknowledged_minutes for c in here if c.acknowledged_minutes is not None]),
            }
        )
    counts = {k: sum(1 for c in chains if c.reached == k) for k in REACHED}
    share = shares(counts)
    acked = [c.acknowledged_minutes for c in chains if c.acknowledged_minutes is not None]
    by_reached = [
        {
            "step": k,
            "count": counts[k],
            "share": share[k],
            **_times([c.acknowledged_minutes for c in chains if c.reached == k and c.acknowledged_minutes is not None]),
        }
        for k in REACHED
    ]
    periods = {}
    for name, test in (("working_hours", True), ("nights_and_weekends", False)):
        group = [c for c in chains if working_hours(c.dispatched) is test]
        group_counts = {k: sum(1 for c in group if c.reached == k) for k in REACHED}
        periods[name] = {
            "cases": len(group),
            "first_person_share": shares(group_counts)["first"],
            **_times([c.acknowledged_minutes for c in group if c.acknowledged_minutes is not None]),
        }
    return {
        "street": STREET,
        "communities": communities,
        "week_start": WEEK_START.isoformat(),
        "seed": seed,
        "cases": len(chains),
        "departments": len({c.department for c in chains}),
        "acknowledged": len(acked),
        "never": counts["never"],
        **_times(acked),
        "first_person_share": share["first"],
        "by_step": by_step,
        "by_reached": by_reached,
        "by_period": periods,
        "policy": {
            "steps": [f"{s.kind}{s.level or ''}+{s.wait_minutes:g}m" for s in policy.steps],
            "repeats": policy.repeats,
        },
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"escalation week: {result['cases']} cases in {result['street']} ({result['communities']} communities, "
        f"{result['departments']} departments), seed {result['seed']}",
        f"  签收 {result['acknowledged']}, never {result['never']}; dispatch to 签收 median "
        f"{result['median_minutes']} min, p90 {result['p90_minutes']} min; first person told "
        f"{result['first_person_share']:.1%}",
        "  pos  step     taken  told  skipped  签收 here  median  p90 (min from dispatch)",
    ]
    for s in result["by_step"]:
        name = f"{s['kind']}{s['level'] or ''}"
        lines.append(
            f"  {s['position']:>3}  {name:<7} {s['taken']:>6} {s['told']:>5} {s['skipped']:>8} "
            f"{s['acknowledged_here']:>9}  {s['median_minutes']!s:>6} {s['p90_minutes']!s:>5}"
        )
    lines.append(
        "  reached at 签收: " + ", ".join(f"{r['step']} {r['count']} ({r['share']:.1%})" for r in result["by_reached"])
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "escalation_week.json")
    args = parser.parse_args(argv)
    clock = time.perf_counter()
    result = simulate(args.seed, args.cases)
    result["elapsed_seconds"] = round(time.perf_counter() - clock, 2)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(table(result))
    print(f"  ({result['elapsed_seconds']} s; written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
