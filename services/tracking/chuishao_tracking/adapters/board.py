"""The projection's repository: what the handlers write, over `store.py`'s statements. It never commits:
the unit of work (or the consumer whose transaction it joined) does."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_tracking.adapters import community_store, store
from chuishao_tracking.domain.community import HoursRecord, MemberRecord, NeedRecord, ResourceRecord
from chuishao_tracking.domain.community_forces import OrderRecord, ProjectRecord, TeamRecord, TopicRecord
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord


class AbstractBoardRepository(abc.ABC):
    @abc.abstractmethod
    async def lock_cases(self, case_ids: Iterable[str]) -> None:
        """Serialise the projection of these cases (a live consumer and a rebuild may both hold their events)."""

    @abc.abstractmethod
    async def add_case_events(self, events: Sequence[tuple[Any, CaseRecord]]) -> dict[str, list[CaseRecord]]:
        """Keep the events (a sequence already held keeps its first event); for each of their cases, every
        event it now holds."""

    @abc.abstractmethod
    async def save_projections(self, projections: Sequence[CaseProjection]) -> None:
        """Write each case's board row and facts (one projection per case), and tell the live board once the
        transaction commits."""

    @abc.abstractmethod
    async def save_reports(self, reports: Sequence[dict[str, Any]]) -> None:
        """Keep each report's structured facts (a report already kept keeps its first row)."""

    @abc.abstractmethod
    async def save_feedback(
        self, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime | str
    ) -> None: ...

    @abc.abstractmethod
    async def notify(self, case_id: str) -> None:
        """Tell the live board (every replica) that a case changed, once the transaction commits."""

    async def wipe(self, consumer: str) -> None:
        """Empty the read model and the consumer's dedupe rows (the rebuild's first step)."""
        raise NotImplementedError

    async def save_need(self, record: NeedRecord) -> None:
        """The wish wall's row of a need (and its claim's start or end), converging in any order."""
        raise NotImplementedError

    async def save_member(self, record: MemberRecord) -> None:
        raise NotImplementedError

    async def save_hours(self, record: HoursRecord) -> None:
        raise NotImplementedError

    async def save_order(self, record: OrderRecord) -> None:
        raise NotImplementedError

    async def save_project(self, record: ProjectRecord) -> None:
        raise NotImplementedError

    async def save_resource(self, record: ResourceRecord) -> None:
        """A resource's public point (the map), converging in any order."""
        raise NotImplementedError

    async def save_topic(self, record: TopicRecord) -> None:
        """A topic.*, meeting.* or action.* event: the topic's row and the meeting, decision or action."""
        raise NotImplementedError

    async def save_team(self, record: TeamRecord) -> None:
        """A team.* event: the team's kind and the membership's member and dates."""
        raise NotImplementedError


class SqlBoardRepository(AbstractBoardRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def lock_cases(self, case_ids: Iterable[str]) -> None:
        await store.lock_cases(self.conn, case_ids)

    async def add_case_events(self, events: Sequence[tuple[Any, CaseRecord]]) -> dict[str, list[CaseRecord]]:
        return await store.add_case_events(self.conn, events)

    async def save_projections(self, projections: Sequence[CaseProjection]) -> None:
        await store.save_projections(self.conn, projections)

    async def save_reports(self, reports: Sequence[dict[str, Any]]) -> None:
        await store.save_reports(self.conn, reports)

    async def save_feedback(
        self, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime | str
    ) -> None:
        await store.save_feedback(
            self.conn,
            report_id=report_id,
            case_id=case_id,
            sequence=sequence,
            satisfaction=satisfaction,
            recorded_at=recorded_at,  # type: ignore[arg-type]
        )

    async def notify(self, case_id: str) -> None:
        await store.notify(self.conn, case_id)

    async def wipe(self, consumer: str) -> None:
        await store.wipe(self.conn, consumer)

    async def save_need(self, record: NeedRecord) -> None:
        await community_store.save_need(self.conn, record)

    async def save_member(self, record: MemberRecord) -> None:
        await community_store.save_member(self.conn, record)

    async def save_hours(self, record: HoursRecord) -> None:
        await community_store.save_hours(self.conn, record)

    async def save_order(self, record: OrderRecord) -> None:
        await community_store.save_order(self.conn, record)

    async def save_project(self, record: ProjectRecord) -> None:
        await community_store.save_project(self.conn, record)

    async def save_topic(self, record: TopicRecord) -> None:
        await community_store.save_topic(self.conn, record)

    async def save_resource(self, record: ResourceRecord) -> None:
        await community_store.save_resource(self.conn, record)

    async def save_team(self, record: TeamRecord) -> None:
        await community_store.save_team(self.conn, record)
