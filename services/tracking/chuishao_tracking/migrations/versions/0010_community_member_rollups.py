"""The members' figures of GET /v1/stats/community in constant time as members and hours grow (issue 21):
"active" (an hours entry in the period) and "on track" (party members' hours this local year) no longer
read every member and every entry of the period. Kept by triggers, so every write path and a rebuild's
replay keep them right:

- `community_hours.prev_at`: the member's previous entry's time (in (at, entry_id) order; NULL for the
  first). A member is active in [s, t) exactly when one of its entries has s <= at < t and prev_at < s (or
  none): that entry is its first at or after s, so counting such entries counts members.
  `community_active_days` counts them per community, UTC day of `at` and UTC day of `prev_at`
  ('-infinity' for none): whole days read from it, the edges and the start's own day from the entries.
  The community is `community_hours.counted_in`: the member's (the entry's own while the member is not
  projected yet; moved when the member arrives, changes community or goes).
- `community_member_tally`: members per community and party flag (reporting in = the tally less the
  members not reporting at the period's end, read one by one: pending, confirmed after it, left before).
- `community_member_local_years`: each member's hours per local (Asia/Shanghai) calendar year, and
  `community_party_year_totals`: how many party members (by their community) have each yearly total, so
  "on track" is a sum over the totals at or above the due hours; the members with entries after the
  period's end in its year are corrected one by one (none for a period ending now).
- `community_unmatched_members`: members with hours but no member row yet (corrected one by one).

Revision ID: 0010
"""

from alembic import op

revision = "0010"
down_revision = "0009"

# The local calendar year of "on track" (the figures' default timezone; another one reads the entries).
LOCAL_TZ = "Asia/Shanghai"

# The rollups filled from the rows (the migration, and the bench after its bulk load with the triggers
# off). `prev_at` and `counted_in` are filled separately (CHAIN): a load may bring them with its rows.
CHAIN = (
    "UPDATE community_hours h SET prev_at = p.prev, counted_in = p.counted_in FROM (SELECT h.entry_id, "
    "lag(h.at) OVER (PARTITION BY h.member_id ORDER BY h.at, h.entry_id) AS prev, "
    "COALESCE(m.community, h.community) AS counted_in FROM community_hours h "
    "LEFT JOIN community_members m USING (member_id)) p WHERE h.entry_id = p.entry_id"
)
ROLLUPS = (
    "INSERT INTO community_active_days (community, day, prev_day, n) "
    "SELECT counted_in, (at AT TIME ZONE 'UTC')::date, COALESCE((prev_at AT TIME ZONE 'UTC')::date, '-infinity'), "
    "count(*) FROM community_hours GROUP BY 1, 2, 3",
    "INSERT INTO community_member_tally (community, party_member, n) "
    "SELECT community, party_member, count(*) FROM community_members GROUP BY 1, 2",
    "INSERT INTO community_member_local_years (member_id, year, hours) "
    f"SELECT member_id, extract(year FROM at AT TIME ZONE '{LOCAL_TZ}')::smallint, sum(hours) "
    "FROM community_hours GROUP BY 1, 2",
    "INSERT INTO community_party_year_totals (community, year, hours, n) "
    "SELECT m.community, y.year, y.hours, count(*) FROM community_member_local_years y "
    "JOIN community_members m USING (member_id) WHERE m.party_member GROUP BY 1, 2, 3",
    "INSERT INTO community_unmatched_members (member_id) SELECT DISTINCT h.member_id FROM community_hours h "
    "WHERE NOT EXISTS (SELECT 1 FROM community_members m WHERE m.member_id = h.member_id)",
)

