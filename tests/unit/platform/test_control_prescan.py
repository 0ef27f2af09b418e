"""The request guard's byte pre-scan: a JSON body it lets through unparsed must never hold a control
character the full check (parse + walk, text_guard) would refuse — raw or escaped, in a value or a key."""

from __future__ import annotations

import json

from chuishao_shared.http import _FIRST_BYTE, _MAYBE_CONTROL_IN_JSON, _field_with_control_character
from chuishao_shared.text_guard import field_with_control_character

CODE_POINTS = [
    *range(0, 0x300),
    *range(0x600, 0x700),
    *range(0x2000, 0x2100),
    *range(0xD700, 0xE100),
    *range(0xFFF0, 0x10000),
]


def _bodies():
    for cp in CODE_POINTS:
        ch = chr(cp)
        for ascii_only in (True, False):
            yield json.dumps({"k": f"a{ch}b", ch: [1]}, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
        yield b'{"a":"\\u' + f"{cp:04X}".encode() + b'"}'
    yield b'{"a":"\\b"}'
    yield b'{"a":"\\f"}'


def test_no_body_the_full_check_refuses_passes_the_prescan() -> None:
    refused = 0
    for body in _bodies():
        try:
            document = json.loads(body)
        except ValueError:
            continue
        if field_with_control_character(document) is not None:
            refused += 1
            assert _FIRST_BYTE.search(body) is not None and _MAYBE_CONTROL_IN_JSON.search(body) is not None, body
            assert _field_with_control_character(body, "application/json") is not None, body
    assert refused > 2000  # C0, DEL, C1 and every surrogate, raw and escaped


def test_an_ordinary_report_is_not_parsed_twice() -> None:
    body = json.dumps(
        {"description": "楼道堆放杂物\n请清理\t谢谢 \\ 路径", "place": {"building": "3号楼"}}, ensure_ascii=False
    ).encode()
    assert _MAYBE_CONTROL_IN_JSON.search(body) is None
    assert _field_with_control_character(body, "application/json") is None
