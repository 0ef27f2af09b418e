"""The queue's order (newest first, keyset on opened_at and id) as an index, so a department's or a
jurisdiction's queue reads its first page without sorting the whole history (docs/benchmarks.md).

Revision ID: 0006
"""

from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.execute("CREATE INDEX cases_opened_idx ON cases (opened_at DESC, id DESC)")


def downgrade() -> None:
    op.execute("DROP INDEX cases_opened_idx")
