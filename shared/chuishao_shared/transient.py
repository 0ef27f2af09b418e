"""Which failures are worth retrying (a consumer retries in place, an HTTP request answers 503 with
Retry-After) and which are poison (validation and domain errors: dead-lettered, or a 4xx/500).

Transient means every connection, pool, shutdown and time-out error: the database refusing or losing
connections, a pool checkout time-out, an administrator's or a crash shutdown, a statement, lock or
idle-in-transaction time-out, a deadlock or serialization failure, and the network underneath."""

from __future__ import annotations

import asyncpg
from sqlalchemy import exc as sa_exc


class TransientError(Exception):
    """Raise for a failure worth retrying. Driver errors that mean the same are recognised without it."""


_TRANSIENT_DRIVER_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.PostgresConnectionError,  # lost, refused, rejected, resolution unknown
    asyncpg.exceptions.OperatorInterventionError,  # admin/crash shutdown, cannot connect now, query cancelled
    asyncpg.exceptions.SerializationError,
    asyncpg.exceptions.DeadlockDetectedError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.LockNotAvailableError,  # lock_timeout
    asyncpg.exceptions.IdleInTransactionSessionTimeoutError,
    asyncpg.exceptions.TransactionTimeoutError,
)
# The exception classes under which every transient error falls (for registering handlers).
TRANSIENT_FAMILIES: tuple[type[Exception], ...] = (
    TransientError,
    OSError,
    TimeoutError,
    sa_exc.DBAPIError,
    sa_exc.TimeoutError,
    asyncpg.exceptions.PostgresError,
    asyncpg.exceptions.InterfaceError,
)
_CLOSED = ("connection is closed", "connection was closed", "pool is closing")


# Local file errors are OSErrors too, but no retry fixes them.
_LOCAL_FILE_ERRORS = (FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, _LOCAL_FILE_ERRORS):
        return False
    if isinstance(error, TransientError | OSError | TimeoutError | sa_exc.OperationalError | sa_exc.TimeoutError):
        return True
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        return any(is_transient(e) for e in _causes(error.orig) if e is not error)
    if isinstance(error, _TRANSIENT_DRIVER_ERRORS):
        return True
    if isinstance(error, asyncpg.exceptions.InterfaceError) and not isinstance(error, ValueError):
        return any(words in str(error) for words in _CLOSED)
    return False


def _causes(error: BaseException | None) -> list[BaseException]:
    """SQLAlchemy's adapted driver error and what it wraps (the asyncpg exception is its cause)."""
    seen: list[BaseException] = []
    while error is not None and error not in seen and len(seen) < 5:
        seen.append(error)
        error = error.__cause__
    return seen
