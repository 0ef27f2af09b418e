"""Every dispatch command and every consumed report event through its handler, on a fake unit of work
(no I/O): what is saved, what is staged in the outbox, what is remembered for a retried request, and
that metrics are counted only after the commit."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from unit.dispatch.fakes import FakeCaseRepository, FakeUnitOfWork, Store

from chuishao_dispatch.domain import (
    Actor,
    Case,
    CaseNotFound,
    IllegalTransition,
    InvalidCommand,
    InvalidRuleSet,
    NotAssigned,
)
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.report_consumer import command_of
from chuishao_dispatch.entrypoints.timers import MAX_TIMER_FAILURES, fire_due_timers
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import UnroutableReport, message_bus
from chuishao_shared.events import new_envelope
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import CASES, ESCALATIONS_SET_ASIDE
from chuishao_shared.reference import load_reference

REFERENCE = load_reference()
GRID, CATEGORY = "XY-WQ-WY-G01", "ENV-STAIRWELL-DIRTY"
LEAD, ASSIST, OTHER = "XY-WQ-WY-WY", "XY-WQ-WY-JWH", "XY-WQ-PCS"
T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in Beijing
DISPATCHER = Actor("dispatcher-1", "dispatcher", jurisdiction="XY")
ADMIN = Actor("admin-1", "admin")
_ids = itertools.count(1)


def liaison(department: str) -> Actor:
    return Actor(f"liaison-{department}", "liaison", department)


class Harness:
    """A bus over a fake store with a clock the test moves."""

    def __init__(self) -> None:
        self.store = Store()
        self.clock = T0
        self.context = DispatchContext(
            reference=REFERENCE,
            duplicate_window=timedelta(hours=24),
            duplicate_min_similarity=0.3,
            now=lambda: self.clock,
        )
        self.uows: list[FakeUnitOfWork] = []
        self.bus = message_bus(self._uow, self.context)
        rules = [r.model_dump() for r in REFERENCE.routing.rules]
        self.store.rule_sets.append((REFERENCE.routing.version, rules))

    def _uow(self) -> FakeUnitOfWork:
        self.uows.append(FakeUnitOfWork(self.store))
        return self.uows[-1]

    async def handle(self, command: c.Command) -> Any:
        return await self.bus.handle(command)

    def at(self, minutes: float) -> datetime:
        self.clock = T0 + timedelta(minutes=minutes)
        return self.clock

    def case(self, case_id: str) -> Case:
        return Case.from_dict(self.store.cases[case_id].doc)

    def events(self, case_id: str) -> list[tuple[int, str]]:
        return [(e.sequence, e.type) for e in self.store.outbox if e.subject == case_id]

    async def report(self, **overrides: Any) -> str:
        """A report arrives (as the consumer hands it over); returns the case it went to."""
        report_id = overrides.pop("report_id", f"RPT-{next(_ids)}")
        envelope = new_envelope(
            EventType.REPORT_RECEIVED,
            source="/chuishao/intake",
            subject=report_id,
            sequence=1,
            data={
                "report_id": report_id,
                "category": CATEGORY,
                "grid": GRID,
                "community": "XY-WQ-WY",
                "description": "3号楼2单元楼道堆放杂物",
                "severity": "minor",
                "place": {"building": "3号楼"},
                "handled_on_site": False,
                "reporter": "gw-1",
                "received_at": self.clock,
                **overrides,
            },
        )
        command = command_of(envelope)
        assert isinstance(command, c.OpenCase)
        await self.handle(command)
        return self.store.report_cases[report_id]


def request(key: str | None = None, body: str = "{}") -> c.Request:
    return c.Request(key, f"fingerprint of {body}")


@pytest.fixture
def h() -> Harness:
    return Harness()


# ------------------------------------------------------------------------- consumed report events


async def test_a_report_opens_a_routed_case_with_its_events_in_the_outbox(h: Harness) -> None:
    case_id = await h.report()
    case = h.case(case_id)
    assert case.status == "dispatched" and case.lead and case.lead.department == LEAD
    assert h.events(case_id) == [(1, EventType.CASE_OPENED), (2, EventType.CASE_DISPATCHED)]
    assert h.store.commits == 1


async def test_a_duplicate_report_joins_the_open_case_and_a_resent_report_changes_nothing(h: Harness) -> None:
    case_id = await h.report(report_id="RPT-A")
    assert await h.report(report_id="RPT-B") == case_id
    assert h.case(case_id).whistle_count == 2 and h.events(case_id)[-1] == (3, EventType.CASE_MERGED)
    before = (len(h.store.outbox), h.store.commits)
    assert await h.report(report_id="RPT-B") == case_id  # the same report under another event id
    assert (len(h.store.outbox), h.store.commits) == before


async def test_a_matching_case_settled_after_matching_read_it_is_passed_over(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Matching reads the open cases' matters without locking them; the one it picks is locked, and if it
    was settled in between, the report goes to the next best or opens a case of its own."""
    first = await h.report(report_id="RPT-FIRST")
    read = FakeCaseRepository.matter_candidates

    async def read_then_settled_elsewhere(self: FakeCaseRepository, **kwargs: Any) -> Any:
        candidates = await read(self, **kwargs)
        self.state.cases[first].doc["status"] = "closed"  # another transaction closed it meanwhile
        return candidates

    monkeypatch.setattr(FakeCaseRepository, "matter_candidates", read_then_settled_elsewhere)
    second = await h.report(report_id="RPT-SECOND")
    assert second != first and h.case(second).whistle_count == 1
    assert h.case(first).report_ids == ["RPT-FIRST"]


