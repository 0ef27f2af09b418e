"""Who may read a photo: its uploaders (`photo_uploads`), and the parties of every report that uses
it — found through a GIN index over the photo hashes a report carries in its own photos, its
verification and its case timeline (the departments' evidence).

Revision ID: 0006
"""

from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE photo_uploads (
            sha256 text NOT NULL,
            uploader text NOT NULL,
            uploaded_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (sha256, uploader)
        )
        """
    )
    # The hashes of the system's own photo URLs (…/v1/photos/<sha256>[/thumbnail]) in a report's
    # photos, verification and case timeline. IMMUTABLE: it reads only its arguments.
    op.execute(
        """
        CREATE FUNCTION report_photo_hashes(photos jsonb, verification jsonb, timeline jsonb)
        RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT m[1]), '{}')
            FROM regexp_matches(
                coalesce(photos::text, '') || coalesce(verification::text, '') || coalesce(timeline::text, ''),
                '/v1/photos/([0-9a-f]{64})', 'g'
            ) AS m
        $$
        """
    )
    op.execute(
        "CREATE INDEX reports_photo_hashes_idx ON reports "
        "USING gin (report_photo_hashes(photos, verification, case_timeline))"
    )


def downgrade() -> None:
    op.execute("DROP INDEX reports_photo_hashes_idx")
    op.execute("DROP FUNCTION report_photo_hashes(jsonb, jsonb, jsonb)")
    op.execute("DROP TABLE photo_uploads")
