"""The one place where dispatch's domain errors become problem details (RFC 9457)."""

from __future__ import annotations

from fastapi import FastAPI

from chuishao_dispatch.domain import (
    CaseNotFound,
    DomainError,
    IllegalTransition,
    InvalidCommand,
    InvalidRuleSet,
    NotAssigned,
)
from chuishao_dispatch.domain.errors import OutOfScope
from chuishao_dispatch.domain.people import InvalidPerson, PersonNotFound
from chuishao_shared.problems import Problem, map_errors


def problem_of(error: DomainError) -> Problem:
    if isinstance(error, PersonNotFound):
        return Problem(404, "Not found", "No such person.")
    if isinstance(error, InvalidPerson):
        return Problem(422, "Invalid person", str(error), kind="validation", errors=[e.as_dict() for e in error.errors])
    if isinstance(error, CaseNotFound):
        return Problem(404, "Not found", str(error))
    if isinstance(error, IllegalTransition):
        return Problem(
            409, "Illegal transition", str(error), kind="illegal-transition", current_status=error.current_status
        )
    if isinstance(error, NotAssigned):
        return Problem(403, "Forbidden", str(error), kind="forbidden")
    if isinstance(error, OutOfScope):
        return Problem(
            403, "Forbidden", str(error), kind="forbidden", errors=[{"field": error.field, "message": error.message}]
        )
    if isinstance(error, InvalidCommand):
        return Problem(
            422,
            "Invalid request",
            str(error),
            kind="validation",
            errors=[{"field": error.field, "message": error.message}],
        )
    if isinstance(error, InvalidRuleSet):
        return Problem(422, "Invalid rule set", str(error), kind="validation", errors=error.errors)
    return Problem(422, "Refused", str(error), kind="refused")


def install(app: FastAPI) -> None:
    map_errors(app, DomainError, problem_of)
