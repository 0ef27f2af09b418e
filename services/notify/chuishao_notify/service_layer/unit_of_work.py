"""Notify's unit of work: the shared one (`chuishao_shared.service_layer.unit_of_work`: one connection
and transaction, or the consumer's joined; metrics after the commit) with notify's repositories from
`adapters.store`. Notify publishes nothing (it calls receivers over HTTP), so it has no outbox.

A consumed event's command joins the consumer's transaction (`JoinedUnitOfWork`), which also holds the
event's processed-events row: the consumer commits, then runs `run_after_commit`. Every other command
(the routes', the reminder sweep's, the delivery worker's) runs in a transaction of its own."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from chuishao_notify.adapters.community_store import SqlNeedReminderRepository
from chuishao_notify.adapters.escalation_stats import SqlEscalationStats
from chuishao_notify.adapters.escalation_store import SqlEscalationRepository
from chuishao_notify.adapters.roster_store import SqlRosterRepository
from chuishao_notify.adapters.store import (
    SqlCaseRepository,
    SqlDeliveryRepository,
    SqlReminderRepository,
    SqlSubscriptionRepository,
)
from chuishao_shared.service_layer import unit_of_work as core


class AbstractUnitOfWork(core.AbstractUnitOfWork):
    subscriptions: SqlSubscriptionRepository
    deliveries: SqlDeliveryRepository
    cases: SqlCaseRepository
    reminders: SqlReminderRepository
    need_reminders: SqlNeedReminderRepository
    rosters: SqlRosterRepository
    escalation: SqlEscalationRepository
    escalation_stats: SqlEscalationStats


class SqlUnitOfWork(core.SqlUnitOfWork, AbstractUnitOfWork):
    def __init__(self, engine: AsyncEngine, *, joining: AsyncConnection | None = None) -> None:
        super().__init__(engine, None, joining=joining)

    def bind(self, conn: AsyncConnection) -> None:
        self.subscriptions = SqlSubscriptionRepository(conn)
        self.deliveries = SqlDeliveryRepository(conn)
        self.cases = SqlCaseRepository(conn)
        self.reminders = SqlReminderRepository(conn)
        self.need_reminders = SqlNeedReminderRepository(conn)
        self.rosters = SqlRosterRepository(conn)
        self.escalation = SqlEscalationRepository(conn)
        self.escalation_stats = SqlEscalationStats(conn)


class JoinedUnitOfWork(SqlUnitOfWork):
    """The unit of work of a consumed event, inside the consumer's transaction."""

    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__(conn.engine, joining=conn)
