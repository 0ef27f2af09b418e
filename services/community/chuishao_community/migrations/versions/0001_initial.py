"""Members (报到), needs with their claims (JSONB plus the columns lists, the claim limit and the sweep
filter on), the append-only hours ledger, the whistle queue, and the platform's outbox, dedupe,
idempotency, relay-mark and retention-index tables.

Revision ID: 0001
"""

from alembic import op

from chuishao_shared.db import LOG_MARKS_DDL, PLATFORM_DDL, PLATFORM_TABLES, RETENTION_INDEX_DDL
from chuishao_shared.db_roles import append_only_ddl

revision = "0001"
down_revision = None


def upgrade() -> None:
    for statement in [*PLATFORM_DDL, *LOG_MARKS_DDL, *RETENTION_INDEX_DDL]:
        op.execute(statement)
    op.execute(
        """
        CREATE TABLE members (
            id text PRIMARY KEY,
            sub text,
            community text NOT NULL,
            grid text NOT NULL,
            status text NOT NULL,
            party_member boolean NOT NULL,
            registered_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    # One live registration per person and community.
    op.execute(
        "CREATE UNIQUE INDEX members_person_idx ON members (community, sub) WHERE sub IS NOT NULL AND status <> 'left'"
    )
    op.execute("CREATE INDEX members_list_idx ON members (community, registered_at, id)")
    op.execute(
        """
        CREATE TABLE needs (
            id text PRIMARY KEY,
            community text NOT NULL,
            grid text NOT NULL,
            status text NOT NULL,
            kind text NOT NULL,
            skills text[] NOT NULL DEFAULT '{}',
            wanted_by timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL,
            next_due_at timestamptz,
            open_claimant text,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX needs_list_idx ON needs (community, recorded_at DESC, id DESC)")
    op.execute("CREATE INDEX needs_due_idx ON needs (next_due_at) WHERE next_due_at IS NOT NULL")
    op.execute("CREATE INDEX needs_claimant_idx ON needs (open_claimant) WHERE open_claimant IS NOT NULL")
    op.execute(
        """
        CREATE TABLE hours_entries (
            id text PRIMARY KEY,
            member_id text NOT NULL REFERENCES members (id),
            community text NOT NULL,
            hours numeric(6, 2) NOT NULL CHECK (hours >= 0),
            source text NOT NULL CHECK (source IN ('need', 'activity', 'granted')),
            ref text NOT NULL,
            at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX hours_member_idx ON hours_entries (member_id, at)")
    op.execute("CREATE UNIQUE INDEX hours_need_once_idx ON hours_entries (member_id, ref) WHERE source = 'need'")
    for statement in append_only_ddl("hours_entries"):
        op.execute(statement)
    op.execute(
        """
        CREATE TABLE whistles (
            need_id text PRIMARY KEY REFERENCES needs (id),
            body jsonb NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL,
            last_error text,
            report_id text,
            case_id text,
            created_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX whistles_due_idx ON whistles (next_attempt_at) WHERE report_id IS NULL")


def downgrade() -> None:
    for table in ("whistles", "hours_entries", "needs", "members", "outbox_log_marks", *PLATFORM_TABLES):
        op.execute(f"DROP TABLE {table}")
