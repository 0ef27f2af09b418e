"""Co-building units (共建单位) and their resources (资源清单), community orders (社区点单) and each
unit's ask and answer, activities (志愿服务活动), projects (项目清单), certificates (志愿服务记录证明);
the hours ledger gains a reason (organiser-granted hours) and counts an activity's attendance once.

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE units (
            code text PRIMARY KEY,
            communities text[] NOT NULL DEFAULT '{}',
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX units_communities_idx ON units USING gin (communities)")
    op.execute(
        """
        CREATE TABLE resources (
            id text PRIMARY KEY,
            community text NOT NULL,
            unit text REFERENCES units (code),
            kind text NOT NULL,
            status text NOT NULL,
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX resources_list_idx ON resources (community, created_at, id)")
    op.execute(
        """
        CREATE TABLE orders (
            id text PRIMARY KEY,
            community text NOT NULL,
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX orders_list_idx ON orders (community, created_at DESC, id DESC)")
    # One row per unit an order asks: the response rate and time per unit come from here.
    op.execute(
        """
        CREATE TABLE order_asks (
            order_id text NOT NULL REFERENCES orders (id),
            unit text NOT NULL REFERENCES units (code),
            asked_at timestamptz NOT NULL,
            due_at timestamptz NOT NULL,
            responded_at timestamptz,
            PRIMARY KEY (order_id, unit)
        )
        """
    )
    op.execute("CREATE INDEX order_asks_unit_idx ON order_asks (unit, asked_at)")
    op.execute(
        """
        CREATE TABLE activities (
            id text PRIMARY KEY,
            community text NOT NULL,
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX activities_list_idx ON activities (community, created_at DESC, id DESC)")
    op.execute(
        """
        CREATE TABLE projects (
            id text PRIMARY KEY,
            community text NOT NULL,
            units text[] NOT NULL DEFAULT '{}',
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX projects_list_idx ON projects (community, created_at DESC, id DESC)")
    op.execute(
        """
        CREATE TABLE certificates (
            number text PRIMARY KEY,
            community text NOT NULL,
            year integer NOT NULL,
            seq integer NOT NULL,
            member_id text NOT NULL REFERENCES members (id),
            issued_at timestamptz NOT NULL,
            doc jsonb NOT NULL,
            UNIQUE (community, year, seq)
        )
        """
    )
    op.execute("ALTER TABLE hours_entries ADD COLUMN reason text")
    op.execute(
        "CREATE UNIQUE INDEX hours_activity_once_idx ON hours_entries (member_id, ref) WHERE source = 'activity'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX hours_activity_once_idx")
    op.execute("ALTER TABLE hours_entries DROP COLUMN reason")
    for table in ("certificates", "projects", "activities", "order_asks", "orders", "resources", "units"):
        op.execute(f"DROP TABLE {table}")
