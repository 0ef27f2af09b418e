"""The thin layer over the generated typed clients (clients/python, `make client`): where the services
are, one call with its failure mapped to a message, and a queued report's send."""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx

from chuishao_shared.fieldwork.queue import Entry, Outcome, Result


def default_url(service: str, port: int) -> str:
    """What `make run` serves: 127.0.0.1 on the service's port (moved by CHUISHAO_<SERVICE>_PORT)."""
    return f"http://127.0.0.1:{os.environ.get(f'CHUISHAO_{service.upper()}_PORT', port)}"


class Failure(Exception):
    """An answer that is not a success: `problem` holds the RFC 9457 body when the server sent one."""

    def __init__(self, message: str, problem: dict[str, Any] | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.status = status


class Offline(Failure):
    """The server could not be reached (connection refused, DNS, time-out)."""


def problem_text(problem: dict[str, Any]) -> str:
    """A problem's title and status, its detail, then one line per invalid field."""
    lines = [f"{problem.get('title', 'Error')} ({problem.get('status', '?')})"]
    if problem.get("detail"):
        lines.append(str(problem["detail"]))
    for error in problem.get("errors") or []:
        lines.append(f"  {error.get('field', '?')}: {error.get('message', '')}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Endpoints:
    token: str
    intake_url: str
    dispatch_url: str
    timeout: float = 10.0

    def intake(self) -> Any:
        from chuishao_intake_client import AuthenticatedClient

        return AuthenticatedClient(base_url=self.intake_url, token=self.token, timeout=httpx.Timeout(self.timeout))

    def dispatch(self) -> Any:
        from chuishao_dispatch_client import AuthenticatedClient

        return AuthenticatedClient(base_url=self.dispatch_url, token=self.token, timeout=httpx.Timeout(self.timeout))


def call(operation: ModuleType, client: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Run a generated operation's `sync_detailed`; the answer as a dict, or `Failure` / `Offline`."""
    try:
        response = operation.sync_detailed(*args, client=client, **kwargs)
    except httpx.TransportError as error:  # connection refused, DNS, time-outs
        raise Offline(f"cannot reach {client._base_url}: {error or type(error).__name__}") from error
    except (ValueError, KeyError, TypeError) as error:  # not JSON or not a problem: a proxy's error page, say
        raise Failure(f"unreadable answer from {client._base_url}: {error}") from error
    status = int(response.status_code)
    parsed = response.parsed.to_dict() if response.parsed is not None else {}
    if status >= 400:
        raise Failure(problem_text(parsed), problem=parsed, status=status)
    return parsed


def send_report(client: Any, entry: Entry) -> Result:
    """File one queued report with its stored Idempotency-Key (a repeat files nothing new)."""
    from chuishao_intake_client.api.reports import create_report
    from chuishao_intake_client.models import ReportCreate

    try:
        body = ReportCreate.from_dict(entry.body)
    except (KeyError, ValueError, TypeError) as error:  # the file was edited into something unsendable
        problem = {"title": "Unreadable queued report", "status": 400, "detail": f"{type(error).__name__}: {error}"}
        return Result(Outcome.REJECTED, problem)
    try:
        report = call(create_report, client, body=body, idempotency_key=entry.idempotency_key)
    except Offline as error:
        return Result(Outcome.OFFLINE, {"error": str(error)})
    except Failure as error:
        transient = error.status is None or error.status >= 500 or error.status in (408, 429)
        if transient:
            return Result(Outcome.TRANSIENT, {"error": str(error)})
        return Result(Outcome.REJECTED, error.problem or {"title": str(error), "status": error.status})
    return Result(Outcome.SENT, report)
