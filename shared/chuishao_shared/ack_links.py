"""One-tap 签收 links (PRODUCT.md §9, issue 25 item 3): notify signs, dispatch reads.

A link's token is `<claims>.<mac>`: the claims are compact JSON in base64url — the case, the department
the person acknowledges for, the roster owner and member it was sent to, the platform and that
platform's user id (how dispatch's directory knows the person), when it expires, and a random id
(`jti`) dispatch keeps once used; the mac is HMAC-SHA256 over the claims' base64url text with the
shared secret (CHUISHAO_ACK_LINK_SECRET). No personal data: ids only.

Pure: standard library only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass

MAX_TOKEN = 1024
# Development and tests only (the same in notify and dispatch, so `make run` works untouched);
# production refuses to start without CHUISHAO_ACK_LINK_SECRET of at least 32 bytes.
DEVELOPMENT_SECRET = "chuishao-development-ack-link-secret-not-for-production"


class AckLinkError(ValueError):
    """A token that cannot be used: `reason` is 'malformed', 'signature' or 'expired'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class AckClaims:
    case_id: str
    department: str
    owner: str  # whose roster the person was told from (the department, or a duty desk)
    member: str
    platform: str  # "wecom" or "dingtalk"
    user_id: str  # the platform's user id (the directory's wecom_user_id / dingtalk_user_id)
    expires: int  # unix seconds
    jti: str


def secret_bytes(configured: str | None, environment: str | None) -> bytes:
    """The link secret from settings; the development one outside production; ValueError in production
    without a strong one."""
    if configured:
        if environment == "production" and len(configured.encode()) < 32:
            raise ValueError("CHUISHAO_ACK_LINK_SECRET must be at least 32 bytes in production")
        return configured.encode()
    if environment == "production":
        raise ValueError("production needs CHUISHAO_ACK_LINK_SECRET (the one-tap 签收 links' HMAC key)")
    return DEVELOPMENT_SECRET.encode()


def new_jti() -> str:
    return secrets.token_urlsafe(16)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, body: str) -> str:
    return _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())


def sign(secret: bytes, claims: AckClaims) -> str:
    body = _b64(json.dumps(asdict(claims), separators=(",", ":"), ensure_ascii=False).encode())
    return f"{body}.{_mac(secret, body)}"


def read(secret: bytes, token: str, now: float) -> AckClaims:
    """The claims of a token signed with `secret` and not expired at `now`; AckLinkError otherwise.
    The signature is checked before anything in the claims is believed."""
    if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise AckLinkError("malformed")
    body, mac = token.split(".")
    if not hmac.compare_digest(_mac(secret, body), mac):
        raise AckLinkError("signature")
    try:
        raw = json.loads(_unb64(body))
        claims = AckClaims(**raw)
    except (ValueError, TypeError) as error:
        raise AckLinkError("malformed") from error
    if not isinstance(claims.expires, int) or claims.expires <= now:
        raise AckLinkError("expired")
    return claims
