"""One way to write an instant: ISO 8601 in UTC with a `Z`, and one way to read it back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


@overload
def utc_iso(value: datetime) -> str: ...
@overload
def utc_iso(value: None) -> None: ...
def utc_iso(value: datetime | None) -> str | None:
    """`2026-11-01T08:00:00Z` (microseconds kept when present); a naive datetime is taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_utc(value: str) -> datetime:
    """An ISO 8601 instant (`Z` or an offset; naive means UTC) as an aware UTC datetime."""
    stamp = datetime.fromisoformat(value.strip().replace("z", "Z").replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)
