"""Pure intake rules: who may file what, and how a report's status follows its case."""

from __future__ import annotations

from dataclasses import dataclass

from chuishao_shared.reference import ReferenceData
from chuishao_shared.vocabulary import (
    CLOSED,
    FINISHED,
    IN_CASE,
    RECEIVED,
    REPORT_CLOSED,
    RESOLVED,
    ReportStatus,
)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    status: int = 422


class IntakeError(Exception):
    """Base of every refusal of intake's use cases; `entrypoints/errors.py` maps them to problems."""


class FilingRefused(IntakeError):
    """Unknown codes (422), or only a grid that is not the worker's own (403)."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        self.forbidden = all(e.status == 403 for e in errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))


class ReportNotFound(IntakeError):
    """No such report, or another worker's (the two answer alike: ids are not enumerable)."""

    def __init__(self, report_id: object) -> None:
        super().__init__(f"No report {report_id} of yours.")


class FollowUpRefused(IntakeError):
    """A verification or feedback the report's case is not ready for."""

    def __init__(self, kind: str, case_status: str | None) -> None:
        self.case_status = case_status
        super().__init__(f"A {kind} is not possible while the case is {case_status or 'not yet opened'}.")


def check_filing(ref: ReferenceData, *, category: str, grid: str, own_grids: frozenset[str]) -> list[FieldError]:
    """Unknown codes are 422; a known grid that is not the worker's own is 403 (object-level access)."""
    errors: list[FieldError] = []
    if category not in ref.categories:
        hint = " (a 大类 code; file under one of its 小类)" if category in ref.majors else ""
        errors.append(FieldError("category", f"unknown category {category!r}{hint}"))
    node = ref.jurisdictions.get(grid)
    if node is None or node.level != "grid":
        errors.append(FieldError("grid", f"unknown grid {grid!r}"))
    elif grid not in own_grids:
        errors.append(FieldError("grid", f"grid {grid!r} is not one of your grids", status=403))
    return errors


def report_status(case_status: str | None) -> ReportStatus:
    """received → in_case (dispatch opened or joined a case) → closed (its case is finished)."""
    if case_status is None:
        return RECEIVED
    if case_status in FINISHED:
        return REPORT_CLOSED
    return IN_CASE


def verification_allowed(case_status: str | None) -> bool:
    return case_status == RESOLVED


def feedback_allowed(case_status: str | None) -> bool:
    return case_status in (RESOLVED, CLOSED)
