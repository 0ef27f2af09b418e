"""RFC 9457 problem details for every error, FastAPI's own validation errors included."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from chuishao_shared.transient import TRANSIENT_FAMILIES, is_transient

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Exception)
PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "https://chuishao.example/problems/"


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        kind: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail or title
        self.kind = kind or title.lower().replace(" ", "-")
        self.errors = errors
        self.headers = headers
        self.extensions = extensions


def field_problem(field: str, message: str, status: int = 422) -> Problem:
    return Problem(
        status,
        "Invalid request",
        f"{field}: {message}",
        kind="validation",
        errors=[{"field": field, "message": message}],
    )


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {
        "type": _TYPE_BASE + problem.kind,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if instance:
        body["instance"] = instance
    if problem.errors is not None:
        body["errors"] = problem.errors
    body.update(problem.extensions)
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers)


RETRY_AFTER_SECONDS = 5


def unavailable() -> Problem:
    """The database (or another dependency) cannot be reached right now: a client should retry later
    with the same Idempotency-Key."""
    return Problem(
        503,
        "Service unavailable",
        "The service cannot reach its database right now; retry after a few seconds with the same Idempotency-Key.",
        kind="unavailable",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_problem(errors: list[dict[str, Any]]) -> Problem:
    if any(e.get("type") == "json_invalid" for e in errors):
        return Problem(
            400,
            "Malformed JSON",
            "The request body is not valid JSON.",
            kind="malformed-json",
            errors=[{"field": "body", "message": "invalid JSON"}],
        )
    items = [{"field": _field_name(e.get("loc", ())), "message": str(e.get("msg", "invalid"))} for e in errors]
    detail = "; ".join(f"{i['field']}: {i['message']}" for i in items)
    return Problem(422, "Invalid request", detail, kind="validation", errors=items)


def map_errors(app: FastAPI, base: type[E], to_problem: Callable[[E], Problem]) -> None:
    """The one place at a service's edge where its domain errors (`base` and subclasses) become
    problem details; the domain itself never knows about HTTP."""

    async def _mapped(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(to_problem(exc), request.url.path)  # type: ignore[arg-type]

    app.add_exception_handler(base, _mapped)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(validation_problem(list(exc.errors())), request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized", 403: "Forbidden"}.get(
            exc.status_code, "HTTP error"
        )
        return problem_response(
            Problem(exc.status_code, title, str(exc.detail), headers=getattr(exc, "headers", None)),
            request.url.path,
        )

    # Registered per family (not on Exception): Starlette's handler for Exception re-raises after
    # answering, and the server then closes a keep-alive connection; these answer and keep it.
    async def _maybe_unavailable(request: Request, exc: Exception) -> JSONResponse:
        if not is_transient(exc):
            raise exc
        log.warning("database unavailable on %s: %r", request.url.path, exc)
        return problem_response(unavailable(), request.url.path)

    for family in TRANSIENT_FAMILIES:
        app.add_exception_handler(family, _maybe_unavailable)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem_response(Problem(500, "Internal error", "An unexpected error occurred."), request.url.path)
