"""Escalation failures per case: a case whose escalation keeps raising is set aside after a few tries
(its timer cleared, the last reason kept) and never holds up another case's timer.

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.execute("ALTER TABLE cases ADD COLUMN timer_failures integer NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE cases ADD COLUMN timer_error text")


def downgrade() -> None:
    op.execute("ALTER TABLE cases DROP COLUMN timer_error")
    op.execute("ALTER TABLE cases DROP COLUMN timer_failures")
