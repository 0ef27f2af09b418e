"""The one place where the community's domain errors become problem details (RFC 9457)."""

from __future__ import annotations

from fastapi import FastAPI

from chuishao_community.domain.errors import (
    AlreadyRegistered,
    ClaimLimitReached,
    DomainError,
    Forbidden,
    IllegalTransition,
    InvalidCommand,
    NotFound,
)
from chuishao_community.domain.topics import StepRefused
from chuishao_shared.problems import Problem, map_errors


def problem_of(error: DomainError) -> Problem:
    if isinstance(error, NotFound):
        return Problem(404, "Not found", str(error))
    if isinstance(error, IllegalTransition):
        return Problem(
            409,
            "Illegal transition",
            str(error),
            kind="illegal-transition",
            current_status=error.current_status,
            errors=[{"field": "status", "message": str(error)}],
        )
    if isinstance(error, StepRefused):
        return Problem(
            409,
            "Step refused",
            str(error),
            kind="step-refused",
            reason=error.reason,
            step=error.step,
            errors=[{"field": "step", "message": f"{error.reason}: {error.message}"}],
        )
    if isinstance(error, ClaimLimitReached):
        return Problem(
            409,
            "Claim limit reached",
            str(error),
            kind="claim-limit",
            limit=error.limit,
            errors=[{"field": "claim", "message": str(error)}],
        )
    if isinstance(error, AlreadyRegistered):
        return Problem(
            409, "Already registered", str(error), kind="conflict", errors=[{"field": "sub", "message": str(error)}]
        )
    if isinstance(error, Forbidden):
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
    return Problem(422, "Refused", str(error), kind="refused")


def install(app: FastAPI) -> None:
    map_errors(app, DomainError, problem_of)
