"""The report as a grid worker reads it (the API's and Open311's source)."""

from __future__ import annotations

from typing import Any

from chuishao_intake.domain.reports import report_status
from chuishao_shared.times import utc_iso


def report_view(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(data["id"]),
        # The short number (五阳-1205-0012) to give the resident; None for a report filed before numbers.
        "number": data.get("number"),
        "category": data["category"],
        "grid": data["grid"],
        "community": data["community"],
        "description": data["description"],
        "severity": data["severity"],
        "place": data["place"],
        "resident": data["resident"],
        "photos": data["photos"],
        "handled_on_site": data["handled_on_site"],
        "topic_id": data.get("topic_id"),
        "status": report_status(data.get("case_status")),
        "created_at": utc_iso(data["created_at"]),
        "case_id": data.get("case_id"),
        "case_status": data.get("case_status"),
        "verification": data.get("verification"),
        "feedback": data.get("feedback"),
        "case": data.get("case_view"),
        "timeline": data.get("case_timeline") or [],
    }
