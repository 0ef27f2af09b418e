"""The queue's search by words or by a case's short number (issue 27 item 3): one text per case that
holds its id, its number (`doc.report.number`, that of the report that opened it), the numbers of the
reports it took in later (`doc.report_numbers`: duplicates and merged cases), the description and the
building, kept by PostgreSQL itself (a generated column, so old rows and every later write agree), and a
pg_trgm GIN index on it, so `search_text ILIKE '%words%'` reads the index instead of scanning every case.

pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13: the database's
owner (the role migrations run as) may create it. Trigrams need at least three characters of the query;
a shorter query still answers, by scanning (docs/case-numbers.md).

Revision ID: 0011
"""

from alembic import op

revision = "0011"
down_revision = "0010"

SEARCH_TEXT = (
    "id || ' ' || coalesce(doc->'report'->>'number', '') || ' ' || coalesce((doc->'report_numbers')::text, '')"
    " || ' ' || coalesce(doc->'report'->>'description', '') || ' ' || coalesce(doc->'report'->>'building', '')"
)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"ALTER TABLE cases ADD COLUMN search_text text GENERATED ALWAYS AS ({SEARCH_TEXT}) STORED")
    op.execute("CREATE INDEX cases_search_trgm_idx ON cases USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX cases_search_trgm_idx")
    op.execute("ALTER TABLE cases DROP COLUMN search_text")
