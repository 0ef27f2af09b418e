"""Signatures, exactly as receivers check them.

generic: `Chuishao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed by the
subscription's secret (the scheme Stripe uses: the timestamp is signed with the body, so a captured
request cannot be replayed outside the tolerance).
dingtalk: `timestamp` (ms) and `sign` = URL-encoded base64 HMAC-SHA256 of "<timestamp>\\n<secret>",
keyed by the secret, as query parameters (DingTalk's documented robot signature)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse

SIGNATURE_HEADER = "Chuishao-Signature"
DEFAULT_TOLERANCE_SECONDS = 300


def _hmac(secret: str, message: bytes) -> hmac.HMAC:
    return hmac.new(secret.encode(), message, hashlib.sha256)


def generic_signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = _hmac(secret, f"{timestamp}.".encode() + body).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_generic(
    secret: str, header: str, body: bytes, now: float, tolerance: float = DEFAULT_TOLERANCE_SECONDS
) -> bool:
    """What a receiver does: parse `t` and every `v1`, recompute, compare in constant time, and
    refuse a timestamp further than `tolerance` seconds from its own clock."""
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = _hmac(secret, f"{timestamp}.".encode() + body).hexdigest()
    return any(hmac.compare_digest(expected, candidate) for candidate in parts.get("v1", []))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    digest = _hmac(secret, f"{timestamp_ms}\n{secret}".encode()).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def dingtalk_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The robot URL with `timestamp` and `sign` appended (`sign` is already URL-encoded)."""
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}timestamp={timestamp_ms}&sign={dingtalk_sign(secret, timestamp_ms)}"
