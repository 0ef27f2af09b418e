"""Every consumed event through tracking's handlers on a fake board (no I/O): what the projection keeps,
what it never keeps, and that the latency metric waits for the consumer's commit."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE
from unit.tracking.tracking_scenario import scenario

from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.events.types import EventType
from chuishao_tracking.adapters.board import AbstractBoardRepository
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord
from chuishao_tracking.entrypoints import consumer
from chuishao_tracking.entrypoints.consumer import command_of
from chuishao_tracking.metrics import EVENT_TO_PROJECTION
from chuishao_tracking.service_layer.handlers import message_bus
from chuishao_tracking.service_layer.unit_of_work import AbstractUnitOfWork

NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


class FakeBoard(AbstractBoardRepository):
    def __init__(self) -> None:
        self.events: dict[str, dict[Any, CaseRecord]] = {}
        self.projections: dict[str, CaseProjection] = {}
        self.reports: dict[str, dict[str, Any]] = {}
        self.feedback: dict[str, dict[str, Any]] = {}
        self.notified: list[str] = []
        self.locked: list[str] = []

    async def lock_cases(self, case_ids: Iterable[str]) -> None:
        self.locked.extend(sorted(set(case_ids)))

    async def add_case_events(self, events: Sequence[tuple[Any, CaseRecord]]) -> dict[str, list[CaseRecord]]:
        for event_id, record in events:
            self.events.setdefault(record.case_id, {}).setdefault(event_id, record)
        return {record.case_id: list(self.events[record.case_id].values()) for _, record in events}

    async def save_projections(self, projections: Sequence[CaseProjection]) -> None:
        assert len({p.case.id for p in projections}) == len(projections), "one projection per case"
        for projection in projections:
            self.projections[projection.case.id] = projection
            self.notified.append(projection.case.id)

    async def save_reports(self, reports: Sequence[dict[str, Any]]) -> None:
        for data in reports:
            self.reports.setdefault(data["report_id"], data)

    async def save_feedback(
        self, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime | str
    ) -> None:
        known = self.feedback.get(report_id)
        if known is None or sequence > known["sequence"]:
            self.feedback[report_id] = {"case_id": case_id, "sequence": sequence, "satisfaction": satisfaction}

    async def notify(self, case_id: str) -> None:
        self.notified.append(case_id)


class FakeUnitOfWork(AbstractUnitOfWork):
    """Joined to a (pretend) consumer transaction: committing and after-commit work are the consumer's."""

    def __init__(self, board: FakeBoard) -> None:
        super().__init__()
        self.board = board

    @property
    def owns_transaction(self) -> bool:
        return False

    async def _commit(self) -> None:
        return None

    async def rollback(self) -> None:
        return None


async def consume(board: FakeBoard, events: list[Envelope]) -> None:
    for envelope in events:
        command = command_of(envelope)
        if command is not None:
            await message_bus().handle(command, FakeUnitOfWork(board))


async def test_every_consumed_event_type_lands_where_it_belongs() -> None:
    story = scenario()
    board = FakeBoard()
    await consume(board, story.all_events)
    assert set(board.projections) == {c.id for c in story.cases.values()}
    assert set(board.reports) == {r.data["report_id"] for r in story.reports}
    assert {f["satisfaction"] for f in board.feedback.values()} == {"satisfied", "basically_satisfied", "unsatisfied"}
    a = board.projections[story.cases["a"].id]
    assert a.case.status == "closed"
    assert set(board.locked) == set(board.projections) and set(board.notified) >= set(board.projections)


async def test_the_projection_does_not_depend_on_the_order_of_arrival() -> None:
    story = scenario()
    in_order, shuffled = FakeBoard(), FakeBoard()
    await consume(in_order, story.all_events)
    events = list(story.all_events)
    random.Random(8).shuffle(events)
    await consume(shuffled, events)
    assert {k: p.case for k, p in shuffled.projections.items()} == {k: p.case for k, p in in_order.projections.items()}


async def test_no_free_text_or_identity_is_kept() -> None:
    board = FakeBoard()
    await consume(board, scenario().all_events)
    kept = repr((board.events, board.projections, board.reports, board.feedback))
    assert RESIDENT_NAME not in kept and RESIDENT_PHONE not in kept and "gw-" not in kept


def test_report_verified_builds_no_command() -> None:
    verified = new_envelope(
        EventType.REPORT_VERIFIED,
        source="/chuishao/intake",
        subject="RPT-1",
        sequence=2,
        data={"report_id": "RPT-1", "case_id": "C-1", "result": "fixed", "verified_by": "gw-1", "verified_at": NOW},
    )
    assert command_of(verified) is None  # its effect arrives as case.closed or case.reopened


def observations() -> float:
    return sum(bucket.get() for bucket in EVENT_TO_PROJECTION._buckets)  # type: ignore[attr-defined]


async def test_the_projection_latency_is_observed_only_after_the_consumer_commits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    board = FakeBoard()
    monkeypatch.setattr(consumer, "JoinedUnitOfWork", lambda conn: FakeUnitOfWork(board))
    opened = scenario().cases["a"].events[0]
    before = observations()
    after_commit = await consumer.on_event(None, opened)  # type: ignore[arg-type]
    assert board.projections and observations() == before
    after_commit()
    assert observations() == before + 1


async def test_a_poll_projects_each_case_once_and_observes_every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    story = scenario()
    one_by_one, polled = FakeBoard(), FakeBoard()
    await consume(one_by_one, story.all_events)
    monkeypatch.setattr(consumer, "JoinedUnitOfWork", lambda conn: FakeUnitOfWork(polled))
    before = observations()
    after_commit = await consumer.on_poll(None, list(story.all_events))  # type: ignore[arg-type]
    after_commit()
    assert observations() == before + len(story.all_events)
    assert {k: p.case for k, p in polled.projections.items()} == {k: p.case for k, p in one_by_one.projections.items()}
    assert polled.reports == one_by_one.reports and polled.feedback == one_by_one.feedback
    assert sorted(polled.locked) == sorted(polled.projections)  # each case locked once, not once per event
