"""The network under notify's HTTP client: it resolves the receiver's name itself, judges every address
the name gives (domain/destinations.py) and connects to the address it judged — never to the name,
so DNS cannot answer differently between the check and the connection (rebinding). TLS still
verifies the certificate against the name (httpcore passes the URL's host as the server name)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import httpcore
import httpx

from chuishao_notify.domain.destinations import Address, Network, address_problem
from chuishao_shared.tls import client_tls

Resolver = Callable[[str, int], Awaitable[list[str]]]


class RefusedDestination(httpcore.ConnectError):
    """The receiver's host is, or resolves to, an address notify must not connect to."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, allowed: Sequence[Network] = (), resolve: Resolver = system_resolver) -> None:
        self.allowed = tuple(allowed)
        self.resolve = resolve
        self.inner = httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int, seconds: float | None) -> list[Address]:
        try:
            async with asyncio.timeout(seconds):
                found = await self.resolve(host, port)
        except TimeoutError as error:
            raise httpcore.ConnectTimeout("name resolution timed out") from error
        except OSError as error:
            raise httpcore.ConnectError(f"name not resolved ({type(error).__name__})") from error
        addresses = list(dict.fromkeys(ipaddress.ip_address(a.split("%", 1)[0]) for a in found))
        if not addresses:
            raise httpcore.ConnectError("name not resolved")
        for address in addresses:
            problem = address_problem(address, self.allowed)
            if problem:  # one internal answer is enough: a name that mixes them is not a receiver
                raise RefusedDestination(f"the receiver's address {problem}")
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        last: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in await self.addresses(host, port, timeout):
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last = error
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedDestination("receivers are reached over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport on a `GuardedBackend`. httpx 0.28 takes no network backend (encode/httpx#3749
    proposes one), so the connection pool it builds is replaced by one built the same way on ours."""

    def __init__(self, backend: GuardedBackend, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=client_tls(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def refusal(error: BaseException) -> str | None:
    """The reason, when `error` (an httpx error) came from a refused destination."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, RefusedDestination):
            return str(seen)
        seen = seen.__cause__ or seen.__context__
    return None
