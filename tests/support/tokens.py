"""Tokens signed by hand (HS256), for the claims PyJWT's encoder would refuse to write but a forger
with the secret, or a misconfigured identity provider, could still send."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


def sign(claims: dict[str, Any], secret: str) -> str:
    def part(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    signing_input = part(b'{"alg":"HS256","typ":"JWT"}') + "." + part(json.dumps(claims).encode())
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + part(mac)
