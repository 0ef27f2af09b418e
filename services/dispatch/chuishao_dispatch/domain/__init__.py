"""The pure domain of the dispatch service: the case state machine, the routing engine, the SLA
clock, the escalation ladder and duplicate matching. Standard library only."""

from chuishao_dispatch.domain.assignment import Assignment
from chuishao_dispatch.domain.case import Case
from chuishao_dispatch.domain.duplicates import MatterKey, best_match, is_same_matter, similarity
from chuishao_dispatch.domain.errors import (
    CaseNotFound,
    DomainError,
    IllegalTransition,
    InvalidCommand,
    InvalidRuleSet,
    NotAllowed,
    NotAssigned,
)
from chuishao_dispatch.domain.routing import RoutingDecision, RoutingRule, RuleSet, candidates, route
from chuishao_dispatch.domain.sla import CalendarExhausted, WorkCalendar, add_duration, working_time_between
from chuishao_dispatch.domain.values import (
    SYSTEM,
    Actor,
    DomainEvent,
    ReportFacts,
    SlaTerms,
    TimelineEntry,
)
from chuishao_shared.vocabulary import CASE_EVENT_TYPES as EVENT_TYPES
from chuishao_shared.vocabulary import CASE_STATUSES

__all__ = [
    "CaseNotFound",
    "InvalidRuleSet",
    "CASE_STATUSES",
    "EVENT_TYPES",
    "SYSTEM",
    "Actor",
    "Assignment",
    "Case",
    "DomainError",
    "DomainEvent",
    "IllegalTransition",
    "InvalidCommand",
    "MatterKey",
    "NotAllowed",
    "NotAssigned",
    "ReportFacts",
    "RoutingDecision",
    "RoutingRule",
    "RuleSet",
    "SlaTerms",
    "TimelineEntry",
    "CalendarExhausted",
    "WorkCalendar",
    "add_duration",
    "best_match",
    "candidates",
    "is_same_matter",
    "route",
    "similarity",
    "working_time_between",
]
