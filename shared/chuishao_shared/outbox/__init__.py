"""Transactional outbox: write events with the state change, relay them to Kafka afterwards."""

from chuishao_shared.outbox.relay import OutboxRelay
from chuishao_shared.outbox.writer import OutboxWriter, notify_channel

__all__ = ["OutboxRelay", "OutboxWriter", "notify_channel"]
