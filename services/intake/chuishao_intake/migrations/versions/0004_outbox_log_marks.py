"""The relay's per-partition offset marks, to notice a broker that lost its log; an index for the
lost-whistle check (reports no case names yet).

Revision ID: 0003
"""

from alembic import op

from chuishao_shared.db import LOG_MARKS_DDL

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    for statement in LOG_MARKS_DDL:
        op.execute(statement)
    op.execute("CREATE INDEX reports_unrouted_idx ON reports (created_at) WHERE case_id IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX reports_unrouted_idx")
    op.execute("DROP TABLE outbox_log_marks")
