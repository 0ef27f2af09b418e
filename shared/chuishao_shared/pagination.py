"""The one cursor codec: opaque cursors for keyset pagination over (time, id), as used by every list."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from chuishao_shared.problems import field_problem
from chuishao_shared.times import parse_utc, utc_iso

IdT = TypeVar("IdT")


def encode_cursor(at: str | datetime, item_id: Any) -> str:
    stamp = utc_iso(at) if isinstance(at, datetime) else at
    return base64.urlsafe_b64encode(json.dumps([stamp, str(item_id)]).encode()).decode().rstrip("=")


def decode_cursor(
    cursor: str | None,
    id_type: Callable[[str], IdT] = uuid.UUID,  # type: ignore[assignment]
    *,
    status: int = 400,
) -> tuple[datetime, IdT] | None:
    """The (time, id) a cursor carries; `id_type` parses the id (a UUID unless told). A cursor this API
    did not issue is a problem naming the field `cursor` (400 unless an API has always said 422)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(stamp, str) or not isinstance(item_id, str):
            raise ValueError(cursor)
        return parse_utc(stamp), id_type(item_id)
    except (ValueError, TypeError) as error:
        raise field_problem("cursor", "not a cursor this API issued", status=status) from error
