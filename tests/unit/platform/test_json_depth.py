"""Deeply nested JSON and bidirectional formatting characters are refused by the HTTP platform as
problem+json before any handler or parser recurses (issue 28, finding 5)."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chuishao_shared.http import MAX_JSON_DEPTH, json_too_deep
from support.bare_app import bare_app


class Body(BaseModel):
    name: str
    extra: object = None


def _app() -> FastAPI:
    app = bare_app(max_body_bytes=1024 * 1024)

    @app.post("/v1/things")
    async def things(body: Body) -> dict:
        return {"name": body.name}

    return app


DEEP = [
    b'{"name": "\\b", "extra": ' + b"[" * 5000,  # the review's: the escape makes the control check parse it
    b"[" * 5000,
    b'{"name": "x", "extra": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
]


@pytest.mark.parametrize("body", DEEP, ids=["escape-then-brackets", "brackets", "well-formed-list", "objects"])
def test_deeply_nested_json_is_a_400_problem_naming_the_body(body: bytes) -> None:
    client = TestClient(_app(), raise_server_exceptions=False)
    response = client.post("/v1/things", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "body"


def test_depth_is_counted_outside_strings_only() -> None:
    assert not json_too_deep(json.dumps({"name": "[" * 5000, "list": [[1]] * 500}).encode())
    assert not json_too_deep(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    assert json_too_deep(b"[" * (MAX_JSON_DEPTH + 1))
    assert json_too_deep(b'["\\"' + b"[" * 100 + b'"' + b"[" * 100)  # an escaped quote does not end a string
    client = TestClient(_app())
    ok = client.post("/v1/things", json={"name": "[" * 3000, "extra": [[[[1]]]] * 200})
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200f", "\u061c", "\u0085", "\x1b", "\x07"])
def test_bidi_and_control_characters_are_refused_raw_and_escaped(character: str) -> None:
    client = TestClient(_app())
    for ascii_only in (True, False):
        body = json.dumps({"name": f"楼道{character}堆物"}, ensure_ascii=ascii_only).encode()
        response = client.post("/v1/things", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, (character, ascii_only, response.text)
        assert response.json()["errors"][0]["field"] == "name"