_FUNCTIONS = f"""
CREATE FUNCTION community_active_add(c text, at timestamptz, prev timestamptz, k integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO community_active_days (community, day, prev_day, n)
    VALUES (c, (at AT TIME ZONE 'UTC')::date, COALESCE((prev AT TIME ZONE 'UTC')::date, '-infinity'), k)
    ON CONFLICT (day, community, prev_day) DO UPDATE SET n = community_active_days.n + excluded.n
$$
;;
-- One member's entries counted in another community (to_c NULL: each entry's own).
CREATE FUNCTION community_active_move(member text, to_c text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO community_active_days (community, day, prev_day, n)
    SELECT c, d, p, sum(k) FROM (
        SELECT counted_in AS c, (at AT TIME ZONE 'UTC')::date AS d,
            COALESCE((prev_at AT TIME ZONE 'UTC')::date, '-infinity') AS p, -1 AS k
        FROM community_hours WHERE member_id = member
        UNION ALL SELECT COALESCE(to_c, community), (at AT TIME ZONE 'UTC')::date,
            COALESCE((prev_at AT TIME ZONE 'UTC')::date, '-infinity'), 1
        FROM community_hours WHERE member_id = member
    ) moves GROUP BY c, d, p HAVING sum(k) <> 0
    ON CONFLICT (day, community, prev_day) DO UPDATE SET n = community_active_days.n + excluded.n;
    UPDATE community_hours SET counted_in = COALESCE(to_c, community)
    WHERE member_id = member AND counted_in IS DISTINCT FROM COALESCE(to_c, community);
$$
;;
CREATE FUNCTION community_party_total_add(c text, y smallint, total numeric, k integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO community_party_year_totals (community, year, hours, n) VALUES (c, y, total, k)
    ON CONFLICT (community, year, hours) DO UPDATE SET n = community_party_year_totals.n + excluded.n
$$
;;
CREATE FUNCTION community_hours_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One member's entries one transaction at a time: the chain of prev_at stays whole.
    PERFORM pg_advisory_xact_lock(hashtextextended('community_hours:' || NEW.member_id, 0));
    NEW.prev_at := (SELECT at FROM community_hours WHERE member_id = NEW.member_id
        AND (at, entry_id) < (NEW.at, NEW.entry_id) ORDER BY at DESC, entry_id DESC LIMIT 1);
    NEW.counted_in := COALESCE((SELECT community FROM community_members WHERE member_id = NEW.member_id),
        NEW.community);
    RETURN NEW;
END
$$
;;
CREATE FUNCTION community_hours_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m record;
    nxt record;
    y smallint := extract(year FROM NEW.at AT TIME ZONE '{LOCAL_TZ}');
    before numeric;
    after numeric;
BEGIN
    SELECT community, party_member INTO m FROM community_members WHERE member_id = NEW.member_id;
    IF NOT FOUND THEN
        INSERT INTO community_unmatched_members (member_id) VALUES (NEW.member_id) ON CONFLICT DO NOTHING;
    END IF;
    PERFORM community_active_add(NEW.counted_in, NEW.at, NEW.prev_at, 1);
    -- The entry that followed the new one's predecessor now follows the new one.
    SELECT entry_id, counted_in, at, prev_at INTO nxt FROM community_hours WHERE member_id = NEW.member_id
        AND (at, entry_id) > (NEW.at, NEW.entry_id) ORDER BY at, entry_id LIMIT 1;
    IF FOUND THEN
        UPDATE community_hours SET prev_at = NEW.at WHERE entry_id = nxt.entry_id;
        PERFORM community_active_add(nxt.counted_in, nxt.at, nxt.prev_at, -1);
        PERFORM community_active_add(nxt.counted_in, nxt.at, NEW.at, 1);
    END IF;
    SELECT hours INTO before FROM community_member_local_years WHERE member_id = NEW.member_id AND year = y;
    INSERT INTO community_member_local_years (member_id, year, hours) VALUES (NEW.member_id, y, NEW.hours)
        ON CONFLICT (year, member_id) DO UPDATE SET hours = community_member_local_years.hours + excluded.hours
        RETURNING hours INTO after;
    IF m.party_member THEN
        IF before IS NOT NULL THEN
            PERFORM community_party_total_add(m.community, y, before, -1);
        END IF;
        PERFORM community_party_total_add(m.community, y, after, 1);
    END IF;
    RETURN NULL;
END
$$
;;
CREATE FUNCTION community_members_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE community_member_tally SET n = n - 1
            WHERE community = OLD.community AND party_member = OLD.party_member;
        IF OLD.party_member THEN
            PERFORM community_party_total_add(OLD.community, year, hours, -1)
                FROM community_member_local_years WHERE member_id = OLD.member_id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO community_member_tally (community, party_member, n) VALUES (NEW.community, NEW.party_member, 1)
            ON CONFLICT (community, party_member) DO UPDATE SET n = community_member_tally.n + 1;
        IF NEW.party_member THEN
            PERFORM community_party_total_add(NEW.community, year, hours, 1)
                FROM community_member_local_years WHERE member_id = NEW.member_id;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        DELETE FROM community_unmatched_members WHERE member_id = NEW.member_id;
        PERFORM community_active_move(NEW.member_id, NEW.community);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM community_active_move(OLD.member_id, NULL);
        INSERT INTO community_unmatched_members (member_id)
            SELECT OLD.member_id WHERE EXISTS (SELECT 1 FROM community_hours WHERE member_id = OLD.member_id)
            ON CONFLICT DO NOTHING;
    ELSIF OLD.community IS DISTINCT FROM NEW.community THEN
        PERFORM community_active_move(NEW.member_id, NEW.community);
    END IF;
    RETURN NULL;
END
$$
""".split(";;")


