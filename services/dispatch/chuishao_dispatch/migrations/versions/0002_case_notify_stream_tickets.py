"""Live console: every committed change to a case notifies `dispatch_case_changed` (whichever replica,
consumer, timer or API wrote it), and short-lived single-use stream tickets for `EventSource`.

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    # NOTIFY is transactional: listeners hear of a change only after its commit, never of a rollback.
    op.execute(
        """
        CREATE FUNCTION notify_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('dispatch_case_changed', NEW.id);
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER cases_notify AFTER INSERT OR UPDATE ON cases "
        "FOR EACH ROW EXECUTE FUNCTION notify_case_changed()"
    )
    op.execute(
        """
        CREATE TABLE stream_tickets (
            ticket_hash text PRIMARY KEY,
            principal jsonb NOT NULL,
            expires_at timestamptz NOT NULL,
            used_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX stream_tickets_expiry_idx ON stream_tickets (expires_at)")


def downgrade() -> None:
    op.execute("DROP TABLE stream_tickets")
    op.execute("DROP TRIGGER cases_notify ON cases")
    op.execute("DROP FUNCTION notify_case_changed()")
