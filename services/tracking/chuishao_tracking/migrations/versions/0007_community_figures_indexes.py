"""The community figures at scale (100k needs, 1M hours entries): each member's hours per calendar
month (UTC), kept with every hours.recorded, so a year's hours are twelve rows per member, not a year of
entries; covering indexes for the hours in a period and the needs a period touches.

Revision ID: 0007
"""

from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.execute(
        "CREATE TABLE community_member_months (member_id text NOT NULL, month date NOT NULL, "
        "hours numeric(12, 2) NOT NULL, PRIMARY KEY (member_id, month))"
    )
    op.execute(
        "INSERT INTO community_member_months (member_id, month, hours) SELECT member_id, "
        "date_trunc('month', at AT TIME ZONE 'UTC')::date, sum(hours) FROM community_hours GROUP BY 1, 2"
    )
    op.execute("CREATE INDEX community_member_months_month_idx ON community_member_months (month)")
    op.execute(
        "CREATE INDEX community_hours_period_idx ON community_hours (at) INCLUDE (member_id, community, source, hours)"
    )
    op.execute("CREATE INDEX community_needs_ended_idx ON community_needs (ended_at)")


def downgrade() -> None:
    op.execute("DROP INDEX community_needs_ended_idx")
    op.execute("DROP INDEX community_hours_period_idx")
    op.execute("DROP TABLE community_member_months")
