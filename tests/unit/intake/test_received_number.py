"""A resent `report.received` (the lost-whistle path rebuilds it from the stored report) carries the
report's short number, and only public facts beside it; a report from before numbers resends without."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chuishao_intake.service_layer.handlers import received_event
from chuishao_shared.events import EventType


def _stored(**overrides: object) -> dict[str, object]:
    report: dict[str, object] = {
        "id": uuid.uuid4(),
        "reporter": "gw-1",
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "description": "王秀英家门口堆物，电话13912345678",
        "severity": "minor",
        "place": {"building": "3号楼", "unit": "2单元", "address": "王秀英家"},
        "resident": {"name": "王秀英", "phone": "13912345678"},
        "photos": [],
        "handled_on_site": False,
        "topic_id": None,
        "created_at": datetime(2026, 12, 5, 2, 0, tzinfo=UTC),
        "number": "五阳-1205-0012",
    }
    report.update(overrides)
    return report


def test_a_resent_report_carries_its_number_and_no_personal_data() -> None:
    event = received_event(_stored())
    assert event.type == EventType.REPORT_RECEIVED and event.data["number"] == "五阳-1205-0012"
    wire = event.to_bytes().decode()
    assert "13912345678" not in wire and "王秀英" not in wire


def test_a_report_from_before_numbers_resends_without_one() -> None:
    assert received_event(_stored(number=None)).data.get("number") is None
