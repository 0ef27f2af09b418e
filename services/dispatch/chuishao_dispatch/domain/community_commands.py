"""点单响应's commands (domain/community_loop.py has the rules): a dispatcher's hand-over, and the
community's need events as dispatch consumes them (no request: the consumer's processed-events table
dedupes them)."""

from __future__ import annotations

from dataclasses import dataclass

from chuishao_dispatch.domain.commands import CaseCommand, Command


@dataclass(frozen=True, kw_only=True)
class HandToCommunity(CaseCommand):
    """The community's forces answer this case (POST /v1/cases/{id}/hand-to-community)."""

    community: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class SeeCommunityNeed(Command):
    """need.recorded / need.confirmed / need.cancelled of a need whose `origin_case_id` is a case here."""

    type: str
    case_id: str
    need_id: str
    satisfaction: str | None = None
