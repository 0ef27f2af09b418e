"""The members' figures of GET /v1/stats/community in constant time as members and hours grow (issue 21):
"active" (an hours entry in the period) and "on track" (party members' hours this local year) no longer
read every member and every entry of the period. Kept by triggers, so every write path and a rebuild's
replay keep them right:

- `community_hours.prev_at`: the member's previous entry's time (in (at, entry_id) order; NULL for the
  first). A member is active in [s, t) exactly when one of its entries has s <= at < t and prev_at < s (or
  none): that entry is its first at or after s, so counting such entries counts members.
  `community_active_cells` counts them per community and cell of (`at`, `prev_at`) at four grains: UTC
  day or hour of `at` by UTC day or hour of `prev_at` ('-infinity' for none). A period reads whole days
  and whole hours of `at` against predecessors before the start's day or in its whole hours before the
  start, and from the entries only the hour the start falls in and the two partial hours at the edges.
  The community is `community_hours.counted_in`: the member's (the entry's own while the member is not
  projected yet; moved when the member arrives, changes community or goes).
- `community_member_tally`: members per community and party flag (reporting in = the tally less the
  members not reporting at the period's end, read one by one: pending, confirmed after it, left before).
- `community_member_local_years`: each member's hours per local (Asia/Shanghai) calendar year, and
  `community_party_year_totals`: how many party members (by their community) have each yearly total, so
  "on track" is a sum over the totals at or above the due hours; the members with entries after the
  period's end in its year are corrected one by one (none for a period ending now).
- `community_unmatched_members`: members with hours but no member row yet (corrected one by one).
- `community_need_days` / `community_need_hours`: the needs' and claims' counts of the figures (recorded,
  claimed, confirmed, ended by status, satisfaction; claims, released, lapsed) per community and UTC day
  and hour of the time each is counted at (kept by triggers on community_needs and community_claims), and
  `community_hour_hours` the hours per community, source and UTC hour: whole days, then whole hours,
  then the entries and needs of the two partial hours at the edges.
- `community_need_waits`: the waits of the two medians per measure, community, UTC day and bucket (a
  quarter of a doubling of seconds) with their least and most: the median's bucket from the days and the
  edge days' needs, its value when the bucket holds one value, else from that bucket's needs alone.

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


# An entry's four cells (grain, at_cell, prev_cell): `at` and its predecessor's time by UTC day or hour.
def _cells(at: str, prev: str) -> str:
    def cut(unit: str, t: str) -> str:
        return f"date_trunc('{unit}', {t} AT TIME ZONE 'UTC')"

    none = "'-infinity'::timestamp"
    return ", ".join(
        f"('{g}', {cut(a, at)}, COALESCE({cut(p, prev)}, {none}))"
        for g, a, p in (("dd", "day", "day"), ("hd", "hour", "day"), ("dh", "day", "hour"), ("hh", "hour", "hour"))
    )


ROLLUPS = (
    "INSERT INTO community_active_cells (grain, at_cell, prev_cell, community, n) "
    "SELECT c.grain, c.at_cell, c.prev_cell, h.counted_in, count(*) FROM community_hours h "
    f"CROSS JOIN LATERAL (VALUES {_cells('h.at', 'h.prev_at')}) c(grain, at_cell, prev_cell) GROUP BY 1, 2, 3, 4",
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

# The counters of community_need_days / community_need_hours, and what each counts (at its time column).
NEED_COUNTS = (
    "recorded",
    "claimed",
    "confirmed",
    "expired",
    "whistled",
    "cancelled",
    "satisfied",
    "satisfaction_recorded",
    "claims",
    "released",
    "lapsed",
)
_COUNT_COLUMNS = ", ".join(f"{c} integer NOT NULL DEFAULT 0" for c in NEED_COUNTS)


def _need_add(table: str, bucket: str, key: str) -> str:
    columns = ", ".join(NEED_COUNTS)
    values = ", ".join(f"CASE WHEN measure = '{c}' THEN k ELSE 0 END" for c in NEED_COUNTS)
    sums = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in NEED_COUNTS)
    return (
        f"INSERT INTO {table} (community, {key}, {columns}) VALUES (c, {bucket}, {values}) "
        f"ON CONFLICT ({key}, community) DO UPDATE SET {sums};"
    )


# A need's or claim's contributions, taken back (k = -1, the old row) or added (k = 1, the new one).
# The waits of the medians (first claim - recording, confirmation - recording), by measure, community,
# UTC day of the claim / confirmation and bucket (a quarter of a doubling of seconds): how many, the least
# and the most. A median is then found in its bucket: its value when the bucket's least and most are one,
# else by reading that bucket's needs alone (an index on the bucket).
_WAIT_BUCKET = (
    "CREATE FUNCTION community_wait_bucket(seconds double precision) RETURNS smallint LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT CASE WHEN seconds < 1 THEN 0 ELSE 1 + floor(ln(seconds) / ln(2) * 4) END::smallint $$"
)
_WAIT = {
    "claim": "extract(epoch FROM claimed_at - recorded_at)::double precision",
    "confirm": "extract(epoch FROM confirmed_at - recorded_at)::double precision",
}
_WAIT_AT = {"claim": "claimed_at", "confirm": "confirmed_at"}
WAIT_ROLLUPS = tuple(
    "INSERT INTO community_need_waits (day, measure, community, bucket, n, lo, hi) "
    f"SELECT ({_WAIT_AT[m]} AT TIME ZONE 'UTC')::date, '{m}', community, community_wait_bucket({w}), count(*), "
    f"min({w}), max({w}) FROM community_needs WHERE {_WAIT_AT[m]} IS NOT NULL AND recorded_at IS NOT NULL "
    "GROUP BY 1, 3, 4"
    for m, w in _WAIT.items()
)

_NEED_ROLLUPS = f"""
CREATE FUNCTION community_wait_add(m text, c text, at timestamptz, recorded timestamptz, k integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d date := (at AT TIME ZONE 'UTC')::date;
    v double precision := extract(epoch FROM at - recorded)::double precision;
    b smallint := community_wait_bucket(extract(epoch FROM at - recorded)::double precision);
BEGIN
    IF at IS NULL OR recorded IS NULL THEN
        RETURN;
    END IF;
    IF k > 0 THEN
        INSERT INTO community_need_waits (day, measure, community, bucket, n, lo, hi) VALUES (d, m, c, b, 1, v, v)
            ON CONFLICT (day, measure, community, bucket) DO UPDATE SET n = community_need_waits.n + 1,
            lo = LEAST(community_need_waits.lo, excluded.lo), hi = GREATEST(community_need_waits.hi, excluded.hi);
        RETURN;
    END IF;
    -- Taken back: the least and the most again from the needs still in the cell.
    IF m = 'claim' THEN
        UPDATE community_need_waits w SET n = w.n - 1, lo = x.lo, hi = x.hi FROM (SELECT min({_WAIT["claim"]}) AS lo,
            max({_WAIT["claim"]}) AS hi FROM community_needs WHERE community = c AND claimed_at >= d
            AND claimed_at < d + 1 AND recorded_at IS NOT NULL AND community_wait_bucket({_WAIT["claim"]}) = b) x
            WHERE w.day = d AND w.measure = m AND w.community = c AND w.bucket = b;
    ELSE
        UPDATE community_need_waits w SET n = w.n - 1, lo = x.lo, hi = x.hi FROM (SELECT min({_WAIT["confirm"]}) AS lo,
            max({_WAIT["confirm"]}) AS hi FROM community_needs WHERE community = c AND confirmed_at >= d
            AND confirmed_at < d + 1 AND recorded_at IS NOT NULL AND community_wait_bucket({_WAIT["confirm"]}) = b) x
            WHERE w.day = d AND w.measure = m AND w.community = c AND w.bucket = b;
    END IF;
END
$$
;;
CREATE FUNCTION community_need_add(c text, at timestamptz, measure text, k integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF at IS NULL THEN
        RETURN;
    END IF;
    {_need_add("community_need_days", "(at AT TIME ZONE 'UTC')::date", "day")}
    {_need_add("community_need_hours", "date_trunc('hour', at AT TIME ZONE 'UTC')", "hour")}
END
$$
;;
CREATE FUNCTION community_need_counts(r community_needs, k integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM community_need_add(r.community, r.recorded_at, 'recorded', k);
    PERFORM community_need_add(r.community, r.claimed_at, 'claimed', k);
    PERFORM community_need_add(r.community, r.confirmed_at, 'confirmed', k);
    IF r.status IN ('expired', 'whistled', 'cancelled') THEN
        PERFORM community_need_add(r.community, r.ended_at, r.status, k);
    END IF;
    IF r.satisfaction IN ('satisfied', 'basically_satisfied') THEN
        PERFORM community_need_add(r.community, r.confirmed_at, 'satisfied', k);
    END IF;
    IF r.satisfaction IS NOT NULL THEN
        PERFORM community_need_add(r.community, r.confirmed_at, 'satisfaction_recorded', k);
    END IF;
    PERFORM community_wait_add('claim', r.community, r.claimed_at, r.recorded_at, k);
    PERFORM community_wait_add('confirm', r.community, r.confirmed_at, r.recorded_at, k);
END
$$
;;
CREATE FUNCTION community_needs_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM community_need_counts(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM community_need_counts(NEW, 1);
    END IF;
    RETURN NULL;
END
$$
;;
CREATE FUNCTION community_claim_counts(r community_claims, k integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM community_need_add(r.community, r.claimed_at, 'claims', k);
    IF r.outcome IN ('released', 'lapsed') THEN
        PERFORM community_need_add(r.community, r.claimed_at, r.outcome, k);
    END IF;
END
$$
;;
CREATE FUNCTION community_claims_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM community_claim_counts(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM community_claim_counts(NEW, 1);
    END IF;
    RETURN NULL;
END
$$
""".split(";;")
_NEED_FILL = ", ".join(f"count(*) FILTER (WHERE measure = '{c}')" for c in NEED_COUNTS)
_CONTRIBUTIONS = (
    "SELECT community, recorded_at AS at, 'recorded' AS measure FROM community_needs "
    "UNION ALL SELECT community, claimed_at, 'claimed' FROM community_needs "
    "UNION ALL SELECT community, confirmed_at, 'confirmed' FROM community_needs "
    "UNION ALL SELECT community, ended_at, status FROM community_needs "
    "WHERE status IN ('expired', 'whistled', 'cancelled') "
    "UNION ALL SELECT community, confirmed_at, 'satisfied' FROM community_needs "
    "WHERE satisfaction IN ('satisfied', 'basically_satisfied') "
    "UNION ALL SELECT community, confirmed_at, 'satisfaction_recorded' FROM community_needs "
    "WHERE satisfaction IS NOT NULL "
    "UNION ALL SELECT community, claimed_at, 'claims' FROM community_claims "
    "UNION ALL SELECT community, claimed_at, outcome FROM community_claims WHERE outcome IN ('released', 'lapsed')"
)
NEED_ROLLUPS = tuple(
    f"INSERT INTO {table} (community, {key}, {', '.join(NEED_COUNTS)}) "
    f"SELECT community, {bucket}, {_NEED_FILL} FROM ({_CONTRIBUTIONS}) c WHERE at IS NOT NULL GROUP BY 1, 2"
    for table, key, bucket in (
        ("community_need_days", "day", "(at AT TIME ZONE 'UTC')::date"),
        ("community_need_hours", "hour", "date_trunc('hour', at AT TIME ZONE 'UTC')"),
    )
)
# The hours per community, source and UTC hour (the day's rollup, community_hour_days, is the projector's).
HOUR_HOURS = (
    "INSERT INTO community_hour_hours (hour, community, source, hours, entries) "
    "SELECT date_trunc('hour', at AT TIME ZONE 'UTC'), community, source, sum(hours), count(*) FROM community_hours "
    "GROUP BY 1, 2, 3"
)

_FUNCTIONS = f"""
CREATE FUNCTION community_active_add(c text, at timestamptz, prev timestamptz, k integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO community_active_cells (grain, at_cell, prev_cell, community, n)
    SELECT grain, at_cell, prev_cell, c, k FROM (VALUES {_cells("at", "prev")}) cells(grain, at_cell, prev_cell)
    ON CONFLICT (grain, at_cell, prev_cell, community) DO UPDATE SET n = community_active_cells.n + excluded.n
$$
;;
-- One member's entries counted in another community (to_c NULL: each entry's own).
CREATE FUNCTION community_active_move(member text, to_c text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO community_active_cells (grain, at_cell, prev_cell, community, n)
    SELECT cells.grain, cells.at_cell, cells.prev_cell, moves.c, sum(moves.k) FROM (
        SELECT counted_in AS c, at, prev_at, -1 AS k FROM community_hours WHERE member_id = member
        UNION ALL SELECT COALESCE(to_c, community), at, prev_at, 1 FROM community_hours WHERE member_id = member
    ) moves CROSS JOIN LATERAL (VALUES {_cells("moves.at", "moves.prev_at")}) cells(grain, at_cell, prev_cell)
    GROUP BY 1, 2, 3, 4 HAVING sum(moves.k) <> 0
    ON CONFLICT (grain, at_cell, prev_cell, community) DO UPDATE SET n = community_active_cells.n + excluded.n;
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
    INSERT INTO community_hour_hours (hour, community, source, hours, entries)
        VALUES (date_trunc('hour', NEW.at AT TIME ZONE 'UTC'), NEW.community, NEW.source, NEW.hours, 1)
        ON CONFLICT (hour, community, source) DO UPDATE SET hours = community_hour_hours.hours + excluded.hours,
        entries = community_hour_hours.entries + 1;
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
        "CREATE TABLE community_active_cells (grain text NOT NULL, at_cell timestamp NOT NULL, "
        "prev_cell timestamp NOT NULL, community text NOT NULL, n integer NOT NULL, "
        "PRIMARY KEY (grain, at_cell, prev_cell, community))"
    )
    # The cells of predecessors on the start's day: by the predecessor first.
    op.execute(
        "CREATE INDEX community_active_cells_prev_idx ON community_active_cells (grain, prev_cell, at_cell) "
        "INCLUDE (community, n)"
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
    op.execute(
        "CREATE TABLE community_hour_hours (hour timestamp NOT NULL, community text NOT NULL, source text NOT NULL, "
        "hours numeric(14, 2) NOT NULL, entries integer NOT NULL, PRIMARY KEY (hour, community, source))"
    )
    op.execute(
        f"CREATE TABLE community_need_days (day date NOT NULL, community text NOT NULL, {_COUNT_COLUMNS}, "
        "PRIMARY KEY (day, community))"
    )
    op.execute(
        f"CREATE TABLE community_need_hours (hour timestamp NOT NULL, community text NOT NULL, {_COUNT_COLUMNS}, "
        "PRIMARY KEY (hour, community))"
    )
    op.execute(
        "CREATE TABLE community_need_waits (day date NOT NULL, measure text NOT NULL, community text NOT NULL, "
        "bucket smallint NOT NULL, n integer NOT NULL, lo double precision, hi double precision, "
        "PRIMARY KEY (day, measure, community, bucket))"
    )
    op.execute(_WAIT_BUCKET)
    for statement in (*ROLLUPS, HOUR_HOURS, *NEED_ROLLUPS, *WAIT_ROLLUPS):
        op.execute(statement)
    # The medians' reads: the needs first claimed / confirmed in the edges of a period (index-only), and
    # one community's needs of one bucket in a period.
    op.execute(
        "CREATE INDEX community_needs_to_claim_idx ON community_needs (claimed_at) INCLUDE (community, recorded_at)"
    )
    op.execute(
        "CREATE INDEX community_needs_to_confirm_idx ON community_needs (confirmed_at) INCLUDE (community, recorded_at)"
    )
    for m, wait in _WAIT.items():
        op.execute(
            f"CREATE INDEX community_needs_{m}_bucket_idx ON community_needs (community, "
            f"community_wait_bucket({wait}), {_WAIT_AT[m]}) INCLUDE (recorded_at) WHERE recorded_at IS NOT NULL"
        )
    # The member's chain (the triggers' neighbours), the first entries at or after a start (the edges),
    # the entries whose predecessor falls on the start's day, and the members not reporting in.
    op.execute("CREATE INDEX community_hours_chain_idx ON community_hours (member_id, at, entry_id)")
    op.execute("CREATE INDEX community_hours_first_idx ON community_hours (at) INCLUDE (counted_in, prev_at)")
    op.execute("CREATE INDEX community_hours_prev_idx ON community_hours (prev_at) INCLUDE (at, counted_in)")
    op.execute("CREATE INDEX community_members_pending_idx ON community_members (member_id) WHERE active_since IS NULL")
    op.execute("CREATE INDEX community_members_active_since_idx ON community_members (active_since)")
    op.execute("CREATE INDEX community_members_left_idx ON community_members (left_at) WHERE left_at IS NOT NULL")
    op.execute("CREATE INDEX community_members_registered_idx ON community_members (registered_at)")
    for function in (*_FUNCTIONS, *_NEED_ROLLUPS):
        op.execute(function)
    op.execute(
        "CREATE TRIGGER community_needs_counted_rows AFTER INSERT OR DELETE ON community_needs "
        "FOR EACH ROW EXECUTE FUNCTION community_needs_counted()"
    )
    op.execute(
        "CREATE TRIGGER community_needs_counted_changes AFTER UPDATE ON community_needs FOR EACH ROW WHEN ("
        "(OLD.community, OLD.status, OLD.recorded_at, OLD.claimed_at, OLD.confirmed_at, OLD.ended_at, "
        "OLD.satisfaction) IS DISTINCT FROM (NEW.community, NEW.status, NEW.recorded_at, NEW.claimed_at, "
        "NEW.confirmed_at, NEW.ended_at, NEW.satisfaction)) EXECUTE FUNCTION community_needs_counted()"
    )
    op.execute(
        "CREATE TRIGGER community_claims_counted_rows AFTER INSERT OR DELETE ON community_claims "
        "FOR EACH ROW EXECUTE FUNCTION community_claims_counted()"
    )
    op.execute(
        "CREATE TRIGGER community_claims_counted_changes AFTER UPDATE ON community_claims FOR EACH ROW WHEN ("
        "(OLD.community, OLD.claimed_at, OLD.outcome) IS DISTINCT FROM (NEW.community, NEW.claimed_at, NEW.outcome)) "
        "EXECUTE FUNCTION community_claims_counted()"
    )
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
    for table in ("needs", "claims"):
        op.execute(f"DROP TRIGGER community_{table}_counted_changes ON community_{table}")
        op.execute(f"DROP TRIGGER community_{table}_counted_rows ON community_{table}")
    op.execute("DROP FUNCTION community_claims_counted()")
    op.execute("DROP FUNCTION community_claim_counts(community_claims, integer)")
    op.execute("DROP FUNCTION community_needs_counted()")
    op.execute("DROP FUNCTION community_need_counts(community_needs, integer)")
    op.execute("DROP FUNCTION community_need_add(text, timestamptz, text, integer)")
    op.execute("DROP FUNCTION community_wait_add(text, text, timestamptz, timestamptz, integer)")
    op.execute("DROP INDEX community_needs_claim_bucket_idx")
    op.execute("DROP INDEX community_needs_confirm_bucket_idx")
    op.execute("DROP TABLE community_need_waits")
    op.execute("DROP FUNCTION community_wait_bucket(double precision)")
    op.execute("DROP INDEX community_needs_to_claim_idx")
    op.execute("DROP INDEX community_needs_to_confirm_idx")
    op.execute("DROP TABLE community_need_hours, community_need_days, community_hour_hours")
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
        "community_member_tally, community_active_cells"
    )
    op.execute("ALTER TABLE community_hours DROP COLUMN prev_at, DROP COLUMN counted_in")