async def test_a_report_handled_on_site_is_opened_and_closed(h: Harness) -> None:
    case_id = await h.report(handled_on_site=True)
    assert h.case(case_id).status == "closed"
    assert [t for _, t in h.events(case_id)] == [EventType.CASE_OPENED, EventType.CASE_CLOSED]


async def test_an_unknown_category_is_unroutable_and_writes_nothing(h: Harness) -> None:
    with pytest.raises(UnroutableReport):
        await h.report(category="NO-SUCH")
    assert h.store.outbox == [] and h.store.commits == 0


async def _resolved(h: Harness) -> str:
    case_id = await h.report()
    await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD)))
    await h.handle(c.ResolveCase(case_id=case_id, actor=liaison(LEAD), note="已清理", photos=("https://i/a.jpg",)))
    return case_id


async def test_verification_closes_or_reopens_and_feedback_is_kept(h: Harness) -> None:
    fixed = await _resolved(h)
    report_id = h.case(fixed).report_ids[0]
    await h.handle(c.VerifyCase(report_id=report_id, actor=Actor("gw-1", "grid_worker"), fixed=True))
    assert h.case(fixed).status == "closed"
    await h.handle(c.RecordFeedback(report_id=report_id, satisfaction="satisfied", comment="很及时"))
    feedback = h.case(fixed).feedback
    assert feedback is not None and feedback.satisfaction == "satisfied"

    not_fixed = await _resolved(h)
    report_id = h.case(not_fixed).report_ids[0]
    await h.handle(c.VerifyCase(report_id=report_id, actor=Actor("gw-1", "grid_worker"), fixed=False, note="仍有"))
    assert h.case(not_fixed).status == "reopened" and h.case(not_fixed).rework_count == 1


async def test_verification_of_a_report_without_a_case_is_refused(h: Harness) -> None:
    with pytest.raises(LookupError):
        await h.handle(c.VerifyCase(report_id="RPT-NONE", actor=Actor("gw-1", "grid_worker"), fixed=True))


