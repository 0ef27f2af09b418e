"""The HTTP platform every service is built on: problem details, body-size and content-type guards,
rate limiting, RED metrics, trace ids, health, readiness and metrics endpoints."""

from __future__ import annotations

import ipaddress
import json
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
from chuishao_shared.observability import (
    HTTP_LATENCY,
    HTTP_REQUESTS,
    metrics_registry,
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


def _field_with_control_character(body: bytes, content_type: str) -> str | None:
    if not body.strip():
        return None
    if content_type == "application/x-www-form-urlencoded":
        return pair_with_control_character(body.decode("utf-8", errors="replace"))
    if content_type in _JSON_TYPES or content_type.endswith("+json"):
        try:
            document = json.loads(body)
        except ValueError:
            return None  # malformed JSON: the route's validation answers 400
        return field_with_control_character(document)
    return None  # multipart: photos are bytes; their text parts are checked by the route's model


async def _refuse_control_character(scope: Scope, receive: Receive, send: Send, field: str) -> None:
    problem = field_problem(field, "control characters are not allowed")
    await problem_response(problem, scope["path"])(scope, receive, send)


class RequestGuard:
    """Refuses oversized bodies (413) and non-JSON bodies on JSON APIs (415) before any handler runs,
    then replays the buffered body. Paths in `form_prefixes` (Open311) may also send forms; paths in
    `upload_limits` (photo uploads) may send multipart bodies up to their own, larger limit."""

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        form_prefixes: tuple[str, ...] = (),
        upload_limits: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.form_prefixes = form_prefixes
        self.upload_limits = upload_limits or {}

    def _limit_for(self, path: str) -> tuple[int, bool]:
        """The body limit for `path`, and whether it is an upload path (multipart allowed)."""
        for prefix, limit in self.upload_limits.items():
            if path.startswith(prefix):
                return limit, True
        return self.max_body_bytes, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        bad_parameter = pair_with_control_character(query) if query else None
        if bad_parameter is not None:
            await _refuse_control_character(scope, receive, send, bad_parameter)
            return
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
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
        body = b"".join(chunks)
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        allows_form = scope["path"].startswith(self.form_prefixes) if self.form_prefixes else False
        acceptable = (
            content_type in _JSON_TYPES
            or content_type.endswith("+json")
            or (allows_form and content_type in ("application/x-www-form-urlencoded", "multipart/form-data"))
            or (is_upload and content_type == "multipart/form-data")
        )
        if body.strip() and not acceptable:
            await _send_problem(
                send,
                415,
                "Unsupported media type",
                f"Send the body as application/json (got {content_type or 'none'}).",
            )
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

        await self.app(scope, replay, send)


class RateLimiter:
    """A token bucket per caller; floods get 429 with Retry-After. The caller is the token's subject
    when the request carries a valid bearer token (so users behind one ingress or NAT do not share a
    limit) and otherwise the client address, read from X-Forwarded-For only when the connection
    comes from a configured trusted proxy. Buckets are evicted least recently used. Per process by
    design: the edge proxy does the global limiting, this protects one replica's database pool."""

    MAX_BUCKETS = 10_000

    def __init__(
        self, app: ASGIApp, rate_per_second: float, burst: int, trusted_proxies: list[str] | None = None
    ) -> None:
        self.app = app
        self.rate = rate_per_second
        self.burst = float(burst)
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

    async def caller(self, scope: Scope) -> str:
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        verifier = getattr(getattr(scope.get("app"), "state", None), "verifier", None)
        if verifier is not None and authorization[:7].lower() == "bearer ":
            try:
                return "sub:" + (await verifier.verify(authorization[7:])).sub
            except Exception:  # an invalid token is limited by address; the route answers 401
                pass
        return "addr:" + self.client_address(scope)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/healthz", "/readyz", "/metrics"):
            await self.app(scope, receive, send)
            return
        caller = await self.caller(scope)
        now = time.monotonic()
        tokens, last = self.buckets.get(caller, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            retry_after = max(1, int((1.0 - tokens) / self.rate + 0.999))
            self._put(caller, (tokens, now))
            await _send_problem(
                send,
                429,
                "Too many requests",
                "Slow down and retry later.",
                [(b"retry-after", str(retry_after).encode())],
            )
            return
        self._put(caller, (tokens - 1.0, now))
        await self.app(scope, receive, send)

    def _put(self, caller: str, bucket: tuple[float, float]) -> None:
        self.buckets[caller] = bucket
        self.buckets.move_to_end(caller)
        if len(self.buckets) > self.MAX_BUCKETS:
            self.buckets.popitem(last=False)


class Telemetry:
    """RED metrics labelled by route template (never by id) and a trace id for the logs."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        incoming = headers.get(b"traceparent", b"").decode("latin-1")
        trace_id = trace_id_from(incoming) or new_traceparent().split("-")[1]
        token = trace_id_var.set(trace_id)
        status = 500
        started = time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = list(message.get("headers", [])) + [
                    (b"traceparent", new_traceparent(trace_id).encode())
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope["method"]
            HTTP_REQUESTS.labels(self.service, method, route, str(status)).inc()
            HTTP_LATENCY.labels(self.service, method, route).observe(time.perf_counter() - started)
            trace_id_var.reset(token)


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
    )
    install_api_docs(app, serve_pages=serve_docs)
    install_problem_handlers(app)
    app.add_middleware(
        RequestGuard, max_body_bytes=max_body_bytes, form_prefixes=form_prefixes, upload_limits=upload_limits
    )
    app.add_middleware(RateLimiter, rate_per_second=rate_per_second, burst=rate_burst, trusted_proxies=trusted_proxies)
    app.add_middleware(Telemetry, service=service)

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
