"""Escalation measured (issue 25 item 4): the statistics read the chains started in a period, per
department, so the chains are indexed by start (then department).

Revision ID: 0006
"""

from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.execute("CREATE INDEX escalation_chains_started_idx ON escalation_chains (started_at, department)")


def downgrade() -> None:
    op.execute("DROP INDEX escalation_chains_started_idx")
