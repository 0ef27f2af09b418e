"""Problem details (RFC 9457) for the refusals of activities and certificates: each names its field."""

from __future__ import annotations

from fastapi import FastAPI

from chuishao_community.domain.activities import ActivityConflict, ActivityError, CodeRejected
from chuishao_community.domain.certificates import CertificateError
from chuishao_community.service_layer.certificate_handlers import CertificateNotFound
from chuishao_shared.problems import Problem, map_errors


def activity_problem(error: ActivityError) -> Problem:
    fields = [{"field": error.field, "message": error.message}]
    if isinstance(error, CodeRejected):
        return Problem(403, "Check-in code refused", str(error), kind="code-rejected", reason=error.code, errors=fields)
    if isinstance(error, ActivityConflict):
        return Problem(409, "Refused by the activity", str(error), kind="conflict", reason=error.code, errors=fields)
    return Problem(422, "Invalid request", str(error), kind="validation", reason=error.code, errors=fields)


def certificate_problem(error: CertificateError) -> Problem:
    return Problem(
        422, "Invalid request", str(error), kind="validation", errors=[{"field": error.field, "message": error.message}]
    )


def not_found_problem(error: CertificateNotFound) -> Problem:
    return Problem(
        404,
        "Not found",
        "no certificate was issued with this number",
        kind="not-found",
        errors=[{"field": "number", "message": error.reason}],
    )


def install(app: FastAPI) -> None:
    map_errors(app, ActivityError, activity_problem)
    map_errors(app, CertificateError, certificate_problem)
    map_errors(app, CertificateNotFound, not_found_problem)
