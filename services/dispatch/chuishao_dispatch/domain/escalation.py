"""The escalation ladder (pure arithmetic; the Case decides which deadlines are unmet).

Per missed deadline D with window W: level 1 at D, level 2 at D + W, level 3 at D + 2W. The case's
level only rises and each level fires once, so the next level fires at the earliest instant any
unmet deadline reaches it; several levels due at once fire in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_LEVEL = 3
# level → (grade, who is alerted)
LADDER: dict[int, tuple[str, str]] = {
    1: ("blue", "community_duty_desk"),
    2: ("yellow", "street_leadership"),
    3: ("red", "district"),
}
ACKNOWLEDGE = "acknowledge"
RESOLVE = "resolve"
TRIAGE = "triage"  # the dispatcher's: a case waiting in triage past its triage deadline


@dataclass(frozen=True)
class Deadline:
    kind: str  # ACKNOWLEDGE, RESOLVE or TRIAGE
    due_at: datetime
    window: timedelta
    department: str | None = None  # the assignment's department for an acknowledge deadline

    @property
    def reason(self) -> str:
        return f"{self.kind}_overdue"

    def reaches(self, level: int) -> datetime:
        """When this deadline, if still unmet, puts the case at `level`."""
        return self.due_at + (level - 1) * self.window


@dataclass(frozen=True)
class Step:
    level: int
    fires_at: datetime
    deadline: Deadline

    @property
    def grade(self) -> str:
        return LADDER[self.level][0]

    @property
    def to(self) -> str:
        return LADDER[self.level][1]


def _next(deadlines: Sequence[Deadline], level: int) -> Step | None:
    if level > MAX_LEVEL or not deadlines:
        return None
    first = min(deadlines, key=lambda d: (d.reaches(level), d.kind != ACKNOWLEDGE, d.department or ""))
    return Step(level, first.reaches(level), first)


def next_step(deadlines: Sequence[Deadline], current_level: int) -> Step | None:
    """The next level the case would reach, and when (None at the top or with nothing unmet)."""
    return _next(deadlines, current_level + 1)


def due_steps(deadlines: Sequence[Deadline], current_level: int, now: datetime) -> list[Step]:
    """Every level above `current_level` due by `now`, lowest first."""
    steps = []
    step = next_step(deadlines, current_level)
    while step is not None and step.fires_at <= now:
        steps.append(step)
        step = next_step(deadlines, step.level)
    return steps
