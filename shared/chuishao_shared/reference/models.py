"""Typed reference data: jurisdictions, departments, categories, SLA policies, routing rules.

Every model is frozen and rejects unknown keys, so a typo in a data file is an error rather than
a silently ignored setting. Cross-entry checks (unknown codes, cycles, ...) live in the loader.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chuishao_shared.vocabulary import Severity

# Codes are stable ASCII identifiers stored in cases and events; keep them upper-case and dashed.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$", max_length=64)]
# SLA policy codes read like settings (`standard`, `urgent_safety`), so they are snake_case.
PolicyCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

Level = Literal["district", "street", "community", "grid"]
DepartmentKind = Literal[
    "government_bureau",
    "utility",
    "property_company",
    "police_station",
    "fire_brigade",
    "community_committee",
    "street_office",
    "social_organization",
]
CategoryKind = Literal["asset", "event"]  # 部件 / 事件
Clock = Literal["calendar", "working_hours"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Jurisdiction(_Frozen):
    """A node of district 区/县 → street 街道/镇 → community 社区 → grid 网格 (→ sub-grid)."""

    code: Code
    name: Name
    name_en: Name
    level: Level
    parent: Code | None = None
    households: Annotated[int, Field(ge=0)] | None = None
    # 1 = 一级 (300–500 households), 2 = 二级 (50–100), 3 = 三级 (10–20); grids only.
    # Optional in the file; the loader fills it in from the depth below the community.
    grid_level: Literal[1, 2, 3] | None = None


class Department(_Frozen):
    code: Code
    name: Name
    name_en: Name
    kind: DepartmentKind
    jurisdiction: Code  # the node whose area it serves


class Category(_Frozen):
    """A 小类: what a grid worker picks when filing a report."""

    code: Code
    name: Name
    name_en: Name
    kind: CategoryKind
    default_severity: Severity
    sla_policy: PolicyCode
    major: Code  # the 大类 it belongs to
    # A community-forces matter (点单响应): the need kind (community.yaml) its cases become; None otherwise.
    community_forces: PolicyCode | None = None


class MajorCategory(_Frozen):
    """A 大类: groups 小类 and can carry routing rules for all of them at once."""

    code: Code
    name: Name
    name_en: Name
    children: tuple[Code, ...]


# The triage deadline where a policy names none: an hour (the seeds' "1小时内回复"), half an hour for a
# major matter, ten minutes in an emergency.
TRIAGE_DEFAULT_MINUTES: dict[str, int] = {"minor": 60, "major": 30, "emergency": 10}


class SlaPolicy(_Frozen):
    code: PolicyCode
    name: Name
    clock: Clock
    # Keyed by severity; the loader checks that all three severities are present.
    acknowledge_within_minutes: dict[Severity, Annotated[int, Field(gt=0)]]
    resolve_within_minutes: dict[Severity, Annotated[int, Field(gt=0)]]
    # How long a case may wait in the dispatcher's triage queue (no rule matched, or its lead returned it
    # with no next candidate) before it escalates like any missed deadline. Optional in the file: a
    # severity not named takes TRIAGE_DEFAULT_MINUTES.
    triage_within_minutes: dict[Severity, Annotated[int, Field(gt=0)]] = {}

    def triage_minutes(self, severity: Severity) -> int:
        return self.triage_within_minutes.get(severity, TRIAGE_DEFAULT_MINUTES[severity])


class WorkCalendar(_Frozen):
    """When a `working_hours` clock runs: weekdays between start and end, except holidays.

    `makeup_workdays` are the weekend days that China's 调休 turns into working days.
    """

    timezone: str
    start: time
    end: time
    weekdays: frozenset[Annotated[int, Field(ge=1, le=7)]]  # ISO: Monday = 1
    holidays: frozenset[date]
    makeup_workdays: frozenset[date] = frozenset()
    # The last day the holiday data knows (None: the calendar is not limited, e.g. in tests).
    covered_until: date | None = None
    # Past it, the statutory holidays computed from the lunar calendar (reference/statutory.py).
    estimated_holidays: frozenset[date] = frozenset()


class RoutingRuleData(_Frozen):
    id: RuleId
    category: Code  # a 小类 or a 大类
    scope: Code  # a jurisdiction at any level
    lead: Code
    assist: tuple[Code, ...] = ()
    note: str | None = None


class RuleSetData(_Frozen):
    version: Annotated[int, Field(ge=1)]
    rules: tuple[RoutingRuleData, ...]
