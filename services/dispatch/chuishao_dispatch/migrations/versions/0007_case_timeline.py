"""The case timeline as an insert-only table (the audit trail), moved out of `cases.doc`.

Each entry is one row (case id, seq); a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
the owner included, and the runtime role is granted only SELECT and INSERT on it (see
`chuishao_shared.db_roles`). Existing timelines are copied from the documents, then removed from them.

Revision ID: 0007
"""

from alembic import op

from chuishao_shared.db_roles import append_only_ddl

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE case_timeline (
            case_id text NOT NULL REFERENCES cases (id),
            seq integer NOT NULL CHECK (seq > 0),
            type text NOT NULL,
            at timestamptz NOT NULL,
            actor_role text NOT NULL,
            actor_subject text NOT NULL,
            actor_department text,
            note text NOT NULL DEFAULT '',
            data jsonb NOT NULL DEFAULT '{}'::jsonb,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (case_id, seq)
        )
        """
    )
    for statement in append_only_ddl("case_timeline"):
        op.execute(statement)
    op.execute(
        """
        INSERT INTO case_timeline (case_id, seq, type, at, actor_role, actor_subject, actor_department, note, data)
        SELECT c.id, t.seq, t.entry->>'type', (t.entry->>'at')::timestamptz, t.entry->>'actor_role',
               t.entry->>'actor_sub', t.entry->>'actor_department', coalesce(t.entry->>'note', ''),
               coalesce(t.entry->'data', '{}'::jsonb)
        FROM cases c, jsonb_array_elements(c.doc->'timeline') WITH ORDINALITY AS t(entry, seq)
        """
    )
    op.execute("UPDATE cases SET doc = doc - 'timeline' WHERE doc ? 'timeline'")


def downgrade() -> None:
    op.execute(
        """
        UPDATE cases c SET doc = jsonb_set(c.doc, '{timeline}', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                'type', t.type, 'at', to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'actor_sub', t.actor_subject, 'actor_role', t.actor_role,
                'actor_department', t.actor_department, 'note', t.note, 'data', t.data) ORDER BY t.seq)
            FROM case_timeline t WHERE t.case_id = c.id), '[]'::jsonb))
        """
    )
    op.execute("DROP TABLE case_timeline")
