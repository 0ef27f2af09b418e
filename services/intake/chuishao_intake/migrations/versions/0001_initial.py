"""Reports, with the platform's outbox, dedupe and idempotency tables.

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
        CREATE TABLE reports (
            id uuid PRIMARY KEY,
            reporter text NOT NULL,
            category text NOT NULL,
            grid text NOT NULL,
            community text NOT NULL,
            description text NOT NULL,
            severity text NOT NULL,
            place jsonb NOT NULL,
            resident jsonb,
            photos jsonb NOT NULL,
            handled_on_site boolean NOT NULL,
            created_at timestamptz NOT NULL,
            event_seq integer NOT NULL DEFAULT 1,
            case_id text,
            case_status text,
            case_seq integer NOT NULL DEFAULT 0,
            verification jsonb,
            feedback jsonb
        )
        """
    )
    op.execute("CREATE INDEX reports_reporter_idx ON reports (reporter, created_at DESC, id DESC)")


def downgrade() -> None:
    op.execute("DROP TABLE reports")
    for table in PLATFORM_TABLES:
        op.execute(f"DROP TABLE {table}")
