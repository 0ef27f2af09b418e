"""One-tap 签收 links (PRODUCT.md §9, issue 25 item 3): the ids of links used (or being used), so a link
works once. A link is `claimed` before the acknowledgement runs and `used` after it committed; a claim
left by a process that died in between is taken again by the next tap (the acknowledgement itself is
idempotent under the link's id).

Revision ID: 0010
"""

from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE ack_links (
            jti text PRIMARY KEY,
            case_id text NOT NULL,
            department text NOT NULL,
            person_id uuid NOT NULL,
            status text NOT NULL CHECK (status IN ('claimed', 'used')),
            claimed_at timestamptz NOT NULL DEFAULT now(),
            used_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX ack_links_case_idx ON ack_links (case_id)")


def downgrade() -> None:
    op.execute("DROP TABLE ack_links")
