"""Hot routes the platform answers itself (`HttpPlatform`, after its guards), without the framework's
router, dependency solving and inner middleware: under load that machinery was a third of intake's CPU
per filed report. A direct endpoint does what its route's dependencies did, in the order FastAPI runs
them (a malformed body, then the dependencies, then the body's fields), and its errors get the app's
problem handlers, so a client cannot tell the two apart. The route stays declared in the app for the
API docs, and its template labels the metrics."""

from __future__ import annotations

import email.message
import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from starlette.types import Receive, Scope, Send

from chuishao_shared.problems import Problem, problem_response

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class DirectRoute:
    path: str  # the route's template: what `scope["route"].path` gives the metrics
    endpoint: Endpoint


def answer_directly(app: FastAPI, method: str, path: str, endpoint: Endpoint) -> None:
    """Have the platform answer `method path` with `endpoint`."""
    app.state.direct_routes[(method, path)] = DirectRoute(path, endpoint)


async def answer(route: DirectRoute, scope: Scope, receive: Receive, send: Send) -> None:
    request = Request(scope, receive)
    try:
        response = await route.endpoint(request)
    except Exception as error:
        response = await error_response(request, error)
    await response(scope, receive, send)


async def error_response(request: Request, error: Exception) -> Response:
    """What the app's exception handlers answer `error` with: the most specific handler's, else (none, or
    it re-raised: a handler for a family that declines some of its members) the handler for Exception."""
    handlers = request.app.exception_handlers
    for kind in type(error).__mro__:
        handler = handlers.get(kind)
        if handler is None or kind is Exception:
            continue
        try:
            answered = handler(request, error)
            return await answered if inspect.isawaitable(answered) else answered  # type: ignore[no-any-return]
        except Exception:
            break
    fallback = handlers.get(Exception)
    if fallback is not None:
        return await fallback(request, error)  # type: ignore[no-any-return]
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(Problem(500, "Internal error", "An unexpected error occurred."), request.url.path)


_MISSING = object()


async def json_body(request: Request) -> Any:
    """The body as FastAPI reads it for a model parameter: decoded JSON when labelled JSON (a decoding
    error is a 400 at once, before any dependency runs), the raw bytes when not, or nothing."""
    raw = await request.body()
    if not raw:
        return _MISSING
    content_type = request.headers.get("content-type")
    if not content_type:
        return raw
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    if message.get_content_maintype() != "application" or not (subtype == "json" or subtype.endswith("+json")):
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", error.pos), "msg": "JSON decode error", "input": {}}]
        ) from None


def validated(model: type[M], body: Any) -> M:
    """`body` (from `json_body`) as `model`, or the 422 FastAPI would give, fields located in the body."""
    if body is _MISSING:
        raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}])
    try:
        return model.model_validate(body, from_attributes=True)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        ) from None
