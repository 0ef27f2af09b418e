"""The community side's read model (COMMUNITY.md §4 "Public, on tracking", §5): needs for the wish wall
(心愿墙), their claims, members' registration and the hours ledger, projected from
chuishao.community.v1.

Codes, statuses, counts and times only: no title, description, resident, member name, claimant or any
free text (see chuishao_tracking/domain/community.py).

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE community_needs (
            need_id text PRIMARY KEY,
            sequence integer NOT NULL,
            community text NOT NULL,
            grid text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            urgency text NOT NULL,
            helpers integer NOT NULL,
            skills text[] NOT NULL,
            wanted_by timestamptz NOT NULL,
            claimant_kind text,
            listed_at timestamptz NOT NULL,
            recorded_at timestamptz,
            claimed_at timestamptz,
            confirmed_at timestamptz,
            ended_at timestamptz,
            satisfaction text,
            release_count integer NOT NULL DEFAULT 0,
            lapse_count integer NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX community_needs_listed_idx ON community_needs (listed_at DESC, need_id DESC)")
    op.execute("CREATE INDEX community_needs_community_idx ON community_needs (community, listed_at DESC)")
    op.execute("CREATE INDEX community_needs_recorded_idx ON community_needs (recorded_at)")
    op.execute("CREATE INDEX community_needs_claimed_idx ON community_needs (claimed_at)")
    op.execute("CREATE INDEX community_needs_confirmed_idx ON community_needs (confirmed_at)")
    op.execute(
        """
        CREATE TABLE community_claims (
            claim_id text PRIMARY KEY,
            need_id text NOT NULL,
            community text NOT NULL,
            claimed_at timestamptz,
            outcome text,
            ended_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX community_claims_claimed_idx ON community_claims (claimed_at)")
    op.execute(
        """
        CREATE TABLE community_members (
            member_id text PRIMARY KEY,
            sequence integer NOT NULL,
            community text NOT NULL,
            status text NOT NULL,
            party_member boolean NOT NULL,
            registered_at timestamptz,
            active_since timestamptz,
            left_at timestamptz,
            updated_at timestamptz NOT NULL
        )
        """
    )
    op.execute(
        """
        CREATE TABLE community_hours (
            entry_id text PRIMARY KEY,
            member_id text NOT NULL,
            community text NOT NULL,
            hours numeric(8, 2) NOT NULL,
            source text NOT NULL,
            at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX community_hours_at_idx ON community_hours (community, at)")
    op.execute("CREATE INDEX community_hours_member_idx ON community_hours (member_id, at)")


def downgrade() -> None:
    op.execute("DROP TABLE community_hours, community_members, community_claims, community_needs")
