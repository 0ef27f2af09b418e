"""Error text safe for logs and dead-letter headers. Database errors quote the values that failed
(asyncpg: "invalid input for query argument $1: '张三 138…'"; PostgreSQL: 'invalid input syntax …:
"…"'), and validation errors quote their input: both can carry a resident's name or phone. They are
reduced to their type, SQLSTATE and field locations; other errors keep their text."""

from __future__ import annotations

import traceback
from collections.abc import Iterator

import asyncpg
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _is_database_error(error: BaseException) -> bool:
    return isinstance(error, sa_exc.SQLAlchemyError | asyncpg.PostgresError | asyncpg.InterfaceError) or type(
        error
    ).__module__.startswith(("asyncpg", "sqlalchemy"))


def _withheld(error: BaseException, chain: list[BaseException]) -> str:
    state = next((getattr(e, "sqlstate", None) for e in chain if isinstance(e, asyncpg.PostgresError)), None)
    return f"{type(error).__name__}{f' (SQLSTATE {state})' if state else ''}: values withheld"


def describe_error(error: BaseException) -> str:
    chain = list(_chain(error))
    if any(_is_database_error(e) for e in chain):
        return _withheld(error, chain)
    if isinstance(error, ValidationError):
        fields = "; ".join(
            ".".join(str(p) for p in e["loc"]) + f": {e['msg']}" for e in error.errors(include_input=False)
        )
        return f"{error.title} validation failed: {fields}"
    return str(error)


def redacted_traceback(error: BaseException) -> str:
    """A traceback whose exception lines go through `describe_error` (frames are code, not data);
    when a database error is anywhere in the chain, every link's text is withheld."""
    chain = list(_chain(error))
    involves_database = any(_is_database_error(e) for e in chain)
    parts: list[str] = []
    for link in reversed(chain):
        parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_tb(link.__traceback__)))
        text = _withheld(link, chain) if involves_database else describe_error(link)
        parts.append(f"{type(link).__module__}.{type(link).__qualname__}: {text}\n")
    return "".join(parts)
