"""The read model: board cases, their public events, statistics facts, reports and feedback.

No column holds free text or a person: see chuishao_tracking/domain/records.py.

Revision ID: 0001
"""

from alembic import op

from chuishao_shared.db import PLATFORM_DDL, PLATFORM_TABLES

revision = "0001"
down_revision = None

READ_MODEL = ["board_cases", "case_events", "case_facts", "reports", "feedback"]


def upgrade() -> None:
    for statement in PLATFORM_DDL:
        op.execute(statement)
    op.execute(
        """
        CREATE TABLE board_cases (
            id text PRIMARY KEY,
            sequence integer NOT NULL,
            status text NOT NULL,
            is_open boolean NOT NULL,
            category text NOT NULL,
            grid text NOT NULL,
            community text NOT NULL,
            lead_department text,
            departments text[] NOT NULL,
            escalation_level integer NOT NULL,
            next_deadline_at timestamptz,
            opened_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            view jsonb NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX board_cases_opened_idx ON board_cases (opened_at DESC, id DESC)")
    op.execute("CREATE INDEX board_cases_open_idx ON board_cases (opened_at DESC, id DESC) WHERE is_open")
    op.execute("CREATE INDEX board_cases_departments_idx ON board_cases USING gin (departments)")
    op.execute(
        """
        CREATE TABLE case_events (
            case_id text NOT NULL,
            sequence integer NOT NULL,
            event_id uuid NOT NULL,
            type text NOT NULL,
            at timestamptz NOT NULL,
            actor_role text NOT NULL,
            details jsonb NOT NULL,
            snapshot jsonb NOT NULL,
            PRIMARY KEY (case_id, sequence)
        )
        """
    )
    op.execute("CREATE INDEX case_events_type_at_idx ON case_events (type, at)")
    op.execute(
        """
        CREATE TABLE case_facts (
            case_id text NOT NULL,
            ordinal integer NOT NULL,
            kind text NOT NULL,
            department text,
            community text NOT NULL,
            category text NOT NULL,
            started_at timestamptz,
            due_at timestamptz,
            done_at timestamptz,
            ended_at timestamptz,
            label text,
            flag boolean NOT NULL DEFAULT false,
            detail jsonb NOT NULL DEFAULT '{}'::jsonb,
            PRIMARY KEY (case_id, ordinal)
        )
        """
    )
    for column in ("started_at", "due_at", "done_at"):
        op.execute(f"CREATE INDEX case_facts_{column}_idx ON case_facts ({column})")
    op.execute(
        """
        CREATE TABLE reports (
            report_id text PRIMARY KEY,
            category text NOT NULL,
            grid text NOT NULL,
            community text NOT NULL,
            handled_on_site boolean NOT NULL,
            received_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX reports_received_idx ON reports (received_at)")
    op.execute(
        """
        CREATE TABLE feedback (
            report_id text PRIMARY KEY,
            case_id text NOT NULL,
            sequence integer NOT NULL,
            satisfaction text NOT NULL,
            recorded_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX feedback_case_idx ON feedback (case_id)")
    op.execute("CREATE INDEX feedback_recorded_idx ON feedback (recorded_at)")


def downgrade() -> None:
    for table in READ_MODEL + PLATFORM_TABLES:
        op.execute(f"DROP TABLE {table}")
