"""Writes of the community read model. Never commits: the consumer's transaction (with its dedupe row)
does. Every statement converges whatever order one aggregate's events arrive in (domain/community.py)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_tracking.domain.community import HoursRecord, MemberRecord, NeedRecord, ResourceRecord
from chuishao_tracking.domain.community_forces import OrderRecord, ProjectRecord, TeamRecord, TopicRecord

COMMUNITY_TABLES = (
    "community_needs",
    "community_claims",
    "community_members",
    "community_hours",
    "community_orders",
    "community_order_answers",
    "community_projects",
    "community_topics",
    "community_meetings",
    "community_decisions",
    "community_actions",
    "community_resources",
    "community_member_months",
    "community_hour_days",
    "community_member_years",
    "community_need_tally",
    "community_active_cells",
    "community_member_tally",
    "community_member_local_years",
    "community_party_year_totals",
    "community_unmatched_members",
    "community_need_days",
    "community_need_hours",
    "community_hour_hours",
    "community_need_waits",
    "community_teams",
    "community_team_members",
)

_SNAPSHOT = ("community", "grid", "kind", "status", "urgency", "helpers", "skills", "wanted_by", "claimant_kind")

_SAVE_NEED = text(
    "INSERT INTO community_needs (need_id, sequence, community, grid, kind, status, urgency, helpers, skills, "
    "wanted_by, claimant_kind, listed_at, recorded_at, claimed_at, confirmed_at, ended_at, satisfaction, "
    "release_count, lapse_count, updated_at) VALUES (:need_id, :sequence, :community, :grid, :kind, :status, "
    ":urgency, :helpers, :skills, :wanted_by, :claimant_kind, :at, :recorded_at, :claimed_at, :confirmed_at, "
    ":ended_at, :satisfaction, :release_count, :lapse_count, :at) "
    "ON CONFLICT (need_id) DO UPDATE SET "
    + ", ".join(
        f"{c} = CASE WHEN excluded.sequence > community_needs.sequence THEN excluded.{c} ELSE community_needs.{c} END"
        for c in (*_SNAPSHOT, "updated_at", "ended_at")
    )
    + ", sequence = GREATEST(community_needs.sequence, excluded.sequence), "
    "listed_at = LEAST(community_needs.listed_at, excluded.listed_at), "
    "recorded_at = LEAST(community_needs.recorded_at, excluded.recorded_at), "
    "claimed_at = LEAST(community_needs.claimed_at, excluded.claimed_at), "
    "confirmed_at = LEAST(community_needs.confirmed_at, excluded.confirmed_at), "
    "satisfaction = COALESCE(community_needs.satisfaction, excluded.satisfaction), "
    "release_count = GREATEST(community_needs.release_count, excluded.release_count), "
    "lapse_count = GREATEST(community_needs.lapse_count, excluded.lapse_count)"
)
# A claim's start (need.claimed) and its end (released, lapsed, confirmed, cancelled, whistled).
_SAVE_CLAIM = text(
    "INSERT INTO community_claims (claim_id, need_id, community, claimed_at, outcome, ended_at) VALUES "
    "(:claim_id, :need_id, :community, :claimed_at, :outcome, :ended_at) ON CONFLICT (claim_id) DO UPDATE SET "
    "claimed_at = LEAST(community_claims.claimed_at, excluded.claimed_at), "
    "outcome = COALESCE(community_claims.outcome, excluded.outcome), "
    "ended_at = COALESCE(community_claims.ended_at, excluded.ended_at)"
)
_SAVE_MEMBER = text(
    "INSERT INTO community_members (member_id, sequence, community, status, party_member, registered_at, "
    "active_since, left_at, updated_at) VALUES (:member_id, :sequence, :community, :status, :party_member, :at, "
    ":active_since, :left_at, :at) ON CONFLICT (member_id) DO UPDATE SET "
    + ", ".join(
        f"{c} = CASE WHEN excluded.sequence > community_members.sequence THEN excluded.{c} "
        f"ELSE community_members.{c} END"
        for c in ("community", "status", "party_member", "updated_at")
    )
    + ", sequence = GREATEST(community_members.sequence, excluded.sequence), "
    "registered_at = LEAST(community_members.registered_at, excluded.registered_at), "
    "active_since = LEAST(community_members.active_since, excluded.active_since), "
    "left_at = CASE WHEN excluded.sequence > community_members.sequence THEN excluded.left_at "
    "ELSE community_members.left_at END"
)
# The entry, and (only when the entry is new) its hours added to the member's month and year and to its
# community's day and source (all UTC): sums, so any order of arrival gives the same rollups.
_SAVE_HOURS = text(
    "WITH added AS (INSERT INTO community_hours (entry_id, member_id, community, hours, source, at) VALUES "
    "(:entry_id, :member_id, :community, :hours, :source, :at) ON CONFLICT DO NOTHING "
    "RETURNING member_id, community, source, hours, at), "
    "months AS (INSERT INTO community_member_months (member_id, month, hours) "
    "SELECT member_id, date_trunc('month', at AT TIME ZONE 'UTC')::date, hours FROM added "
    "ON CONFLICT (member_id, month) DO UPDATE SET hours = community_member_months.hours + excluded.hours), "
    "years AS (INSERT INTO community_member_years (member_id, year, hours) "
    "SELECT member_id, extract(year FROM at AT TIME ZONE 'UTC')::smallint, hours FROM added "
    "ON CONFLICT (year, member_id) DO UPDATE SET hours = community_member_years.hours + excluded.hours) "
    "INSERT INTO community_hour_days (day, community, source, hours, entries) "
    "SELECT (at AT TIME ZONE 'UTC')::date, community, source, hours, 1 FROM added "
    "ON CONFLICT (day, community, source) DO UPDATE SET hours = community_hour_days.hours + excluded.hours, "
    "entries = community_hour_days.entries + 1"
)
_ENDED = frozenset({"confirmed", "expired", "cancelled", "whistled"})


async def save_need(conn: AsyncConnection, r: NeedRecord) -> None:
    await conn.execute(
        _SAVE_NEED,
        {
            "need_id": r.need_id,
            "sequence": r.sequence,
            "community": r.community,
            "grid": r.grid,
            "kind": r.kind,
            "status": r.status,
            "urgency": r.urgency,
            "helpers": r.helpers,
            "skills": list(r.skills),
            "wanted_by": r.wanted_by,
            "claimant_kind": r.claimant_kind if r.status not in ("open", "expired") else None,
            "at": r.at,
            "recorded_at": r.at if r.type == "need.recorded" else None,
            "claimed_at": r.at if r.type == "need.claimed" else None,
            "confirmed_at": r.at if r.type == "need.confirmed" else None,
            "ended_at": r.at if r.status in _ENDED else None,
            "satisfaction": r.satisfaction,
            "release_count": r.release_count,
            "lapse_count": r.lapse_count,
        },
    )
    if r.claim_id and (r.type == "need.claimed" or r.claim_outcome):
        await conn.execute(
            _SAVE_CLAIM,
            {
                "claim_id": r.claim_id,
                "need_id": r.need_id,
                "community": r.community,
                "claimed_at": r.at if r.type == "need.claimed" else None,
                "outcome": r.claim_outcome,
                "ended_at": r.at if r.claim_outcome else None,
            },
        )


async def save_member(conn: AsyncConnection, r: MemberRecord) -> None:
    await conn.execute(
        _SAVE_MEMBER,
        {
            "member_id": r.member_id,
            "sequence": r.sequence,
            "community": r.community,
            "status": r.status,
            "party_member": r.party_member,
            "at": r.at,
            "active_since": r.at if r.status == "active" else None,
            "left_at": r.at if r.status == "left" else None,
        },
    )


async def save_hours(conn: AsyncConnection, r: HoursRecord) -> None:
    await conn.execute(
        _SAVE_HOURS,
        {
            "entry_id": r.entry_id,
            "member_id": r.member_id,
            "community": r.community,
            "hours": r.hours,
            "source": r.source,
            "at": r.at,
        },
    )


def _newer(table: str, column: str) -> str:
    return f"{column} = CASE WHEN excluded.sequence > {table}.sequence THEN excluded.{column} ELSE {table}.{column} END"


_SAVE_ORDER = text(
    "INSERT INTO community_orders (order_id, sequence, community, units, status, posted_at) VALUES (:order_id, "
    ":sequence, :community, :units, :status, :posted_at) ON CONFLICT (order_id) DO UPDATE SET "
    + ", ".join(_newer("community_orders", c) for c in ("community", "units", "status"))
    + ", sequence = GREATEST(community_orders.sequence, excluded.sequence), "
    "posted_at = LEAST(community_orders.posted_at, excluded.posted_at)"
)
_SAVE_ANSWER = text(
    "INSERT INTO community_order_answers (order_id, unit, community, responded_at, declined, response_seconds) "
    "VALUES (:order_id, :unit, :community, :at, :declined, :response_seconds) ON CONFLICT DO NOTHING"
)
_SAVE_PROJECT = text(
    "INSERT INTO community_projects (project_id, sequence, community, status, people_served, period_from, "
    "period_to, created_at, done_at) VALUES (:project_id, :sequence, :community, :status, :people_served, "
    ":period_from, :period_to, :at, :done_at) ON CONFLICT (project_id) DO UPDATE SET "
    + ", ".join(
        _newer("community_projects", c) for c in ("community", "status", "people_served", "period_from", "period_to")
    )
    + ", sequence = GREATEST(community_projects.sequence, excluded.sequence), "
    "created_at = LEAST(community_projects.created_at, excluded.created_at), "
    "done_at = LEAST(community_projects.done_at, excluded.done_at)"
)
_SAVE_TOPIC = text(
    "INSERT INTO community_topics (topic_id, sequence, community, step, collected_at, set_at, decided_at) VALUES "
    "(:topic_id, :sequence, :community, :step, :at, :set_at, :decided_at) ON CONFLICT (topic_id) DO UPDATE SET "
    + ", ".join(_newer("community_topics", c) for c in ("community", "step"))
    + ", sequence = GREATEST(community_topics.sequence, excluded.sequence), "
    "collected_at = LEAST(community_topics.collected_at, excluded.collected_at), "
    "set_at = LEAST(community_topics.set_at, excluded.set_at), "
    "decided_at = LEAST(community_topics.decided_at, excluded.decided_at)"
)
_SAVE_MEETING = text(
    "INSERT INTO community_meetings (meeting_id, topic_id, community, meeting_at, quorate) VALUES (:meeting_id, "
    ":topic_id, :community, :meeting_at, :quorate) ON CONFLICT DO NOTHING"
)
_SAVE_DECISION = text(
    "INSERT INTO community_decisions (decision_id, topic_id, community, decided_at) VALUES (:decision_id, "
    ":topic_id, :community, :at) ON CONFLICT (decision_id) DO UPDATE SET "
    "decided_at = LEAST(community_decisions.decided_at, excluded.decided_at)"
)
_SAVE_ACTION = text(
    "INSERT INTO community_actions (action_id, sequence, decision_id, topic_id, community, status, due, done_at) "
    "VALUES (:action_id, :sequence, :decision_id, :topic_id, :community, :status, :due, :done_at) "
    "ON CONFLICT (action_id) DO UPDATE SET "
    + ", ".join(_newer("community_actions", c) for c in ("status", "due"))
    + ", sequence = GREATEST(community_actions.sequence, excluded.sequence), "
    "decision_id = COALESCE(community_actions.decision_id, excluded.decision_id), "
    "done_at = LEAST(community_actions.done_at, excluded.done_at)"
)


async def save_order(conn: AsyncConnection, r: OrderRecord) -> None:
    await conn.execute(
        _SAVE_ORDER,
        {
            "order_id": r.order_id,
            "sequence": r.sequence,
            "community": r.community,
            "units": list(r.units),
            "status": r.status,
            "posted_at": r.at if r.type == "order.posted" else None,
        },
    )
    if r.unit:
        await conn.execute(
            _SAVE_ANSWER,
            {
                "order_id": r.order_id,
                "unit": r.unit,
                "community": r.community,
                "at": r.at,
                "declined": r.declined,
                "response_seconds": r.response_seconds,
            },
        )


async def save_project(conn: AsyncConnection, r: ProjectRecord) -> None:
    await conn.execute(
        _SAVE_PROJECT,
        {
            "project_id": r.project_id,
            "sequence": r.sequence,
            "community": r.community,
            "status": r.status,
            "people_served": r.people_served,
            "period_from": r.period_from,
            "period_to": r.period_to,
            "at": r.at,
            "done_at": r.at if r.status == "done" else None,
        },
    )


async def save_topic(conn: AsyncConnection, r: TopicRecord) -> None:
    await conn.execute(
        _SAVE_TOPIC,
        {
            "topic_id": r.topic_id,
            "sequence": r.sequence,
            "community": r.community,
            "step": r.step,
            "at": r.at,
            "set_at": r.at if r.type == "topic.set" else None,
            "decided_at": r.at if r.type == "meeting.decided" else None,
        },
    )
    common = {"topic_id": r.topic_id, "community": r.community}
    if r.type == "meeting.held" and r.meeting_id and r.meeting_at:
        await conn.execute(
            _SAVE_MEETING, {**common, "meeting_id": r.meeting_id, "meeting_at": r.meeting_at, "quorate": r.quorate}
        )
    if r.type == "meeting.decided" and r.decision_id:
        await conn.execute(_SAVE_DECISION, {**common, "decision_id": r.decision_id, "at": r.at})
    if r.action_id and r.action_status:
        await conn.execute(
            _SAVE_ACTION,
            {
                **common,
                "action_id": r.action_id,
                "sequence": r.sequence,
                "decision_id": r.decision_id,
                "status": r.action_status,
                "due": r.due,
                "done_at": r.at if r.type == "action.done" else None,
            },
        )


_RESOURCE_COLUMNS = ("community", "provider", "kind", "status", "life_circle", "capacity", "lon", "lat", "updated_at")
_SAVE_RESOURCE = text(
    "INSERT INTO community_resources (resource_id, sequence, community, provider, kind, status, life_circle, "
    "capacity, lon, lat, offered_at, updated_at) VALUES (:resource_id, :sequence, :community, :provider, :kind, "
    ":status, :life_circle, :capacity, :lon, :lat, :at, :at) ON CONFLICT (resource_id) DO UPDATE SET "
    + ", ".join(
        f"{c} = CASE WHEN excluded.sequence > community_resources.sequence THEN excluded.{c} "
        f"ELSE community_resources.{c} END"
        for c in _RESOURCE_COLUMNS
    )
    + ", sequence = GREATEST(community_resources.sequence, excluded.sequence), "
    "offered_at = LEAST(community_resources.offered_at, excluded.offered_at)"
)


async def save_resource(conn: AsyncConnection, r: ResourceRecord) -> None:
    await conn.execute(
        _SAVE_RESOURCE,
        {
            "resource_id": r.resource_id,
            "sequence": r.sequence,
            "community": r.community,
            "provider": r.provider,
            "kind": r.kind,
            "status": r.status,
            "life_circle": r.life_circle,
            "capacity": r.capacity,
            "lon": r.lon,
            "lat": r.lat,
            "at": r.at,
        },
    )


_SAVE_TEAM = text(
    "INSERT INTO community_teams (team_id, sequence, community, kind) VALUES (:team_id, :sequence, :community, "
    ":kind) ON CONFLICT (team_id) DO UPDATE SET "
    + ", ".join(_newer("community_teams", c) for c in ("community", "kind"))
    + ", sequence = GREATEST(community_teams.sequence, excluded.sequence)"
)
_SAVE_TEAM_MEMBER = text(
    "INSERT INTO community_team_members (membership_id, sequence, team_id, member_id, start_date, end_date) VALUES "
    "(:membership_id, :sequence, :team_id, :member_id, :start_date, :end_date) ON CONFLICT (membership_id) DO UPDATE "
    "SET "
    + ", ".join(_newer("community_team_members", c) for c in ("start_date", "end_date"))
    + ", sequence = GREATEST(community_team_members.sequence, excluded.sequence)"
)


async def save_team(conn: AsyncConnection, r: TeamRecord) -> None:
    await conn.execute(
        _SAVE_TEAM, {"team_id": r.team_id, "sequence": r.sequence, "community": r.community, "kind": r.kind}
    )
    if r.membership_id and r.member_id:
        await conn.execute(
            _SAVE_TEAM_MEMBER,
            {
                "membership_id": r.membership_id,
                "sequence": r.sequence,
                "team_id": r.team_id,
                "member_id": r.member_id,
                "start_date": r.start_date,
                "end_date": r.end_date,
            },
        )
