"""The filing path's fingerprint reads the request's path from the ASGI scope, not from the URL Starlette
builds: the two must agree for any path, or a retry after an upgrade would look like another request."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from chuishao_shared.idempotency import url_path


@pytest.mark.parametrize(
    "path",
    [
        "/v1/reports",
        "/v1/reports/0b6f5d1e-9c1a-4d33-8a4f-2f0e6f1d2c3b/feedback",
        "/v1/报到/一号楼",
        "/a?b#c\\d",
        "/a%3Fb",
        "//x",
    ],
)
def test_the_scopes_path_is_what_starlettes_url_says(path: str) -> None:
    scope = {"type": "http", "method": "POST", "path": path, "query_string": b"x=1", "headers": [(b"host", b"h:8080")]}
    assert url_path(scope) == Request(scope).url.path
