"""The duty rosters' API schemas (值班表), separate from the tables and the domain."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

_LAYER = {
    "id": "5f0c1a9b-8e7d-4d6f-9c2b-1a0e3d4c5b6a",
    "level": 1,
    "name": "白班",
    "rrule": "FREQ=DAILY",
    "starts": "2026-12-01T08:00:00+08:00",
    "shift_minutes": 720,
    "members": ["liaison-wy-1", "liaison-wy-2"],
    "valid_from": "2026-12-01T08:00:00+08:00",
    "valid_until": None,
}
_OVERRIDE = {
    "id": "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "level": 1,
    "member": "liaison-wy-3",
    "starts": "2026-12-05T08:00:00+08:00",
    "ends": "2026-12-05T20:00:00+08:00",
}
_PERSON = {"member": "liaison-wy-1", "name": "王值班", "mobile": "138****8000"}
_SHIFT = {
    "gap": False,
    "member": "liaison-wy-1",
    "name": "王值班",
    "starts": "2026-12-05T08:00:00+08:00",
    "ends": "2026-12-05T20:00:00+08:00",
    "override": False,
}
_GAP = {
    **_SHIFT,
    "gap": True,
    "member": None,
    "name": None,
    "starts": "2026-12-05T20:00:00+08:00",
    "ends": "2026-12-06T08:00:00+08:00",
}


class LayerWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: int = Field(ge=1, le=9, description="1 is told first, then 2, …")
    name: str = Field(max_length=60, examples=["白班"])
    rrule: str = Field(max_length=300, examples=["FREQ=DAILY"], description="An iCalendar RRULE, no 'RRULE:' prefix")
    starts: AwareDatetime = Field(description="The first shift's start, e.g. 2026-12-01T08:00:00+08:00")
    shift_minutes: int = Field(ge=15, le=20160)
    members: list[str] = Field(min_length=1, max_length=50, description="Member ids in rotation order")


class OverrideWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: int = Field(ge=1, le=9)
    member: str = Field(min_length=1, max_length=80)
    starts: AwareDatetime
    ends: AwareDatetime
    reason: str = Field(default="", max_length=200)


class PersonWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=40)
    mobile: str = Field(default="", max_length=11, description="For the group robot's @mention; never shown whole")
    wecom_user_id: str = Field(default="", max_length=64, description="Told by WeCom application message")
    dingtalk_user_id: str = Field(default="", max_length=64, description="Told by DingTalk work notice")


class LayerRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_LAYER]})

    id: str
    level: int
    name: str
    rrule: str
    starts: str
    shift_minutes: int
    members: list[str]
    valid_from: str
    valid_until: str | None = None


class OverrideRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_OVERRIDE]})

    id: str
    level: int
    member: str
    starts: str
    ends: str


class PersonRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PERSON]})

    member: str
    name: str
    mobile: str = Field(description="Masked (138****8000), or empty")


class RosterRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"owner": "XY-WQ-WY-WY", "layers": [_LAYER], "overrides": [_OVERRIDE], "people": [_PERSON]}]
        }
    )

    owner: str
    layers: list[LayerRead]
    overrides: list[OverrideRead]
    people: list[PersonRead]


class ShiftRead(BaseModel):
    gap: bool = Field(description="Nobody on duty")
    member: str | None = None
    name: str | None = None
    starts: str
    ends: str | None = None
    override: bool


class OnDutyLevel(BaseModel):
    level: int
    now: ShiftRead
    next: ShiftRead | None = None


class OnDutyRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "owner": "XY-WQ-WY-WY",
                    "at": "2026-12-05T09:00:00+08:00",
                    "levels": [
                        {"level": 1, "now": _SHIFT, "next": {**_GAP}},
                        {"level": 2, "now": _GAP, "next": None},
                    ],
                }
            ]
        }
    )

    owner: str
    at: str
    levels: list[OnDutyLevel]


class WeekLevel(BaseModel):
    level: int
    shifts: list[ShiftRead]


class WeekRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"owner": "XY-WQ-WY-WY", "levels": [{"level": 1, "shifts": [_SHIFT, _GAP]}]}]}
    )

    owner: str
    levels: list[WeekLevel]
