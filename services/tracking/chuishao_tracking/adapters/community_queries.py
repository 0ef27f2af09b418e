"""Reads of the community read model: the wish wall's needs and counts, and the community figures
(docs/statistics.md, "The community side"). Only codes, statuses, counts and times are selected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.vocabulary import NEED_UNDER_WAY
from chuishao_tracking.domain.statistics import Period

_NEED_COLUMNS = (
    "need_id, community, grid, kind, status, urgency, helpers, skills, wanted_by, claimant_kind, listed_at, "
    "recorded_at, claimed_at, confirmed_at, updated_at"
)


@dataclass(frozen=True)
class NeedFilter:
    community: str | None = None
    statuses: list[str] | None = None
    kind: str | None = None


def _where(flt: NeedFilter, params: dict[str, Any]) -> list[str]:
    where = ["true"]
    if flt.community:
        where.append("community = :community")
        params["community"] = flt.community
    if flt.statuses:
        where.append("status = ANY(:statuses)")
        params["statuses"] = flt.statuses
    if flt.kind:
        where.append("kind = :kind")
        params["kind"] = flt.kind
    return where


async def list_needs(
    conn: AsyncConnection, flt: NeedFilter, *, limit: int, after: tuple[datetime, str] | None
) -> list[Row]:
    """Newest first by when the need was put on the wall, then by id (the board's cursor)."""
    params: dict[str, Any] = {"limit": limit}
    where = _where(flt, params)
    if after is not None:
        where.append("(listed_at, need_id) < (:after_at, :after_id)")
        params["after_at"], params["after_id"] = after
    sql = (
        f"SELECT {_NEED_COLUMNS} FROM community_needs WHERE {' AND '.join(where)} "
        "ORDER BY listed_at DESC, need_id DESC LIMIT :limit"
    )
    return list((await conn.execute(text(sql), params)).all())


async def wall_counts(conn: AsyncConnection, flt: NeedFilter) -> list[Row]:
    """Per community: needs on the wall, open, being fulfilled (claimed, in progress, reported done) and
    fulfilled (confirmed), under the same filter as the list (except status). Read from the tally a trigger
    keeps per community, kind and status (migration 0009): tens of rows, however many needs."""
    params: dict[str, Any] = {}
    where = _where(NeedFilter(community=flt.community, kind=flt.kind), params)
    sql = (
        "SELECT community, sum(n) AS total, COALESCE(sum(n) FILTER (WHERE status = 'open'), 0) AS open, "
        "COALESCE(sum(n) FILTER (WHERE status = ANY(:under_way)), 0) AS claimed, "
        "COALESCE(sum(n) FILTER (WHERE status = 'confirmed'), 0) AS fulfilled "
        f"FROM community_need_tally WHERE {' AND '.join(where)} GROUP BY community HAVING sum(n) > 0 "
        "ORDER BY community"
    )
    params["under_way"] = sorted(NEED_UNDER_WAY)
    return list((await conn.execute(text(sql), params)).all())


# The needs' and claims' counts of the period (docs/statistics.md): whole UTC days from
# community_need_days, whole UTC hours of the edge days from community_need_hours, and the needs and
# claims whose times fall in the two partial hours [start, first_hour) and [last_hour, end) from the rows
# (migration 0010's triggers keep the counters on every write).
_NEED_COUNTS = (
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
_IN = "({c} >= :start AND {c} < :first_hour OR {c} >= :last_hour AND {c} < :end)"
_COUNTS_SUM = ", ".join(f"sum({c}) AS {c}" for c in _NEED_COUNTS)
_COUNTS_LIST = ", ".join(_NEED_COUNTS)
_EDGE_NEEDS = (
    "SELECT community, "
    f"count(*) FILTER (WHERE {_IN.format(c='recorded_at')}), "
    f"count(*) FILTER (WHERE {_IN.format(c='claimed_at')}), "
    f"count(*) FILTER (WHERE {_IN.format(c='confirmed_at')}), "
    + ", ".join(
        f"count(*) FILTER (WHERE status = '{s}' AND {_IN.format(c='ended_at')})"
        for s in ("expired", "whistled", "cancelled")
    )
    + f", count(*) FILTER (WHERE {_IN.format(c='confirmed_at')} "
    "AND satisfaction IN ('satisfied', 'basically_satisfied')), "
    f"count(*) FILTER (WHERE {_IN.format(c='confirmed_at')} AND satisfaction IS NOT NULL), 0, 0, 0 "
    "FROM community_needs WHERE "
    + " OR ".join(_IN.format(c=c) for c in ("recorded_at", "claimed_at", "confirmed_at", "ended_at"))
    + " GROUP BY community"
)
_EDGE_CLAIMS = (
    "SELECT community, 0, 0, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE outcome = 'released'), "
    "count(*) FILTER (WHERE outcome = 'lapsed') FROM community_claims WHERE "
    + _IN.format(c="claimed_at")
    + " GROUP BY community"
)
_NEED_FIGURES = text(
    f"SELECT community, {_COUNTS_SUM} FROM ("
    f"SELECT community, {_COUNTS_LIST} FROM community_need_days WHERE day >= :first_date AND day < :last_date "
    f"UNION ALL SELECT community, {_COUNTS_LIST} FROM community_need_hours WHERE hour >= :first_hour_utc "
    "AND hour < :last_hour_utc AND NOT (hour >= :first_day_utc AND hour < :last_day_utc) "
    f"UNION ALL {_EDGE_NEEDS} UNION ALL {_EDGE_CLAIMS}"
    ") parts GROUP BY community HAVING " + " OR ".join(f"sum({c}) <> 0" for c in _NEED_COUNTS)
)
# The medians (percentile_cont(0.5): the mean of the two middle values when their number is even) of the
# waits over the needs first claimed / confirmed in the period, found by bucket (migration 0010): how
# many waits each bucket holds in the period, and their least and most, from community_need_waits' whole
# UTC days and the needs of the partial days at the edges; then the middle ones' values — a bucket's
# least when it holds one value, else read from that bucket's needs in the period alone.
_WAIT = {
    "to_claim": ("claim", "claimed_at", "extract(epoch FROM claimed_at - recorded_at)::double precision"),
    "to_confirm": ("confirm", "confirmed_at", "extract(epoch FROM confirmed_at - recorded_at)::double precision"),
}
_WAIT_BUCKETS = text(
    "SELECT measure, community, bucket, sum(n) AS n, min(lo) AS lo, max(hi) AS hi FROM ("
    "SELECT measure, community, bucket, n, lo, hi FROM community_need_waits "
    "WHERE day >= :first_date AND day < :last_date AND n > 0 "
    + " ".join(
        f"UNION ALL SELECT '{m}', community, community_wait_bucket({w}), 1, {w}, {w} FROM community_needs "
        f"WHERE ({at} >= :start AND {at} < :first_day OR {at} >= :last_day AND {at} < :end) "
        "AND recorded_at IS NOT NULL"
        for m, at, w in _WAIT.values()
    )
    + ") waits GROUP BY measure, community, bucket ORDER BY measure, community, bucket"
)
_WAIT_NTH = {
    m: text(
        f"SELECT {w} AS wait FROM community_needs WHERE community = :community AND recorded_at IS NOT NULL "
        f"AND community_wait_bucket({w}) = :bucket AND {at} >= :start AND {at} < :end "
        "ORDER BY 1 OFFSET :offset LIMIT 1"
    )
    for m, at, w in _WAIT.values()
}


async def wait_medians(conn: AsyncConnection, span: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per community, `to_claim` and `to_confirm` as percentile_cont(0.5) over the period's waits gives them."""
    buckets: dict[tuple[str, str], list[Row]] = {}
    for row in (await conn.execute(_WAIT_BUCKETS, span)).all():
        buckets.setdefault((row.measure, row.community), []).append(row)
    out: dict[str, dict[str, float]] = {}
    for figure, (measure, _, _) in _WAIT.items():
        for (m, community), rows in buckets.items():
            if m != measure:
                continue
            total = sum(int(r.n) for r in rows)
            ranks = [(total + 1) // 2] if total % 2 else [total // 2, total // 2 + 1]  # 1-based
            values = []
            for rank in ranks:
                below = 0
                for r in rows:
                    if below + int(r.n) >= rank:
                        break
                    below += int(r.n)
                if r.lo == r.hi:
                    values.append(float(r.lo))
                else:
                    params = {**span, "community": community, "bucket": r.bucket, "offset": rank - below - 1}
                    values.append(float((await conn.execute(_WAIT_NTH[measure], params)).scalar_one()))
            first = values[0]
            # As PostgreSQL interpolates: first + (second - first) * 0.5.
            out.setdefault(community, {})[figure] = first if len(values) == 1 else first + (values[1] - first) * 0.5
    return out


# Whole UTC days from the daily rollup, whole UTC hours of the edge days from the hourly one, the two
# partial hours [start, first_hour) and [last_hour, end) from the entries. The days come as dates of
# their own: a parameter used as a time and cast to a date is typed as a date.
_HOURS_FIGURES = text(
    "SELECT community, source, sum(hours) AS hours, sum(entries) AS entries FROM ("
    "SELECT community, source, hours, 1 AS entries FROM community_hours WHERE at >= :start AND at < :first_hour "
    "UNION ALL SELECT community, source, hours, entries FROM community_hour_days "
    "WHERE day >= :first_date AND day < :last_date "
    "UNION ALL SELECT community, source, hours, entries FROM community_hour_hours WHERE hour >= :first_hour_utc "
    "AND hour < :last_hour_utc AND NOT (hour >= :first_day_utc AND hour < :last_day_utc) "
    "UNION ALL SELECT community, source, hours, 1 FROM community_hours WHERE at >= :last_hour AND at < :end"
    ") parts GROUP BY community, source"
)
# Reporting in at the period's end: confirmed (active) before it and not left by then. Active: one
# hours entry or more in the period. Party members on track: this calendar year's hours (local) up to
# the period's end at least the target × the share of the year gone by then — whole UTC months from the
# members' monthly sums (or, when the months run from January and are more than half the year, the UTC
# year's sum less the months after them: fewer rows), the edges [year_start, first_month) and
# [last_month, end) from the entries.
_MEMBER_FIGURES = text(
    "WITH reporting AS (SELECT member_id, community, party_member FROM community_members "
    "WHERE active_since < :end AND (left_at IS NULL OR left_at >= :end)), "
    "active AS (SELECT DISTINCT member_id FROM community_hours WHERE at >= :start AND at < :end), "
    "year AS (SELECT member_id, sum(hours) AS hours FROM ("
    "SELECT member_id, hours FROM community_hours WHERE at >= :year_start AND at < :first_month "
    "UNION ALL SELECT member_id, hours FROM community_member_months WHERE NOT :by_year "
    "AND month >= CAST(:first_month AS date) AND month < CAST(:last_month AS date) "
    "UNION ALL SELECT member_id, hours FROM community_member_years WHERE :by_year AND year = :utc_year "
    "UNION ALL SELECT member_id, -hours FROM community_member_months WHERE :by_year "
    "AND month >= CAST(:last_month AS date) AND month < CAST(:year_end AS date) "
    "UNION ALL SELECT member_id, hours FROM community_hours WHERE at >= :last_month AND at < :end"
    ") parts GROUP BY member_id) "
    "SELECT r.community, count(*) AS reporting_in, count(a.member_id) AS active, "
    "count(*) FILTER (WHERE r.party_member) AS party_members, "
    "count(*) FILTER (WHERE r.party_member AND COALESCE(y.hours, 0) >= :due_hours) AS on_track "
    "FROM reporting r LEFT JOIN active a USING (member_id) LEFT JOIN year y USING (member_id) GROUP BY r.community"
)


# The members' figures from the rollups of migration 0010 (same definitions as _MEMBER_FIGURES, which
# stays the way for another timezone's year or a period with many entries after its end in its year).
# Active: entries with start <= at < end whose predecessor (prev_at) is before the start — each member's
# first entry at or after the start — counted in the member's community (counted_in), from the cells of
# community_active_cells: whole UTC days and whole UTC hours of `at` (the edge days' hours) against
# predecessors before the start's UTC day ('dd', 'hd') or in its whole hours before the start's hour
# ('dh', 'hh'); from the entries, those whose predecessor falls in the start's own hour before the start,
# and the partial hours [start, first_hour) and [last_hour, end).
_CELLS = "SELECT community, n FROM community_active_cells WHERE grain = '{g}' AND {at} AND {prev}"
_WHOLE_DAYS = "at_cell >= :first_day_utc AND at_cell < :last_day_utc"
_WHOLE_HOURS = (
    "at_cell >= :first_hour_utc AND at_cell < :last_hour_utc "
    "AND NOT (at_cell >= :first_day_utc AND at_cell < :last_day_utc)"
)
_BEFORE_DAY = "prev_cell < :start_day_utc"
_DAY_BEFORE = "prev_cell >= :start_day_utc AND prev_cell < :start_hour_utc"
_ACTIVE = text(
    "SELECT community, sum(n) AS n FROM ("
    + " UNION ALL ".join(
        _CELLS.format(g=g, at=at, prev=prev)
        for g, at, prev in (
            ("dd", _WHOLE_DAYS, _BEFORE_DAY),
            ("dh", _WHOLE_DAYS, _DAY_BEFORE),
            ("hd", _WHOLE_HOURS, _BEFORE_DAY),
            ("hh", _WHOLE_HOURS, _DAY_BEFORE),
        )
    )
    + " UNION ALL SELECT counted_in, 1 FROM community_hours WHERE prev_at >= :start_hour AND prev_at < :start "
    "AND at >= :first_hour AND at < :last_hour "
    "UNION ALL SELECT counted_in, 1 FROM community_hours WHERE at >= :start AND at < :first_hour "
    "AND (prev_at IS NULL OR prev_at < :start) "
    "UNION ALL SELECT counted_in, 1 FROM community_hours WHERE at >= :last_hour AND at < :end "
    "AND (prev_at IS NULL OR prev_at < :start)"
    ") parts GROUP BY community"
)
_MEMBER_TALLY = text(
    "SELECT community, sum(n) AS members, COALESCE(sum(n) FILTER (WHERE party_member), 0) AS party "
    "FROM community_member_tally GROUP BY community"
)
# Party members (by their community) per total of the local year: at or above the due hours, and all.
_PARTY_TOTALS = text(
    "SELECT community, COALESCE(sum(n) FILTER (WHERE hours >= :due_hours), 0) AS on_track, sum(n) AS with_hours "
    "FROM community_party_year_totals WHERE year = :year GROUP BY community"
)
_AFTER_END = text(
    "SELECT count(*) FROM (SELECT 1 FROM community_hours WHERE at >= :end AND at < :year_end LIMIT :most) e"
)
# The members the rollups count otherwise than the definition, one by one: not reporting in at the end
# (pending, confirmed after it, left before it), with hours but no member row, or with entries after the
# end in its local year (their year's total is more than their hours up to the end). Each takes back
# what the tallies and rollups counted for it and adds what it counts for.
_MEMBER_CORRECTIONS = text(
    "WITH x AS (SELECT member_id FROM community_members WHERE active_since IS NULL "
    "UNION SELECT member_id FROM community_members WHERE active_since >= :end "
    "UNION SELECT member_id FROM community_members WHERE left_at < :end "
    "UNION SELECT member_id FROM community_unmatched_members "
    "UNION SELECT member_id FROM community_hours WHERE at >= :end AND at < :year_end), "
    "c AS (SELECT m.community, m.party_member AS party, "
    "COALESCE(m.active_since < :end AND (m.left_at IS NULL OR m.left_at >= :end), false) AS reporting, "
    "f.counted_in AS first_in, f.at < :end AS active, COALESCE(y.hours, 0) AS year_hours, "
    "COALESCE(y.hours, 0) - COALESCE(a.hours, 0) AS to_end "
    "FROM x LEFT JOIN community_members m USING (member_id) "
    "LEFT JOIN LATERAL (SELECT counted_in, at FROM community_hours h WHERE h.member_id = x.member_id "
    "AND h.at >= :start ORDER BY h.at, h.entry_id LIMIT 1) f ON true "
    "LEFT JOIN community_member_local_years y ON y.member_id = x.member_id AND y.year = :year "
    "LEFT JOIN LATERAL (SELECT sum(hours) AS hours FROM community_hours h WHERE h.member_id = x.member_id "
    "AND h.at >= :end AND h.at < :year_end) a ON true) "
    "SELECT community, sum(reporting) AS reporting, sum(party) AS party, sum(active) AS active, "
    "sum(on_track) AS on_track FROM ("
    "SELECT community, -1 AS reporting, -party::int AS party, 0 AS active, "
    "-(party AND year_hours >= :due_hours)::int AS on_track FROM c WHERE community IS NOT NULL "
    "UNION ALL SELECT first_in, 0, 0, -1, 0 FROM c WHERE active "
    "UNION ALL SELECT community, 1, party::int, COALESCE(active, false)::int, "
    "(party AND to_end >= :due_hours)::int FROM c WHERE reporting"
    ") d GROUP BY community"
)
# Past this many entries after the period's end in its year, _MEMBER_FIGURES reads fewer rows.
AFTER_END_MOST = 2000
LOCAL_TZ = "Asia/Shanghai"  # the local year of community_member_local_years (migration 0010)


async def member_figures(
    conn: AsyncConnection, period: Period, *, year_start: datetime, due_hours: float, tz: str = LOCAL_TZ
) -> list[dict[str, Any]]:
    """Per community with members reporting in: reporting_in, active, party_members and on_track."""
    local_start = year_start.astimezone(ZoneInfo(tz))
    year_end = local_start.replace(year=local_start.year + 1)
    span = {"start": period.start, "end": period.end, "year_end": year_end}
    after = (await conn.execute(_AFTER_END, {**span, "most": AFTER_END_MOST + 1})).scalar_one()
    if tz != LOCAL_TZ or after > AFTER_END_MOST:
        first_month, last_month = month_edges(year_start, period.end)
        members = {**span, "year_start": year_start, "due_hours": due_hours, "first_month": first_month}
        members.update(last_month=last_month, **year_sum_plan(first_month, last_month))
        return [dict(r) for r in (await conn.execute(_MEMBER_FIGURES, members)).mappings()]
    start_hour = period.start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    days = {**day_span(period.start, period.end), "start_hour": start_hour}
    days.update(start_hour_utc=start_hour.replace(tzinfo=None), start_day_utc=start_hour.replace(hour=0, tzinfo=None))
    figures: dict[str, dict[str, Any]] = {}

    def at(community: str) -> dict[str, Any]:
        return figures.setdefault(community, {"reporting_in": 0, "active": 0, "party_members": 0, "on_track": 0})

    for row in (await conn.execute(_MEMBER_TALLY)).mappings():
        at(row["community"]).update(reporting_in=int(row["members"]), party_members=int(row["party"]))
    for row in (await conn.execute(_ACTIVE, {**span, **days})).mappings():
        at(row["community"])["active"] += int(row["n"])
    on_track = {"year": local_start.year, "due_hours": due_hours}
    for row in (await conn.execute(_PARTY_TOTALS, on_track)).mappings():
        f = at(row["community"])
        # A party member without hours this year has 0 of them.
        f["on_track"] += int(row["on_track"]) - (int(row["with_hours"]) if due_hours <= 0 else 0)
    if due_hours <= 0:
        for f in figures.values():
            f["on_track"] += f["party_members"]
    for row in (await conn.execute(_MEMBER_CORRECTIONS, {**span, **on_track})).mappings():
        f = at(row["community"])
        for key, column in (("reporting_in", "reporting"), ("party_members", "party"), ("active", "active")):
            f[key] += int(row[column])
        f["on_track"] += int(row["on_track"])
    return [{"community": c, **f} for c, f in sorted(figures.items()) if f["reporting_in"] > 0]


def day_edges(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The first and the last UTC midnight within [start, end); both `end` when no whole day lies between."""
    utc_start, utc_end = start.astimezone(UTC), end.astimezone(UTC)
    first = utc_start.replace(hour=0, minute=0, second=0, microsecond=0)
    if first < utc_start:
        first += timedelta(days=1)
    last = utc_end.replace(hour=0, minute=0, second=0, microsecond=0)
    return (first, last) if first < last else (utc_end, utc_end)


def year_sum_plan(first_month: datetime, last_month: datetime) -> dict[str, Any]:
    """Whether the whole months [first_month, last_month) are read as their UTC year's sum less the months
    from last_month to the year's end (`by_year`): only when they start in January and span over half of it."""
    by_year = first_month.month == 1 and first_month.day == 1 and (last_month - first_month).days > 183
    year_end = first_month.replace(year=first_month.year + 1)
    return {"by_year": by_year, "utc_year": first_month.year, "year_end": year_end}


def hour_edges(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The first and the last whole UTC hour boundaries within [start, end); both `end` when no whole hour
    lies between."""
    utc_start, utc_end = start.astimezone(UTC), end.astimezone(UTC)
    first = utc_start.replace(minute=0, second=0, microsecond=0)
    if first < utc_start:
        first += timedelta(hours=1)
    last = utc_end.replace(minute=0, second=0, microsecond=0)
    return (first, last) if first < last else (utc_end, utc_end)


def day_span(start: datetime, end: datetime) -> dict[str, Any]:
    """The parameters of _HOURS_FIGURES and _NEED_FIGURES for [start, end): the whole days, the whole hours
    around them (as UTC wall times, the hourly rollups' keys) and the partial hours at the edges."""
    first_day, last_day = day_edges(start, end)
    first_hour, last_hour = hour_edges(start, end)

    def utc(t: datetime) -> datetime:
        return t.astimezone(UTC).replace(tzinfo=None)

    return {
        "first_day": first_day,
        "last_day": last_day,
        "first_date": first_day.date(),
        "last_date": last_day.date(),
        "first_hour": first_hour,
        "last_hour": last_hour,
        "first_hour_utc": utc(first_hour),
        "last_hour_utc": utc(last_hour),
        "first_day_utc": utc(first_day),
        "last_day_utc": utc(last_day),
    }


def month_edges(year_start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The first and the last whole-UTC-month boundaries within [year_start, end); both `end` when no
    whole month lies between (then the entries alone are summed)."""
    utc_start, utc_end = year_start.astimezone(UTC), end.astimezone(UTC)
    first = utc_start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if first < utc_start:
        first = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
    last = utc_end.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return (first, last) if first < last else (utc_end, utc_end)


# Each hours entry of the period counted for every team its member belonged to on the entry's local day
# (from the start date to the end date, both included).
_TEAM_HOURS = text(
    "SELECT t.community, t.team_id, t.kind, sum(h.hours) AS hours, count(DISTINCT h.member_id) AS members "
    "FROM community_hours h JOIN community_team_members m ON m.member_id = h.member_id "
    "AND (m.start_date IS NULL OR m.start_date <= (h.at AT TIME ZONE :tz)::date) "
    "AND (m.end_date IS NULL OR (h.at AT TIME ZONE :tz)::date <= m.end_date) "
    "JOIN community_teams t ON t.team_id = m.team_id "
    "WHERE h.at >= :start AND h.at < :end GROUP BY t.community, t.team_id, t.kind ORDER BY t.community, t.team_id"
)
_REGISTERED = text(
    "SELECT community, count(*) AS registered FROM community_members "
    "WHERE registered_at >= :start AND registered_at < :end GROUP BY community"
)


# Each asked unit of each order posted in the period: answered (committing or declining) or not, and when.
_ORDER_ASKS = text(
    "SELECT o.community, u.unit, count(*) AS asks, count(a.unit) AS answered, "
    "count(a.unit) FILTER (WHERE NOT a.declined) AS committed, "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY a.response_seconds) AS median_seconds "
    "FROM community_orders o CROSS JOIN LATERAL unnest(o.units) AS u(unit) "
    "LEFT JOIN community_order_answers a ON a.order_id = o.order_id AND a.unit = u.unit "
    "WHERE o.posted_at >= :start AND o.posted_at < :end GROUP BY o.community, u.unit ORDER BY o.community, u.unit"
)
_ORDERS = text(
    "SELECT community, count(*) AS posted FROM community_orders WHERE posted_at >= :start AND posted_at < :end "
    "GROUP BY community"
)
_PROJECTS = text(
    "SELECT community, count(*) FILTER (WHERE status = 'active' AND created_at < :end) AS active, "
    "count(*) FILTER (WHERE done_at >= :start AND done_at < :end) AS done, "
    "COALESCE(sum(people_served) FILTER (WHERE (status = 'active' AND created_at < :end) "
    "OR (done_at >= :start AND done_at < :end)), 0) AS people_served "
    "FROM community_projects GROUP BY community"
)
_MEETINGS = text(
    "SELECT community, count(*) AS held, count(*) FILTER (WHERE quorate) AS quorate FROM community_meetings "
    "WHERE meeting_at >= :start AND meeting_at < :end GROUP BY community"
)
_TOPIC_STEPS = text(
    "SELECT community, step, count(*) AS n FROM community_topics WHERE collected_at < :end GROUP BY community, step"
)
_TO_DECISION = text(
    "SELECT community, percentile_cont(0.5) WITHIN GROUP "
    "(ORDER BY extract(epoch FROM decided_at - COALESCE(set_at, collected_at))) / 86400 AS days "
    "FROM community_topics WHERE decided_at >= :start AND decided_at < :end GROUP BY community"
)
_TO_ACTIONS_DONE = text(
    "WITH finished AS (SELECT d.community, d.decided_at, max(a.done_at) AS all_done FROM community_decisions d "
    "JOIN community_actions a ON a.decision_id = d.decision_id GROUP BY d.decision_id, d.community, d.decided_at "
    "HAVING count(*) = count(a.done_at)) "
    "SELECT community, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM all_done - decided_at)) "
    "/ 86400 AS days FROM finished WHERE all_done >= :start AND all_done < :end GROUP BY community"
)
_ACTIONS_BY_DUE = text(
    "SELECT community, count(*) AS decided, count(*) FILTER (WHERE done_at <= due) AS on_time "
    "FROM community_actions WHERE due >= :start AND due < :end AND (done_at IS NOT NULL OR due < :now) "
    "GROUP BY community"
)


async def forces_figures(conn: AsyncConnection, period: Period, now: datetime) -> dict[str, dict[str, Any]]:
    """Per community: units' answers to orders, projects and 议事 (docs/statistics.md)."""
    span = {"start": period.start, "end": period.end}
    out: dict[str, dict[str, Any]] = {}

    def at(community: str) -> dict[str, Any]:
        return out.setdefault(community, {"units": [], "steps": {}})

    for row in (await conn.execute(_ORDER_ASKS, span)).mappings():
        at(row["community"])["units"].append(dict(row))
    for row in (await conn.execute(_ORDERS, span)).mappings():
        at(row["community"])["orders_posted"] = row["posted"]
    for row in (await conn.execute(_PROJECTS, span)).mappings():
        if row["active"] or row["done"]:
            at(row["community"]).update(projects_active=row["active"], projects_done=row["done"])
            at(row["community"])["people_served"] = int(row["people_served"])
    for row in (await conn.execute(_MEETINGS, span)).mappings():
        at(row["community"]).update(meetings_held=row["held"], meetings_quorate=row["quorate"])
    for row in (await conn.execute(_TOPIC_STEPS, span)).mappings():
        at(row["community"])["steps"][row["step"]] = row["n"]
    for row in (await conn.execute(_TO_DECISION, span)).mappings():
        at(row["community"])["days_to_decision"] = row["days"]
    for row in (await conn.execute(_TO_ACTIONS_DONE, span)).mappings():
        at(row["community"])["days_to_actions_done"] = row["days"]
    for row in (await conn.execute(_ACTIONS_BY_DUE, {**span, "now": now})).mappings():
        at(row["community"]).update(actions_decided=row["decided"], actions_on_time=row["on_time"])
    return out


async def community_figures(
    conn: AsyncConnection, period: Period, *, year_start: datetime, due_hours: float, tz: str = "Asia/Shanghai"
) -> dict[str, dict[str, Any]]:
    """Per community, the raw counts and medians the figures are made of."""
    span = {"start": period.start, "end": period.end}
    out: dict[str, dict[str, Any]] = {}

    def at(community: str) -> dict[str, Any]:
        return out.setdefault(community, {"hours_by_source": {}})

    edges = day_span(period.start, period.end)
    for row in (await conn.execute(_NEED_FIGURES, {**span, **edges})).mappings():
        at(row["community"]).update({k: v for k, v in row.items() if k != "community"})
    for community, medians in (await wait_medians(conn, {**span, **edges})).items():
        at(community).update(medians)
    for row in (await conn.execute(_HOURS_FIGURES, {**span, **edges})).mappings():
        at(row["community"])["hours_by_source"][row["source"]] = (float(row["hours"]), int(row["entries"]))
    for figures in await member_figures(conn, period, year_start=year_start, due_hours=due_hours, tz=tz):
        at(figures["community"]).update({k: v for k, v in figures.items() if k != "community"})
    for row in (await conn.execute(_REGISTERED, span)).mappings():
        at(row["community"])["registered"] = row["registered"]
    for row in (await conn.execute(_TEAM_HOURS, {**span, "tz": tz})).mappings():
        at(row["community"]).setdefault("teams", []).append(dict(row))
    return out
