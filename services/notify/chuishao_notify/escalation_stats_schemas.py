"""The escalation statistics' schemas (issue 25 item 4), separate from the tables and the domain."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_BY_STEP: list[dict[str, Any]] = [
    {"step": "first", "count": 30, "share": 0.75, "median_seconds": 240.0, "p90_seconds": 700.0},
    {"step": "next_layer", "count": 0, "share": 0.0, "median_seconds": None, "p90_seconds": None},
    {"step": "head", "count": 6, "share": 0.15, "median_seconds": 1260.0, "p90_seconds": 1650.0},
    {"step": "desk", "count": 3, "share": 0.075, "median_seconds": 2100.0, "p90_seconds": 2500.0},
    {"step": "none_told", "count": 0, "share": 0.0, "median_seconds": None, "p90_seconds": None},
    {"step": "never", "count": 1, "share": 0.025, "median_seconds": None, "p90_seconds": None},
]
_SUMMARY: dict[str, Any] = {
    "cases": 41,
    "acknowledged": 39,
    "waiting": 1,
    "median_seconds": 300.0,
    "p90_seconds": 1500.0,
    "first_person_share": 0.75,
    "by_step": _BY_STEP,
}


class EscalationStepFigures(BaseModel):
    step: str = Field(
        description="The step reached at 签收: first (the first person told), next_layer (a later roster "
        "level, or level 1 again on a repeat), head, desk, none_told (签收 before anyone was told), never "
        "(ended without 签收)"
    )
    count: int
    share: float | None = Field(default=None, description="Of the ended chains (waiting ones left out)")
    median_seconds: float | None = Field(default=None, description="Dispatch to 签收 of these chains")
    p90_seconds: float | None = None


class EscalationLevelFigures(BaseModel):
    level: int = Field(description="The roster level whose person on duty was the last told before 签收")
    acknowledged: int
    median_seconds: float | None = None
    p90_seconds: float | None = None


class EscalationSummary(BaseModel):
    cases: int = Field(description="Chains started in the period (one per case and department dispatched)")
    acknowledged: int
    waiting: int = Field(description="Chains still running")
    median_seconds: float | None = Field(default=None, description="Dispatch to 签收 (median) of the acknowledged")
    p90_seconds: float | None = None
    first_person_share: float | None = Field(
        default=None, description="Share of ended chains the first person told 签收 for"
    )
    by_step: list[EscalationStepFigures]


class EscalationDepartmentFigures(EscalationSummary):
    department: str
    name: str
    by_level: list[EscalationLevelFigures]


class EscalationStatsRead(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "from": "2026-11-29T00:00:00+08:00",
                    "to": "2026-12-06T00:00:00+08:00",
                    "total": _SUMMARY,
                    "departments": [
                        {
                            "department": "XY-WQ-WY-WY",
                            "name": "五阳物业服务公司",
                            **_SUMMARY,
                            "by_level": [
                                {"level": 1, "acknowledged": 30, "median_seconds": 240.0, "p90_seconds": 700.0}
                            ],
                        }
                    ],
                }
            ]
        },
    )

    from_: str = Field(alias="from", description="The period's start (chains started from then)")
    to: str = Field(description="The period's end (exclusive)")
    total: EscalationSummary
    departments: list[EscalationDepartmentFigures] = Field(description="Each department with chains in the period")
