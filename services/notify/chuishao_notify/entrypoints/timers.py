"""Notify's periodic jobs, on the shared runner: the 催办 reminder sweep (each round one
`FireDueReminders` command in its own unit of work) and the delivery-backlog gauges."""

from __future__ import annotations

from chuishao_notify.adapters.person_channels import PersonChannels
from chuishao_notify.domain.commands import FireDueNeedReminders, FireDueReminders
from chuishao_notify.service_layer.delivery import observe_backlog
from chuishao_notify.service_layer.escalating import sweep
from chuishao_notify.service_layer.handlers import NotifyBus
from chuishao_notify.service_layer.telling import AckLinks, send_person_notices
from chuishao_shared.service_layer.periodic import PeriodicTask


def reminder_task(bus: NotifyBus, every_seconds: float) -> PeriodicTask:
    """Fire due reminders every `every_seconds` (safe on every replica: reminders are claimed SKIP LOCKED)."""

    async def sweep() -> None:
        await bus.handle(FireDueReminders())
        await bus.handle(FireDueNeedReminders())  # the community's claim reminders

    return PeriodicTask("reminder sweep", sweep, every_seconds)


def backlog_task(bus: NotifyBus, every_seconds: float) -> PeriodicTask:
    """The pending-deliveries gauges, refreshed every `every_seconds`."""
    return PeriodicTask("delivery backlog gauges", lambda: observe_backlog(bus), every_seconds)


def escalation_task(bus: NotifyBus, every_seconds: float) -> PeriodicTask:
    """Take the escalation chains' due steps every `every_seconds`, one chain per unit of work (safe on
    every replica: chains are claimed SKIP LOCKED; a step is recorded once per position)."""

    async def run() -> None:
        await sweep(bus)

    return PeriodicTask("escalation sweep", run, every_seconds)


def person_notice_task(bus: NotifyBus, channels: PersonChannels, links: AckLinks, every_seconds: float) -> PeriodicTask:
    """Send due person notices (WeCom application message / DingTalk work notice) every `every_seconds`."""

    async def run() -> None:
        while await send_person_notices(bus, channels, links):
            pass

    return PeriodicTask("person notices", run, every_seconds)
