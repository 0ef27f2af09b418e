"""议事 (COMMUNITY.md §3): topics (JSONB plus the columns the lists, the candidates' once-only rule and
the sweep filter on), their actions' index (a case action found by its report or case id, a need action
by its need id, the overdue sweep by due date), the case actions' filing queue (to intake, like
whistles), and a small read model of dispatch's cases (category, community, routed and returning
departments) that the candidates are proposed from.

Revision ID: 0003
"""

from alembic import op

revision = "0003"
down_revision = "0001"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE topics (
            id text PRIMARY KEY,
            community text NOT NULL,
            step text NOT NULL,
            origin text NOT NULL,
            candidate_key text,
            created_at timestamptz NOT NULL,
            closed_at timestamptz,
            sequence integer NOT NULL DEFAULT 0,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX topics_list_idx ON topics (community, created_at DESC, id DESC)")
    # A candidate is proposed once: one topic per key that is not closed.
    op.execute("CREATE UNIQUE INDEX topics_candidate_idx ON topics (candidate_key) WHERE closed_at IS NULL")
    op.execute("CREATE INDEX topics_candidate_all_idx ON topics (candidate_key, closed_at)")
    op.execute(
        """
        CREATE TABLE topic_actions (
            action_id text PRIMARY KEY,
            topic_id text NOT NULL REFERENCES topics (id),
            kind text NOT NULL,
            status text NOT NULL,
            due timestamptz NOT NULL,
            overdue boolean NOT NULL DEFAULT false,
            report_id text,
            case_id text,
            need_id text
        )
        """
    )
    op.execute("CREATE INDEX topic_actions_report_idx ON topic_actions (report_id) WHERE report_id IS NOT NULL")
    op.execute("CREATE INDEX topic_actions_case_idx ON topic_actions (case_id) WHERE case_id IS NOT NULL")
    op.execute("CREATE INDEX topic_actions_need_idx ON topic_actions (need_id) WHERE need_id IS NOT NULL")
    op.execute("CREATE INDEX topic_actions_due_idx ON topic_actions (due) WHERE status = 'open' AND NOT overdue")
    op.execute(
        """
        CREATE TABLE topic_filings (
            action_id text PRIMARY KEY REFERENCES topic_actions (action_id),
            topic_id text NOT NULL,
            body jsonb NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL,
            last_error text,
            report_id text,
            case_id text,
            created_at timestamptz NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX topic_filings_due_idx ON topic_filings (next_attempt_at) WHERE report_id IS NULL")
    op.execute(
        """
        CREATE TABLE topic_cases (
            case_id text PRIMARY KEY,
            category text NOT NULL,
            community text NOT NULL,
            status text NOT NULL,
            opened_at timestamptz NOT NULL,
            report_ids text[] NOT NULL DEFAULT '{}',
            routed text[] NOT NULL DEFAULT '{}',
            returned text[] NOT NULL DEFAULT '{}',
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX topic_cases_hotspot_idx ON topic_cases (community, category, opened_at)")
    op.execute("CREATE INDEX topic_cases_reports_idx ON topic_cases USING gin (report_ids)")


def downgrade() -> None:
    for table in ("topic_cases", "topic_filings", "topic_actions", "topics"):
        op.execute(f"DROP TABLE {table}")
