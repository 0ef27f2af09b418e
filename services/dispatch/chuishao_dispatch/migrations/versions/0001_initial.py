"""Cases (the aggregate as JSONB plus the columns queues and timers filter on), rule-set versions,
and the platform's outbox, dedupe and idempotency tables.

Revision ID: 0001
"""

from alembic import op

from chuishao_shared.db import PLATFORM_DDL, PLATFORM_TABLES

revision = "0001"
down_revision = None


def upgrade() -> None:
    for statement in PLATFORM_DDL:
        op.execute(statement)
    op.execute(
        """
        CREATE TABLE cases (
            id text PRIMARY KEY,
            status text NOT NULL,
            category text NOT NULL,
            grid text NOT NULL,
            community text NOT NULL,
            building text,
            jurisdiction_chain text[] NOT NULL,
            departments text[] NOT NULL DEFAULT '{}',
            active_departments text[] NOT NULL DEFAULT '{}',
            opened_at timestamptz NOT NULL,
            resolve_due_at timestamptz,
            next_timer_at timestamptz,
            escalation_level integer NOT NULL DEFAULT 0,
            sequence integer NOT NULL DEFAULT 0,
            version integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX cases_timer_idx ON cases (next_timer_at) WHERE next_timer_at IS NOT NULL")
    op.execute("CREATE INDEX cases_matter_idx ON cases (category, grid, opened_at DESC)")
    op.execute("CREATE INDEX cases_departments_idx ON cases USING gin (departments)")
    op.execute("CREATE INDEX cases_chain_idx ON cases USING gin (jurisdiction_chain)")
    op.execute("CREATE INDEX cases_status_idx ON cases (status, opened_at DESC)")
    op.execute(
        """
        CREATE TABLE report_cases (
            report_id text PRIMARY KEY,
            case_id text NOT NULL REFERENCES cases (id)
        )
        """
    )
    op.execute(
        """
        CREATE TABLE rule_sets (
            version integer PRIMARY KEY,
            rules jsonb NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )


def downgrade() -> None:
    for table in ("report_cases", "cases", "rule_sets", *PLATFORM_TABLES):
        op.execute(f"DROP TABLE {table}")
