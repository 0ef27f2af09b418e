"""Every report gets a short number when intake accepts it (issue 27 item 3, `chuishao_shared.case_numbers`):
`reports.number`, and one counter row per number prefix (`五阳-1205-`) and day (Asia/Shanghai) that the
filing statement increments with `INSERT … ON CONFLICT … DO UPDATE … RETURNING` — the row lock orders
concurrent filings, so no number is handed out twice. Reports filed before this revision have no number (NULL) and show
their id. The counter is the prefix's, not the community's: two communities whose names shorten alike
(two 滨河社区 in different streets) share it, so they never print the same number on the same day. The
unique index is a guard: a community's day never holds one number twice.

Revision ID: 0008
"""

from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE report_counters (
            prefix text NOT NULL,
            day date NOT NULL,
            last integer NOT NULL CHECK (last > 0),
            PRIMARY KEY (prefix, day)
        )
        """
    )
    op.execute("ALTER TABLE reports ADD COLUMN number text")
    op.execute("CREATE UNIQUE INDEX reports_number_idx ON reports (community, number) WHERE number IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX reports_number_idx")
    op.execute("ALTER TABLE reports DROP COLUMN number")
    op.execute("DROP TABLE report_counters")
