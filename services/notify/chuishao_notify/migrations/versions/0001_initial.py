"""Subscriptions, the latest case snapshots, reminder timers, deliveries and their attempt log.

Revision ID: 0001
"""

from alembic import op

from chuishao_shared.db import PLATFORM_DDL, PLATFORM_TABLES

revision = "0001"
down_revision = None

TABLES = ["delivery_attempts", "deliveries", "reminders", "case_states", "report_places", "subscriptions"]


def upgrade() -> None:
    for statement in PLATFORM_DDL:
        op.execute(statement)
    op.execute(
        """
        CREATE TABLE subscriptions (
            id uuid PRIMARY KEY,
            department text,
            jurisdiction text,
            url text NOT NULL,
            format text NOT NULL CHECK (format IN ('generic', 'wecom', 'dingtalk')),
            secret text NOT NULL,
            events text[] NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            deleted_at timestamptz,
            CHECK ((department IS NULL) <> (jurisdiction IS NULL))
        )
        """
    )
    op.execute("CREATE INDEX subscriptions_department_idx ON subscriptions (department) WHERE deleted_at IS NULL")
    op.execute("CREATE INDEX subscriptions_jurisdiction_idx ON subscriptions (jurisdiction) WHERE deleted_at IS NULL")
    op.execute(
        """
        CREATE TABLE case_states (
            case_id text PRIMARY KEY,
            sequence integer NOT NULL,
            snapshot jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    # Where a report was made (building, unit, address, point): messages name the place. No person.
    op.execute(
        """
        CREATE TABLE report_places (
            report_id text PRIMARY KEY,
            place jsonb NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE reminders (
            id bigserial PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            case_id text NOT NULL,
            department text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('acknowledge', 'resolve')),
            due_at timestamptz NOT NULL,
            fire_at timestamptz NOT NULL,
            status text NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'fired', 'cancelled', 'expired')),
            created_at timestamptz NOT NULL DEFAULT now(),
            settled_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX reminders_due_idx ON reminders (fire_at) WHERE status = 'scheduled'")
    op.execute("CREATE INDEX reminders_case_idx ON reminders (case_id)")
    op.execute(
        """
        CREATE TABLE deliveries (
            id bigserial PRIMARY KEY,
            event_id uuid NOT NULL,
            subscription_id uuid NOT NULL REFERENCES subscriptions (id),
            kind text NOT NULL,
            case_id text,
            notice jsonb NOT NULL,
            status text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'cancelled')),
            attempts integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            first_attempt_at timestamptz,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            lease_owner text,
            settled_at timestamptz,
            last_status_code integer,
            last_error text,
            -- Exactly one delivery series per event and subscription, whichever replica decides it.
            UNIQUE (event_id, subscription_id)
        )
        """
    )
    op.execute("CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending'")
    op.execute("CREATE INDEX deliveries_subscription_idx ON deliveries (subscription_id, id DESC)")
    op.execute(
        """
        CREATE TABLE delivery_attempts (
            id bigserial PRIMARY KEY,
            delivery_id bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
            attempt integer NOT NULL,
            started_at timestamptz NOT NULL,
            latency_seconds double precision NOT NULL,
            status_code integer,
            outcome text NOT NULL,
            error text,
            replica text NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, attempt)")


def downgrade() -> None:
    for table in TABLES + PLATFORM_TABLES:
        op.execute(f"DROP TABLE {table}")
