"""Why the domain refuses a command. `entrypoints/errors.py` maps these to problem details, in one place.

- `CaseNotFound` → 404: no such case, or one the actor may not see (the two answer alike).
- `IllegalTransition` → 409: the case is not in a state where the command makes sense.
- `NotAssigned` (and its `NotAllowed` refinement) → 403: the actor may not act on this case.
- `InvalidCommand` → 422: an argument is wrong; `field` names it for the problem's `errors`.
- `OutOfScope` → 403: an argument names something that exists but lies outside the actor's reach
  (a department that does not serve the case's area); `field` names it, as for a grid worker's
  report on a grid that is not theirs.
- `InvalidRuleSet` → 422: a rule set refers to unknown codes; one entry per wrong field.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal raised by the dispatch domain."""


class IllegalTransition(DomainError):
    def __init__(self, action: str, current_status: str, detail: str | None = None) -> None:
        self.action = action
        self.current_status = current_status
        self.detail = detail
        message = f"cannot {action} a case in status '{current_status}'"
        super().__init__(f"{message}: {detail}" if detail else message)


class NotAssigned(DomainError):
    """The actor's department holds no assignment on the case (or the actor may not act at all)."""

    def __init__(self, department: str | None, detail: str | None = None) -> None:
        self.department = department
        if detail is None:
            detail = (
                f"department '{department}' holds no assignment on this case"
                if department
                else "the actor speaks for no department"
            )
        super().__init__(detail)


class NotAllowed(NotAssigned):
    """The actor's role may not perform this command (a `NotAssigned`, so one handler catches both)."""

    def __init__(self, role: str, action: str, department: str | None = None) -> None:
        self.role = role
        self.action = action
        super().__init__(department, f"role '{role}' may not {action} a case")


class InvalidCommand(DomainError):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class OutOfScope(DomainError):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class CaseNotFound(DomainError):
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"No case {case_id} visible to you.")


class InvalidRuleSet(DomainError):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