def test_every_report_event_type_builds_a_command_and_others_are_ignored() -> None:
    def envelope(kind: str, data: dict[str, Any]) -> Any:
        return new_envelope(kind, source="/t", subject="RPT-1", sequence=1, data=data)

    verified = envelope(
        EventType.REPORT_VERIFIED,
        {"report_id": "RPT-1", "case_id": "C", "result": "not_fixed", "verified_by": "gw-9", "verified_at": T0},
    )
    feedback = envelope(
        EventType.REPORT_FEEDBACK,
        {"report_id": "RPT-1", "case_id": "C", "satisfaction": "unsatisfied", "recorded_at": T0},
    )
    assert command_of(verified) == c.VerifyCase(report_id="RPT-1", actor=Actor("gw-9", "grid_worker"), fixed=False)
    assert command_of(feedback) == c.RecordFeedback(report_id="RPT-1", satisfaction="unsatisfied")


# --------------------------------------------------------------------------- the departments


async def test_acknowledge_progress_resolve_continue_the_case_sequence(h: Harness) -> None:
    case_id = await h.report()
    h.at(10)
    view = await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD)))
    assert view["status"] == "acknowledged"
    await h.handle(c.RecordProgress(case_id=case_id, actor=liaison(LEAD), note="已到场", photos=("https://p/1.jpg",)))
    assert h.case(case_id).status == "in_progress"
    view = await h.handle(
        c.ResolveCase(case_id=case_id, actor=liaison(LEAD), note="已清理", photos=("https://i/a.jpg",))
    )
    assert view["status"] == "resolved"
    assert [s for s, _ in h.events(case_id)] == list(range(1, len(h.events(case_id)) + 1))


async def test_a_refused_action_saves_nothing(h: Harness) -> None:
    case_id = await h.report()
    before = (len(h.store.outbox), h.store.commits)
    with pytest.raises(NotAssigned):
        await h.handle(c.AcknowledgeCase(case_id=case_id, actor=DISPATCHER))  # a dispatcher does not report in
    with pytest.raises(IllegalTransition):
        await h.handle(c.ResolveCase(case_id=case_id, actor=liaison(LEAD), note="x"))  # not acknowledged yet
    assert (len(h.store.outbox), h.store.commits) == before


async def test_another_departments_case_is_not_found(h: Harness) -> None:
    case_id = await h.report()
    with pytest.raises(CaseNotFound):
        await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(OTHER)))
    with pytest.raises(CaseNotFound):
        await h.handle(c.AcknowledgeCase(case_id="no-such-case", actor=liaison(LEAD)))


async def test_a_retried_request_gets_the_first_answer_and_writes_nothing_more(h: Harness) -> None:
    case_id = await h.report()
    first = await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD), request=request("k1")))
    writes = len(h.store.outbox)
    again = await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD), request=request("k1")))
    assert again == first and len(h.store.outbox) == writes


async def test_a_lead_return_goes_to_the_next_rule_or_triage(h: Harness) -> None:
    case_id = await h.report()
    view = await h.handle(c.ReturnCase(case_id=case_id, actor=liaison(LEAD), reason="不属于物业"))
    assert h.events(case_id)[2][1] == EventType.CASE_RETURNED
    assert view["status"] in ("dispatched", "triage")
    lead = h.case(case_id).lead
    assert lead is None or lead.department != LEAD


async def test_extension_requested_then_approved_or_rejected(h: Harness) -> None:
    case_id = await h.report()
    await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD)))
    until = T0 + timedelta(days=5)
    with pytest.raises(InvalidCommand) as naive:
        await h.handle(
            c.RequestExtension(case_id=case_id, actor=liaison(LEAD), until=until.replace(tzinfo=None), reason="r")
        )
    assert naive.value.field == "until"
    await h.handle(c.RequestExtension(case_id=case_id, actor=liaison(LEAD), until=until, reason="需采购配件"))
    assert h.case(case_id).pending_extension is not None
    await h.handle(c.ApproveExtension(case_id=case_id, actor=DISPATCHER))
    assert h.case(case_id).resolve_due_at == until and h.case(case_id).pending_extension is None

    await h.handle(
        c.RequestExtension(case_id=case_id, actor=liaison(LEAD), until=until + timedelta(days=1), reason="r")
    )
    await h.handle(c.RejectExtension(case_id=case_id, actor=DISPATCHER, reason="不予延期"))
    assert h.case(case_id).pending_extension is None and h.case(case_id).resolve_due_at == until


