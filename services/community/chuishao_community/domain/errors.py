"""The domain's refusals; `entrypoints/errors.py` turns each into one problem+json answer."""

from __future__ import annotations


class DomainError(Exception):
    """A refused command: nothing was written."""


class NotFound(DomainError):
    """Missing, or not the caller's to see (the same answer, so ids are not enumerable)."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident} not found")
        self.kind = kind


class Forbidden(DomainError):
    """The caller may see the object but not do this to it; `field` names what is at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class IllegalTransition(DomainError):
    def __init__(self, message: str, current_status: str) -> None:
        super().__init__(message)
        self.current_status = current_status


class InvalidCommand(DomainError):
    """A field's value is refused (422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ClaimLimitReached(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"a claimant holds at most {limit} open claims; finish or release one first")
        self.limit = limit


class AlreadyRegistered(DomainError):
    """The person already holds a live registration in this community (409)."""

    def __init__(self) -> None:
        super().__init__("this person is already registered in this community")
