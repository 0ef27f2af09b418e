"""点单响应, dispatch's half (COMMUNITY.md §2): a case the community's own forces answer, and the community's
answer closing it. Functions over the `Case` aggregate, written with its own checks and recording helpers
(case_state.py), so the case state machine stays the one in case.py:

- **hand_to_community** (a dispatcher; the case in triage or at work, not handed yet): the community's
  committee (社区居委会, the reference data's `community_committee` department of the case's community)
  becomes the lead — any other department still on the case is stood down (`returned`, with the reason)
  — and `case.dispatched` then `case.handed_to_community` are recorded. The community service makes the
  need from the latter. A community-forces category's case is not handed: the community makes its need
  from `case.opened`, and the routing rules already send it where they say.
- **link_need** (need.recorded with this case as its origin): the case learns its need; a timeline entry
  only (`case.need_linked`), no event.
- **close_with_need** (need.confirmed: the community's staff confirmed the help with the resident): the
  community's confirmation is the evidence. A case not yet resolved is resolved (every open assignment
  done, `case.resolved` by the lead) and then closed as `fixed` (`case.closed` with
  `evidence: {type: need.confirmed, need_id, satisfaction}`): the confirmation with the resident is the
  on-site check the grid worker's verification would otherwise be. A resolved case waiting for
  verification is closed the same way. A case already finished is left as it is.
- **need_cancelled** (need.cancelled): the community will not do it. The committee's part is returned
  with the reason; when it led, the case goes back to the dispatcher's triage queue (`case.returned`,
  `case.triaged` with reason `community_declined`). Otherwise a timeline entry only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chuishao_dispatch.domain.assignment import LEAD
from chuishao_dispatch.domain.case import Case
from chuishao_dispatch.domain.case_state import DISPATCHER_ROLES
from chuishao_dispatch.domain.errors import IllegalTransition, InvalidCommand
from chuishao_dispatch.domain.values import SYSTEM_ROLE, Actor, DomainEvent, require_text
from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import AT_WORK, CLOSED, DONE, FINISHED, FIXED, RESOLVED, RETURNED, UNSETTLED

HANDED, CONFIRMED, NEED_CANCELLED = "handed", "confirmed", "need_cancelled"
# The community service acting on a case through its events.
COMMUNITY = Actor("chuishao-community", SYSTEM_ROLE)
NEED_LINKED = "case.need_linked"  # a timeline entry only
STOOD_DOWN = "交社区力量承接 / handed to the community's forces"


def hand_to_community(
    case: Case, actor: Actor, at: datetime, community: str, reason: str, committee: str | None
) -> list[DomainEvent]:
    at = case._check("hand_to_community", UNSETTLED, at)
    case._require_role(actor, "hand_to_community", DISPATCHER_ROLES)
    if case.community_handover is not None and case.community_handover.get("status") == HANDED:
        raise IllegalTransition("hand_to_community", case.status, "the case is already with the community")
    community = require_text(community, "community", max_length=64)
    if community != case.community:
        raise InvalidCommand("community", f"the case is in community {case.community}, not {community}")
    reason = require_text(reason, "reason")
    events: list[DomainEvent] = []
    if committee is not None:
        for assignment in case.assignments:
            if assignment.active and assignment.department != committee:
                assignment.status, assignment.returned_at = RETURNED, at
                assignment.returned_reason = f"{STOOD_DOWN}: {reason}"
        kind, data = case._dispatch(committee, [], at, manual_reason=f"{STOOD_DOWN}: {reason}")
        data["reason"] = reason
        events.append(case._record(kind, actor, at, reason, data))
    case.community_handover = {"community": community, "department": committee, "need_id": None, "status": HANDED}
    data = {"community": community, "department": committee, "reason": reason, "building": case.report.building}
    events.append(case._record(EventType.CASE_HANDED_TO_COMMUNITY, actor, at, reason, data))
    return case._commit(*events)


def _handover(case: Case, need_id: str) -> dict[str, Any]:
    if case.community_handover is None:  # a community-forces category: the community took it at case.opened
        case.community_handover = {"community": case.community, "department": None, "need_id": None, "status": HANDED}
    case.community_handover["need_id"] = need_id
    return case.community_handover


def link_need(case: Case, at: datetime, need_id: str) -> bool:
    """The community recorded the case's need. False when there is nothing new to note."""
    if case.community_handover is not None and case.community_handover.get("need_id") == need_id:
        return False
    _handover(case, need_id)
    case._record(NEED_LINKED, COMMUNITY, at, "", {"need_id": need_id})
    case._commit()
    return True


def close_with_need(case: Case, at: datetime, need_id: str, satisfaction: str | None) -> list[DomainEvent]:
    if case.status in FINISHED:
        return []
    at = case._check("close_with_need", UNSETTLED | {RESOLVED}, at)
    handover = _handover(case, need_id)
    handover["status"] = CONFIRMED
    evidence = {"type": "need.confirmed", "need_id": need_id, "satisfaction": satisfaction}
    note = f"社区力量已办结，需求 {need_id} 经居民确认 / done by the community's forces, confirmed with the resident"
    events: list[DomainEvent] = []
    if case.status != RESOLVED:
        lead = case.lead
        department = lead.department if lead is not None else (handover.get("department") or case.community)
        also = [a.department for a in case.assignments if a.active and a is not lead]
        for assignment in case.assignments:
            if assignment.active:
                assignment.status, assignment.done_at = DONE, at
        case.status, case.resolved_at, case.pending_extension = RESOLVED, at, None
        data: dict[str, Any] = {
            "department": department,
            "on_time": case.resolve_due_at is None or at <= case.resolve_due_at,
            "photos": [],
            "resolve_due_at": case.resolve_due_at,
            "also_done": also,
            "evidence": evidence,
        }
        events.append(case._record(EventType.CASE_RESOLVED, COMMUNITY, at, note, data))
    case.status, case.resolution, case.closed_at = CLOSED, FIXED, at
    closed = {"resolution": FIXED, "photos": [], "evidence": evidence}
    events.append(case._record(EventType.CASE_CLOSED, COMMUNITY, at, note, closed))
    return case._commit(*events)


def need_cancelled(case: Case, at: datetime, need_id: str) -> list[DomainEvent]:
    if case.status in FINISHED:
        return []
    handover = _handover(case, need_id)
    handover["status"] = NEED_CANCELLED
    reason = f"社区取消了需求 {need_id} / the community cancelled the need"
    committee = handover.get("department")
    mine = case.assignment_of(committee) if committee and case.status in AT_WORK else None
    if mine is None or not mine.active:
        case._record(NEED_LINKED, COMMUNITY, at, reason, {"need_id": need_id, "need_status": "cancelled"})
        case._commit()
        return []
    mine.status, mine.returned_reason, mine.returned_at = RETURNED, reason, at
    returned = {"department": mine.department, "role": mine.role, "reason": reason, "next_lead": None}
    events = [case._record(EventType.CASE_RETURNED, COMMUNITY, at, reason, returned)]
    if mine.role == LEAD:
        case._to_triage(at)
        events.append(case._record(EventType.CASE_TRIAGED, COMMUNITY, at, "", {"reason": "community_declined"}))
    return case._commit(*events)
