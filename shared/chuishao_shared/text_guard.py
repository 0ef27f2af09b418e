"""Control characters in request text are refused before any handler runs: PostgreSQL cannot store
U+0000 (the insert fails, answering 500 and logging the statement), and the others have no place in
a report or a name. Tab, line feed and carriage return stay allowed in free text. Bidirectional
formatting characters (the embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, and the
marks U+200E, U+200F, U+061C) are refused too: shown publicly they reverse what a reader sees."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def has_control_character(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def field_with_control_character(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or object key) in a JSON value holding a forbidden
    character, named as validation errors name fields (`resident.name`, `photos.0`)."""
    if isinstance(value, str):
        return (path or "body") if has_control_character(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if has_control_character(str(key)):
                return here
            found = field_with_control_character(item, here)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = field_with_control_character(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def pair_with_control_character(encoded: str) -> str | None:
    """The name of the first form or query parameter whose name or value holds a forbidden character."""
    for name, value in parse_qsl(encoded, keep_blank_values=True, errors="surrogateescape"):
        if has_control_character(name) or has_control_character(value):
            return name
    return None
