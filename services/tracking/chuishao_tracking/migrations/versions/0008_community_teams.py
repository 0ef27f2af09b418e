"""Teams (志愿服务队) and their members' tenures on the public side, for volunteer hours by team
(COMMUNITY.md §5), projected from team.* on chuishao.community.v1: the team's kind and each membership's
member id and dates. No team name, no member's name.

Revision ID: 0008
"""

from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.execute(
        "CREATE TABLE community_teams (team_id text PRIMARY KEY, sequence integer NOT NULL, community text NOT NULL, "
        "kind text NOT NULL)"
    )
    op.execute(
        "CREATE TABLE community_team_members (membership_id text PRIMARY KEY, sequence integer NOT NULL, "
        "team_id text NOT NULL, member_id text NOT NULL, start_date date, end_date date)"
    )
    op.execute("CREATE INDEX community_team_members_member_idx ON community_team_members (member_id)")


def downgrade() -> None:
    op.execute("DROP TABLE community_team_members, community_teams")
