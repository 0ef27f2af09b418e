"""Run a service's Alembic migrations programmatically (each service owns its own history)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import pool, text
from sqlalchemy.ext.asyncio import create_async_engine

from chuishao_shared.db_roles import MIGRATION_LOCK


def head_revision(migrations_dir: Path) -> str | None:
    return ScriptDirectory.from_config(alembic_config(migrations_dir, "")).get_current_head()


def alembic_config(migrations_dir: Path, sqlalchemy_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url)
    return config


def upgrade_head(migrations_dir: Path, sqlalchemy_url: str, runtime_role: str | None = None) -> None:
    """Migrate to head as `sqlalchemy_url`'s user (the owner role), then grant the runtime role its
    rights over what the migrations made (`db_roles.grant_runtime`)."""
    command.upgrade(alembic_config(migrations_dir, sqlalchemy_url), "head")
    if runtime_role is not None:
        from chuishao_shared.db_roles import grant_runtime

        asyncio.run(grant_runtime(sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://", 1), runtime_role))


def run_env(context: object) -> None:
    """Body of every service's `env.py`: online migrations over asyncpg."""
    url = context.config.get_main_option("sqlalchemy.url")  # type: ignore[attr-defined]

    def migrate(connection: object) -> None:
        context.configure(connection=connection, target_metadata=None)  # type: ignore[attr-defined]
        with context.begin_transaction():  # type: ignore[attr-defined]
            context.run_migrations()  # type: ignore[attr-defined]

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            # Replicas starting together migrate one at a time; the others then find nothing to do.
            await connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            await connection.commit()
            try:
                await connection.run_sync(migrate)
            finally:
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                await connection.commit()
        await engine.dispose()

    asyncio.run(run())
