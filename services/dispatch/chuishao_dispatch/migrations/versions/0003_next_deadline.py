"""The earliest deadline a case's departments still owe, as a column: the shared overdue rule
(`chuishao_shared.vocabulary.OVERDUE_SQL`) filters on it, as tracking's board does.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

from chuishao_shared.vocabulary import AT_WORK, PENDING

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.execute("ALTER TABLE cases ADD COLUMN next_deadline_at timestamptz")
    op.execute(
        sa.text(
            "UPDATE cases SET next_deadline_at = LEAST(resolve_due_at, ("
            "  SELECT min((a->>'ack_due_at')::timestamptz) FROM jsonb_array_elements(doc->'assignments') a"
            "  WHERE a->>'status' = :pending)) "
            "WHERE status = ANY(:at_work)"
        ).bindparams(pending=PENDING, at_work=sorted(AT_WORK))
    )
    op.execute("CREATE INDEX cases_deadline_idx ON cases (next_deadline_at) WHERE next_deadline_at IS NOT NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE cases DROP COLUMN next_deadline_at")
