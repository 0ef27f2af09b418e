"""Database roles: migrations run as an owner role, the services connect as a runtime role.

The owner role owns the service's database, its schema objects and every table: only it can run DDL.
The runtime role (the service's `CHUISHAO_DATABASE_URL`) gets, after every migration (`grant_runtime`):

- SELECT, INSERT, UPDATE, DELETE and TRUNCATE on every table, and the use of every sequence;
- on an append-only table (one made with `append_only_ddl`, e.g. dispatch's `case_timeline`) only
  SELECT and INSERT;
- no CREATE on the schema, and it owns nothing, so it cannot ALTER, DROP or disable a trigger.

An append-only table also carries triggers that refuse UPDATE, DELETE and TRUNCATE for every role,
the owner included: rewriting history takes the owner dropping the trigger first, which is DDL.

Settings: `CHUISHAO_MIGRATION_DATABASE_URL` (the owner) beside `CHUISHAO_DATABASE_URL` (the runtime
role). Without the former, migrations run as the runtime URL's user and no grants are made (a
single-role deployment, not recommended). `make run` and the test fixtures create both roles
(`provision_database`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

REFUSE_FUNCTION = "chuishao_refuse_rewrite"
MIGRATION_LOCK = 0x43485553  # "CHUS": one advisory lock per database, for migrations and grants
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _ident(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a plain role or table name: {name!r}")
    return name


def append_only_ddl(table: str) -> list[str]:
    """Triggers that make `table` insert-only for everyone (the runtime role also lacks the rights)."""
    table = _ident(table)
    return [
        f"""
        CREATE OR REPLACE FUNCTION {REFUSE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        f"CREATE TRIGGER {table}_no_rewrite BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {REFUSE_FUNCTION}()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {REFUSE_FUNCTION}()",
    ]


def grant_runtime_sql(runtime_role: str) -> list[str]:
    """Statements the owner runs after migrating: the runtime role's rights, as described above."""
    role = _ident(runtime_role)
    return [
        # PostgreSQL before 15 lets every role create in `public`; from 15 the database owner may revoke.
        "DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
        "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"""
        DO $$ DECLARE t regclass; BEGIN
            FOR t IN SELECT DISTINCT tg.tgrelid::regclass FROM pg_trigger tg
                     JOIN pg_proc p ON p.oid = tg.tgfoid WHERE p.proname = '{REFUSE_FUNCTION}'
            LOOP
                EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM {role}', t);
            END LOOP;
        END $$
        """,
    ]


async def grant_runtime(owner_dsn: str, runtime_role: str) -> None:
    conn = await asyncpg.connect(owner_dsn)
    try:
        async with conn.transaction():
            # Replicas starting together each grant after migrating: two GRANTs on one object at once fail
            # with "tuple concurrently updated", so they take turns under the migrations' lock.
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            for statement in grant_runtime_sql(runtime_role):
                await conn.execute(statement)
    finally:
        await conn.close()


def dsn_user(dsn: str) -> str | None:
    return urlsplit(dsn.replace("postgresql+asyncpg://", "postgresql://", 1)).username


def with_database(dsn: str, database: str, user: str | None = None) -> str:
    """`dsn` pointed at `database`, as `user` when given (keeping the password, host and query)."""
    parts = urlsplit(dsn)
    netloc = parts.netloc
    if user is not None:
        creds, at, host = netloc.rpartition("@")
        password = creds.partition(":")[2] if at else ""
        netloc = f"{quote(user)}{':' + password if password else ''}@{host if at else netloc}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, parts.fragment))


def owner_role(database: str) -> str:
    return _ident(f"{database}_owner"[:63])


def runtime_role(database: str) -> str:
    return _ident(f"{database}_app"[:63])


@dataclass(frozen=True)
class DatabaseUrls:
    """Where a service connects (`runtime`) and where its migrations run (`owner`)."""

    runtime: str
    owner: str

    @property
    def runtime_role(self) -> str | None:
        """The runtime role to grant to, or None in a single-role database."""
        return dsn_user(self.runtime) if self.runtime != self.owner else None


def role_urls(admin_dsn: str, database: str) -> DatabaseUrls:
    """The two URLs `provision_database` makes for `database` (computed, nothing is created)."""
    return DatabaseUrls(
        runtime=with_database(admin_dsn, database, runtime_role(database)),
        owner=with_database(admin_dsn, database, owner_role(database)),
    )


async def provision_database(admin_dsn: str, database: str, *, recreate: bool = False) -> DatabaseUrls:
    """Create `database` owned by its owner role, and the runtime role (both LOGIN, with the admin's
    password if it has one). A database that already exists with another owner, or an admin that
    may not create roles, is left single-role: both URLs are then the admin's."""
    single = DatabaseUrls(with_database(admin_dsn, database), with_database(admin_dsn, database))
    owner, runtime = owner_role(database), runtime_role(database)
    password = urlsplit(admin_dsn).password
    conn = await asyncpg.connect(admin_dsn)
    try:
        exists = await conn.fetchval("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", database)
        if exists and recreate:
            await conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            exists = None
        may_create = await conn.fetchval("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        if not may_create:
            if not exists:
                await conn.execute(f'CREATE DATABASE "{database}"')
            return single
        if exists and exists != owner:
            return single
        for role in (owner, runtime):
            if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role):
                clause = " PASSWORD " + _literal(password) if password else ""
                await conn.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE{clause}")
        if not exists:
            await conn.execute(f'CREATE DATABASE "{database}" OWNER {owner}')
    finally:
        await conn.close()
    # The runtime role may connect (PUBLIC may by default) but creates nothing in the public schema.
    owner_conn = await asyncpg.connect(with_database(admin_dsn, database))
    try:
        await owner_conn.execute(f"ALTER SCHEMA public OWNER TO {owner}")
        await owner_conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    finally:
        await owner_conn.close()
    return role_urls(admin_dsn, database)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
