"""The relay's per-partition offset marks, to notice a broker that lost its log.

Revision ID: 0005
"""

from alembic import op

from chuishao_shared.db import LOG_MARKS_DDL

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    for statement in LOG_MARKS_DDL:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE outbox_log_marks")
