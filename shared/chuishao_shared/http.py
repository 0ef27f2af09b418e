"""The HTTP platform every service is built on: problem details, body-size and content-type guards,
rate limiting, RED metrics, trace ids, health, readiness and metrics endpoints."""

from __future__ import annotations

import ipaddress
import json
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chuishao_shared.apidocs import install_api_docs, route_operation_id
from chuishao_shared.direct_routes import DirectRoute, answer
from chuishao_shared.headers import carries_credentials, with_security_headers
from chuishao_shared.observability import (
    HTTP_LATENCY,
    HTTP_REQUESTS,
    metrics_registry,
    new_trace_id,
    new_traceparent,
    trace_id_from,
    trace_id_var,
)
from chuishao_shared.problems import PROBLEM_JSON, field_problem, install_problem_handlers, problem_response
from chuishao_shared.text_guard import field_with_control_character, pair_with_control_character

ReadinessCheck = Callable[[], Awaitable[None]]
_JSON_TYPES = ("application/json", "application/merge-patch+json")


async def _send_problem(
    send: Send, status: int, title: str, detail: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(
        {
            "type": f"https://chuishao.example/problems/{title.lower().replace(' ', '-')}",
            "title": title,
            "status": status,
            "detail": detail,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


# Every way a JSON text can carry a forbidden character (text_guard): the raw byte (C0 but tab, line
# feed and carriage return; DEL; C1 as UTF-8's \xc2\x80-\x9f; a surrogate, which json.loads lets
# through from bytes) or an escape (\b, \f, \u00XX of those
# ranges, a surrogate). A body with none of them is not parsed a second time (the route parses it).
_MAYBE_CONTROL_IN_JSON = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xed[\xa0-\xbf]"
    # the bidirectional formatting characters: U+061C, U+200E-F, U+202A-E, U+2066-9
    rb"|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
    rb"|\\(?:[bf]|u00[01789]|u00[7][0-9a-fA-F]|u[dD][89a-fA-F]|u061[cC]|u200[eEfF]|u202[a-eA-E]|u206[6-9])"
)

# The first byte of each of those (one character class: scanned about four times faster).
_FIRST_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\\\xc2\xed\xd8\xe2]")

# JSON nested deeper than this is refused before anything parses it: the parsers recurse (json's C
# scanner raises RecursionError, pydantic and the walkers below recurse too). No request needs more
# than a handful of levels.
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text `body` opens more than `limit` arrays or objects inside one another
    (brackets inside strings do not count). Cheap: most bodies have fewer brackets than the limit."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for byte in _JSON_STRING.sub(b"", body).translate(None, _NOT_A_BRACKET):
        if byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _field_with_control_character(body: bytes, content_type: str) -> str | None:
    if not body.strip():
        return None
    if content_type == "application/x-www-form-urlencoded":
        return pair_with_control_character(body.decode("utf-8", errors="replace"))
    if content_type in _JSON_TYPES or content_type.endswith("+json"):
        if _FIRST_BYTE.search(body) is None or _MAYBE_CONTROL_IN_JSON.search(body) is None:
            return None
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            return None  # malformed JSON: the route's validation answers 400
        return field_with_control_character(document)
    return None  # multipart: photos are bytes; their text parts are checked by the route's model


async def _refuse_control_character(scope: Scope, receive: Receive, send: Send, field: str) -> None:
    problem = field_problem(field, "control characters are not allowed")
    await problem_response(problem, scope["path"])(scope, receive, send)


_UNLIMITED_PATHS = frozenset(("/healthz", "/readyz", "/metrics"))
_BODY_METHODS = frozenset(("POST", "PUT", "PATCH"))


class RateLimiter:
    """A token bucket per caller; floods get 429 with Retry-After. The caller is the token's subject
    when the request carries a valid bearer token (so users behind one ingress or NAT do not share a
    limit) and otherwise the client address, read from X-Forwarded-For only when the connection
    comes from a configured trusted proxy. Buckets are evicted least recently used. Per process by
    design: the edge proxy does the global limiting, this protects one replica's database pool.

    A signed-in person gets `person` (rate, burst): what a person can do (CHUISHAO_RATE_LIMIT_USER_*),
    so one user's flood is refused long before it slows everyone else's requests; subjects listed in
    `service_accounts` (integrations, devices acting for many) and client addresses (many anonymous
    readers behind one NAT) get the service's `rate_per_second` and `burst`."""

    MAX_BUCKETS = 10_000

    def __init__(
        self,
        rate_per_second: float,
        burst: int,
        trusted_proxies: list[str] | None = None,
        *,
        person: tuple[float, int] | None = None,
        service_accounts: list[str] | None = None,
    ) -> None:
        self.rate = rate_per_second
        self.burst = float(burst)
        self.person_rate, person_burst = person or (rate_per_second, burst)
        self.person_burst = float(person_burst)
        self.service_accounts = frozenset(f"sub:{s}" for s in service_accounts or ())
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies or []]
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def client_address(self, scope: Scope) -> str:
        address = (scope.get("client") or ("unknown", 0))[0]
        if not self.trusted or not self._is_trusted(address):
            return address
        forwarded = b",".join(v for k, v in scope["headers"] if k == b"x-forwarded-for").decode("latin-1")
        # Right to left: the first hop our proxies did not add is the client.
        for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
            if not self._is_trusted(hop):
                return hop
        return address

    async def caller(self, scope: Scope, headers: dict[bytes, bytes] | None = None) -> str:
        authorization = (headers if headers is not None else dict(scope["headers"])).get(b"authorization", b"")
        if authorization[:7].lower() == b"bearer ":
            verifier = getattr(getattr(scope.get("app"), "state", None), "verifier", None)
            if verifier is not None:
                try:
                    # Never introspects: only a token already checked by a route counts as a subject here.
                    token = authorization[7:].decode("latin-1")
                    return "sub:" + (await verifier.verify(token, ask=False)).sub
                except Exception:  # an invalid token is limited by address; the route answers 401
                    pass
        return "addr:" + self.client_address(scope)

    def _limits(self, caller: str) -> tuple[float, float]:
        if caller.startswith("sub:") and caller not in self.service_accounts:
            return self.person_rate, self.person_burst
        return self.rate, self.burst

    def take(self, caller: str) -> int | None:
        """Spend one token of `caller`'s bucket: None when allowed, else the Retry-After seconds."""
        now = time.monotonic()
        rate, burst = self._limits(caller)
        tokens, last = self.buckets.get(caller, (burst, now))
        tokens = min(burst, tokens + (now - last) * rate)
        if tokens < 1.0:
            self._put(caller, (tokens, now))
            return max(1, int((1.0 - tokens) / rate + 0.999))
        self._put(caller, (tokens - 1.0, now))
        return None

    def _put(self, caller: str, bucket: tuple[float, float]) -> None:
        self.buckets[caller] = bucket
        self.buckets.move_to_end(caller)
        if len(self.buckets) > self.MAX_BUCKETS:
            self.buckets.popitem(last=False)


