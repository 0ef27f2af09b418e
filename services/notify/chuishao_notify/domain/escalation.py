"""Escalation policies (PRODUCT.md §9, issue 25 item 2): who is told when a department has not reported
in (签收). A policy is ordered steps — tell the person on duty at a roster level, the department head,
the duty desk — each followed by a wait; the whole list is gone through `1 + repeats` times. The
policy version in force when the case was opened applies. A step that finds nobody (a roster gap, no
head named, no desk on duty) is skipped straight to the next step, without waiting.

A chain is one (case, department) assignment's run through its policy: `position` counts the steps
taken so far (over the repeats), so the step at `position` is the next one due. Advancing a chain is a
pure function of the policy, the position and who is on duty: the caller stores what it returns in
one transaction, which is what makes a kill between steps neither repeat nor skip one.

Pure: plain values in, plain values out; no I/O."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from chuishao_shared.vocabulary import AT_WORK, PENDING

StepKind = Literal["level", "head", "desk"]
KINDS: tuple[StepKind, ...] = ("level", "head", "desk")
MAX_STEPS, MAX_REPEATS, MIN_WAIT_MINUTES, MAX_WAIT_MINUTES = 10, 5, 0.05, 24 * 60


class PolicyError(ValueError):
    """A bad policy: `field` names the offending input (a JSON pointer into the body)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Step:
    kind: StepKind
    wait_minutes: float  # how long to wait for 签收 after this step before the next (at least 3 s)
    level: int | None = None  # for kind "level": the roster level whose person on duty is told


@dataclass(frozen=True)
class Policy:
    owner: str
    version: int
    steps: tuple[Step, ...]
    repeats: int = 0
    head: str | None = None  # the department head's member id (on the roster's people)
    valid_from: datetime | None = None  # None: the built-in default, in force from the beginning

    @property
    def length(self) -> int:
        """How many steps the chain takes in all, repeats included."""
        return len(self.steps) * (1 + self.repeats)

    def step_at(self, position: int) -> Step:
        return self.steps[position % len(self.steps)]


def default_policy(owner: str) -> Policy:
    """The policy of a department nobody has written one for: level 1 at once, 15 minutes later level
    2, 15 minutes later the head, 15 minutes later the duty desk; then once more from the top."""
    return Policy(
        owner,
        0,
        (Step("level", 15, 1), Step("level", 15, 2), Step("head", 15), Step("desk", 30)),
        repeats=1,
    )


def validate_policy(policy: Policy) -> None:
    if not policy.steps:
        raise PolicyError("/steps", "name at least one step")
    if len(policy.steps) > MAX_STEPS:
        raise PolicyError("/steps", f"at most {MAX_STEPS} steps")
    if not 0 <= policy.repeats <= MAX_REPEATS:
        raise PolicyError("/repeats", f"must be 0 to {MAX_REPEATS}")
    for i, step in enumerate(policy.steps):
        if step.kind not in KINDS:
            raise PolicyError(f"/steps/{i}/kind", f"must be one of {', '.join(KINDS)}")
        if step.kind == "level" and (step.level is None or not 1 <= step.level <= 9):
            raise PolicyError(f"/steps/{i}/level", "a level step names a roster level 1 to 9")
        if step.kind != "level" and step.level is not None:
            raise PolicyError(f"/steps/{i}/level", "only a level step names a level")
        if not MIN_WAIT_MINUTES <= step.wait_minutes <= MAX_WAIT_MINUTES:
            raise PolicyError(f"/steps/{i}/wait_minutes", f"must be {MIN_WAIT_MINUTES} to {MAX_WAIT_MINUTES}")
    if any(s.kind == "head" for s in policy.steps) and not (policy.head or "").strip():
        raise PolicyError("/head", "a policy with a head step names the head (a member id)")


def policy_in_force(versions: Sequence[Policy], opened_at: datetime) -> Policy | None:
    """The version in force when the case was opened: the newest one valid from then or earlier. A case
    opened before the first version gets the first one (better than no policy at all)."""
    dated = sorted((p for p in versions if p.valid_from is not None), key=lambda p: p.version)
    if not dated:
        return None
    earlier = [p for p in dated if p.valid_from is not None and p.valid_from <= opened_at]
    return earlier[-1] if earlier else dated[0]


# --- the chain ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    """One step the chain took: whom it told (empty: skipped, nobody there)."""

    position: int
    kind: StepKind
    level: int | None
    told: tuple[str, ...]
    owner: str  # whose roster or person it came from (the department, or the duty desk)

    @property
    def skipped(self) -> bool:
        return not self.told


@dataclass(frozen=True)
class Advance:
    taken: tuple[Taken, ...]
    position: int  # the next step due
    next_at: datetime | None  # None: the chain has run out (every step and repeat taken)


@dataclass(frozen=True)
class Target:
    """Who a step reaches: member ids and the roster owner they belong to."""

    owner: str
    members: tuple[str, ...] = field(default_factory=tuple)


# Who a step reaches, as the service layer finds it (the roster's person on duty at a level, the
# head, the nearest duty desk's person on duty); an empty Target when nobody.
Resolve = Callable[[Step], Target]


def advance(policy: Policy, position: int, now: datetime, resolve: Resolve) -> Advance:
    """Take the step due at `position` — and, when it finds nobody, the next, at once — and say when the
    one after is due (now + the wait of the step that told someone)."""
    taken: list[Taken] = []
    while position < policy.length:
        step = policy.step_at(position)
        target = resolve(step)
        taken.append(Taken(position, step.kind, step.level, target.members, target.owner))
        position += 1
        if target.members:
            at = now + timedelta(minutes=step.wait_minutes)
            return Advance(tuple(taken), position, at if position < policy.length else None)
    return Advance(tuple(taken), position, None)


@dataclass(frozen=True)
class ChainKey:
    case_id: str
    department: str
    dispatched: str  # the assignment's ack_due_at: a new dispatch of the same department is a new chain


def chains_wanted(case: Mapping[str, Any]) -> tuple[list[ChainKey], set[str]]:
    """From a case snapshot: the chains that should run (assignments waiting for 签收; starting one that
    exists already is a no-op) and the departments whose chains must stop (reported in, returned,
    done, or the case is no longer at work)."""
    start: list[ChainKey] = []
    stop: set[str] = set()
    at_work = case.get("status") in AT_WORK
    for a in case.get("assignments") or []:
        department = a.get("department")
        if not department:
            continue
        if at_work and a.get("status") == PENDING:
            start.append(ChainKey(str(case["id"]), department, str(a.get("ack_due_at") or "")))
        else:
            stop.add(department)
    return start, stop


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    return {
        "owner": policy.owner,
        "version": policy.version,
        "steps": [
            {"kind": s.kind, "wait_minutes": s.wait_minutes, **({"level": s.level} if s.kind == "level" else {})}
            for s in policy.steps
        ],
        "repeats": policy.repeats,
        "head": policy.head,
        "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
    }


def steps_from(raw: Sequence[Mapping[str, Any]]) -> tuple[Step, ...]:
    return tuple(Step(s["kind"], float(s["wait_minutes"]), s.get("level")) for s in raw)
