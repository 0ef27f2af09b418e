"""The directory (PRODUCT.md §9): people with their roles and scopes, active or not, and the audit of
every change (who, when, why, before and after). `revision` numbers changes for the other services'
directory caches (`GET /v1/people/changes?since=`); writers serialise on an advisory lock, so
revisions commit in the order they are taken and a reader's cursor never skips one.

Revision ID: 0009
"""

from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.execute("CREATE SEQUENCE people_revision")
    op.execute(
        """
        CREATE TABLE people (
            id uuid PRIMARY KEY,
            name text NOT NULL,
            phone text,
            subject text NOT NULL UNIQUE,
            wecom_user_id text UNIQUE,
            dingtalk_user_id text UNIQUE,
            roles jsonb NOT NULL,
            departments text[] NOT NULL DEFAULT '{}',
            active boolean NOT NULL DEFAULT true,
            revision bigint NOT NULL UNIQUE,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX people_created ON people (created_at, id)")
    op.execute("CREATE INDEX people_departments ON people USING gin (departments)")
    op.execute(
        """
        CREATE TABLE people_audit (
            id bigserial PRIMARY KEY,
            person_id uuid NOT NULL,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            reason text NOT NULL,
            before jsonb,
            after jsonb NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX people_audit_person ON people_audit (person_id, id)")


def downgrade() -> None:
    op.execute("DROP TABLE people_audit")
    op.execute("DROP TABLE people")
    op.execute("DROP SEQUENCE people_revision")
