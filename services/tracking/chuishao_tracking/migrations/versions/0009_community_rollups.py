"""The community figures in constant time as the history grows (issue 21: 100k needs, 1M hours entries):
the hours per community, source and UTC day and per member and UTC year (kept with every hours.recorded,
like the members' months),
and the needs counted per community, kind and status (kept by a trigger on community_needs, so every
write path, the retention delete and a rebuild's replay keep it right). The wish wall's counts and the
period's hours then read tens of rows instead of every need and entry.

Revision ID: 0009
"""

from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.execute(
        "CREATE TABLE community_hour_days (day date NOT NULL, community text NOT NULL, source text NOT NULL, "
        "hours numeric(14, 2) NOT NULL, entries integer NOT NULL, PRIMARY KEY (day, community, source))"
    )
    op.execute(
        "INSERT INTO community_hour_days (day, community, source, hours, entries) "
        "SELECT (at AT TIME ZONE 'UTC')::date, community, source, sum(hours), count(*) FROM community_hours "
        "GROUP BY 1, 2, 3"
    )
    op.execute(
        "CREATE TABLE community_member_years (member_id text NOT NULL, year smallint NOT NULL, "
        "hours numeric(12, 2) NOT NULL, PRIMARY KEY (year, member_id))"
    )
    op.execute(
        "INSERT INTO community_member_years (member_id, year, hours) "
        "SELECT member_id, extract(year FROM month)::smallint, sum(hours) FROM community_member_months GROUP BY 1, 2"
    )
    op.execute(
        "CREATE TABLE community_need_tally (community text NOT NULL, kind text NOT NULL, status text NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (community, kind, status))"
    )
    op.execute(
        "INSERT INTO community_need_tally (community, kind, status, n) "
        "SELECT community, kind, status, count(*) FROM community_needs GROUP BY 1, 2, 3"
    )
    op.execute(
        """
        CREATE FUNCTION community_need_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE community_need_tally SET n = n - 1
                WHERE community = OLD.community AND kind = OLD.kind AND status = OLD.status;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO community_need_tally (community, kind, status, n)
                VALUES (NEW.community, NEW.kind, NEW.status, 1)
                ON CONFLICT (community, kind, status) DO UPDATE SET n = community_need_tally.n + 1;
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER community_need_tally_rows AFTER INSERT OR DELETE ON community_needs "
        "FOR EACH ROW EXECUTE FUNCTION community_need_tally_change()"
    )
    # Only a real change: the projector's upsert rewrites a row with its own values when an event is older.
    op.execute(
        "CREATE TRIGGER community_need_tally_changes AFTER UPDATE OF community, kind, status ON community_needs "
        "FOR EACH ROW WHEN (OLD.community IS DISTINCT FROM NEW.community OR OLD.kind IS DISTINCT FROM NEW.kind "
        "OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION community_need_tally_change()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER community_need_tally_changes ON community_needs")
    op.execute("DROP TRIGGER community_need_tally_rows ON community_needs")
    op.execute("DROP FUNCTION community_need_tally_change()")
    op.execute("DROP TABLE community_need_tally")
    op.execute("DROP TABLE community_member_years")
    op.execute("DROP TABLE community_hour_days")
