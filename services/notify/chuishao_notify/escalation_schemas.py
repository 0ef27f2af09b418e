"""The escalation API's schemas (issue 25 item 2), separate from the tables and the domain."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_STEPS: list[Any] = [
    {"kind": "level", "level": 1, "wait_minutes": 15},
    {"kind": "level", "level": 2, "wait_minutes": 15},
    {"kind": "head", "wait_minutes": 15},
    {"kind": "desk", "wait_minutes": 30},
]
_POLICY: dict[str, Any] = {
    "owner": "XY-WQ-WY-WY",
    "version": 2,
    "steps": _STEPS,
    "repeats": 1,
    "head": "demo-head-XY-WQ-WY-WY",
    "valid_from": "2026-12-01T08:00:00+08:00",
    "default": False,
    "versions": 2,
}
_STEP_TAKEN: dict[str, Any] = {
    "position": 0,
    "kind": "level",
    "level": 1,
    "owner": "XY-WQ-WY-WY",
    "told": ["demo-duty-XY-WQ-WY-WY-n1"],
    "skipped": False,
    "taken_at": "2026-12-05T02:00:01+00:00",
    "notices": ["sent"],
}


class StepWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["level", "head", "desk"] = Field(
        description="level: the person on duty at a roster level; head: the department head; desk: the duty desk"
    )
    level: int | None = Field(default=None, ge=1, le=9, description="For a level step only")
    wait_minutes: float = Field(ge=0.05, le=1440, description="Minutes to wait for 签收 before the next step")


class PolicyWrite(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"steps": _STEPS, "repeats": 1, "head": "demo-head-XY-WQ-WY-WY"}]},
    )

    steps: list[StepWrite] = Field(min_length=1, max_length=10)
    repeats: int = Field(default=0, ge=0, le=5, description="How many more times the steps are gone through")
    head: str | None = Field(default=None, max_length=80, description="The department head's member id")
    reason: str = Field(default="", max_length=200)


class StepRead(BaseModel):
    kind: str
    level: int | None = None
    wait_minutes: float


class PolicyRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_POLICY]})

    owner: str
    version: int = Field(description="0: the built-in default (no policy written yet)")
    steps: list[StepRead]
    repeats: int
    head: str | None = None
    valid_from: str | None = None
    default: bool = False
    versions: int = 0


class StepTakenRead(BaseModel):
    position: int
    kind: str
    level: int | None = None
    owner: str = Field(description="Whose roster the person came from (the department or a duty desk)")
    told: list[str] = Field(description="Member ids told; empty when the step was skipped (nobody on duty)")
    skipped: bool
    taken_at: str
    notices: list[str] = Field(description="Each person notice's state: pending, sent, failed, unreachable")


class ChainRead(BaseModel):
    department: str
    policy_version: int
    status: str = Field(description="running, acknowledged (签收 stopped it), stopped, exhausted")
    started_at: str
    next_at: str | None = None
    stopped_at: str | None = None
    steps: list[StepTakenRead]


class ChainsRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "case_id": "c-8f2a",
                    "chains": [
                        {
                            "department": "XY-WQ-WY-WY",
                            "policy_version": 2,
                            "status": "acknowledged",
                            "started_at": "2026-12-05T02:00:00+00:00",
                            "next_at": None,
                            "stopped_at": "2026-12-05T02:09:40+00:00",
                            "steps": [_STEP_TAKEN],
                        }
                    ],
                }
            ]
        }
    )

    case_id: str
    chains: list[ChainRead]
