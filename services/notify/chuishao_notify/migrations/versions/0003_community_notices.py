"""The community side (COMMUNITY.md, issue 21 item 8, issue 22 item 6): a subscription may belong to a
community (its staff's, a team's or the members' group robot), with optional skill and grid filters;
reminders before a claimed need's wanted-by date, armed per claim.

Revision ID: 0003
"""

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.execute("ALTER TABLE subscriptions ADD COLUMN community text")
    op.execute("ALTER TABLE subscriptions ADD COLUMN skills text[] NOT NULL DEFAULT '{}'")
    op.execute("ALTER TABLE subscriptions ADD COLUMN grids text[] NOT NULL DEFAULT '{}'")
    op.execute("ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_check")
    op.execute(
        "ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_one_owner CHECK "
        "(num_nonnulls(department, jurisdiction, community) = 1)"
    )
    op.execute("CREATE INDEX subscriptions_community_idx ON subscriptions (community) WHERE deleted_at IS NULL")
    # One row per reminder of a claim: the claimant (a member id, never a name) and the need's place.
    op.execute(
        """
        CREATE TABLE need_reminders (
            id bigserial PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            need_id text NOT NULL,
            claim_id text NOT NULL,
            need jsonb NOT NULL,
            wanted_by timestamptz NOT NULL,
            fire_at timestamptz NOT NULL,
            status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'fired', 'cancelled', 'expired')),
            created_at timestamptz NOT NULL DEFAULT now(),
            settled_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX need_reminders_due_idx ON need_reminders (fire_at) WHERE status = 'scheduled'")
    op.execute("CREATE INDEX need_reminders_need_idx ON need_reminders (need_id)")
    op.execute(
        "CREATE TABLE need_states (need_id text PRIMARY KEY, sequence integer NOT NULL, "
        "updated_at timestamptz NOT NULL DEFAULT now())"
    )


def downgrade() -> None:
    op.execute("DROP TABLE need_states")
    op.execute("DROP TABLE need_reminders")
    op.execute(
        "DELETE FROM deliveries WHERE subscription_id IN (SELECT id FROM subscriptions WHERE community IS NOT NULL)"
    )
    op.execute("DELETE FROM subscriptions WHERE community IS NOT NULL")
    op.execute("ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_one_owner")
    op.execute(
        "ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_check "
        "CHECK ((department IS NULL) <> (jurisdiction IS NULL))"
    )
    for column in ("grids", "skills", "community"):
        op.execute(f"ALTER TABLE subscriptions DROP COLUMN {column}")
