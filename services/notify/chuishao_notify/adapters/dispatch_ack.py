"""A WeCom 签收 button's tap reaches dispatch the way a tap on the one-tap page does: `POST /ack/{token}` with
the notice's signed link token (dispatch's entrypoints/ack_page.py, service_layer/ack_links.py `use`), so
single use, expiry, the directory's check of the person and "already acknowledged" are the page's, not a
copy. The page answers a status per outcome; that is all this reads (never the page's words).

The address is dispatch as notify reaches it (CHUISHAO_DISPATCH_URL, else CHUISHAO_DIRECTORY_URL, else the
public address the links carry). The log gets the outcome, never the token."""

from __future__ import annotations

import logging

import httpx

from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)

# The page's statuses for a POST (ack_page.WORDS): done, used or already acknowledged, expired, no longer
# on duty, no longer waiting for the department, a broken link.
STATES = {200: "done", 409: "already", 410: "expired", 403: "not_on_duty", 404: "gone", 400: "invalid"}
UNAVAILABLE = "unavailable"


class DispatchAck:
    def __init__(self, base_url: str, timeout_seconds: float = 4.0) -> None:
        # Under WeCom's 5 s for a passive reply.
        self.base_url = base_url.rstrip("/")
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, 2.0)),
            follow_redirects=False,
            trust_env=False,
            verify=client_tls(trust_env=False),
        )

    async def use(self, token: str) -> str:
        try:
            response = await self.client.post(f"{self.base_url}/ack/{token}", headers={"Accept": "text/html"})
        except httpx.HTTPError as error:
            log.warning("dispatch's 签收 page unreachable: %s", type(error).__name__)
            return UNAVAILABLE
        state = STATES.get(response.status_code, UNAVAILABLE)
        if state == UNAVAILABLE:
            log.warning("dispatch's 签收 page answered %s", response.status_code)
        return state

    async def close(self) -> None:
        await self.client.aclose()
