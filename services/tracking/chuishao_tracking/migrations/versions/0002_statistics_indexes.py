"""Indexes for reads that must not grow with the history (docs/benchmarks.md, growth phase):
the statistics read each kind of fact of a period by its own timestamp, so the index leads with the
kind; the wall's summary counts the open cases and today's openings, not the whole table.

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"

COLUMNS = ("started_at", "due_at", "done_at")


def upgrade() -> None:
    for column in COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS case_facts_{column}_idx")
        op.execute(f"CREATE INDEX case_facts_kind_{column}_idx ON case_facts (kind, {column})")
    op.execute(
        "CREATE INDEX board_cases_open_urgency_idx ON board_cases "
        "(escalation_level DESC, next_deadline_at ASC NULLS LAST, opened_at DESC) WHERE is_open"
    )


def downgrade() -> None:
    op.execute("DROP INDEX board_cases_open_urgency_idx")
    for column in COLUMNS:
        op.execute(f"DROP INDEX case_facts_kind_{column}_idx")
        op.execute(f"CREATE INDEX case_facts_{column}_idx ON case_facts ({column})")
