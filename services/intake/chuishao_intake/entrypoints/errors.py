"""The one place where intake's refusals become problem details (RFC 9457)."""

from __future__ import annotations

from fastapi import FastAPI

from chuishao_intake.domain.reports import FilingRefused, FollowUpRefused, IntakeError, ReportNotFound
from chuishao_shared.problems import Problem, map_errors


def problem_of(error: IntakeError) -> Problem:
    if isinstance(error, FilingRefused):
        items = [{"field": e.field, "message": e.message} for e in error.errors]
        if error.forbidden:
            return Problem(403, "Forbidden", str(error), kind="forbidden", errors=items)
        return Problem(422, "Invalid request", str(error), kind="validation", errors=items)
    if isinstance(error, ReportNotFound):
        return Problem(404, "Not found", str(error))
    if isinstance(error, FollowUpRefused):
        return Problem(409, "Conflict", str(error), kind="illegal-state", case_status=error.case_status)
    return Problem(422, "Refused", str(error), kind="refused")


def install(app: FastAPI) -> None:
    map_errors(app, IntakeError, problem_of)
