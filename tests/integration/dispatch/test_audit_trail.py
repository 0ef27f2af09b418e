"""The case timeline is an insert-only audit trail on a real PostgreSQL: the migration moves existing
timelines out of the case documents; every command inserts its entries in the case's transaction;
events name the actor; the runtime role the service connects as can add history but cannot rewrite,
delete, truncate or alter it, and the owner is refused by the trigger."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from alembic import command

from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings
from chuishao_dispatch.domain import Actor
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import message_bus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.db import make_engine
from chuishao_shared.db_roles import grant_runtime, provision_database
from chuishao_shared.migrations import alembic_config, upgrade_head
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.reference import load_reference
from support.infra import Infra, unique
from support.services import service_settings

LIAISON = Actor("l-007", "liaison", department="XY-WQ-WY-WY")
OLD_TIMELINE = [
    {"type": "case.opened", "at": "2026-01-05T08:00:00Z", "actor_sub": "chuishao-dispatch", "actor_role": "system",
     "actor_department": None, "note": "", "data": {"report_id": "RPT-OLD"}},
    {"type": "case.acknowledged", "at": "2026-01-05T09:30:00Z", "actor_sub": "l-001", "actor_role": "liaison",
     "actor_department": "XY-WQ-WY-WY", "note": "", "data": {"department": "XY-WQ-WY-WY"}},
]  # fmt: skip


@pytest.fixture
async def migrated(infra: Infra) -> AsyncIterator[DispatchSettings]:
    """A dispatch database migrated to 0006 (the last before the audit table) with one case whose
    timeline is still in its document, then to head (as the owner role), as an existing deployment
    is upgraded."""
    database = unique("chuishao_dispatch")
    settings = service_settings(infra, DispatchSettings, database)
    await provision_database(infra.admin_dsn, database)
    await asyncio.to_thread(command.upgrade, alembic_config(MIGRATIONS, settings.migration_sqlalchemy_url), "0006")
    owner = await asyncpg.connect(settings.migration_database_url)
    try:
        doc = {"schema": 1, "id": "CASE-OLD", "timeline": OLD_TIMELINE}
        await owner.execute(
            "INSERT INTO cases (id, status, category, grid, community, jurisdiction_chain, opened_at, doc) "
            "VALUES ('CASE-OLD', 'closed', 'ENV-STAIRWELL-DIRTY', 'XY-WQ-WY-G01', 'XY-WQ-WY', "
            "'{XY,XY-WQ,XY-WQ-WY}', now(), $1::jsonb)",
            json.dumps(doc),
        )
    finally:
        await owner.close()
    await asyncio.to_thread(upgrade_head, MIGRATIONS, settings.migration_sqlalchemy_url, settings.runtime_role)
    yield settings


async def test_migration_moves_timelines_into_the_audit_table(migrated: DispatchSettings) -> None:
    conn = await asyncpg.connect(migrated.asyncpg_dsn)
    try:
        rows = await conn.fetch("SELECT * FROM case_timeline WHERE case_id = 'CASE-OLD' ORDER BY seq")
        doc = json.loads(await conn.fetchval("SELECT doc FROM cases WHERE id = 'CASE-OLD'"))
    finally:
        await conn.close()
    assert [(r["seq"], r["type"], r["actor_role"], r["actor_subject"]) for r in rows] == [
        (1, "case.opened", "system", "chuishao-dispatch"),
        (2, "case.acknowledged", "liaison", "l-001"),
    ]
    assert rows[1]["at"] == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert rows[1]["actor_department"] == "XY-WQ-WY-WY" and json.loads(rows[0]["data"]) == {"report_id": "RPT-OLD"}
    assert "timeline" not in doc


async def test_runtime_role_may_add_history_but_not_rewrite_delete_truncate_or_alter_it(
    migrated: DispatchSettings,
) -> None:
    assert migrated.runtime_role and migrated.runtime_role != "postgres"
    runtime = await asyncpg.connect(migrated.asyncpg_dsn)
    try:
        assert await runtime.fetchval("SELECT current_user") == migrated.runtime_role
        await runtime.execute(
            "INSERT INTO case_timeline (case_id, seq, type, at, actor_role, actor_subject) "
            "VALUES ('CASE-OLD', 3, 'case.progressed', now(), 'liaison', 'l-001')"
        )
        refused = [
            "UPDATE case_timeline SET note = 'rewritten' WHERE case_id = 'CASE-OLD'",
            "DELETE FROM case_timeline WHERE case_id = 'CASE-OLD'",
            "TRUNCATE case_timeline",
            "TRUNCATE cases CASCADE",
            "ALTER TABLE case_timeline DISABLE TRIGGER case_timeline_no_rewrite",
            "DROP TRIGGER case_timeline_no_rewrite ON case_timeline",
            "ALTER TABLE case_timeline ADD COLUMN forged text",
            "DROP TABLE case_timeline",
            "CREATE TABLE shadow (id int)",
        ]
        for statement in refused:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await runtime.execute(statement)
                pytest.fail(f"the runtime role was allowed: {statement}")
        # The rest of its work is untouched: it still changes cases and the platform tables.
        await runtime.execute("UPDATE cases SET escalation_level = 1 WHERE id = 'CASE-OLD'")
        await runtime.execute("DELETE FROM processed_events WHERE processed_at < now() - interval '1 day'")
        assert await runtime.fetchval("SELECT count(*) FROM case_timeline WHERE case_id = 'CASE-OLD'") == 3
    finally:
        await runtime.close()

    # The owner runs DDL, but the trigger refuses it rewriting history too.
    owner = await asyncpg.connect(migrated.migration_database_url)
    try:
        for statement in (
            "UPDATE case_timeline SET note = 'rewritten'",
            "DELETE FROM case_timeline",
            "TRUNCATE case_timeline",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                await owner.execute(statement)
        # Granting again (every start migrates) is idempotent and keeps the runtime role insert-only.
        await grant_runtime(migrated.migration_database_url or "", migrated.runtime_role or "")
        rights = await owner.fetch(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = 'case_timeline' AND grantee = $1 ORDER BY 1",
            migrated.runtime_role,
        )
        assert [r["privilege_type"] for r in rights] == ["INSERT", "SELECT"]
    finally:
        await owner.close()


async def test_commands_insert_their_entries_in_the_case_transaction_and_events_name_the_actor(
    migrated: DispatchSettings,
) -> None:
    engine = make_engine(migrated)
    reference = load_reference()
    context = DispatchContext(reference=reference, duplicate_window=timedelta(hours=24), duplicate_min_similarity=0.3)
    bus = message_bus(lambda: SqlUnitOfWork(engine, OutboxWriter("dispatch", migrated.topic_prefix)), context)
    try:
        async with bus.uow() as uow:
            await uow.rules.store([r.model_dump() for r in reference.routing.rules], "test", version=1)
            await uow.commit()
        report_id = f"RPT-{uuid.uuid4().hex[:8]}"
        await bus.handle(
            c.OpenCase(
                report_id=report_id,
                category="ENV-STAIRWELL-DIRTY",
                grid="XY-WQ-WY-G01",
                community="XY-WQ-WY",
                severity="minor",
                description="楼道堆放杂物",
                building=None,
                handled_on_site=False,
                reporter="gw-1",
                reported_at=datetime.now(UTC),
            )
        )
        async with bus.uow() as uow:
            case_id = await uow.cases.case_of_report(report_id)
        assert case_id is not None
        await bus.handle(c.AcknowledgeCase(case_id=case_id, actor=LIAISON))
        await bus.handle(c.RecordProgress(case_id=case_id, actor=LIAISON, note="已到现场"))
        # A refused command leaves no trace in the audit table.
        with pytest.raises(Exception):  # noqa: B017, PT011 - the domain's refusal, whichever it is
            await bus.handle(c.AcknowledgeCase(case_id=case_id, actor=LIAISON))
        async with bus.uow() as uow:
            loaded = await uow.cases.get(case_id)
        assert loaded is not None
    finally:
        await engine.dispose()

    conn = await asyncpg.connect(migrated.asyncpg_dsn)
    try:
        rows = await conn.fetch("SELECT * FROM case_timeline WHERE case_id = $1 ORDER BY seq", case_id)
        events = await conn.fetch("SELECT event_type, payload FROM outbox WHERE key = $1 ORDER BY id", case_id)
        doc = json.loads(await conn.fetchval("SELECT doc FROM cases WHERE id = $1", case_id))
    finally:
        await conn.close()
    types = [r["type"] for r in rows]
    assert types[0] == "case.opened" and types[-2:] == ["case.acknowledged", "case.progressed"]
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert (rows[-1]["actor_role"], rows[-1]["actor_subject"], rows[-1]["note"]) == ("liaison", "l-007", "已到现场")
    assert [t.type for t in loaded.case.timeline] == types and loaded.timeline_saved == len(rows)
    assert "timeline" not in doc
    assert [e["event_type"] for e in events] == types
    last = json.loads(events[-1]["payload"])["data"]
    assert last["actor"] == {"role": "liaison", "subject": "l-007", "department": "XY-WQ-WY-WY"}
    first = json.loads(events[0]["payload"])["data"]
    assert first["actor"]["role"] == "system" and first["actor"]["subject"] == "chuishao-dispatch"
