"""What the community's handlers need besides the unit of work: reference data, the taxonomy, the
limits, and the clock (a field, so tests can set it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from chuishao_community.domain.activities import HoursPolicy
from chuishao_shared.reference import ReferenceData
from chuishao_shared.reference.community import CommunityTaxonomy

# The development keys of activities' QR codes and certificate numbers (refused in production).
DEV_QR_KEY = "chuishao-development-qr-key-change-me-0123456789"
DEV_CERTIFICATE_KEY = "chuishao-development-certificate-key-change-me-01"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CommunityContext:
    reference: ReferenceData
    taxonomy: CommunityTaxonomy
    claim_lapse: timedelta = timedelta(hours=24)
    max_open_claims: int = 3
    max_need_hours: float = 8.0
    yearly_hours_target: float = 50.0
    # 议事: a hotspot is at least this many cases of one 小类 in one community within this many days.
    hotspot_cases: int = 5
    hotspot_days: int = 30
    # Activities and certificates: the QR codes' and the certificate numbers' HMAC keys (settings), the
    # caps on organiser-granted hours.
    qr_key: bytes = DEV_QR_KEY.encode()
    certificate_key: bytes = DEV_CERTIFICATE_KEY.encode()
    hours_policy: HoursPolicy = field(default_factory=HoursPolicy)
    now: Callable[[], datetime] = field(default=utc_now)

    def community_of_grid(self, grid: str) -> str | None:
        node = self.reference.jurisdictions.get(grid)
        if node is None or node.level != "grid":
            return None
        return self.reference.community_of(grid).code

    def is_community(self, code: str | None) -> bool:
        node = self.reference.jurisdictions.get(code or "")
        return node is not None and node.level == "community"
