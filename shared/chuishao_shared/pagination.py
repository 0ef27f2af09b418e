"""Opaque cursors for keyset pagination over (time, id)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime

from chuishao_shared.problems import field_problem


def encode_cursor(at: str | datetime, item_id: str) -> str:
    stamp = at.isoformat() if isinstance(at, datetime) else at
    return base64.urlsafe_b64encode(json.dumps([stamp, item_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")), uuid.UUID(item_id)
    except (ValueError, TypeError) as error:
        raise field_problem("cursor", "not a cursor this API issued", status=400) from error
