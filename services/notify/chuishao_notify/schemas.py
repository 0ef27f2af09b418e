"""API schemas, separate from the tables. The secret is accepted, never returned."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chuishao_notify.domain.notices import NOTICE_KINDS


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: str | None = Field(None, description="A department code: its cases, reminders and escalations")
    jurisdiction: str | None = Field(
        None, description="A community, street or district code: its duty desk's escalation, return and rework notices"
    )
    url: str = Field(description="http or https, no credentials in it")
    format: str = Field("generic", description="generic, wecom or dingtalk")
    secret: str | None = Field(
        None,
        description="Signs every delivery (generic: Chuishao-Signature; dingtalk: the robot's 加签 secret). "
        "Write-only: never returned. Optional for wecom, whose robot URL carries its key.",
    )
    events: list[str] = Field(default_factory=lambda: list(NOTICE_KINDS), description=f"any of {list(NOTICE_KINDS)}")
