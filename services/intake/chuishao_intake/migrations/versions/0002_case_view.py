"""What a grid worker sees of the case behind each report: departments, deadline, timeline.

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.execute("ALTER TABLE reports ADD COLUMN case_view jsonb")
    op.execute("ALTER TABLE reports ADD COLUMN case_timeline jsonb NOT NULL DEFAULT '[]'::jsonb")


def downgrade() -> None:
    op.execute("ALTER TABLE reports DROP COLUMN case_timeline")
    op.execute("ALTER TABLE reports DROP COLUMN case_view")
