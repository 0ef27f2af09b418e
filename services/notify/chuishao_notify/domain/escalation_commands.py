"""Escalation's commands (issue 25 items 2 and 3), in the imperative; each has one handler in
`service_layer.handlers`. Kept beside `commands.py` so that module stays small."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chuishao_shared.auth import Principal


@dataclass(frozen=True, kw_only=True)
class PutEscalationPolicy:
    """An admin writes a department's (or duty desk's) policy: a new version, in force from now."""

    principal: Principal
    owner: str
    steps: list[dict[str, Any]]
    repeats: int
    head: str | None
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class AdvanceEscalations:
    """Take the due step of up to `limit` chains, each in a unit of work of its own."""

    limit: int = 50


@dataclass(frozen=True, kw_only=True)
class SendPersonNotices:
    """Send due person notices (WeCom application message / DingTalk work notice)."""

    limit: int = 20
