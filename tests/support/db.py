from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from chuishao_shared.devstack import create_databases, database_dsn
from chuishao_shared.migrations import upgrade_head
from chuishao_shared.settings import Settings
from support.infra import Infra, unique

T = TypeVar("T")


async def count(settings: Settings, table: str, where: str = "true") -> int:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return int(await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {where}"))
    finally:
        await conn.close()


async def execute(settings: Settings, statement: str, *args: object) -> None:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        await conn.execute(statement, *args)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def migrated_engine(
    infra: Infra, settings_cls: type[Settings], migrations: Path, name: str
) -> AsyncIterator[AsyncEngine]:
    """A fresh database of its own, migrated to head, and an engine on it: for tests of a service's SQL alone."""
    database = unique(name)
    await create_databases(infra.admin_dsn, [database])
    settings = settings_cls(database_url=database_dsn(infra.admin_dsn, database))
    await asyncio.to_thread(upgrade_head, migrations, settings.sqlalchemy_url)
    engine = create_async_engine(settings.sqlalchemy_url)
    try:
        yield engine
    finally:
        await engine.dispose()


def random_polls(rng: random.Random, items: Sequence[T], smallest: int = 2, largest: int = 12) -> Iterator[Sequence[T]]:
    """`items` cut, in order, into consecutive polls of random sizes (what a consumer's polls hand over)."""
    start = 0
    while start < len(items):
        size = rng.randint(smallest, largest)
        yield items[start : start + size]
        start += size
