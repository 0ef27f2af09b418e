"""Open311's public reads: when a report last changed, and the date-range index of `GET requests`.

Revision ID: 0003
"""

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # NULL until the report first changes after filing: readers take created_at then.
    op.execute("ALTER TABLE reports ADD COLUMN updated_at timestamptz")
    op.execute("CREATE INDEX reports_created_idx ON reports (created_at DESC, id DESC)")


def downgrade() -> None:
    op.execute("DROP INDEX reports_created_idx")
    op.execute("ALTER TABLE reports DROP COLUMN updated_at")
