"""Indexes on the retention sweeps' time columns (idempotency_keys.created_at,
processed_events.processed_at), so each batch of deletes finds its rows without a full scan.

Revision ID: 0003
"""

from alembic import op

from chuishao_shared.db import RETENTION_INDEX_DDL, RETENTION_INDEX_DROP

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    for statement in RETENTION_INDEX_DDL:
        op.execute(statement)


def downgrade() -> None:
    for statement in RETENTION_INDEX_DROP:
        op.execute(statement)
