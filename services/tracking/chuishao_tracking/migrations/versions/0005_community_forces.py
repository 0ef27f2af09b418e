"""The community's forces and 议事 on the public side (COMMUNITY.md §5): community orders and the units'
answers, projects, topics with their meetings, decisions and actions, projected from
chuishao.community.v1. Codes, statuses, counts and times only (domain/community_forces.py).

Revision ID: 0005
"""

from alembic import op

revision = "0005"
down_revision = "0004"

TABLES = (
    "community_orders",
    "community_order_answers",
    "community_projects",
    "community_topics",
    "community_meetings",
    "community_decisions",
    "community_actions",
)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE community_orders (order_id text PRIMARY KEY, sequence integer NOT NULL, community text NOT NULL, "
        "units text[] NOT NULL, status text NOT NULL, posted_at timestamptz)"
    )
    op.execute("CREATE INDEX community_orders_posted_idx ON community_orders (posted_at)")
    op.execute(
        "CREATE TABLE community_order_answers (order_id text NOT NULL, unit text NOT NULL, community text NOT NULL, "
        "responded_at timestamptz NOT NULL, declined boolean NOT NULL, response_seconds double precision, "
        "PRIMARY KEY (order_id, unit))"
    )
    op.execute(
        "CREATE TABLE community_projects (project_id text PRIMARY KEY, sequence integer NOT NULL, "
        "community text NOT NULL, status text NOT NULL, people_served integer NOT NULL, period_from date, "
        "period_to date, created_at timestamptz NOT NULL, done_at timestamptz)"
    )
    op.execute(
        "CREATE TABLE community_topics (topic_id text PRIMARY KEY, sequence integer NOT NULL, community text NOT NULL, "
        "step text NOT NULL, collected_at timestamptz NOT NULL, set_at timestamptz, decided_at timestamptz)"
    )
    op.execute(
        "CREATE TABLE community_meetings (meeting_id text PRIMARY KEY, topic_id text NOT NULL, "
        "community text NOT NULL, meeting_at timestamptz NOT NULL, quorate boolean NOT NULL)"
    )
    op.execute("CREATE INDEX community_meetings_at_idx ON community_meetings (meeting_at)")
    op.execute(
        "CREATE TABLE community_decisions (decision_id text PRIMARY KEY, topic_id text NOT NULL, "
        "community text NOT NULL, decided_at timestamptz NOT NULL)"
    )
    op.execute(
        "CREATE TABLE community_actions (action_id text PRIMARY KEY, sequence integer NOT NULL, "
        "decision_id text, topic_id text NOT NULL, community text NOT NULL, status text NOT NULL, "
        "due timestamptz, done_at timestamptz)"
    )


def downgrade() -> None:
    op.execute(f"DROP TABLE {', '.join(TABLES)}")
