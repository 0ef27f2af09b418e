"""Notify's handler table and its bus: the shared `MessageBus` with one handler per command. The
routes, the Kafka consumer, the reminder sweep and the delivery worker all go through it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from chuishao_notify.domain import commands as c
from chuishao_notify.domain import escalation_commands as e
from chuishao_notify.service_layer import (
    community_notifying,
    delivery,
    escalating,
    notifying,
    rosters,
    subscriptions,
)
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.service_layer.messagebus import MessageBus

__all__ = ["HANDLERS", "NotifyBus", "message_bus"]

HANDLERS: dict[type, Callable[..., Awaitable[Any]]] = {
    c.NotifyOfCaseEvent: notifying.notify_of_case_event,
    c.RememberPlace: notifying.remember_place,
    c.NotifyOfCommunityEvent: community_notifying.notify_of_community_event,
    c.FireDueNeedReminders: community_notifying.fire_due_need_reminders,
    c.FireDueReminders: notifying.fire_due_reminders,
    c.ClaimDeliveries: delivery.claim_deliveries,
    c.RecordAttempt: delivery.record_attempt,
    c.CreateSubscription: subscriptions.create,
    c.DeleteSubscription: subscriptions.delete,
    c.SendTestMessage: subscriptions.send_test,
    c.AddRosterLayer: rosters.add_layer,
    c.EditRosterLayer: rosters.edit_layer,
    c.EndRosterLayer: rosters.end_layer,
    c.AddRosterOverride: rosters.add_override,
    c.CancelRosterOverride: rosters.cancel_override,
    c.PutDutyPerson: rosters.put_person,
    e.PutEscalationPolicy: escalating.put_policy,
    e.AdvanceEscalations: escalating.advance_escalations,
}


def message_bus(uow_factory: Callable[[], AbstractUnitOfWork], context: NotifyContext) -> NotifyBus:
    """Notify's bus: the shared one with notify's handler table."""
    return MessageBus(HANDLERS, uow_factory, context)
