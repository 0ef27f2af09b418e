"""A report may carry out a 议事 decision: the topic's id, kept so a resent report.received still carries it.

Revision ID: 0007
"""

from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.execute("ALTER TABLE reports ADD COLUMN topic_id text")


def downgrade() -> None:
    op.execute("ALTER TABLE reports DROP COLUMN topic_id")
