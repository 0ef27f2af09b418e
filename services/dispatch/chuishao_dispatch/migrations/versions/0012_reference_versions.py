"""Reference data at run time (PRODUCT.md §9, issue 24 item 4): change sets, the versions they make, and the
audit of every step (who, when, why).

- `reference_changesets`: a proposal — its content (the five reference documents, only those it changes),
  author, reason, the version it was written against, its state (proposed → approved, or withdrawn), the
  approving admin and the effective time.
- `reference_versions`: every version of the whole data set, numbered from 1 (the data directory's files
  at the first start). The version in force at an instant is the highest whose `effective_at` has come.
  A version row and its `reference.changed` event (outbox) are written in one transaction.
- `reference_audit`: one row per action on a change set or version.

Revision ID: 0012
"""

from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE reference_versions (
            version integer PRIMARY KEY,
            content jsonb NOT NULL,
            changeset_id uuid,
            rule_version integer,
            created_by text NOT NULL,
            reason text NOT NULL,
            effective_at timestamptz NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX reference_versions_effective ON reference_versions (effective_at, version)")
    op.execute(
        """
        CREATE TABLE reference_changesets (
            id uuid PRIMARY KEY,
            status text NOT NULL CHECK (status IN ('proposed', 'approved', 'withdrawn')),
            base_version integer NOT NULL,
            content jsonb NOT NULL,
            author text NOT NULL,
            reason text NOT NULL,
            restores integer,
            created_at timestamptz NOT NULL,
            approved_by text,
            approved_at timestamptz,
            effective_at timestamptz,
            version integer REFERENCES reference_versions (version)
        )
        """
    )
    op.execute("CREATE INDEX reference_changesets_created ON reference_changesets (created_at DESC)")
    op.execute(
        """
        CREATE TABLE reference_audit (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            changeset_id uuid,
            version integer,
            reason text NOT NULL,
            detail jsonb NOT NULL DEFAULT '{}'
        )
        """
    )
    op.execute("CREATE INDEX reference_audit_changeset ON reference_audit (changeset_id, id)")


def downgrade() -> None:
    op.execute("DROP TABLE reference_audit")
    op.execute("DROP TABLE reference_changesets")
    op.execute("DROP TABLE reference_versions")