# --------------------------------------------------------------------------- the dispatcher


async def test_route_a_triaged_case_and_whistle_more_departments(h: Harness) -> None:
    h.store.rule_sets.clear()  # no rules: the report waits in triage
    case_id = await h.report()
    assert h.case(case_id).status == "triage"
    with pytest.raises(InvalidCommand) as unknown:
        await h.handle(c.RouteCase(case_id=case_id, actor=DISPATCHER, departments=("NO-SUCH",), reason="r"))
    assert unknown.value.field == "departments.0"
    await h.handle(c.RouteCase(case_id=case_id, actor=DISPATCHER, departments=(LEAD,), reason="物业负责"))
    assert h.case(case_id).status == "dispatched"
    await h.handle(c.WhistleCase(case_id=case_id, actor=DISPATCHER, departments=(OTHER,), reason="需派出所"))
    assert {a.department for a in h.case(case_id).assignments} == {LEAD, OTHER}


async def test_cancel_and_merge(h: Harness) -> None:
    cancelled = await h.report(description="无效上报 测试")
    await h.handle(c.CancelCase(case_id=cancelled, actor=DISPATCHER, reason="无效上报"))
    assert h.case(cancelled).status == "cancelled"

    target = await h.report(description="5号楼下水道堵塞", place={"building": "5号楼"})
    source = await h.report(grid="XY-WQ-WY-G02", description="另一处")
    with pytest.raises(InvalidCommand) as itself:
        await h.handle(c.MergeCase(case_id=source, actor=DISPATCHER, into=source, reason="r"))
    assert itself.value.field == "into"
    with pytest.raises(InvalidCommand) as invisible:
        await h.handle(c.MergeCase(case_id=source, actor=DISPATCHER, into="no-such", reason="r"))
    assert invisible.value.field == "into"
    view = await h.handle(c.MergeCase(case_id=source, actor=DISPATCHER, into=target, reason="同一事项"))
    assert view["id"] == target and h.case(source).status == "merged"
    assert set(h.case(source).report_ids) <= set(h.case(target).report_ids)


async def test_store_rule_set_versions_and_refuses_unknown_codes(h: Harness) -> None:
    rule = {"id": "R-NEW", "category": CATEGORY, "scope": GRID, "lead": LEAD, "assist": [], "note": None}
    response = await h.handle(c.StoreRuleSet(actor=ADMIN, rules=(rule,)))
    assert response["version"] == REFERENCE.routing.version + 1
    with pytest.raises(InvalidRuleSet) as refused:
        await h.handle(c.StoreRuleSet(actor=ADMIN, rules=({**rule, "lead": "NO-SUCH"},)))
    assert refused.value.errors[0]["field"].startswith("rules.0")
    # A malformed code (found by schemathesis: it answered 500) is refused naming the field.
    with pytest.raises(InvalidRuleSet) as malformed:
        await h.handle(c.StoreRuleSet(actor=ADMIN, rules=(rule, {**rule, "id": "R-2", "category": ""})))
    assert [e["field"] for e in malformed.value.errors] == ["rules.1.category"]


# ------------------------------------------------------------------------------------ timers


async def test_escalate_fires_due_levels_once(h: Harness) -> None:
    case_id = await h.report()
    assert await h.handle(c.EscalateCase(case_id=case_id, now=T0)) == 0  # nothing due yet
    late = h.case(case_id).next_timer_at()
    assert late is not None
    assert await h.handle(c.EscalateCase(case_id=case_id, now=late)) == 1
    assert h.case(case_id).escalation_level == 1 and h.events(case_id)[-1][1] == EventType.CASE_ESCALATED
    assert await h.handle(c.EscalateCase(case_id=case_id, now=late)) == 0