def upgrade() -> None:
    op.execute("ALTER TABLE community_hours ADD COLUMN prev_at timestamptz, ADD COLUMN counted_in text")
    op.execute(CHAIN)
    op.execute("ALTER TABLE community_hours ALTER COLUMN counted_in SET NOT NULL")
    op.execute(
        "CREATE TABLE community_active_days (community text NOT NULL, day date NOT NULL, prev_day date NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (day, community, prev_day))"
    )
    op.execute(
        "CREATE TABLE community_member_tally (community text NOT NULL, party_member boolean NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (community, party_member))"
    )
    op.execute(
        "CREATE TABLE community_member_local_years (member_id text NOT NULL, year smallint NOT NULL, "
        "hours numeric(12, 2) NOT NULL, PRIMARY KEY (year, member_id))"
    )
    op.execute("CREATE INDEX community_member_local_years_member_idx ON community_member_local_years (member_id)")
    op.execute(
        "CREATE TABLE community_party_year_totals (community text NOT NULL, year smallint NOT NULL, "
        "hours numeric(12, 2) NOT NULL, n integer NOT NULL, PRIMARY KEY (community, year, hours))"
    )
    op.execute("CREATE TABLE community_unmatched_members (member_id text PRIMARY KEY)")
    for statement in ROLLUPS:
        op.execute(statement)
    # The member's chain (the triggers' neighbours), the first entries at or after a start (the edges),
    # the entries whose predecessor falls on the start's day, and the members not reporting in.
    op.execute("CREATE INDEX community_hours_chain_idx ON community_hours (member_id, at, entry_id)")
    op.execute("CREATE INDEX community_hours_first_idx ON community_hours (at) INCLUDE (counted_in, prev_at)")
    op.execute("CREATE INDEX community_hours_prev_idx ON community_hours (prev_at) INCLUDE (at, counted_in)")
    op.execute("CREATE INDEX community_members_pending_idx ON community_members (member_id) WHERE active_since IS NULL")
    op.execute("CREATE INDEX community_members_active_since_idx ON community_members (active_since)")
    op.execute("CREATE INDEX community_members_left_idx ON community_members (left_at) WHERE left_at IS NOT NULL")
    op.execute("CREATE INDEX community_members_registered_idx ON community_members (registered_at)")
    for function in _FUNCTIONS:
        op.execute(function)
    op.execute(
        "CREATE TRIGGER community_hours_chain BEFORE INSERT ON community_hours "
        "FOR EACH ROW EXECUTE FUNCTION community_hours_chain()"
    )
    op.execute(
        "CREATE TRIGGER community_hours_rollups AFTER INSERT ON community_hours "
        "FOR EACH ROW EXECUTE FUNCTION community_hours_rollups()"
    )
    op.execute(
        "CREATE TRIGGER community_members_rows AFTER INSERT OR DELETE ON community_members "
        "FOR EACH ROW EXECUTE FUNCTION community_members_rollups()"
    )
    # Only a real change: the projector's upsert rewrites a row with its own values when an event is older.
    op.execute(
        "CREATE TRIGGER community_members_changes AFTER UPDATE OF community, party_member ON community_members "
        "FOR EACH ROW WHEN (OLD.community IS DISTINCT FROM NEW.community "
        "OR OLD.party_member IS DISTINCT FROM NEW.party_member) EXECUTE FUNCTION community_members_rollups()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER community_members_changes ON community_members")
    op.execute("DROP TRIGGER community_members_rows ON community_members")
    op.execute("DROP TRIGGER community_hours_rollups ON community_hours")
    op.execute("DROP TRIGGER community_hours_chain ON community_hours")
    op.execute("DROP FUNCTION community_members_rollups()")
    op.execute("DROP FUNCTION community_hours_rollups()")
    op.execute("DROP FUNCTION community_hours_chain()")
    op.execute("DROP FUNCTION community_party_total_add(text, smallint, numeric, integer)")
    op.execute("DROP FUNCTION community_active_move(text, text)")
    op.execute("DROP FUNCTION community_active_add(text, timestamptz, timestamptz, integer)")
    for index in ("pending", "active_since", "left", "registered"):
        op.execute(f"DROP INDEX community_members_{index}_idx")
    for index in ("chain", "first", "prev"):
        op.execute(f"DROP INDEX community_hours_{index}_idx")
    op.execute(
        "DROP TABLE community_unmatched_members, community_party_year_totals, community_member_local_years, "
        "community_member_tally, community_active_days"
    )
    op.execute("ALTER TABLE community_hours DROP COLUMN prev_at, DROP COLUMN counted_in")
