"""The security headers every response of every service carries, set in one place (HttpPlatform).

- `Content-Security-Policy`: the pages (board, app, console) load scripts, styles, images and data
  from their own origin only; no inline script or style, no framing, no `<base>`, forms post back to
  the origin. A route may send a policy of its own (the console adds the photo origin with
  `content_security_policy(origin)`; the Swagger UI page allows its one inline script by hash).
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY` (for
  browsers that predate `frame-ancestors`).
- `Cache-Control: no-store` on any answer to a request that carried credentials (a bearer token or a
  cookie) unless the route chose its own caching: a report with the resident's contact, a case, a
  webhook must not stay in a browser's or a proxy's cache. Anonymous reads (the public board) keep
  whatever caching their route gives them.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(*origins: str, script_hashes: tuple[str, ...] = (), inline_styles: bool = False) -> str:
    """The policy, with `origins` (e.g. the photo service's) allowed for fetches and images."""
    extra = "".join(f" {o}" for o in origins if o)
    scripts = "".join(f" '{h}'" for h in script_hashes)
    styles = " 'unsafe-inline'" if inline_styles else ""
    return (
        f"default-src 'self'; script-src 'self'{scripts}; style-src 'self'{styles}; "
        f"img-src 'self' data: blob:{extra}; connect-src 'self'{extra}; font-src 'self'; object-src 'none'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """CSP hashes of the page's inline scripts (for a generated page we cannot change, like Swagger UI's)."""
    return tuple(
        "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        for script in _INLINE_SCRIPT.findall(html)
    )


DEFAULT_POLICY = content_security_policy()
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", DEFAULT_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
NO_STORE = (b"cache-control", b"no-store")


def carries_credentials(headers: dict[bytes, bytes]) -> bool:
    return b"authorization" in headers or b"cookie" in headers


def with_security_headers(headers: list[tuple[bytes, bytes]], credentialed: bool) -> list[tuple[bytes, bytes]]:
    """`headers` (a response's) plus every security header the route did not set itself."""
    present = {name.lower() for name, _ in headers}
    added = [header for header in SECURITY_HEADERS if header[0] not in present]
    if credentialed and b"cache-control" not in present:
        added.append(NO_STORE)
    return [*headers, *added] if added else headers
