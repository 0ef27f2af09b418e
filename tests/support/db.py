from __future__ import annotations

import asyncpg

from chuishao_shared.settings import Settings


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
