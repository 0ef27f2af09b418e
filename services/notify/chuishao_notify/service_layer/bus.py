"""Notify's bus type: the shared `MessageBus` over notify's unit of work and context. `handlers` builds
the bus; the reads and the delivery worker, which the handler table imports, name its type from here."""

from __future__ import annotations

from typing import TypeAlias

from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.service_layer.messagebus import MessageBus

NotifyBus: TypeAlias = MessageBus[AbstractUnitOfWork, NotifyContext]
