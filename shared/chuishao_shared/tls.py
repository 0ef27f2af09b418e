"""One TLS context per process for the services' outgoing HTTP clients.

httpx builds a new `ssl.SSLContext` for every client it makes unless it is given one, and loading the
trust store costs about 10 ms of CPU each time: a client made per request or per poll paid it again and
again. An `SSLContext` may be shared by any number of clients, threads and event loops."""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.cache
def client_tls(*, trust_env: bool = True) -> ssl.SSLContext:
    """The process's context with the system's trust store (`trust_env`: SSL_CERT_FILE / SSL_CERT_DIR as
    httpx reads them; read once, at the first call)."""
    return httpx.create_ssl_context(trust_env=trust_env)