async def test_one_case_whose_escalation_raises_holds_up_no_other(h: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    case_ids = []
    for minutes, grid in zip((-10, 0, 0), ("XY-WQ-WY-G01", "XY-WQ-WY-G02", "XY-WQ-WY-G03"), strict=True):
        h.at(minutes)
        case_ids.append(await h.report(grid=grid, description=f"事项 {grid}"))
    poisoned = case_ids[0]  # the earliest due: claimed first on every sweep
    escalate_due = Case.escalate_due

    def failing(case: Case, now: datetime) -> Any:
        if case.id == poisoned:
            raise RuntimeError("corrupt deadline")
        return escalate_due(case, now)

    monkeypatch.setattr(Case, "escalate_due", failing)
    late = T0 + timedelta(days=3)
    set_aside_before = ESCALATIONS_SET_ASIDE._value.get()
    written = await fire_due_timers(h.bus, late)
    assert written > 0
    assert all(h.case(i).escalation_level > 0 for i in case_ids[1:])
    assert h.case(poisoned).escalation_level == 0 and h.store.cases[poisoned].timer_failures == 1
    for _ in range(MAX_TIMER_FAILURES - 1):
        await fire_due_timers(h.bus, late)
    row = h.store.cases[poisoned]
    assert row.timer_cleared and row.timer_error == "RuntimeError: corrupt deadline"
    assert ESCALATIONS_SET_ASIDE._value.get() == set_aside_before + 1
    async with FakeUnitOfWork(h.store) as uow:
        assert poisoned not in await uow.cases.due_for_escalation(late, 50)


# ------------------------------------------------------------------------- after the commit


async def test_metrics_are_counted_only_after_the_commit(h: Harness) -> None:
    case_id = await h.report()
    acknowledged = CASES.labels("acknowledged")
    before = acknowledged._value.get()
    h.bus.uow_factory = lambda: FakeUnitOfWork(h.store, fail_commit=True)
    with pytest.raises(ConnectionError):
        await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD)))
    assert acknowledged._value.get() == before and h.case(case_id).status == "dispatched"
    h.bus.uow_factory = lambda: FakeUnitOfWork(h.store)
    await h.handle(c.AcknowledgeCase(case_id=case_id, actor=liaison(LEAD)))
    assert acknowledged._value.get() == before + 1


async def test_a_joined_unit_of_work_leaves_metrics_to_the_consumer_commit(h: Harness) -> None:
    opened = CASES.labels("opened")
    before = opened._value.get()
    joined = FakeUnitOfWork(h.store, joined=True)
    envelope = new_envelope(
        EventType.REPORT_RECEIVED,
        source="/t",
        subject="RPT-J",
        sequence=1,
        data={
            "report_id": "RPT-J",
            "category": CATEGORY,
            "grid": GRID,
            "community": "XY-WQ-WY",
            "description": "楼道杂物",
            "severity": "minor",
            "handled_on_site": False,
            "reporter": "gw-1",
            "received_at": T0,
        },
    )
    command = command_of(envelope)
    assert command is not None
    await h.bus.handle(command, joined)
    assert opened._value.get() == before  # the consumer has not committed yet
    joined.run_after_commit()
    assert opened._value.get() == before + 1


def test_every_command_has_exactly_one_handler() -> None:
    import inspect

    from chuishao_dispatch.service_layer.handlers import HANDLERS
    from chuishao_dispatch.service_layer.people import HANDLERS as PEOPLE

    concrete = {
        cls
        for _, cls in inspect.getmembers(c, inspect.isclass)
        if issubclass(cls, c.Command) and cls not in (c.Command, c.CaseCommand)
    }
    assert set(HANDLERS) | set(PEOPLE) == concrete and not set(HANDLERS) & set(PEOPLE)
