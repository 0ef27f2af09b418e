"""点单响应 and the volunteers' organisation: `case_needs` (one need per dispatch case, whichever case event
brings it: the idempotency of a case becoming a need), an index to find a whistled need by its report;
teams (志愿服务队) with their memberships and posts (志愿服务岗位) with their holdings, each membership and
holding with start and end dates so the history is kept (Popolo's Membership and Post).

Revision ID: 0005
"""

from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE case_needs (
            case_id text PRIMARY KEY,
            need_id text NOT NULL REFERENCES needs (id) DEFERRABLE INITIALLY DEFERRED,
            community text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX whistles_report_idx ON whistles (report_id) WHERE report_id IS NOT NULL")
    op.execute(
        """
        CREATE TABLE teams (
            id text PRIMARY KEY,
            community text NOT NULL,
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX teams_community_idx ON teams (community, created_at, id)")
    op.execute(
        """
        CREATE TABLE posts (
            id text PRIMARY KEY,
            community text NOT NULL,
            created_at timestamptz NOT NULL,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX posts_community_idx ON posts (community, created_at, id)")


def downgrade() -> None:
    for table in ("posts", "teams", "case_needs"):
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP INDEX whistles_report_idx")
