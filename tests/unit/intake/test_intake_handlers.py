"""Intake's use cases through their handlers on a fake unit of work (no I/O): filing, its replay,
verification and feedback, following a case, and metrics only after the commit."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from chuishao_intake.adapters.repository import AbstractReportRepository
from chuishao_intake.domain import commands as c
from chuishao_intake.domain.case_view import CaseChange
from chuishao_intake.domain.reports import FilingRefused, FollowUpRefused, ReportNotFound
from chuishao_intake.entrypoints.case_consumer import command_of
from chuishao_intake.service_layer import queries
from chuishao_intake.service_layer.handlers import IntakeBus, IntakeContext, message_bus
from chuishao_intake.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.events.types import EventType
from chuishao_shared.idempotency import Replay
from chuishao_shared.observability import REPORTS
from chuishao_shared.reference import load_reference

REFERENCE = load_reference()
GRID, CATEGORY = "XY-WQ-WY-G01", "ENV-STAIRWELL-DIRTY"
NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


class FakeReports(AbstractReportRepository):
    def __init__(self, rows: dict[uuid.UUID, dict[str, Any]]) -> None:
        self.rows = rows

    async def file(
        self, report: dict[str, Any], event_row: dict[str, Any], *, channel: str, idempotency: Any, number: Any
    ) -> tuple[bool, str | None]:
        raise AssertionError("the unit of work files")

    async def get(self, report_id: uuid.UUID, *, for_update: bool = False) -> dict[str, Any] | None:
        return copy.deepcopy(self.rows.get(report_id))

    async def of_reporter(self, *, reporter: str, limit: int, after: Any) -> list[dict[str, Any]]:
        mine = [r for r in self.rows.values() if r["reporter"] == reporter]
        return sorted(mine, key=lambda r: (r["created_at"], str(r["id"])), reverse=True)[:limit]

    async def public(self, query: Any) -> list[dict[str, Any]]:
        raise AssertionError("Open311's public query is SQL: tested against PostgreSQL")

    async def bump_sequence(self, report_id: uuid.UUID, field: str, value: dict[str, Any]) -> int:
        row = self.rows[report_id]
        row[field] = value
        row["event_seq"] += 1
        return int(row["event_seq"])

    async def follow_cases(self, changes: Sequence[CaseChange]) -> int:
        changed = 0
        for change in changes:
            for report_id in change.report_ids:
                row = self.rows.get(uuid.UUID(report_id))
                if row and (row["case_id"] != change.case_id or row["case_seq"] < change.sequence):
                    fresh = row["case_id"] != change.case_id
                    row["case_view"] = change.summary
                    row["case_timeline"] = ([] if fresh else row["case_timeline"]) + [change.entry]
                    row.update(case_id=change.case_id, case_status=change.status, case_seq=change.sequence)
                    changed += 1
        return changed


class FakeUnitOfWork(AbstractUnitOfWork):
    """A working copy of the rows, outbox and keys that only `commit` makes real."""

    def __init__(self, db: dict[str, Any], *, fail_commit: bool = False, joined: bool = False) -> None:
        super().__init__()
        self.db = db
        self.fail_commit = fail_commit
        self.joined = joined

    @property
    def owns_transaction(self) -> bool:
        return not self.joined

    async def __aenter__(self) -> FakeUnitOfWork:
        await super().__aenter__()
        self.working = copy.deepcopy(self.db)
        self.reports = FakeReports(self.working["reports"])
        return self

    async def file_report(
        self,
        report: dict[str, Any],
        event: Envelope,
        *,
        key: str | None,
        fingerprint: str,
        response: Any,
        number: tuple[str, str],
    ) -> tuple[bool, str | None]:
        if key is not None and (report["reporter"], key) in self.working["keys"]:
            return False, None
        if key is not None:
            self.working["keys"][(report["reporter"], key)] = (fingerprint, 201, response)
        day, prefix = number
        counters = self.working.setdefault("counters", {})
        counters[(report["community"], day)] = counters.get((report["community"], day), 0) + 1
        drawn = f"{prefix}{counters[(report['community'], day)]:04d}"
        self.working["reports"][report["id"]] = {
            **report,
            "number": drawn,
            "event_seq": 1,
            "case_id": None,
            "case_status": None,
            "case_seq": 0,
            "verification": None,
            "feedback": None,
            "case_view": None,
            "case_timeline": [],
        }
        self.working["outbox"].append(event)
        return True, drawn

    async def stage(self, *events: Envelope) -> None:
        self.working["outbox"].extend(events)

    async def remember(self, subject: str, key: str | None, fingerprint: str, status: int, body: Any) -> None:
        if key is None:
            return
        if (subject, key) in self.working["keys"]:
            _, stored_status, stored_body = self.working["keys"][(subject, key)]
            raise Replay(stored_status, stored_body)
        self.working["keys"][(subject, key)] = (fingerprint, status, body)

    async def replay(self, subject: str, key: str, fingerprint: str) -> tuple[int, Any]:
        stored_fingerprint, status, body = self.working["keys"][(subject, key)]
        assert stored_fingerprint == fingerprint
        return status, body

    async def _commit(self) -> None:
        if self.fail_commit:
            raise ConnectionError("the database went away at commit")
        self.db.update(copy.deepcopy(self.working))
        self.db["commits"] += 1

    async def rollback(self) -> None:
        return None


@pytest.fixture
def db() -> dict[str, Any]:
    return {"reports": {}, "outbox": [], "keys": {}, "commits": 0}


@pytest.fixture
def bus(db: dict[str, Any]) -> IntakeBus:
    return message_bus(lambda: FakeUnitOfWork(db), IntakeContext(reference=REFERENCE, now=lambda: NOW))


def filing(**overrides: Any) -> c.FileReport:
    values: dict[str, Any] = {
        "reporter": "gw-1",
        "own_grids": frozenset({GRID}),
        "category": CATEGORY,
        "grid": GRID,
        "description": "3号楼2单元楼道堆放杂物",
        "severity": "minor",
        "place": {"building": "3号楼"},
        "resident": {"name": "张三", "phone": "13800000000"},
    }
    values.update(overrides)
    return c.FileReport(**values)


async def test_filing_stores_the_report_and_its_event_and_counts_after_commit(
    bus: IntakeBus, db: dict[str, Any]
) -> None:
    accepted = REPORTS.labels("accepted")
    before = accepted._value.get()
    report = await bus.handle(filing())
    assert report["status"] == "received" and report["created_at"] == "2026-11-02T01:00:00Z"
    (event,) = db["outbox"]
    assert event.type == EventType.REPORT_RECEIVED and event.data["has_resident_contact"] is True
    assert "张三" not in str(event.data) and "13800000000" not in str(event.data)
    assert accepted._value.get() == before + 1 and db["commits"] == 1


async def test_a_retried_filing_replays_the_first_answer(bus: IntakeBus, db: dict[str, Any]) -> None:
    request = c.Request("key-1", "fp")
    first = await bus.handle(filing(request=request))
    assert await bus.handle(filing(request=request)) == first
    assert len(db["reports"]) == 1 and len(db["outbox"]) == 1


async def test_filing_is_refused_for_unknown_codes_and_foreign_grids(bus: IntakeBus, db: dict[str, Any]) -> None:
    with pytest.raises(FilingRefused) as unknown:
        await bus.handle(filing(category="NO-SUCH"))
    assert not unknown.value.forbidden and unknown.value.errors[0].field == "category"
    with pytest.raises(FilingRefused) as foreign:
        await bus.handle(filing(grid="XY-WQ-WY-G02"))
    assert foreign.value.forbidden
    assert db["reports"] == {} and db["outbox"] == []


async def test_a_metric_is_not_counted_when_the_commit_fails(db: dict[str, Any]) -> None:
    failing = message_bus(lambda: FakeUnitOfWork(db, fail_commit=True), IntakeContext(reference=REFERENCE))
    accepted = REPORTS.labels("accepted")
    before = accepted._value.get()
    with pytest.raises(ConnectionError):
        await failing.handle(filing())
    assert accepted._value.get() == before and db["reports"] == {}


def case_event(report_ids: list[str], status: str, sequence: int, case_id: str = "CASE-1") -> Envelope:
    snapshot = {
        "id": case_id,
        "status": status,
        "category": CATEGORY,
        "major": "ENV",
        "grid": GRID,
        "community": "XY-WQ-WY",
        "severity": "minor",
        "report_ids": report_ids,
        "whistle_count": 1,
        "escalation_level": 0,
        "opened_at": NOW,
    }
    data = {"case": snapshot, "actor_role": "system", "reason": "test"}
    return new_envelope(EventType.CASE_TRIAGED, source="/d", subject=case_id, sequence=sequence, data=data)


async def _in_case(bus: IntakeBus, status: str) -> str:
    report = await bus.handle(filing())
    await bus.handle(command_of(case_event([report["id"]], status, 5)))
    return str(report["id"])


async def test_following_a_case_keeps_the_newest_status_and_ignores_merges(bus: IntakeBus, db: dict[str, Any]) -> None:
    report_id = await _in_case(bus, "acknowledged")
    await bus.handle(command_of(case_event([report_id], "dispatched", 3)))  # older: ignored
    await bus.handle(command_of(case_event([report_id], "merged", 9)))  # the surviving case speaks
    row = db["reports"][uuid.UUID(report_id)]
    assert (row["case_id"], row["case_status"], row["case_seq"]) == ("CASE-1", "acknowledged", 5)
    view = await queries.get_report(bus.uow(), "gw-1", uuid.UUID(report_id))
    assert view["status"] == "in_case" and view["case"]["status"] == "acknowledged"
    assert [entry["type"] for entry in view["timeline"]] == ["triaged"]


async def test_verification_needs_a_resolved_case_and_replays_a_retry(bus: IntakeBus, db: dict[str, Any]) -> None:
    report_id = uuid.UUID(await _in_case(bus, "acknowledged"))
    with pytest.raises(FollowUpRefused) as early:
        await bus.handle(c.VerifyReport(report_id=report_id, worker="gw-1", result="fixed"))
    assert early.value.case_status == "acknowledged"
    await bus.handle(command_of(case_event([str(report_id)], "resolved", 6)))
    request = c.Request("v-1", "fp")
    verify = c.VerifyReport(report_id=report_id, worker="gw-1", result="fixed", request=request)
    accepted = await bus.handle(verify)
    assert (
        accepted["status"] == "accepted"
        and db["outbox"][-1].type == EventType.REPORT_VERIFIED
        and db["outbox"][-1].sequence == 2
    )
    assert await bus.handle(verify) == accepted
    assert len(db["outbox"]) == 2


async def test_feedback_on_a_closed_case_and_nobody_elses_report(bus: IntakeBus, db: dict[str, Any]) -> None:
    report_id = uuid.UUID(await _in_case(bus, "closed"))
    with pytest.raises(ReportNotFound):
        await bus.handle(c.RecordFeedback(report_id=report_id, worker="gw-2", satisfaction="satisfied"))
    accepted = await bus.handle(c.RecordFeedback(report_id=report_id, worker="gw-1", satisfaction="satisfied"))
    assert accepted["status"] == "accepted" and db["outbox"][-1].type == EventType.REPORT_FEEDBACK
    assert db["reports"][report_id]["feedback"]["satisfaction"] == "satisfied"
    assert [r["id"] for r in await queries.list_reports(bus.uow(), "gw-1", limit=10, after=None)] == [str(report_id)]


def test_every_command_has_exactly_one_handler() -> None:
    from typing import get_args

    from chuishao_intake.service_layer.handlers import HANDLERS

    assert set(HANDLERS) == set(get_args(c.Command))
