"""Robot messages wait in order under the platforms' rate limit (issue 25): every request sent to a group
robot is noted (`robot_sends`), so a robot's deliveries are only claimed while fewer than its limit went
out in the last window — across replicas — and a robot's pending deliveries are found oldest first.

Revision ID: 0007
"""

from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE robot_sends (
            subscription_id uuid NOT NULL,
            sent_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    op.execute("CREATE INDEX robot_sends_window_idx ON robot_sends (subscription_id, sent_at)")
    # The head of each robot's queue: its oldest pending delivery.
    op.execute("CREATE INDEX deliveries_pending_queue_idx ON deliveries (subscription_id, id) WHERE status = 'pending'")


def downgrade() -> None:
    op.execute("DROP INDEX deliveries_pending_queue_idx")
    op.execute("DROP TABLE robot_sends")
