"""Escalation policies and chains (PRODUCT.md §9, issue 25 item 2): a department's policy in versions
(an edit adds a version; a case keeps the version in force when it was opened), one chain per
(case, department) assignment with the steps it took (one row per step: a step is taken once) and the
person notices those steps queued.

Revision ID: 0005
"""

from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE escalation_policies (
            owner text NOT NULL,
            version integer NOT NULL CHECK (version >= 1),
            steps jsonb NOT NULL,
            repeats integer NOT NULL CHECK (repeats >= 0),
            head text,
            valid_from timestamptz NOT NULL,
            reason text NOT NULL DEFAULT '',
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (owner, version)
        )
        """
    )
    op.execute(
        """
        CREATE TABLE escalation_chains (
            id bigserial PRIMARY KEY,
            case_id text NOT NULL,
            department text NOT NULL,
            dispatched text NOT NULL,
            community text,
            policy jsonb NOT NULL,
            opened_at timestamptz NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            position integer NOT NULL DEFAULT 0,
            next_at timestamptz,
            status text NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'acknowledged', 'stopped', 'exhausted')),
            stopped_at timestamptz,
            UNIQUE (case_id, department, dispatched)
        )
        """
    )
    op.execute("CREATE INDEX escalation_chains_due_idx ON escalation_chains (next_at) WHERE status = 'running'")
    op.execute("CREATE INDEX escalation_chains_case_idx ON escalation_chains (case_id)")
    op.execute(
        """
        CREATE TABLE escalation_steps (
            chain_id bigint NOT NULL REFERENCES escalation_chains (id) ON DELETE CASCADE,
            position integer NOT NULL,
            kind text NOT NULL,
            level integer,
            owner text NOT NULL,
            told text[] NOT NULL,
            taken_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (chain_id, position)
        )
        """
    )
    op.execute(
        """
        CREATE TABLE person_notices (
            id bigserial PRIMARY KEY,
            chain_id bigint NOT NULL REFERENCES escalation_chains (id) ON DELETE CASCADE,
            position integer NOT NULL,
            owner text NOT NULL,
            member text NOT NULL,
            case_id text NOT NULL,
            department text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'unreachable')),
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            channel text,
            error text,
            sent_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (chain_id, position, member)
        )
        """
    )
    op.execute("CREATE INDEX person_notices_due_idx ON person_notices (next_attempt_at) WHERE status = 'pending'")
    # Where a person is told (issue 25 item 3): their WeCom / DingTalk user ids beside the roster's people.
    op.execute("ALTER TABLE duty_people ADD COLUMN wecom_user_id text NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE duty_people ADD COLUMN dingtalk_user_id text NOT NULL DEFAULT ''")


def downgrade() -> None:
    op.execute("ALTER TABLE duty_people DROP COLUMN dingtalk_user_id")
    op.execute("ALTER TABLE duty_people DROP COLUMN wecom_user_id")
    op.execute("DROP TABLE person_notices")
    op.execute("DROP TABLE escalation_steps")
    op.execute("DROP TABLE escalation_chains")
    op.execute("DROP TABLE escalation_policies")
