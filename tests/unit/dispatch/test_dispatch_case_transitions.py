"""The case state machine as a table: every command against every status.

A legal (command, status) pair must succeed, emit only known event types and land in the expected
status; an illegal one must raise IllegalTransition naming the current status and change nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from chuishao_dispatch.domain import CASE_STATUSES, EVENT_TYPES, Actor, Case, DomainEvent, IllegalTransition

if TYPE_CHECKING:
    from conftest import Builder

LEAD, OTHER = "WATER", "POLICE"  # as in conftest
AT_WORK = ("dispatched", "acknowledged", "in_progress", "reopened")
LIVE = ("triage", *AT_WORK)
NOT_TERMINAL = (*LIVE, "resolved")


def _first(case: Case, statuses: tuple[str, ...]) -> str:
    """The first department (lead first) whose assignment is in one of `statuses`, else the lead."""
    for department in case.departments_active() + [a.department for a in case.assignments]:
        assignment = case.assignment_of(department)
        if assignment is not None and assignment.status in statuses:
            return department
    return LEAD


def _liaison(b: Builder, case: Case, statuses: tuple[str, ...]) -> Actor:
    return b.liaison(_first(case, statuses))


def _request_extension(b: Builder, case: Case, at: float = 100) -> list[DomainEvent]:
    until = (case.resolve_due_at or b.t0) + timedelta(days=2)
    actor = _liaison(b, case, ("pending", "acknowledged", "in_progress"))
    return case.request_extension(actor, b.at(at), until, "需协调")


def _request(b: Builder, case: Case) -> None:
    if case.status in AT_WORK:  # otherwise the approval itself must be refused
        _request_extension(b, case, at=99)


def _absorb(b: Builder, case: Case) -> list[DomainEvent]:
    other = b.open(case_id="CASE-2")
    other.merge_into(b.dispatcher, b.at(99), case.id, "重复上报")
    return case.absorb(b.dispatcher, b.at(100), other)


def _approve(b: Builder, case: Case) -> list[DomainEvent]:
    _request(b, case)
    return case.approve_extension(b.dispatcher, b.at(100))


def _reject(b: Builder, case: Case) -> list[DomainEvent]:
    _request(b, case)
    return case.reject_extension(b.dispatcher, b.at(100), "理由不充分")


Command = Callable[["Builder", Case], list[DomainEvent]]

# name → (invocation, statuses where it is legal, {status: status after} where it changes status)
COMMANDS: dict[str, tuple[Command, tuple[str, ...], dict[str, str]]] = {
    "add_report": (lambda b, c: c.add_report("RPT-99", b.system, b.at(100)), NOT_TERMINAL, {}),
    "acknowledge": (
        lambda b, c: c.acknowledge(_liaison(b, c, ("pending",)), b.at(100)),
        AT_WORK,
        {"dispatched": "acknowledged", "reopened": "acknowledged"},  # the lead reports in
    ),
    "progress": (
        lambda b, c: c.progress(_liaison(b, c, ("acknowledged", "in_progress")), b.at(100), "处理中"),
        AT_WORK,
        {"acknowledged": "in_progress"},
    ),
    "resolve": (
        lambda b, c: c.resolve(
            _liaison(b, c, ("acknowledged", "in_progress")), b.at(100), "已办结", no_photo_reason="unsafe"
        ),
        AT_WORK,
        {"acknowledged": "resolved", "in_progress": "resolved"},  # else an assist finishes its part
    ),
    "return": (
        lambda b, c: c.return_(_liaison(b, c, ("pending", "acknowledged")), b.at(100), "非本部门职责"),
        AT_WORK,
        {"dispatched": "triage", "acknowledged": "triage", "reopened": "triage"},  # in_progress: assist
    ),
    "request_extension": (_request_extension, AT_WORK, {}),
    "approve_extension": (_approve, AT_WORK, {}),
    "reject_extension": (_reject, AT_WORK, {}),
    "route": (
        lambda b, c: c.route(b.dispatcher, b.at(100), [OTHER, LEAD], "人工分派"),
        ("triage",),
        {"triage": "dispatched"},
    ),
    "whistle": (lambda b, c: c.whistle(b.dispatcher, b.at(100), [OTHER], "需派出所协同"), AT_WORK, {}),
    "verify_fixed": (
        lambda b, c: c.verify(b.worker, b.at(100), True, "已修复"),
        ("resolved",),
        {"resolved": "closed"},
    ),
    "verify_not_fixed": (
        lambda b, c: c.verify(b.worker, b.at(100), False, "未修复"),
        ("resolved",),
        {"resolved": "reopened"},
    ),
    "record_feedback": (
        lambda b, c: c.record_feedback(b.worker, b.at(100), "satisfied", "很快"),
        ("resolved", "closed"),
        {},
    ),
    "merge_into": (
        lambda b, c: c.merge_into(b.dispatcher, b.at(100), "CASE-9", "重复"),
        LIVE,
        dict.fromkeys(LIVE, "merged"),
    ),
    "absorb": (_absorb, NOT_TERMINAL, {}),
    "cancel": (
        lambda b, c: c.cancel(b.dispatcher, b.at(100), "无效上报"),
        LIVE,
        dict.fromkeys(LIVE, "cancelled"),
    ),
}

TABLE = [(name, status) for name in COMMANDS for status in CASE_STATUSES]
LEGAL = [(n, s) for n, s in TABLE if s in COMMANDS[n][1]]
ILLEGAL = [(n, s) for n, s in TABLE if s not in COMMANDS[n][1]]


@pytest.mark.parametrize(("command", "status"), LEGAL)
def test_legal_transition(build: Builder, command: str, status: str) -> None:
    invoke, _, after = COMMANDS[command]
    case = build.case_in(status)
    version = case.version
    events = invoke(build, case)
    assert case.status == after.get(status, status)
    assert case.version > version
    assert {e.type for e in events} <= set(EVENT_TYPES)
    build.assert_json_ready(events)
    # one timeline entry per event, of the same type (record_feedback adds its own entry)
    if events:
        assert [t.type for t in case.timeline[-len(events) :]] == [e.type for e in events]


@pytest.mark.parametrize(("command", "status"), ILLEGAL)
def test_illegal_transition(build: Builder, command: str, status: str) -> None:
    invoke, _, _ = COMMANDS[command]
    case = build.case_in(status)
    before = json.dumps(case.to_dict(), sort_keys=True)
    with pytest.raises(IllegalTransition) as refused:
        invoke(build, case)
    assert refused.value.current_status == status
    assert f"in status '{status}'" in str(refused.value)
    assert json.dumps(case.to_dict(), sort_keys=True) == before


def test_the_table_covers_every_status_and_command() -> None:
    assert len(TABLE) == len(COMMANDS) * 9
    assert {s for _, s in LEGAL} == set(CASE_STATUSES) - {"merged", "cancelled"}
    # merged and cancelled accept nothing at all; closed only feedback
    assert [n for n, s in LEGAL if s == "closed"] == ["record_feedback"]
