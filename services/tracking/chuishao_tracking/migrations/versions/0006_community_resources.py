"""The co-building resources' public points for the map (docs/map.md), projected from resource.* on
chuishao.community.v1: kind, status, life circle, capacity, whether a unit or the community offers it,
and the place's coordinates (a public place). No name, address or unit code.

Revision ID: 0006
"""

from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE community_resources (
            resource_id text PRIMARY KEY,
            sequence integer NOT NULL,
            community text NOT NULL,
            provider text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            life_circle integer NOT NULL,
            capacity integer,
            lon double precision NOT NULL,
            lat double precision NOT NULL,
            offered_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX community_resources_community_idx ON community_resources (community)")


def downgrade() -> None:
    op.execute("DROP TABLE community_resources")
