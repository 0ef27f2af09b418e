"""Event contracts: the CloudEvents envelope and one typed model per event type."""

from chuishao_shared.events.contracts import EVENT_DATA_MODELS, CaseSnapshot, validate_data
from chuishao_shared.events.envelope import Envelope, new_envelope
from chuishao_shared.events.topics import (
    CASES_TOPIC,
    COMMUNITY_TOPIC,
    PEOPLE_TOPIC,
    REFERENCE_TOPIC,
    REPORTS_TOPIC,
    dead_letter_topic,
    topic_for,
)
from chuishao_shared.events.types import EventType

__all__ = [
    "CASES_TOPIC",
    "COMMUNITY_TOPIC",
    "EVENT_DATA_MODELS",
    "PEOPLE_TOPIC",
    "REFERENCE_TOPIC",
    "REPORTS_TOPIC",
    "CaseSnapshot",
    "Envelope",
    "EventType",
    "dead_letter_topic",
    "new_envelope",
    "topic_for",
    "validate_data",
]
