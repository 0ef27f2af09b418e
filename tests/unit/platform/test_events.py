from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from chuishao_shared.events import EVENT_DATA_MODELS, Envelope, new_envelope
from chuishao_shared.events.schemas import render_all

DOCS = Path(__file__).resolve().parents[3] / "docs" / "events"

REQUIRED_TYPES = {
    "report.received",
    "report.verified",
    "report.feedback",
    "case.opened",
    "case.triaged",
    "case.dispatched",
    "case.acknowledged",
    "case.progressed",
    "case.resolved",
    "case.returned",
    "case.whistled",
    "case.escalated",
    "case.extended",
    "case.reopened",
    "case.closed",
    "case.merged",
    "case.cancelled",
}


def test_every_product_event_type_has_a_contract() -> None:
    assert REQUIRED_TYPES <= set(EVENT_DATA_MODELS)


def test_published_schemas_match_the_contracts() -> None:
    for name, text in render_all().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"docs/events/{name} is stale: run make schemas"


def _received() -> dict:
    return {
        "report_id": "r1",
        "category": "C",
        "grid": "G",
        "community": "M",
        "description": "楼道堆物",
        "severity": "minor",
        "reporter": "w1",
        "received_at": "2026-11-01T08:00:00Z",
    }


def test_envelope_round_trip_and_validation() -> None:
    envelope = new_envelope("report.received", source="/t", subject="r1", sequence=1, data=_received())
    again = Envelope.from_bytes(envelope.to_bytes())
    assert again == envelope and again.specversion == "1.0"
    with pytest.raises(ValidationError):
        new_envelope("report.received", source="/t", subject="r1", sequence=1, data={**_received(), "severity": "x"})
    with pytest.raises(ValueError):
        new_envelope("report.exploded", source="/t", subject="r1", sequence=1, data={})


def test_report_contract_has_no_resident_fields() -> None:
    fields = set(EVENT_DATA_MODELS["report.received"].model_fields)
    assert not fields & {"resident", "name", "phone"}
