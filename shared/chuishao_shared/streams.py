"""Fair sharing of live streams (SSE): each client may hold a few at once, per replica.

A client is who the platform says is asking (`request.state.caller`, HttpPlatform): the person for a
signed-in request, the client address (behind a trusted proxy, the forwarded one) for an anonymous
one. Beyond `per_client` open streams the client gets 429 with Retry-After, so one client cannot take
every slot of the replica's overall cap and lock every other viewer out. A slot is given back when
its response ends however it ends (finished, or cancelled on a disconnect before it streamed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from chuishao_shared.problems import Problem

RETRY_AFTER_SECONDS = 30


def client_of(request: Request) -> str:
    """The platform's name for the caller (`sub:…` or `addr:…`)."""
    caller = getattr(request.state, "caller", None)
    if caller:
        return str(caller)
    return "addr:" + (request.client.host if request.client else "unknown")


class StreamSlots:
    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self.held: Counter[str] = Counter()

    def take(self, client: str) -> Callable[[], None]:
        """Take one of `client`'s slots, or raise 429; returns the function that gives it back (once)."""
        if self.held[client] >= self.per_client:
            raise Problem(
                429,
                "Too many requests",
                f"At most {self.per_client} live streams per client; close one first.",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self.held[client] += 1
        given_back = False

        def give_back() -> None:
            nonlocal given_back
            if given_back:
                return
            given_back = True
            self.held[client] -= 1
            if self.held[client] <= 0:
                del self.held[client]

        return give_back


class Holding(Response):
    """`response`, then `release()` when it is over, whatever way it ends."""

    def __init__(self, response: Response, release: Callable[[], None]) -> None:
        self.response = response
        self.release = release
        self.status_code = response.status_code
        self.background = None
        self.raw_headers = response.raw_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.background is not None and self.response.background is None:
            self.response.background = self.background
        try:
            await self.response(scope, receive, send)
        finally:
            self.release()
