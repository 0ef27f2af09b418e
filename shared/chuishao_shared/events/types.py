"""Every event type, once: the names published on the wire (`type` of the CloudEvents envelope).
A StrEnum, so each member is its wire string (`EventType.CASE_OPENED == "case.opened"`) and JSON,
pydantic and SQL parameters see the same text as before."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    REPORT_RECEIVED = "report.received"
    REPORT_VERIFIED = "report.verified"
    REPORT_FEEDBACK = "report.feedback"
    CASE_OPENED = "case.opened"
    CASE_TRIAGED = "case.triaged"
    CASE_DISPATCHED = "case.dispatched"
    CASE_ACKNOWLEDGED = "case.acknowledged"
    CASE_PROGRESSED = "case.progressed"
    CASE_RESOLVED = "case.resolved"
    CASE_RETURNED = "case.returned"
    CASE_WHISTLED = "case.whistled"
    CASE_ESCALATED = "case.escalated"
    CASE_EXTENDED = "case.extended"
    CASE_REOPENED = "case.reopened"
    CASE_CLOSED = "case.closed"
    CASE_MERGED = "case.merged"
    CASE_CANCELLED = "case.cancelled"
    CASE_HANDED_TO_COMMUNITY = "case.handed_to_community"  # 点单响应: the community's forces answer it
    # The community side (COMMUNITY.md §4), on chuishao.community.v1
    MEMBER_REGISTERED = "member.registered"
    MEMBER_CONFIRMED = "member.confirmed"
    MEMBER_PAUSED = "member.paused"
    MEMBER_LEFT = "member.left"
    NEED_RECORDED = "need.recorded"
    NEED_CLAIMED = "need.claimed"
    NEED_CLAIM_CONFIRMED = "need.claim_confirmed"
    NEED_RELEASED = "need.released"
    NEED_LAPSED = "need.lapsed"
    NEED_STARTED = "need.started"
    NEED_DONE = "need.done"
    NEED_CONFIRMED = "need.confirmed"
    NEED_EXPIRED = "need.expired"
    NEED_CANCELLED = "need.cancelled"
    NEED_WHISTLED = "need.whistled"
    NEED_CASE_CLOSED = "need.case_closed"  # a whistled need's case ended (closed or cancelled)
    HOURS_RECORDED = "hours.recorded"
    # 议事 (COMMUNITY.md §3), on chuishao.community.v1, keyed by the topic id
    TOPIC_COLLECTED = "topic.collected"
    TOPIC_SET = "topic.set"
    TOPIC_MOVED = "topic.moved"
    TOPIC_REVIEWED = "topic.reviewed"
    MEETING_HELD = "meeting.held"
    MEETING_DECIDED = "meeting.decided"
    ACTION_CREATED = "action.created"
    ACTION_FILED = "action.filed"
    ACTION_DONE = "action.done"
    ACTION_OVERDUE = "action.overdue"
    # The community's forces (COMMUNITY.md §2), on chuishao.community.v1: units, resources, orders,
    # activities, projects, certificates (forces_contracts.py)
    UNIT_REGISTERED = "unit.registered"
    UNIT_SIGNED = "unit.signed"
    RESOURCE_OFFERED = "resource.offered"
    ORDER_POSTED = "order.posted"
    ORDER_RESPONDED = "order.responded"
    ORDER_CLOSED = "order.closed"
    ACTIVITY_CREATED = "activity.created"
    ACTIVITY_SIGNED_UP = "activity.signed_up"
    ACTIVITY_CHECKED_IN = "activity.checked_in"
    ACTIVITY_CHECKED_OUT = "activity.checked_out"
    ACTIVITY_HOURS_GRANTED = "activity.hours_granted"
    ACTIVITY_CLOSED = "activity.closed"
    PROJECT_CREATED = "project.created"
    PROJECT_PROGRESSED = "project.progressed"
    CERTIFICATE_ISSUED = "certificate.issued"
    # Teams and posts (志愿服务队, 志愿服务岗位; COMMUNITY.md §2), on chuishao.community.v1 (team_contracts.py)
    TEAM_CREATED = "team.created"
    TEAM_MEMBER_ADDED = "team.member_added"
    TEAM_MEMBER_ENDED = "team.member_ended"
    POST_CREATED = "post.created"
    POST_HOLDER_ADDED = "post.holder_added"
    POST_HOLDER_ENDED = "post.holder_ended"
    # The directory (PRODUCT.md §9), on chuishao.people.v1
    PERSON_CHANGED = "person.changed"
    PERSON_DEACTIVATED = "person.deactivated"
    # Reference data at run time (PRODUCT.md §9), on chuishao.reference.v1: a version approved
    REFERENCE_CHANGED = "reference.changed"

    @property
    def is_case_event(self) -> bool:
        return self.value.startswith("case.")

    @property
    def is_community_event(self) -> bool:
        return self.value.startswith(("member.", "need.", "hours."))