class HttpPlatform:
    """The platform's request handling in one pure ASGI layer, in the order it always had (one layer
    instead of three: the headers are read once, one send wrapper, no per-request closures but that
    one): telemetry (W3C trace id, RED metrics labelled by route template, never by id), then the
    rate limit (`limiter`), then the request guard: oversized bodies (413), non-JSON bodies on JSON
    APIs (415) and control characters (422) refused before any handler runs, then the buffered body
    replayed. Paths in `form_prefixes` (Open311) may also send forms; paths in `upload_limits` (photo
    uploads) may send multipart bodies up to their own, larger limit; the paths in `xml_paths` exactly
    (a platform's callback, e.g. WeCom's) may send XML under any label, which their route parses itself."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        service: str,
        max_body_bytes: int,
        rate_per_second: float,
        rate_burst: int,
        trusted_proxies: list[str] | None = None,
        form_prefixes: tuple[str, ...] = (),
        upload_limits: dict[str, int] | None = None,
        person_rate: tuple[float, int] | None = None,
        service_accounts: list[str] | None = None,
        xml_paths: tuple[str, ...] = (),
        direct_routes: dict[tuple[str, str], DirectRoute] | None = None,
    ) -> None:
        self.app = app
        self.xml_paths = frozenset(xml_paths)
        # Filled by `answer_directly` after the app is built (the same dict as app.state.direct_routes).
        self.direct_routes = direct_routes if direct_routes is not None else {}
        self.service = service
        self.limiter = RateLimiter(
            rate_per_second, rate_burst, trusted_proxies, person=person_rate, service_accounts=service_accounts
        )
        self.max_body_bytes = max_body_bytes
        self.form_prefixes = form_prefixes
        self.upload_limits = upload_limits or {}
        self._upload_prefixes = tuple(self.upload_limits)
        # Metric children by label values: `labels()` takes a lock and builds a key on every call.
        self._requests: dict[tuple[str, str, int], Any] = {}
        self._latency: dict[tuple[str, str], Any] = {}

    def _limit_for(self, path: str) -> tuple[int, bool]:
        """The body limit for `path`, and whether it is an upload path (multipart allowed)."""
        if not path.startswith(self._upload_prefixes):
            return self.max_body_bytes, False
        for prefix, limit in self.upload_limits.items():
            if path.startswith(prefix):
                return limit, True
        return self.max_body_bytes, False

    def _observe(self, method: str, route: str, status: int, seconds: float) -> None:
        counter = self._requests.get((method, route, status))
        if counter is None:
            counter = self._requests[(method, route, status)] = HTTP_REQUESTS.labels(
                self.service, method, route, str(status)
            )
        counter.inc()
        histogram = self._latency.get((method, route))
        if histogram is None:
            histogram = self._latency[(method, route)] = HTTP_LATENCY.labels(self.service, method, route)
        histogram.observe(seconds)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        trace_id = trace_id_from(headers.get(b"traceparent", b"").decode("latin-1")) or new_trace_id()
        token = trace_id_var.set(trace_id)
        status = 500
        started = time.perf_counter()

        credentialed = carries_credentials(headers)

        async def send_with_trace(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *with_security_headers(list(message.get("headers", ())), credentialed),
                    (b"traceparent", new_traceparent(trace_id).encode()),
                ]
            await send(message)

        try:
            await self._limited(scope, receive, send_with_trace, headers)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self._observe(scope["method"], route, status, time.perf_counter() - started)
            trace_id_var.reset(token)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes]) -> None:
        if scope["path"] not in _UNLIMITED_PATHS:
            caller = await self.limiter.caller(scope, headers)
            # Who is asking, for the routes' own per-client limits (live streams): request.state.caller.
            scope.setdefault("state", {})["caller"] = caller
            retry_after = self.limiter.take(caller)
            if retry_after is not None:
                await _send_problem(
                    send,
                    429,
                    "Too many requests",
                    "Slow down and retry later.",
                    [(b"retry-after", str(retry_after).encode())],
                )
                return
        await self._guarded(scope, receive, send, headers)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes]) -> None:
        query = scope.get("query_string", b"")
        bad_parameter = pair_with_control_character(query.decode("latin-1")) if query else None
        if bad_parameter is not None:
            await _refuse_control_character(scope, receive, send, bad_parameter)
            return
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        max_bytes, is_upload = self._limit_for(scope["path"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            await _send_problem(send, 413, "Payload too large", f"The request body exceeds {max_bytes} bytes.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_bytes:
                await _send_problem(send, 413, "Payload too large", f"The request body exceeds {max_bytes} bytes.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        allows_form = scope["path"].startswith(self.form_prefixes) if self.form_prefixes else False
        acceptable = (
            content_type in _JSON_TYPES
            or content_type.endswith("+json")
            or (allows_form and content_type in ("application/x-www-form-urlencoded", "multipart/form-data"))
            or (is_upload and content_type == "multipart/form-data")
            # whatever type the platform labels it with (WeCom's is not documented): the route parses it strictly
            or scope["path"] in self.xml_paths
        )
        if body.strip() and not acceptable:
            await _send_problem(
                send,
                415,
                "Unsupported media type",
                f"Send the body as application/json (got {content_type or 'none'}).",
            )
            return
        if (content_type in _JSON_TYPES or content_type.endswith("+json")) and json_too_deep(body):
            problem = field_problem("body", f"JSON nested deeper than {MAX_JSON_DEPTH} levels", status=400)
            await problem_response(problem, scope["path"])(scope, receive, send)
            return
        bad_field = _field_with_control_character(body, content_type)
        if bad_field is not None:
            await _refuse_control_character(scope, receive, send, bad_field)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        direct = self.direct_routes.get((scope["method"], scope["path"]))
        if direct is not None:
            scope["route"] = direct
            await answer(direct, scope, replay, send)
            return
        await self.app(scope, replay, send)


def create_app(
    *,
    service: str,
    title: str,
    version: str,
    description: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None,
    readiness: Callable[[FastAPI], ReadinessCheck],
    max_body_bytes: int,
    rate_per_second: float,
    rate_burst: int,
    form_prefixes: tuple[str, ...] = (),
    upload_limits: dict[str, int] | None = None,
    serve_docs: bool = True,
    serve_metrics: bool = True,
    trusted_proxies: list[str] | None = None,
    person_rate: tuple[float, int] | None = None,
    service_accounts: list[str] | None = None,
    xml_paths: tuple[str, ...] = (),
) -> FastAPI:
    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if serve_docs else None,
        generate_unique_id_function=route_operation_id,
        # FastAPI's native OpenTelemetry asks on every request whether a provider is configured (and
        # would wrap dependencies and serialization in spans). The platform's trace ids and RED
        # metrics are its own (HttpPlatform) and no OpenTelemetry provider is ever set: off, once.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    install_api_docs(app, serve_pages=serve_docs)
    install_problem_handlers(app)
    app.state.direct_routes = {}
    app.add_middleware(
        HttpPlatform,
        service=service,
        max_body_bytes=max_body_bytes,
        rate_per_second=rate_per_second,
        rate_burst=rate_burst,
        trusted_proxies=trusted_proxies,
        form_prefixes=form_prefixes,
        upload_limits=upload_limits,
        person_rate=person_rate,
        service_accounts=service_accounts,
        xml_paths=xml_paths,
        direct_routes=app.state.direct_routes,
    )

    @app.get("/healthz", tags=["operations"], summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="Readiness: the database answers")
    async def readyz() -> Response:
        try:
            await readiness(app)()
        except Exception as error:
            return JSONResponse(
                {
                    "type": "https://chuishao.example/problems/not-ready",
                    "title": "Not ready",
                    "status": 503,
                    "detail": str(error)[:300],
                },
                status_code=503,
                media_type=PROBLEM_JSON,
            )
        # Ready, but something needs an operator soon (e.g. the holiday calendar running out).
        warnings: list[str] = getattr(app.state, "readiness_warnings", list)()
        return JSONResponse({"status": "ready", **({"warnings": warnings} if warnings else {})})

    if serve_metrics:

        @app.get("/metrics", tags=["operations"], summary="Prometheus metrics")
        async def metrics() -> Response:
            return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)

    return app
