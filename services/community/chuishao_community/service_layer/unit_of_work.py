"""The community's unit of work: the shared one (one connection and transaction; the outbox; the
idempotency record; metrics after the commit) with the community's repositories, and `save_*`, which
number and stage an aggregate's events as they store it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.adapters.case_links import CaseLinks
from chuishao_community.adapters.forces import (
    ActivityRepository,
    CertificateRepository,
    LedgerReads,
    OrderRepository,
    ProjectRepository,
    ResourceRepository,
    UnitRepository,
)
from chuishao_community.adapters.repository import HoursLedger, Loaded, MemberRepository, NeedRepository, WhistleQueue
from chuishao_community.adapters.teams import PostRepository, TeamRepository
from chuishao_community.adapters.topics import CaseReadModel, FilingQueue, TopicRepository
from chuishao_community.domain.values import DomainEvent
from chuishao_community.service_layer import topic_links
from chuishao_shared.events import new_envelope
from chuishao_shared.service_layer import unit_of_work as core

SOURCE = "/chuishao/community"


class SqlUnitOfWork(core.SqlUnitOfWork):
    members: MemberRepository
    needs: NeedRepository
    hours: HoursLedger
    whistles: WhistleQueue
    units: UnitRepository
    resources: ResourceRepository
    orders: OrderRepository
    activities: ActivityRepository
    projects: ProjectRepository
    certificates: CertificateRepository
    ledger: LedgerReads
    topics: TopicRepository
    topic_cases: CaseReadModel
    topic_filings: FilingQueue
    case_links: CaseLinks
    teams: TeamRepository
    posts: PostRepository

    def bind(self, conn: AsyncConnection) -> None:
        self.members = MemberRepository(conn)
        self.needs = NeedRepository(conn)
        self.hours = HoursLedger(conn)
        self.whistles = WhistleQueue(conn)
        self.units = UnitRepository(conn)
        self.resources = ResourceRepository(conn)
        self.orders = OrderRepository(conn)
        self.activities = ActivityRepository(conn)
        self.projects = ProjectRepository(conn)
        self.certificates = CertificateRepository(conn)
        self.ledger = LedgerReads(conn)
        self.topics = TopicRepository(conn)
        self.topic_cases = CaseReadModel(conn)
        self.topic_filings = FilingQueue(conn)
        self.case_links = CaseLinks(conn)
        self.teams = TeamRepository(conn)
        self.posts = PostRepository(conn)

    async def publish(self, loaded: Loaded, subject: str, events: Sequence[DomainEvent]) -> None:
        """Stage events keyed by `subject`, numbered after the aggregate's own last sequence."""
        envelopes = [
            new_envelope(e.type, source=SOURCE, subject=subject, sequence=loaded.sequence + i + 1, data=e.data)
            for i, e in enumerate(events)
        ]
        loaded.sequence += len(envelopes)
        await self.stage(*envelopes)

    async def save_member(self, loaded: Loaded, events: Sequence[DomainEvent], *, new: bool = False) -> None:
        await self.publish(loaded, loaded.item.id, events)
        await self.members.save(loaded, new=new)

    async def save_need(
        self, loaded: Loaded, events: Sequence[DomainEvent], lapse: timedelta, *, new: bool = False
    ) -> None:
        await self.publish(loaded, loaded.item.id, events)
        await self.needs.save(loaded, lapse, new=new)
        await topic_links.need_saved(self, loaded.item, events)  # 议事: a need action confirmed, a need expired again

    async def save_topic(self, loaded: Loaded, events: Sequence[DomainEvent], *, new: bool = False) -> None:
        await self.publish(loaded, loaded.item.id, events)
        await self.topics.save(loaded, new=new)
