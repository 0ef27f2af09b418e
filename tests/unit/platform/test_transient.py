"""Transient means every connection, pool, shutdown and time-out error; only validation and domain
errors are poison (a consumer would dead-letter and skip a good event otherwise)."""

from __future__ import annotations

import asyncpg
import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy import exc as sa_exc

from chuishao_shared.transient import TransientError, is_transient


def _wrapped(driver_error: BaseException) -> sa_exc.DBAPIError:
    """What SQLAlchemy's asyncpg dialect raises: a DBAPIError whose orig is caused by the driver error."""
    orig = Exception(str(driver_error))
    orig.__cause__ = driver_error
    return sa_exc.DBAPIError("SELECT 1", {}, orig)


TRANSIENT = [
    TransientError("retry me"),
    ConnectionRefusedError(111, "Connect call failed"),
    TimeoutError(),
    sa_exc.TimeoutError("QueuePool limit of size 20 overflow 0 reached, connection timed out"),
    sa_exc.OperationalError("SELECT 1", {}, Exception("server closed the connection")),
    asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
    asyncpg.exceptions.CrashShutdownError("crash"),
    asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
    asyncpg.exceptions.QueryCanceledError("canceling statement due to statement timeout"),
    asyncpg.exceptions.LockNotAvailableError("canceling statement due to lock timeout"),
    asyncpg.exceptions.IdleInTransactionSessionTimeoutError("idle-in-transaction timeout"),
    asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    asyncpg.exceptions.ConnectionFailureError("connection failure"),
    asyncpg.exceptions.DeadlockDetectedError("deadlock"),
    asyncpg.exceptions.SerializationError("could not serialize"),
    asyncpg.exceptions.TooManyConnectionsError("too many"),
    asyncpg.exceptions.InterfaceError("cannot perform operation: connection is closed"),
]


@pytest.mark.parametrize("error", TRANSIENT + [_wrapped(e) for e in TRANSIENT[5:]], ids=repr)
def test_connection_pool_shutdown_and_timeout_errors_are_transient(error: BaseException) -> None:
    assert is_transient(error)


class _Model(BaseModel):
    n: int


def _validation_error() -> ValidationError:
    try:
        _Model(n="x")  # type: ignore[arg-type]
    except ValidationError as error:
        return error
    raise AssertionError


POISON = [
    ValueError("unknown category"),
    FileNotFoundError(2, "No such file", "photo.jpg"),
    PermissionError(13, "Permission denied"),
    KeyError("grid"),
    _validation_error(),
    asyncpg.exceptions.UniqueViolationError("duplicate key"),
    asyncpg.exceptions.CheckViolationError("check"),
    asyncpg.exceptions.DataError("invalid input for query argument"),
    asyncpg.exceptions.UndefinedTableError("relation does not exist"),
]


@pytest.mark.parametrize("error", POISON + [_wrapped(e) for e in POISON[5:]], ids=repr)
def test_validation_and_domain_errors_are_poison(error: BaseException) -> None:
    assert not is_transient(error)
